"""The window syncs on a timer only once a server is set up; without one, nothing is sent."""

from __future__ import annotations

from gratitude_desktop import app
from gratitude_desktop.sync.service import SyncAccount, save_account


def test_no_server_no_sync_timer_and_the_interval_follows_settings(journal, qtbot):
    window = app.build_window(journal)
    qtbot.addWidget(window)
    try:
        sync = window.reminders.sync
        assert not sync.is_active()  # no server: no timer, no connection
        save_account(SyncAccount("https://dav.example.com/", "ann"))
        sync.reschedule()
        assert sync.is_active() and sync._timer.interval() == 15 * 60_000
        save_account(SyncAccount("https://dav.example.com/", "ann", interval_minutes=0))
        sync.reschedule()
        assert not sync.is_active()  # 0: only when Sync now is pressed
    finally:
        window.reminders.stop()


def test_a_sync_that_changed_the_journal_here_refreshes_the_views(journal, qtbot):
    from gratitude_desktop.sync.service import SyncResult

    window = app.build_window(journal)
    qtbot.addWidget(window)
    reminders = window.reminders
    try:
        quiet = SyncResult("now", True, "nothing", contacts={"created_there": 3})
        with qtbot.assertNotEmitted(window.journalChanged):
            reminders.sync.synced.emit(quiet)
        kept = SyncResult("now", True, "kept", promises={"kept_here": ["Ada: link"]})
        with qtbot.waitSignal(window.journalChanged, timeout=2000):
            reminders.sync.synced.emit(kept)
        new = SyncResult("now", True, "new", contacts={"created_here": ["Grace Hopper"]})
        with qtbot.waitSignal(window.journalChanged, timeout=2000):
            reminders.sync.synced.emit(new)
    finally:
        reminders.stop()
