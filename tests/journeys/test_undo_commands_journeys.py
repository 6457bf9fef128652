"""Journeys: what the window does outside the contact form is undone by the same Ctrl+Z
(issue 15, "One undo for the whole window")."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from gratitude_desktop.journal.agenda import compute_agenda
from gratitude_desktop.journal.interactions import timeline
from gratitude_desktop.store.models import Contact, Interaction, Promise
from tests.journeys.walk import (
    CTRL,
    WAIT,
    answer_next_box,
    back_to,
    badge_count,
    click,
    open_by_name,
    press,
    settled_today,
)


def test_kept_on_today_then_ctrl_z_reopens_the_promise_and_stays_on_today(sample_window, qtbot):
    window = sample_window
    press(qtbot, Qt.Key.Key_1, CTRL)
    today = window.page("Today")
    qtbot.waitUntil(lambda: today.count() > 0, timeout=WAIT)
    before = badge_count(window)
    press(qtbot, Qt.Key.Key_Home, widget=today.tree)
    for _ in range(before * 2):
        if today.current_item() is not None and today.current_item().kind == "promise-due":
            break
        press(qtbot, Qt.Key.Key_Down, widget=today.tree)
    item = today.current_item()
    entries = Interaction.select().where(Interaction.contact == item.contact_id).count()

    press(qtbot, Qt.Key.Key_K, widget=today.tree)
    assert Promise.get_by_id(item.ref_id).status == "kept"
    assert window.undo_action.text().replace("&", "") == (
        f"Undo mark the promise to {item.contact_name} kept"
    )
    settled_today(qtbot, window, before - 1)

    press(qtbot, Qt.Key.Key_Z, CTRL, widget=today.tree)
    assert Promise.get_by_id(item.ref_id).status == "open"
    assert Interaction.select().where(Interaction.contact == item.contact_id).count() == entries
    assert window.current_page_name() == "Today"
    settled_today(qtbot, window, before)
    assert len(compute_agenda(dt.date.today())) == before
    qtbot.waitUntil(lambda: today.select_key(item.key), timeout=WAIT)


def interaction_rows(page) -> int:
    """The interactions the timeline shows (it shows promises, referrals… among them)."""
    model = page.timeline.model
    return sum(model.interaction_at(row) is not None for row in range(model.rowCount()))


def test_a_logged_interaction_goes_with_ctrl_z_and_comes_back_with_redo(sample_window, qtbot):
    window, page = sample_window, sample_window.contact_page
    open_by_name(qtbot, window, "Chloe Adams")
    chloe = Contact.get(Contact.display_name == "Chloe Adams").id
    count = len(timeline(chloe))

    press(qtbot, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=WAIT)
    dialog = page.dialog
    qtbot.keyClicks(dialog.summary, "Coffee, talked about her shop")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: len(timeline(chloe)) == count + 1, timeout=WAIT)
    assert window.undo_action.text().replace("&", "").startswith("Undo log a ")

    open_by_name(qtbot, window, "Sofia Marquez")  # another contact showing: no matter
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert len(timeline(chloe)) == count
    assert page.current_contact_id() == chloe
    assert interaction_rows(page) == count

    press(qtbot, Qt.Key.Key_Y, CTRL)
    assert [e.summary for e in timeline(chloe)].count("Coffee, talked about her shop") == 1
    assert interaction_rows(page) == count + 1


def test_deleting_a_timeline_entry_is_undone_by_ctrl_z(sample_window, qtbot):
    window, page = sample_window, sample_window.contact_page
    open_by_name(qtbot, window, "Sofia Marquez")
    sofia = Contact.get(Contact.display_name == "Sofia Marquez").id
    entries = timeline(sofia)
    assert entries
    view = page.timeline.view
    # Click the newest interaction (the timeline shows promises and referrals too).
    row = page.timeline.model.row_of(entries[0].id)
    rect = view.visualRect(page.timeline.model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.timeline.selected_id() is not None, timeout=WAIT)
    doomed = page.timeline.selected_id()
    answer_next_box("Delete")
    press(qtbot, Qt.Key.Key_Delete, widget=view)
    assert not Interaction.select().where(Interaction.id == doomed).exists()
    back_to(qtbot, window)

    press(qtbot, Qt.Key.Key_Z, CTRL, widget=view)
    assert Interaction.get_by_id(doomed).contact_id == sofia
    assert interaction_rows(page) == len(entries)
