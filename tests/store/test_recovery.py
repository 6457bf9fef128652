"""Backup folder setting, live restore, damaged journals moved aside and recovered; CLI."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from gratitude_desktop import cli, paths
from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.settings import set_setting
from gratitude_desktop.store import backup, recovery
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.models import Contact


def damage(path):
    """Overwrite the middle of the file so SQLite's check fails (the header stays)."""
    data = bytearray(path.read_bytes())
    for i in range(4096 + 100, min(len(data), 4096 * 3)):
        data[i] = 0xA5
    path.write_bytes(bytes(data))


def test_backup_folder_defaults_to_the_data_folder_and_follows_the_setting(journal, tmp_path):
    assert recovery.backup_folder(journal.data_dir) == paths.backups_dir(journal.data_dir)
    set_setting("backup_dir", str(tmp_path / "elsewhere"))
    assert recovery.backup_folder(journal.data_dir) == tmp_path / "elsewhere"


def test_restore_live_brings_back_the_backup_and_the_journal_stays_usable(journal, tmp_path):
    save_contact(ContactData(display_name="Ada"))
    old = recovery.back_up(journal.path, tmp_path, "manual", dt.datetime(2026, 1, 1))
    save_contact(ContactData(display_name="Bob"))
    safety = recovery.restore_live(journal, old, tmp_path)
    assert [c.display_name for c in Contact.select()] == ["Ada"]
    assert backup.list_backups(tmp_path)[0].path == safety
    save_contact(ContactData(display_name="Cleo"))  # the connection was reopened
    assert Contact.select().count() == 2


def _journal_with_backup(data_dir):
    journal = open_journal(data_dir)
    for n in range(300):
        save_contact(ContactData(display_name=f"Person {n}", notes="x" * 200))
    journal.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    made = recovery.back_up(journal.path, recovery.backup_folder(data_dir), "daily")
    journal.close()
    return made


def test_a_damaged_journal_is_moved_aside_and_replaced_by_the_latest_good_backup(data_dir):
    made = _journal_with_backup(data_dir)
    database = paths.database_path(data_dir)
    damage(database)
    assert recovery.is_damaged(database)
    aside, used = recovery.recover_from_backup(data_dir, now=dt.datetime(2026, 11, 23, 9))
    assert used == made
    assert aside.name == "journal.damaged-20261123-090000.sqlite3"
    assert aside.exists() and not backup.integrity_ok(aside)  # kept, never deleted
    assert not recovery.is_damaged(database)
    journal = open_journal(data_dir)
    try:
        assert Contact.select().count() == 300
    finally:
        journal.close()


def test_without_a_good_backup_nothing_is_moved(data_dir):
    journal = open_journal(data_dir)
    journal.close()
    with pytest.raises(FileNotFoundError):
        recovery.recover_from_backup(data_dir)
    assert paths.database_path(data_dir).exists()


def test_cli_backup_writes_the_file_named_by_o(journal, tmp_path, capsys):
    save_contact(ContactData(display_name="Ada"))
    target = tmp_path / "copy.sqlite3"
    assert cli.main(["backup", "-o", str(target)]) == 0
    assert backup.integrity_ok(target)
    if os.name == "posix":
        assert os.stat(target).st_mode & 0o777 == 0o600
    assert str(target) in capsys.readouterr().out


def test_cli_backup_goes_to_the_backup_folder(journal):
    assert cli.main(["backup"]) == 0
    (info,) = backup.list_backups(paths.backups_dir(journal.data_dir))
    assert info.reason == "manual"


def test_cli_restore_is_refused_while_the_window_holds_the_lock(journal, tmp_path, capsys):
    save_contact(ContactData(display_name="Ada"))
    made = backup.take_backup(journal.path, tmp_path)
    assert cli.main(["restore", str(made)]) == 1
    assert "already open" in capsys.readouterr().err


def test_cli_restore_replaces_the_journal(data_dir, tmp_path, capsys):
    journal = open_journal(data_dir)
    save_contact(ContactData(display_name="Ada"))
    made = backup.take_backup(journal.path, tmp_path)
    save_contact(ContactData(display_name="Bob"))
    journal.close()
    assert cli.main(["restore", str(made)]) == 0
    journal = open_journal(data_dir)
    try:
        assert [c.display_name for c in Contact.select()] == ["Ada"]
    finally:
        journal.close()
    assert backup.list_backups(paths.backups_dir(data_dir))[0].reason == "before-restore"


def test_cli_restore_refuses_a_file_that_is_not_a_backup(data_dir, tmp_path, capsys):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all")
    assert cli.main(["restore", str(junk)]) == 2
    assert "not a Gratitude backup" in capsys.readouterr().err


def test_cli_on_a_damaged_journal_says_so_and_exits_1(data_dir, capsys):
    _journal_with_backup(data_dir)
    damage(paths.database_path(data_dir))
    assert cli.main(["agenda"]) == 1
    assert "damaged" in capsys.readouterr().err


def test_cli_import_takes_a_backup_first_but_not_for_a_dry_run(journal, tmp_path):
    csv = tmp_path / "people.csv"
    csv.write_text("Name,E-mail Address\nAda,ada@example.org\n", encoding="utf-8")
    folder = paths.backups_dir(journal.data_dir)
    journal.close()
    assert cli.main(["import", "--dry-run", str(csv)]) == 0
    assert backup.list_backups(folder) == []
    assert cli.main(["import", str(csv)]) == 0
    assert [b.reason for b in backup.list_backups(folder)] == ["before-import"]


def test_back_up_journal_writes_into_the_journals_backup_folder(journal):
    from gratitude_desktop import paths as app_paths
    from gratitude_desktop.store import recovery as store_recovery

    made = store_recovery.back_up_journal(journal.data_dir, "before-import")
    assert made.parent == store_recovery.backup_folder(journal.data_dir)
    assert made.parent == app_paths.backups_dir(journal.data_dir)
    assert "before-import" in made.name and made.stat().st_size > 0
