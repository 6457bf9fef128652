"""Restore checks what it restores: hostile files built from a real backup are refused.

Each file is refused with one line naming it and what is wrong, by the command line,
by the window's restore (store.recovery.restore_live) and by the damaged-journal
recovery, and the journal is left exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from gratitude_desktop import cli, paths
from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact
from gratitude_desktop.store import backup, backup_check, recovery
from gratitude_desktop.store.db import latest_schema_version, migrate, open_journal
from gratitude_desktop.store.models import Contact, ContactMethod


def fill(n: int = 3) -> None:
    for i in range(n):
        save_contact(
            ContactData(
                display_name=f"Person {i}",
                notes="kept",
                methods=[MethodData(kind="email", value=f"p{i}@example.org")],
            )
        )


@pytest.fixture
def good(journal, tmp_path) -> Path:
    """A real backup of a journal with three contacts (the journal then holds a fourth)."""
    fill(3)
    made = backup.take_backup(journal.path, tmp_path / "made", "manual")
    save_contact(ContactData(display_name="Added after the backup"))
    return made


def database(target: Path, *sql: str) -> Path:
    """`target` (a new or copied file) changed by `sql`, run as plain SQLite (no app code)."""
    conn = sqlite3.connect(target)
    try:
        for statement in sql:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()
    return target


def edited(good: Path, tmp_path: Path, name: str, *sql: str) -> Path:
    """A copy of the good backup changed by `sql`."""
    target = tmp_path / f"{name}.sqlite3"
    shutil.copyfile(good, target)
    return database(target, *sql)


def corrupt_page(good: Path, tmp_path: Path) -> Path:
    target = tmp_path / "corrupt.sqlite3"
    data = bytearray(good.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    for i in range(2 * page + 8, 3 * page):  # a b-tree page, its header kept
        data[i] = 0x5A
    target.write_bytes(bytes(data))
    return target


def other_program(tmp_path: Path) -> Path:
    return database(
        tmp_path / "places.sqlite",
        "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)",
        "INSERT INTO moz_places (url) VALUES ('https://example.org')",
        "PRAGMA user_version = 74",
    )


def blank(tmp_path: Path) -> Path:
    """An SQLite file with nothing in it (not 0 bytes: a header and an empty schema)."""
    return database(tmp_path / "blank.sqlite3", "CREATE TABLE t (x)", "DROP TABLE t")


def clashing(tmp_path: Path) -> Path:
    """A journal of the current version whose `contact` table has another shape."""
    return database(
        tmp_path / "clash.sqlite3",
        "CREATE TABLE contact (id INTEGER PRIMARY KEY, name TEXT)",
        f"PRAGMA user_version = {latest_schema_version()}",
    )


def hostile_files(good: Path, tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, words the refusal must contain)."""
    latest = latest_schema_version()
    return {
        "trigger": (
            edited(
                good,
                tmp_path,
                "trigger",
                "CREATE TRIGGER wipe AFTER INSERT ON contact BEGIN "
                "DELETE FROM contact_method; UPDATE contact SET notes = 'gone'; END",
            ),
            "trigger “wipe”",
        ),
        "extra table and view": (
            edited(
                good,
                tmp_path,
                "extra",
                "CREATE TABLE loot (what TEXT)",
                "CREATE VIEW everyone AS SELECT display_name FROM contact",
                "CREATE TRIGGER leak AFTER UPDATE ON contact BEGIN "
                "INSERT INTO loot VALUES (NEW.notes); END",
            ),
            "Gratitude does not make",
        ),
        "trigger named like statistics": (
            edited(
                good,
                tmp_path,
                "stat",
                "PRAGMA writable_schema = ON",
                "INSERT INTO sqlite_master VALUES ('trigger', 'sqlite_stat1', 'contact', 0, "
                "'CREATE TRIGGER sqlite_stat1 AFTER INSERT ON contact BEGIN "
                "DELETE FROM contact; END')",
            ),
            "trigger “sqlite_stat1”",
        ),
        "dropped table": (edited(good, tmp_path, "dropped", "DROP TABLE snooze"), "“snooze”"),
        "future version": (
            edited(good, tmp_path, "future", f"PRAGMA user_version = {latest + 1}"),
            "newer Gratitude",
        ),
        "changed column": (
            edited(good, tmp_path, "column", "ALTER TABLE contact ADD COLUMN evil TEXT"),
            "table “contact” is not the one Gratitude makes",
        ),
        "clashing table": (clashing(tmp_path), "table “contact” is not the one"),
        "other program": (other_program(tmp_path), "not a Gratitude backup"),
        "blank": (blank(tmp_path), "empty database"),
        "empty": (tmp_path / "empty.sqlite3", "empty (0 bytes)"),
        "garbage": (tmp_path / "garbage.sqlite3", "not an SQLite database"),
        "corrupt page": (corrupt_page(good, tmp_path), "damaged"),
        "folder": (tmp_path, "not a regular file"),
        "missing": (tmp_path / "nowhere.sqlite3", "no such file"),
    }


@pytest.fixture
def hostile(good, tmp_path):
    (tmp_path / "empty.sqlite3").write_bytes(b"")
    (tmp_path / "garbage.sqlite3").write_bytes(os.urandom(10_000))
    return hostile_files(good, tmp_path)


def snapshot(path: Path) -> list[str]:
    """Everything the journal holds, as SQL (read-only, so taking it changes nothing)."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


CASES = [
    "trigger",
    "trigger named like statistics",
    "extra table and view",
    "dropped table",
    "future version",
    "changed column",
    "clashing table",
    "other program",
    "blank",
    "empty",
    "garbage",
    "corrupt page",
    "folder",
    "missing",
]


def test_the_good_backup_passes_and_its_schema_is_what_the_app_builds(good, journal):
    assert backup_check.check_file(good) == latest_schema_version()
    with sqlite3.connect(journal.path) as conn:
        assert (
            backup_check.schema_of(conn) == backup_check.expected_schema(latest_schema_version())[0]
        )


@pytest.mark.parametrize("case", CASES)
def test_cli_restore_refuses_a_hostile_file_in_one_line_and_changes_nothing(
    case, hostile, journal, capsys
):
    source, words = hostile[case]
    journal.close()  # as when no window is open
    before = snapshot(journal.path)
    backups_before = sorted(paths.backups_dir(journal.data_dir).glob("*"))
    assert cli.main(["restore", str(source)]) == cli.EXIT_REFUSED
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(source) in err and words in err, err
    assert "the journal was left as it was" in err
    assert snapshot(journal.path) == before
    assert sorted(paths.backups_dir(journal.data_dir).glob("*")) == backups_before


@pytest.mark.parametrize("case", CASES)
def test_the_windows_restore_refuses_a_hostile_file_and_the_journal_works_on(
    case, hostile, journal, tmp_path
):
    source, words = hostile[case]
    count = Contact.select().count()
    with pytest.raises(backup_check.BackupRefused, match=re.escape(words)):
        recovery.restore_live(journal, source, tmp_path / "safety")
    assert Contact.select().count() == count == 4
    save_contact(ContactData(display_name="Still writable"))  # reconnected, unchanged schema
    assert not (tmp_path / "safety").exists()  # refused before the safety backup


@pytest.mark.parametrize("case", ["trigger", "future version", "dropped table", "garbage"])
def test_the_damaged_journal_recovery_refuses_a_hostile_file_and_moves_nothing(
    case, hostile, journal
):
    source, words = hostile[case]
    journal.close()
    with pytest.raises(backup_check.BackupRefused, match=re.escape(words)):
        recovery.recover_from_backup(journal.data_dir, source)
    assert sorted(p.name for p in journal.data_dir.glob("journal*.sqlite3")) == ["journal.sqlite3"]


def test_the_damaged_journal_recovery_skips_hostile_backups_for_the_latest_good_one(
    good, journal, tmp_path
):
    folder = recovery.backup_folder(journal.data_dir)
    older = backup.take_backup(journal.path, folder, "daily", dt.datetime(2026, 1, 1))
    newest = folder / "journal-20260102-000000-daily.sqlite3"
    shutil.copyfile(
        edited(
            good,
            tmp_path,
            "trap",
            "CREATE TRIGGER t AFTER INSERT ON contact BEGIN DELETE FROM contact; END",
        ),  # fmt: skip
        newest,
    )
    assert recovery.latest_good_backup(folder).path == older


def test_a_booby_trapped_backup_cannot_wipe_methods_on_the_next_import(hostile, journal):
    """The issue's first case, end to end: refused, so the next save keeps every method."""
    source, _ = hostile["trigger"]
    journal.close()
    assert cli.main(["restore", str(source)]) == cli.EXIT_REFUSED
    reopened = open_journal(journal.data_dir)
    try:
        save_contact(ContactData(display_name="New"))
        assert ContactMethod.select().count() == 3
        assert {c.notes for c in Contact.select() if c.notes} == {"kept"}
    finally:
        reopened.close()


def test_an_older_known_version_is_restored_then_brought_up_to_date(journal, tmp_path):
    old = tmp_path / "v5.sqlite3"
    from peewee import SqliteDatabase

    db = SqliteDatabase(str(old))
    db.connect()
    migrate(db, "0005_next_step")
    db.execute_sql(
        "INSERT INTO contact (display_name, sort_key, stage, circles, dnc_channels, "
        "created_at, updated_at) VALUES ('From v5', 'from v5', 'prospect', '[]', '[]', "
        "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
    )
    db.close()
    assert backup_check.check_file(old) == 5
    recovery.restore_live(journal, old, tmp_path / "safety")
    assert [c.display_name for c in Contact.select()] == ["From v5"]
    version = journal.db.execute_sql("PRAGMA user_version").fetchone()[0]
    assert version == latest_schema_version()
    with sqlite3.connect(journal.path) as conn:
        assert backup_check.schema_of(conn) == backup_check.expected_schema(version)[0]


def test_an_old_version_with_a_missing_migration_record_is_refused(journal, tmp_path):
    old = tmp_path / "v5.sqlite3"
    from peewee import SqliteDatabase

    db = SqliteDatabase(str(old))
    db.connect()
    migrate(db, "0005_next_step")
    db.execute_sql("DELETE FROM schema_migration WHERE name = '0003_agenda'")
    db.close()
    with pytest.raises(backup_check.BackupRefused, match="record of schema updates"):
        backup_check.check_file(old)
