"""Backups: taken consistently, rotated, listed with counts, restored after a safety copy."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.store import backup
from gratitude_desktop.store.models import Contact


def test_a_backup_is_a_private_readable_copy_with_its_contact_count(journal, tmp_path):
    save_contact(ContactData(display_name="Ada"))
    save_contact(ContactData(display_name="Bob"))
    folder = tmp_path / "backups"
    made = backup.take_backup(journal.path, folder, "manual", dt.datetime(2026, 11, 23, 9, 0, 0))
    assert made.name == "journal-20261123-090000-manual.sqlite3"
    (info,) = backup.list_backups(folder)
    assert (info.contacts, info.reason, info.taken_at) == (
        2,
        "manual",
        dt.datetime(2026, 11, 23, 9),
    )
    assert backup.integrity_ok(made)
    if os.name == "posix":
        assert os.stat(made).st_mode & 0o777 == 0o600
        assert os.stat(folder).st_mode & 0o777 == 0o700


def test_two_backups_in_the_same_second_do_not_overwrite(journal, tmp_path):
    when = dt.datetime(2026, 11, 23, 9)
    a = backup.take_backup(journal.path, tmp_path, "import", when)
    b = backup.take_backup(journal.path, tmp_path, "import", when)
    assert a != b and a.exists() and b.exists()


def test_rotation_keeps_seven_days_four_weeks_twelve_months(journal, tmp_path):
    start = dt.datetime(2025, 1, 1, 12)
    for day in range(400):
        backup.take_backup(journal.path, tmp_path, "daily", start + dt.timedelta(days=day))
    now = start + dt.timedelta(days=399)
    backup.rotate(tmp_path, now)
    kept = [b.taken_at.date() for b in backup.list_backups(tmp_path)]
    newest_days = [(now - dt.timedelta(days=d)).date() for d in range(7)]
    assert set(newest_days) <= set(kept)
    months = {(d.year, d.month) for d in kept}
    assert len(months) == 12
    assert len(kept) <= 7 + 4 + 12


def test_startup_backup_only_when_the_last_is_a_day_old(journal, tmp_path):
    now = dt.datetime(2026, 11, 23, 9)
    assert backup.backup_if_stale(journal.path, tmp_path, now=now) is not None
    assert backup.backup_if_stale(journal.path, tmp_path, now=now + dt.timedelta(hours=5)) is None
    assert (
        backup.backup_if_stale(journal.path, tmp_path, now=now + dt.timedelta(days=1)) is not None
    )


def test_restore_brings_back_the_old_state_and_keeps_the_current_one(journal, tmp_path):
    save_contact(ContactData(display_name="Ada"))
    old = backup.take_backup(journal.path, tmp_path, "manual", dt.datetime(2026, 1, 1))
    save_contact(ContactData(display_name="Bob"))
    journal.db.close()
    safety = backup.restore_into(old, journal.path, tmp_path)
    journal.db.connect()
    assert [c.display_name for c in Contact.select()] == ["Ada"]
    assert backup.list_backups(tmp_path)[0].path == safety
    assert next(b for b in backup.list_backups(tmp_path) if b.path == safety).contacts == 2


def test_a_damaged_backup_is_refused_and_the_journal_is_unchanged(journal, tmp_path):
    save_contact(ContactData(display_name="Ada"))
    damaged = tmp_path / "journal-20260101-000000-manual.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    with pytest.raises(ValueError, match="damaged"):
        backup.restore_into(damaged, journal.path, tmp_path)
    assert Contact.select().count() == 1
