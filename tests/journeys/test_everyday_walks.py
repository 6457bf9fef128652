"""Everyday journeys (issue 15): first start, a new contact, promises, do-not-contact, the
tray, a second start, the last view, the shortcuts, and numbers that agree."""

from __future__ import annotations

import re
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QSystemTrayIcon

from gratitude_desktop import app
from gratitude_desktop.journal.settings import set_setting
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.models import Contact, Interaction, Promise, Referral
from gratitude_desktop.ui.dialogs.log_interaction import LogInteractionDialog
from tests.journeys.walk import CTRL, WAIT, badge_count, click, open_by_name, press


def opened_from(window, widget) -> bool:
    """True when `widget` (a dialog) was opened from `window` (its parent chain reaches it)."""
    while widget is not None:
        if widget is window:
            return True
        widget = widget.parentWidget()
    return False


def visible_dialog(qtbot, window, kind):
    found = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind)]
        found[:] = [w for w in found if w.isVisible() and opened_from(window, w)]
        return bool(found)

    qtbot.waitUntil(shown, timeout=WAIT)
    dialog = found[0]
    # The window manager gives a new dialog the focus; offscreen, it is asked for.
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
    return dialog


def select_in_today(qtbot, window, kind: str):
    """Down through Today's list (keys only) until an item of `kind` is selected."""
    today = window.reminders.today
    tree = today.tree
    tree.setFocus()
    qtbot.waitUntil(lambda: today.count() > 0, timeout=WAIT)
    for _ in range(today.count() + today.model.rowCount() + 1):
        item = today.current_item()
        if item is not None and item.kind == kind:
            return item
        press(qtbot, Qt.Key.Key_Down, widget=tree)
    raise AssertionError(f"no {kind} item on Today")


def test_first_start_sample_journal_today_and_one_key_thanks_a_referrer(start_app, answer, qtbot):
    welcome = answer("Open the sample journal", title="Welcome to Gratitude")

    def walk(window):
        assert welcome.done
        page = window.current_page_name()  # the first start opens on Today
        window.reminders.timer.check_now()
        item = select_in_today(qtbot, window, "thank-referral")
        before = badge_count(window)
        press(qtbot, Qt.Key.Key_T, widget=window.reminders.today.tree)
        qtbot.waitUntil(lambda: badge_count(window) == before - 1, timeout=WAIT)
        thanked = Referral.get_by_id(item.ref_id).thanked_on
        return page, item, thanked

    page, item, thanked = start_app(walk)
    assert page == "Today"
    assert thanked is not None


def test_a_new_contact_from_nothing_to_a_logged_interaction(journey_dir, start_app, answer, qtbot):
    def walk(window):
        press(qtbot, Qt.Key.Key_N, CTRL)  # a new contact, the cursor in its name
        field = QApplication.focusWidget()
        qtbot.keyClicks(field, "Grace Hopper")
        press(qtbot, Qt.Key.Key_L, CTRL)  # logging saves the contact first
        dialog = visible_dialog(qtbot, window, LogInteractionDialog)
        qtbot.keyClicks(dialog.summary, "Talked about compilers")
        # Esc with text typed asks first; "Keep editing" keeps it.
        kept = answer("Keep editing", title="Discard what you typed?")
        press(qtbot, Qt.Key.Key_Escape, widget=dialog.summary)
        qtbot.waitUntil(lambda: kept.done, timeout=WAIT)
        assert dialog.isVisible() and dialog.summary.text() == "Talked about compilers"
        dialog.activateWindow()  # the focus back in the dialog once the question closed
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
        press(qtbot, Qt.Key.Key_Return, CTRL, widget=dialog.summary)
        shown = [x.text() for x in dialog.findChildren(QLabel) if x.isVisible()]
        assert not dialog.isVisible(), shown
        grace = Contact.get(Contact.display_name == "Grace Hopper")
        logged = [i.summary for i in Interaction.select().where(Interaction.contact == grace)]
        return window.contact_page.name_label.text(), logged

    journal = open_journal(journey_dir)
    set_setting("first_start_done", "empty")
    journal.close()
    name, logged = start_app(walk)
    assert name == "Grace Hopper"
    assert logged == ["Talked about compilers"]


def test_log_on_a_new_contact_that_cannot_be_saved_says_why(sample_window, qtbot):
    window = sample_window
    press(qtbot, Qt.Key.Key_N, CTRL)
    press(qtbot, Qt.Key.Key_L, CTRL)  # no name yet: it cannot be saved
    status = window.statusBar()
    qtbot.waitUntil(lambda: "cannot be logged" in status.currentMessage(), timeout=WAIT)
    assert "fix what is marked in red" in status.currentMessage()
    assert not [w for w in window.findChildren(LogInteractionDialog) if w.isVisible()]


def test_a_promise_through_cant_keep_it(sample_window, answer, qtbot):
    window = sample_window
    press(qtbot, Qt.Key.Key_3, CTRL)  # Promises
    view = window.page("Promises")
    table = view.table
    table.setFocus()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=WAIT)
    open_ours = {p.id for p in Promise.select().where(
        (Promise.status == "open") & (Promise.direction == "we-owe"))}  # fmt: skip
    for _ in range(view.model.rowCount() + 1):
        row = view._current_open()
        if row is not None and row.id in open_ours:
            break
        press(qtbot, Qt.Key.Key_Down, widget=table)
    else:
        raise AssertionError("no open promise of ours on the Promises page")
    told = answer("Record and tell them", title="Can't keep it", typing="The link is dead")
    press(qtbot, Qt.Key.Key_C, widget=table)
    qtbot.waitUntil(lambda: told.done, timeout=WAIT)
    promise = Promise.get_by_id(row.id)
    assert "The link is dead" in (promise.blocked_reason or "")
    tell = Promise.select().where(
        (Promise.contact == row.contact_id) & (Promise.id != row.id) & (Promise.status == "open")
    )
    assert any("tell" in p.what.lower() or "let" in p.what.lower() for p in tell)


def test_do_not_contact_then_an_offer_is_refused(sample_window, qtbot):
    window, page = sample_window, sample_window.contact_page
    open_by_name(qtbot, window, "Chloe Adams")
    chloe = Contact.get(Contact.display_name == "Chloe Adams").id
    press(qtbot, Qt.Key.Key_E, CTRL)  # the page reads; Ctrl+E turns it into the form
    page.form.ensureWidgetVisible(page.form.dnc)
    click(qtbot, page.form.dnc)
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert not page.has_unsaved_changes()
    before = Interaction.select().where(Interaction.contact == chloe).count()
    press(qtbot, Qt.Key.Key_L, CTRL)
    dialog = visible_dialog(qtbot, window, LogInteractionDialog)
    dialog.purpose.setFocus()
    qtbot.keyClicks(dialog.purpose, "Offer")  # a combo box chooses by the letters typed
    assert dialog.purpose.currentData() == "offer"
    qtbot.keyClicks(dialog.summary, "Our new bookkeeping package")
    press(qtbot, Qt.Key.Key_Return, CTRL, widget=dialog.summary)
    shown = " ".join(
        label.text() for label in dialog.findChildren(QLabel) if label.isVisible() and label.text()
    )
    assert dialog.isVisible()  # refused: the dialog stays, saying why
    assert "asked not to be contacted" in shown
    assert Interaction.select().where(Interaction.contact == chloe).count() == before
    dialog.confirm_discard = lambda: True  # (the test's own way out, not part of the walk)
    dialog.reject()


def test_close_to_the_tray_and_open_again(journey_dir, start_app, monkeypatch, qtbot):
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    journal = open_journal(journey_dir)
    set_setting("first_start_done", "empty")
    journal.close()

    def walk(window):
        tray = window.reminders.tray
        qtbot.waitUntil(tray.is_visible, timeout=WAIT)
        window.close()  # the window's close button
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT)
        still_running = not QApplication.quitOnLastWindowClosed()
        tray.tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)  # a click on it
        qtbot.waitUntil(window.isVisible, timeout=WAIT)
        return still_running, window.current_page_name()

    still_running, page = start_app(walk)
    assert still_running
    assert page == "Today"


def test_a_second_start_brings_the_window_forward(journey_dir, start_app, qtbot):
    folder = journey_dir
    journal = open_journal(folder)
    set_setting("first_start_done", "empty")
    journal.close()

    def walk(window):
        window.showMinimized()
        qtbot.waitUntil(window.isMinimized, timeout=WAIT)
        second = app.run_gui(SimpleNamespace(command=None, data_dir=str(folder)))
        qtbot.waitUntil(lambda: window.isVisible() and not window.isMinimized(), timeout=WAIT)
        return second

    assert start_app(walk) == 0  # the second start only knocked, and left


def test_the_window_opens_again_on_the_view_it_was_closed_on(journey_dir, start_app, qtbot):
    journal = open_journal(journey_dir)
    set_setting("first_start_done", "empty")
    journal.close()

    def first(window):
        page = window.current_page_name()
        press(qtbot, Qt.Key.Key_3, CTRL)  # Promises, then quit
        return page

    assert start_app(first) == "Today"
    assert start_app(lambda window: window.current_page_name()) == "Promises"


def test_f1_lists_every_shortcut_of_the_window(sample_window, qtbot):
    window = sample_window
    press(qtbot, Qt.Key.Key_F1)
    from gratitude_desktop.ui.shortcuts_dialog import KeyboardShortcutsDialog

    dialog = visible_dialog(qtbot, window, KeyboardShortcutsDialog)
    listed = {(what, keys) for _where, what, keys in dialog.rows()}
    for action in window.window_actions():
        first = action.shortcuts()[0].toString() if action.shortcuts() else ""
        if first:
            name = action.text().replace("&", "").rstrip("…")
            assert any(what == name and first in keys for what, keys in listed), name
    places = {where for where, _what, _keys in dialog.rows()}
    assert {"Today", "Promises", "Trash"} <= places
    assert ("Snooze", "S") in listed
    press(qtbot, Qt.Key.Key_Escape, widget=dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)


def test_insights_says_how_its_figure_relates_to_todays_gone_quiet(sample_window, qtbot):
    window = sample_window
    press(qtbot, Qt.Key.Key_1, CTRL)  # Today
    today = window.reminders.today
    qtbot.waitUntil(lambda: today.count() > 0, timeout=WAIT)
    quiet = sum(1 for i in today.model.items() if i.kind == "quiet")
    press(qtbot, Qt.Key.Key_5, CTRL)  # Insights
    insights = window.page("Insights")
    qtbot.waitUntil(lambda: "past their cadence" in insights.summary.text(), timeout=WAIT)
    text = insights.summary.text()
    past = int(re.search(r"([\d,]+) past their cadence", text).group(1).replace(",", ""))
    if past == quiet:
        assert "(all on Today as gone quiet)" in text
    else:
        assert f"Today lists {quiet:,} as gone quiet" in text
