"""Journeys through the window's one undo (issue 15, points 1 and 2).

Each acts through keys and clicks only, then checks the screen and the journal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPlainTextEdit

from gratitude_desktop.journal.agenda import compute_agenda
from gratitude_desktop.journal.contacts import load_contact, save_contact
from gratitude_desktop.store.models import Contact
from tests.journeys.walk import (
    CTRL,
    WAIT,
    badge_count,
    click,
    open_by_name,
    press,
    settled_today,
)

SHIFT = Qt.KeyboardModifier.ShiftModifier


def contact_id(name: str) -> int:
    return Contact.get(Contact.display_name == name).id


def today_count() -> int:
    return len(compute_agenda(dt.date.today()))


def mark_do_not_contact(qtbot, window) -> None:
    """Ctrl+E, tick "They asked not to be contacted" in the form and press Ctrl+S."""
    page = window.contact_page
    press(qtbot, Qt.Key.Key_E, CTRL)
    page.form.ensureWidgetVisible(page.form.dnc)
    click(qtbot, page.form.dnc)
    assert page.form.dnc.isChecked()
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert not page.has_unsaved_changes()


def click_list_row(qtbot, window) -> None:
    """Click the selected row of the contact list (the focus leaves the page's fields)."""
    view = window.contact_list.view
    rect = view.visualRect(view.currentIndex())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert QApplication.focusWidget() is view


def test_undo_acts_on_the_contact_it_changed_not_the_one_showing(sample_window, qtbot):
    window, page = sample_window, sample_window.contact_page
    sofia, chloe = contact_id("Sofia Marquez"), contact_id("Chloe Adams")
    chloe_notes = load_contact(chloe).notes
    before = badge_count(window)
    assert before == today_count()

    open_by_name(qtbot, window, "Sofia Marquez")
    mark_do_not_contact(qtbot, window)
    assert load_contact(sofia).dnc_channels == ("all",)
    settled_today(qtbot, window, today_count())

    open_by_name(qtbot, window, "Chloe Adams")
    # Chloe's page offers no undo of its own; the window's names Sofia's change.
    assert not [b for b in page.buttons.values() if "undo" in b.text().lower()]
    assert window.undo_action.text().replace("&", "") == "Undo mark Sofia Marquez do-not-contact"

    # An edit of Chloe's, then Ctrl+Z (outside a text field): only Chloe's edit goes.
    press(qtbot, Qt.Key.Key_E, CTRL)
    page.form.ensureWidgetVisible(page.form.texts["notes"])
    click(qtbot, page.form.texts["notes"])
    qtbot.keyClicks(page.form.texts["notes"], " Likes tea.")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert load_contact(chloe).notes.endswith("Likes tea.")
    click_list_row(qtbot, window)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert load_contact(chloe).notes == chloe_notes
    assert load_contact(sofia).dnc_channels == ("all",)  # untouched
    assert page.current_contact_id() == chloe
    assert page.form.texts["notes"].toPlainText() == chloe_notes

    # The next Ctrl+Z puts back Sofia's flag, and shows Sofia, list and page alike.
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert load_contact(sofia).dnc_channels == ()
    assert load_contact(chloe).notes == chloe_notes
    assert page.current_contact_id() == sofia
    assert page.name_label.text() == "Sofia Marquez"
    assert not page.form.dnc.isChecked() and page.header.dnc.isHidden()
    assert window.contact_list.current_contact_id() == sofia
    assert "Undone: mark Sofia Marquez do-not-contact" in window.statusBar().currentMessage()
    settled_today(qtbot, window, before)
    assert today_count() == before


def test_ctrl_z_in_a_text_field_undoes_typing_not_the_journal(sample_window, qtbot):
    window, page = sample_window, sample_window.contact_page
    open_by_name(qtbot, window, "Sofia Marquez")
    mark_do_not_contact(qtbot, window)
    press(qtbot, Qt.Key.Key_E, CTRL)
    notes = page.form.texts["notes"]
    page.form.ensureWidgetVisible(notes)
    click(qtbot, notes)
    typed_over = notes.toPlainText()
    qtbot.keyClicks(notes, " typo")
    press(qtbot, Qt.Key.Key_Z, CTRL, widget=notes)
    assert notes.toPlainText() == typed_over
    assert load_contact(contact_id("Sofia Marquez")).dnc_channels == ("all",)
    assert window.undo_action.text().replace("&", "") == "Undo mark Sofia Marquez do-not-contact"


def test_ctrl_z_after_delete_in_the_list_brings_the_contact_back(sample_window, qtbot):
    window = sample_window
    sofia = contact_id("Sofia Marquez")
    open_by_name(qtbot, window, "Sofia Marquez")
    assert QApplication.focusWidget() is window.contact_list.view
    press(qtbot, Qt.Key.Key_Delete)
    assert Contact.get_by_id(sofia).trashed_at is not None
    assert window.statusBar().currentMessage() == (
        "Moved “Sofia Marquez” to the Trash — Undo with Ctrl+Z"
    )
    assert not isinstance(QApplication.focusWidget(), (QLineEdit, QPlainTextEdit))

    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert Contact.get_by_id(sofia).trashed_at is None
    assert window.contact_page.current_contact_id() == sofia
    assert window.contact_list.current_contact_id() == sofia


def test_ctrl_z_after_the_pages_move_to_trash_button_brings_the_contact_back(sample_window, qtbot):
    window, page = sample_window, sample_window.contact_page
    sofia = contact_id("Sofia Marquez")
    in_trash = window.trash_page.model.rowCount()
    open_by_name(qtbot, window, "Sofia Marquez")
    click(qtbot, page.buttons["trash"])
    assert Contact.get_by_id(sofia).trashed_at is not None
    assert window.statusBar().currentMessage() == (
        "Moved “Sofia Marquez” to the Trash — Undo with Ctrl+Z"
    )
    # The focus is not in a field that would take Ctrl+Z for its own typing.
    assert not isinstance(QApplication.focusWidget(), (QLineEdit, QPlainTextEdit))

    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert Contact.get_by_id(sofia).trashed_at is None
    assert page.current_contact_id() == sofia
    assert window.trash_page.model.rowCount() == in_trash


def test_redo_makes_the_undone_change_again(sample_window, qtbot):
    window, page = sample_window, sample_window.contact_page
    sofia = contact_id("Sofia Marquez")
    open_by_name(qtbot, window, "Sofia Marquez")
    mark_do_not_contact(qtbot, window)
    open_by_name(qtbot, window, "Chloe Adams")
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert load_contact(sofia).dnc_channels == ()
    assert window.redo_action.text().replace("&", "") == "Redo mark Sofia Marquez do-not-contact"

    open_by_name(qtbot, window, "Chloe Adams")
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert load_contact(sofia).dnc_channels == ("all",)
    assert page.current_contact_id() == sofia and page.form.dnc.isChecked()
    assert window.undo_action.text().replace("&", "") == "Undo mark Sofia Marquez do-not-contact"
    assert not window.redo_action.isEnabled()


def test_undo_refuses_to_overwrite_a_change_made_elsewhere(sample_window, qtbot):
    window = sample_window
    sofia = contact_id("Sofia Marquez")
    open_by_name(qtbot, window, "Sofia Marquez")
    mark_do_not_contact(qtbot, window)
    open_by_name(qtbot, window, "Chloe Adams")
    # Another process (a second window, an import, a sync) edits Sofia meanwhile.
    save_contact(replace(load_contact(sofia), notes="Asked again by phone: no more mail."))

    press(qtbot, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), timeout=WAIT)
    box = QApplication.activeModalWidget()
    assert "Sofia Marquez" in box.text() and "Nothing was changed" in box.text()
    click(qtbot, box.button(QMessageBox.StandardButton.Ok))

    kept = load_contact(sofia)
    assert kept.dnc_channels == ("all",)
    assert kept.notes == "Asked again by phone: no more mail."
    assert window.contact_page.current_contact_id() == contact_id("Chloe Adams")
    assert not window.undo_action.isEnabled()  # the stale step left the list


def test_an_undo_the_journal_cannot_take_now_is_refused_in_words(sample_window, qtbot):
    import sqlite3

    window = sample_window
    sofia = contact_id("Sofia Marquez")
    open_by_name(qtbot, window, "Sofia Marquez")
    mark_do_not_contact(qtbot, window)
    # Another process holds the journal's write lock (longer than the busy timeout).
    other = sqlite3.connect(window.journal.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        click_list_row(qtbot, window)
        press(qtbot, Qt.Key.Key_Z, CTRL)
        qtbot.waitUntil(
            lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), timeout=WAIT
        )
    finally:
        other.rollback()
        other.close()
    box = QApplication.activeModalWidget()
    assert "database is locked" in box.text() and "Nothing was changed" in box.text()
    click(qtbot, box.button(QMessageBox.StandardButton.Ok))
    assert load_contact(sofia).dnc_channels == ("all",)
