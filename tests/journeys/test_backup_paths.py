"""Journeys: a journal in a relative folder, and a backup that fails, told in the window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gratitude_desktop.journal.settings import set_setting
from gratitude_desktop.store import recovery
from gratitude_desktop.store.db import open_journal
from tests.journeys.walk import CTRL, SHIFT


def test_a_relative_data_dir_opens_and_backs_up_from_the_menu(
    tmp_path, monkeypatch, start_app, qtbot
):
    monkeypatch.chdir(tmp_path)
    open_journal(tmp_path / "rel").close()  # an empty journal there, welcome already answered
    journal = open_journal(tmp_path / "rel")
    set_setting("first_start_done", "empty")
    journal.close()

    def walk(window):
        status = window.statusBar()
        # The daily backup of the first start of the day ran in the background.
        qtbot.waitUntil(lambda: any((tmp_path / "rel" / "backups").glob("*-daily.sqlite3")))
        qtbot.keyClick(window, Qt.Key.Key_B, CTRL | SHIFT)  # File → Back up now
        qtbot.waitUntil(lambda: "Backed up the journal to" in status.currentMessage())
        return status.currentMessage()

    message = start_app(walk, data_dir="rel")
    assert str(tmp_path / "rel" / "backups") in message
    assert list((tmp_path / "rel" / "backups").glob("*-manual.sqlite3"))


def test_a_failed_backup_is_told_in_the_window_with_its_reason(
    journey_dir, tmp_path, start_app, answer, qtbot
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backup folder should be")
    journal = open_journal(journey_dir)
    set_setting("first_start_done", "empty")
    set_setting(recovery.BACKUP_DIR_KEY, str(blocker / "Gratitude backups"))
    journal.close()

    def walk(window):
        status = window.statusBar()
        qtbot.waitUntil(lambda: "Today's backup failed" in status.currentMessage())
        daily = status.currentMessage()
        told = answer("OK", title="The journal was not backed up")
        qtbot.keyClick(window, Qt.Key.Key_B, CTRL | SHIFT)  # File → Back up now
        qtbot.waitUntil(lambda: told.done)
        return daily, told

    daily, told = start_app(walk)
    assert str(blocker) in daily and "Not a directory" in daily
    assert str(blocker) in told.text and "Not a directory" in told.text
