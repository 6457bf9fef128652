"""Opening, migrating, locking and refusing journal files."""

from __future__ import annotations

import os
import sqlite3

import pytest

from gratitude_desktop.store import db as store_db
from gratitude_desktop.store.db import latest_schema_version, migrate, open_journal
from gratitude_desktop.store.errors import JournalLocked, NotADatabase, SchemaTooNew


def test_new_journal_is_private_wal_with_foreign_keys(data_dir):
    journal = open_journal(data_dir)
    try:
        assert journal.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert journal.db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        version = journal.db.execute_sql("PRAGMA user_version").fetchone()[0]
        assert version == latest_schema_version() >= 2
        if os.name == "posix":
            assert os.stat(data_dir).st_mode & 0o777 == 0o700
            assert os.stat(journal.path).st_mode & 0o777 == 0o600
    finally:
        journal.close()


def test_existing_folder_is_tightened_to_owner_only(tmp_path):
    folder = tmp_path / "loose"
    folder.mkdir(mode=0o755)
    journal = open_journal(folder)
    journal.close()
    if os.name == "posix":
        assert os.stat(folder).st_mode & 0o777 == 0o700


def test_a_first_schema_database_is_migrated_and_its_contacts_become_searchable(data_dir):
    data_dir.mkdir()
    path = data_dir / "journal.sqlite3"
    first = store_db.connect(path)
    first.connect()
    migrate(first, target="0001_initial")
    assert first.execute_sql("PRAGMA user_version").fetchone()[0] == 1
    first.execute_sql(
        "INSERT INTO contact (display_name, sort_key, stage, circles, dnc_channels, created_at, "
        "updated_at) VALUES ('Grace Hopper', 'grace hopper', 'client', '', '', "
        "'2020-01-01 10:00:00', '2020-01-01 10:00:00')"
    )
    first.close()

    journal = open_journal(data_dir)
    try:
        from gratitude_desktop.store.queries import ContactFilter, contact_page

        assert (
            journal.db.execute_sql("PRAGMA user_version").fetchone()[0] == latest_schema_version()
        )
        names = [r.display_name for r in contact_page(ContactFilter(text="hopp"), 0, 10)]
        assert names == ["Grace Hopper"]
        applied = [
            n for (n,) in journal.db.execute_sql("SELECT name FROM schema_migration ORDER BY id")
        ]
        assert applied[:2] == ["0001_initial", "0002_search"]
        (kept,) = list((data_dir / "backups").glob("journal-*-before-migration.sqlite3"))
        assert kept.stat().st_size > 0
    finally:
        journal.close()


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(data_dir):
    data_dir.mkdir()
    path = data_dir / "journal.sqlite3"
    garbage = b"PK\x03\x04 this is a zip, not a journal" * 20
    path.write_bytes(garbage)
    with pytest.raises(NotADatabase) as caught:
        open_journal(data_dir)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == garbage


def test_a_damaged_sqlite_header_file_is_refused(data_dir):
    data_dir.mkdir()
    path = data_dir / "journal.sqlite3"
    damaged = b"SQLite format 3\x00" + b"\xff" * 200
    path.write_bytes(damaged)
    with pytest.raises(NotADatabase):
        open_journal(data_dir)
    assert path.read_bytes() == damaged


def test_a_journal_from_a_newer_version_is_refused_and_left_untouched(data_dir):
    data_dir.mkdir()
    path = data_dir / "journal.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew) as caught:
        open_journal(data_dir)
    assert caught.value.found == 99
    assert "newer Gratitude" in str(caught.value)
    assert path.read_bytes() == before


def test_a_second_copy_cannot_open_the_same_journal(data_dir):
    first = open_journal(data_dir)
    try:
        with pytest.raises(JournalLocked) as caught:
            open_journal(data_dir)
        assert str(os.getpid()) in str(caught.value)
    finally:
        first.close()
    # Once the first copy closes, the journal opens again.
    open_journal(data_dir).close()


def test_readers_may_open_without_the_lock_while_the_window_holds_it(data_dir):
    holder = open_journal(data_dir)
    try:
        reader = open_journal(data_dir, lock=False)
        reader.close()
    finally:
        holder.close()


def test_a_read_only_journal_can_be_read_but_not_written(data_dir):
    from peewee import OperationalError

    from gratitude_desktop.journal.contacts import ContactData, save_contact
    from gratitude_desktop.store.models import Contact

    first = open_journal(data_dir)
    save_contact(ContactData(display_name="Ada"))
    first.close()
    before = (data_dir / "journal.sqlite3").read_bytes()

    reader = open_journal(data_dir, read_only=True)
    try:
        assert reader.read_only
        assert [c.display_name for c in Contact.select()] == ["Ada"]
        with pytest.raises(OperationalError):
            save_contact(ContactData(display_name="Bob"))
    finally:
        reader.close()
    assert (data_dir / "journal.sqlite3").read_bytes() == before


def test_a_read_only_folder_without_a_journal_is_refused_clearly(data_dir):
    from gratitude_desktop.store.errors import ReadOnlyFolder

    data_dir.mkdir()
    with pytest.raises(ReadOnlyFolder, match="cannot write"):
        open_journal(data_dir, read_only=True)


def test_a_journal_before_0006_gets_a_search_index_without_word_positions(data_dir):
    data_dir.mkdir()
    path = data_dir / "journal.sqlite3"
    old = store_db.connect(path)
    old.connect()
    migrate(old, target="0005_next_step")
    old.execute_sql(
        "INSERT INTO contact (display_name, sort_key, stage, circles, dnc_channels, created_at, "
        "updated_at, notes) VALUES ('Grace Hopper', 'grace hopper', 'client', '', '', "
        "'2020-01-01 10:00:00', '2020-01-01 10:00:00', 'found a moth')"
    )
    old.execute_sql(
        "INSERT INTO contact_search (rowid, names, organization, methods, notes) "
        "VALUES (1, 'Grace Hopper', '', '', 'found a moth')"
    )
    old.close()

    journal = open_journal(data_dir)
    try:
        from gratitude_desktop.store.queries import ContactFilter, contact_page

        (sql,) = journal.db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'contact_search'"
        ).fetchone()
        assert "detail=column" in sql
        for text in ("hopp", "moth", "grace mo"):
            names = [r.display_name for r in contact_page(ContactFilter(text=text), 0, 10)]
            assert names == ["Grace Hopper"], text
    finally:
        journal.close()


def test_a_write_transaction_takes_the_write_lock_before_it_reads(journal):
    """A transaction that read first and wrote after another connection's commit failed
    with 'database is locked' at once (WAL cannot move a snapshot forward); now the
    write lock is taken at BEGIN, waiting for it as long as the busy timeout allows."""
    from gratitude_desktop.journal.settings import get_setting, set_setting
    from gratitude_desktop.store.models import database

    other = sqlite3.connect(journal.path, timeout=0, isolation_level=None)
    try:
        with database.atomic():
            assert get_setting("probe") is None  # a read first
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("INSERT INTO setting (key, value) VALUES ('other', '1')")
            set_setting("probe", 1)  # and the write after it cannot fail on a moved snapshot
        other.execute("INSERT INTO setting (key, value) VALUES ('other', '1')")
    finally:
        other.close()
    assert get_setting("probe") == 1 and get_setting("other") == 1


def test_a_reading_transaction_leaves_others_free_to_write(journal):
    from gratitude_desktop.journal.settings import get_setting
    from gratitude_desktop.store.db import reading

    other = sqlite3.connect(journal.path, timeout=0, isolation_level=None)
    try:
        with reading():
            assert get_setting("other") is None
            other.execute("INSERT INTO setting (key, value) VALUES ('other', '1')")
            assert get_setting("other") is None  # still the snapshot it began with
        assert get_setting("other") == 1
    finally:
        other.close()
