"""Journeys through what the app refuses or asks (issue 16: never pester, never woo, never
forget), on the sample journal, through keys and clicks only.
"""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gratitude_desktop.store.models import Contact, Interaction, Promise
from tests.journeys.walk import CTRL, WAIT, click, open_by_name, press


def contact_id(name: str) -> int:
    return Contact.get(Contact.display_name == name).id


def answer_next(qtbot, act) -> None:
    """`act(dialog)` on the next modal dialog once it is open: a person answering it."""

    def check():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, check)
            return
        act(dialog)

    QTimer.singleShot(0, check)


def button(box: QMessageBox, text: str):
    [found] = [b for b in box.buttons() if b.text().replace("&", "") == text]
    return found


def wait_for_box(qtbot) -> QMessageBox:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), timeout=WAIT)
    return QApplication.activeModalWidget()


def export(qtbot, window, what: str, path) -> str:
    """Ctrl+Shift+E, pick `what` with the keyboard, type the file, Export; returns what it said."""
    press(qtbot, Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.transfer.export_dialog is not None, timeout=WAIT)
    dialog = window.transfer.export_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.kind, timeout=WAIT)
    for _ in range(dialog.kind.count()):
        if dialog.kind.currentText() == what:
            break
        press(qtbot, Qt.Key.Key_Down, widget=dialog.kind)
    assert dialog.kind.currentText() == what
    click(qtbot, dialog.path)
    dialog.path.selectAll()
    qtbot.keyClicks(dialog.path, str(path))
    click(qtbot, dialog.export_button)
    box = wait_for_box(qtbot)
    said = box.text()
    click(qtbot, box.button(QMessageBox.StandardButton.Ok))
    return said


def test_an_export_leaves_out_who_asked_not_to_be_contacted(sample_window, qtbot, tmp_path):
    window = sample_window
    said = export(qtbot, window, "Address book (CSV: Google, Outlook)", tmp_path / "people.csv")
    text = (tmp_path / "people.csv").read_text(encoding="utf-8")
    assert "Helen Ward" not in text  # do not contact, on every channel
    assert "Priya Raman" in text
    assert "Left out 1 who asked not to be contacted at all" in said
    assert window.transfer.export_dialog is None or not window.transfer.export_dialog.isVisible()


def test_a_mailing_list_for_email_has_one_row_per_person_who_may_be_emailed(
    sample_window, qtbot, tmp_path
):
    window = sample_window
    said = export(qtbot, window, "Mailing list for email (CSV)", tmp_path / "mailing")
    with open(tmp_path / "mailing.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    names = [r["Name"] for r in rows]
    assert len(names) == len(set(names)) > 10
    assert "Helen Ward" not in names  # asked not to be contacted at all
    assert "Gary Doyle" not in names  # asked for no more emails
    assert "Oliver Brennan" not in names  # lost, and nobody has asked him why yet
    assert all("@" in r["E-mail"] for r in rows)
    assert "who asked not to be contacted by email" in said


def promises_for(qtbot, window, name: str):
    """Ctrl+3, type the name in the search box, Enter: the list shows their promises."""
    press(qtbot, Qt.Key.Key_3, CTRL)
    view = window.page("Promises")  # built when first shown, as Ctrl+3 just did
    qtbot.waitUntil(view.isVisible, timeout=WAIT)
    click(qtbot, view.search)
    qtbot.keyClicks(view.search, name)
    press(qtbot, Qt.Key.Key_Return, widget=view.search)
    qtbot.waitUntil(lambda: view.current_promise() is not None, timeout=WAIT)
    assert view.current_promise().contact_name == name
    return view


def test_a_second_nudge_within_a_week_asks_first(sample_window, qtbot):
    window = sample_window
    ben = contact_id("Ben Carter")
    view = promises_for(qtbot, window, "Ben Carter")
    promise_id = view.current_promise().id
    before = Interaction.select().where(Interaction.contact == ben).count()

    press(qtbot, Qt.Key.Key_N, widget=view.table)
    assert Promise.get_by_id(promise_id).nudges == 1
    assert Interaction.select().where(Interaction.contact == ben).count() == before + 1
    assert "nudged once" in view.current_promise().nudged_text

    seen = []

    def decline(box):
        seen.append(box.text())
        click(qtbot, button(box, "Cancel"))

    answer_next(qtbot, decline)
    press(qtbot, Qt.Key.Key_N, widget=view.table)
    assert "Nudge again anyway?" in seen[0] and "today" in seen[0]
    assert Promise.get_by_id(promise_id).nudges == 1
    assert Interaction.select().where(Interaction.contact == ben).count() == before + 1
    assert view.status.text() == "Nothing was logged."


def log_dialog(qtbot, window, name: str):
    open_by_name(qtbot, window, name)
    press(qtbot, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: window.contact_page.dialog is not None, timeout=WAIT)
    dialog = window.contact_page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    return dialog


def choose(qtbot, combo, text: str) -> None:
    """Click a combo box, then type to its entry and press Enter: as a person picks one."""
    combo.setFocus()
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        press(qtbot, Qt.Key.Key_Down, widget=combo)
    assert combo.currentText() == text


def test_an_offer_to_a_lost_customer_not_asked_why_is_refused(sample_window, answer, qtbot):
    window = sample_window
    oliver = contact_id("Oliver Brennan")
    before = Interaction.select().where(Interaction.contact == oliver).count()
    dialog = log_dialog(qtbot, window, "Oliver Brennan")
    choose(qtbot, dialog.purpose, "Offer")
    choose(qtbot, dialog.offering, "Payroll")
    click(qtbot, dialog.summary)
    qtbot.keyClicks(dialog.summary, "Offered payroll at a discount")
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    problem = dialog.boxes["override_reason"].problem
    assert problem.isVisible()
    assert "Ask them why first — don't woo them back" in problem.text()
    assert Interaction.select().where(Interaction.contact == oliver).count() == before
    discard = answer("Discard", title="Discard what you typed?")  # Cancel asks first (issue 15)
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))
    qtbot.waitUntil(lambda: discard.done, timeout=WAIT)
    assert Interaction.select().where(Interaction.contact == oliver).count() == before


def test_a_greeting_naming_an_offering_is_flagged_and_becomes_an_offer(
    sample_window, answer, qtbot
):
    window = sample_window
    dialog = log_dialog(qtbot, window, "Joe Bianchi")
    choose(qtbot, dialog.purpose, "Greeting")
    click(qtbot, dialog.summary)
    qtbot.keyClicks(dialog.summary, "Happy new year! Payroll from January?")
    qtbot.waitUntil(dialog.warnings.isVisible, timeout=WAIT)
    assert "Greetings are not sales" in dialog.warnings.text()
    assert "“Payroll”" in dialog.warnings.text()
    click(qtbot, dialog.as_offer)
    assert dialog.purpose.currentText() == "Offer"
    assert dialog.offering.currentText() == "Payroll"
    assert not dialog.as_offer.isVisible()
    discard = answer("Discard", title="Discard what you typed?")  # Cancel asks first (issue 15)
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))
    qtbot.waitUntil(lambda: discard.done, timeout=WAIT)


def test_a_broken_promise_is_apologised_for_and_promised_again(sample_window, qtbot):
    window = sample_window
    sofia = contact_id("Sofia Marquez")
    view = promises_for(qtbot, window, "Sofia Marquez")
    old = view.current_promise()
    assert old.we_owe and old.status == "open"

    def set_date(dialog):
        dialog.edit.setFocus()
        press(qtbot, Qt.Key.Key_Return, widget=dialog.edit)

    answer_next(qtbot, lambda box: (click(qtbot, button(box, "Apologise and set a new date")),
                                    answer_next(qtbot, set_date)))  # fmt: skip
    press(qtbot, Qt.Key.Key_B, widget=view.table)
    qtbot.waitUntil(
        lambda: Promise.select().where(Promise.replaces == old.id).exists(), timeout=WAIT
    )
    broken = Promise.get_by_id(old.id)
    new = Promise.get(Promise.replaces == old.id)
    assert broken.status == "broken"
    assert (new.what, new.status, new.direction) == (old.what, "open", "we-owe")
    assert new.due_on > broken.due_on
    apology = (
        Interaction.select()
        .where((Interaction.contact == sofia) & (Interaction.purpose == "apology"))
        .get()
    )
    assert old.what in apology.summary
    assert "promised again" in view.status.text()
    assert window.undo_action.text().replace("&", "").startswith("Undo apologise to Sofia")


def test_a_free_text_goal_is_written_down_and_ticked(sample_window, qtbot):
    from gratitude_desktop.store.models import Goal
    from gratitude_desktop.ui.goals.model import ProgressRole

    window = sample_window
    press(qtbot, Qt.Key.Key_4, CTRL)
    view = window.page("Goals")
    qtbot.waitUntil(view.isVisible, timeout=WAIT)
    if view.list.isVisible():  # the sample has goals: click among them
        click(qtbot, view.list.viewport())

    def write_it_down(dialog):
        qtbot.keyClicks(dialog.title, "Find a mentor")
        choose(qtbot, dialog.metric_choice, "Done or not, ticked by hand")
        assert not dialog.target.isVisible()  # done or not: no target to type
        ok = [b for b in dialog.findChildren(type(view.add_button)) if b.text() == "OK"]
        click(qtbot, ok[0])

    answer_next(qtbot, write_it_down)
    press(qtbot, Qt.Key.Key_Insert, widget=view.list)
    goal = Goal.get(Goal.title == "Find a mentor")
    assert (goal.metric, goal.done) == ("manual", False)

    def selected():
        index = view.list.currentIndex()
        return index.data(ProgressRole) if index.isValid() else None

    qtbot.waitUntil(lambda: selected() is not None and selected().goal_id == goal.id, timeout=WAIT)
    assert selected().text == "not done yet"
    press(qtbot, Qt.Key.Key_Space, widget=view.list)
    assert Goal.get_by_id(goal.id).done is True
    qtbot.waitUntil(lambda: selected() is not None and selected().text == "done", timeout=WAIT)
    assert view.tick_button.text() == "Not done"
    assert window.undo_action.text().replace("&", "") == "Undo tick “Find a mentor”"
