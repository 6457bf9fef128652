"""The app wires every page, the tray, the timer and single-instance into one window."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from gratitude_desktop import app
from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.settings import set_setting
from gratitude_desktop.ui.promises import PromisesView
from gratitude_desktop.ui.single_instance import SingleInstance
from gratitude_desktop.ui.today import TodayView


@pytest.fixture
def built(journal, qtbot):
    window = app.build_window(journal)
    qtbot.addWidget(window)
    yield window
    window.reminders.stop()


def test_today_and_promises_are_real_pages_not_placeholders(built):
    assert isinstance(built.page("Today"), TodayView)
    assert isinstance(built.page("Promises"), PromisesView)


def test_pages_other_than_contacts_are_built_when_first_shown(built, qtbot):
    lazy = ("Today", "Promises", "Goals", "Insights", "Trash")
    assert [name for name in lazy if built.is_built(name)] == []
    built.show()
    qtbot.waitExposed(built)
    built.go_actions["Promises"].trigger()
    assert built.is_built("Promises")
    assert isinstance(built.stack.currentWidget(), PromisesView)
    assert [name for name in lazy if built.is_built(name)] == ["Promises"]


def test_the_today_badge_counts_the_agenda(built, qtbot):
    import datetime as dt

    from gratitude_desktop.journal.promises import add_promise

    ada = save_contact(ContactData(display_name="Ada", stage="client"))
    add_promise(ada, "Send the grant link", dt.date.today(), direction="we-owe",
                due_on=dt.date.today())  # fmt: skip
    built.reminders.timer.check_now()
    qtbot.waitUntil(lambda: built.navigation.item(0).text() == "Today (1)", timeout=5000)
    assert not built.is_built("Today")  # the badge needs no Today page
    assert built.reminders.today.count() == 1  # built now, from the agenda already in


def test_settings_action_opens_the_settings_dialog(built, qtbot):
    from gratitude_desktop.ui.settings_dialog import SettingsDialog

    built.settings_action.trigger()
    qtbot.waitUntil(lambda: any(isinstance(w, SettingsDialog) for w in QApplication.topLevelWidgets()
                                if w.isVisible()), timeout=3000)  # fmt: skip
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, SettingsDialog):
            widget.reject()


def test_quit_action_really_quits(built, monkeypatch):
    quits = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))
    built.quit_action.trigger()
    assert quits == [True]


def test_a_second_start_pings_the_first_instead_of_opening_the_journal(
    data_dir, qtbot, monkeypatch
):
    from types import SimpleNamespace

    first = SingleInstance(data_dir)
    assert first.is_primary()
    opened = []
    monkeypatch.setattr("gratitude_desktop.store.db.open_journal", lambda *a, **k: opened.append(a))
    try:
        with qtbot.waitSignal(first.activationRequested, timeout=5000):
            assert app.run_gui(SimpleNamespace(data_dir=str(data_dir))) == 0
        assert opened == []
    finally:
        first.close()


def test_the_window_starts_with_the_first_start_choice_remembered(
    data_dir, qapp, qtbot, monkeypatch
):
    from types import SimpleNamespace

    from gratitude_desktop.store.db import open_journal

    seen = []

    def fake_loop(qt_app, window):
        seen.append(window)
        # The agenda, the integrity check and the daily backup start once it has painted;
        # the garbage collector, off during start-up, is back on then too.
        assert not window.reminders.timer.is_running()
        assert not gc.isenabled()
        qtbot.waitUntil(lambda: window.after_first_paint.done, timeout=5000)
        assert window.reminders.timer.is_running()
        assert gc.isenabled()
        window.reminders.stop()
        window.close()
        return 0

    monkeypatch.setattr(app, "run_event_loop", fake_loop)
    journal = open_journal(data_dir)
    save_contact(ContactData(display_name="Ada"))
    set_setting("first_start_done", "empty")
    journal.close()
    assert app.run_gui(SimpleNamespace(data_dir=str(data_dir))) == 0
    assert gc.isenabled()
    (window,) = seen
    assert window.windowTitle() == "Gratitude"
    from gratitude_desktop.ui.workers import running_count

    # The start-up backup runs in the background and leaves a backup behind.
    deadline = 100
    while running_count() and deadline:
        qapp.processEvents()
        deadline -= 1
        QThread.msleep(20)
    assert list((data_dir / "backups").glob("journal-*-daily.sqlite3"))


def test_a_read_only_journal_offers_no_writes_on_the_contact_page(data_dir, qtbot):
    from gratitude_desktop.store.db import open_journal

    writable = open_journal(data_dir)
    ada = save_contact(ContactData(display_name="Ada"))
    writable.close()
    journal = open_journal(data_dir, read_only=True)
    try:
        window = app.build_window(journal)
        qtbot.addWidget(window)
        window.open_contact(ada)
        page = window.contact_page
        assert page.current_contact_id() == ada
        for key in ("save", "log", "trash"):
            assert not page.buttons[key].isEnabled(), key
        assert not page.follow_through.isEnabled()
        window.reminders.stop()
    finally:
        journal.close()


def test_save_is_offered_only_while_a_contact_is_on_the_page(built, qtbot):
    built.go_to("Contacts")
    built.contact_page.clear()
    built._update_actions()
    assert not built.save_action.isEnabled()
    built.new_action.trigger()
    assert built.save_action.isEnabled()
