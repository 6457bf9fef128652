"""LogInteractionDialog: keyboard-first logging, problems beside fields, the outreach guard."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.interactions import InteractionData, save_interaction, timeline
from gratitude_desktop.store.models import Interaction, Offering, Purchase

NOW = dt.datetime(2026, 5, 4, 9, 30)


@pytest.fixture
def contact_id(journal):
    return save_contact(ContactData(display_name="Ada Lovelace"))


def _dialog(qtbot, contact_id, **kwargs):
    from gratitude_desktop.ui.dialogs.log_interaction import LogInteractionDialog

    dialog = LogInteractionDialog(contact_id, now=NOW, **kwargs)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def test_type_summary_and_ctrl_enter_logs_a_call_now(qtbot, contact_id):
    dialog = _dialog(qtbot, contact_id)
    assert dialog.focusWidget() is dialog.summary
    qtbot.keyClicks(dialog.summary, "Talked about the bookkeeping")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog.summary, Qt.Key_Return, Qt.ControlModifier)

    assert dialog.result() == QDialog.Accepted
    [entry] = timeline(contact_id)
    assert entry.id == saved.args[0]
    assert entry.summary == "Talked about the bookkeeping"
    assert (entry.channel, entry.direction, entry.purpose) == ("call", "outbound", "follow-up")
    assert entry.at == NOW
    assert entry.next_step_on is None


def test_ctrl_enter_from_the_notes_box_also_saves(qtbot, contact_id):
    dialog = _dialog(qtbot, contact_id)
    qtbot.keyClicks(dialog.summary, "Lunch")
    dialog.notes.setFocus()
    qtbot.keyClicks(dialog.notes, "She likes <b>bold</b> ideas")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.notes, Qt.Key_Return, Qt.ControlModifier)
    assert timeline(contact_id)[0].notes == "She likes <b>bold</b> ideas"


def test_all_fields_are_saved(qtbot, contact_id):
    dialog = _dialog(qtbot, contact_id)
    dialog.channel.set_value("email")
    dialog.direction.set_value("inbound")
    dialog.purpose.set_value("thank-you")
    qtbot.keyClicks(dialog.summary, "Thanked us for the intro")
    dialog.has_next.setChecked(True)
    dialog.next_on.setDate(dialog.next_on.date().addDays(3))  # 7 days ahead by default
    dialog.accept()
    [entry] = timeline(contact_id)
    assert (entry.channel, entry.direction, entry.purpose) == ("email", "inbound", "thank-you")
    assert entry.next_step_on == NOW.date() + dt.timedelta(days=10)


def test_escape_with_nothing_typed_closes_at_once(qtbot, contact_id):
    dialog = _dialog(qtbot, contact_id)
    dialog.confirm_discard = lambda: pytest.fail("nothing typed: nothing to ask")
    qtbot.keyClick(dialog.summary, Qt.Key_Escape)
    assert dialog.result() == QDialog.Rejected
    assert not dialog.isVisible()


def test_escape_with_typed_text_asks_first_then_saves_nothing(qtbot, contact_id):
    dialog = _dialog(qtbot, contact_id)
    qtbot.keyClicks(dialog.summary, "never mind")
    answers = [False, True]  # Keep editing, then Discard
    dialog.confirm_discard = lambda: answers.pop(0)
    qtbot.keyClick(dialog.summary, Qt.Key_Escape)
    assert dialog.isVisible() and dialog.summary.text() == "never mind"
    qtbot.keyClick(dialog.summary, Qt.Key_Escape)
    assert dialog.result() == QDialog.Rejected
    assert not dialog.isVisible()
    assert Interaction.select().count() == 0


def test_outreach_to_do_not_contact_needs_a_reason_beside_the_field(qtbot, journal):
    cid = save_contact(
        ContactData(display_name="Quiet Quentin", dnc_channels=("phone",), dnc_reason="no calls")
    )
    dialog = _dialog(qtbot, cid)
    assert dialog.dnc_note.isVisible()
    assert "no calls" in dialog.dnc_note.text()
    assert dialog.override.isVisible()  # a call is on a blocked channel
    qtbot.keyClicks(dialog.summary, "Called anyway")
    dialog.accept()
    assert dialog.result() != QDialog.Accepted
    assert Interaction.select().count() == 0
    assert "say why" in dialog.boxes["override_reason"].problem.text()

    qtbot.keyClicks(dialog.override, "He asked me to call back about the invoice")
    dialog.accept()
    [entry] = timeline(cid)
    assert entry.override_reason == "He asked me to call back about the invoice"


def test_inbound_from_do_not_contact_is_recorded_without_a_reason(qtbot, journal):
    cid = save_contact(ContactData(display_name="Quiet Quentin", dnc_channels=("all",)))
    dialog = _dialog(qtbot, cid)
    dialog.direction.set_value("inbound")
    assert not dialog.override.isVisible()
    qtbot.keyClicks(dialog.summary, "He called us")
    dialog.accept()
    assert timeline(cid)[0].summary == "He called us"
    assert timeline(cid)[0].override_reason == ""


def test_email_to_someone_who_only_refused_calls_needs_no_reason(qtbot, journal):
    cid = save_contact(ContactData(display_name="Rita", dnc_channels=("phone",)))
    dialog = _dialog(qtbot, cid)
    dialog.channel.set_value("email")
    assert not dialog.override.isVisible()


def test_greeting_that_reads_like_an_offer_is_warned_about(qtbot, contact_id):
    dialog = _dialog(qtbot, contact_id)
    dialog.purpose.set_value("greeting")
    qtbot.keyClicks(dialog.summary, "Happy birthday! 20% discount inside")
    assert dialog.warnings.isVisible()
    assert "Greetings are not sales" in dialog.warnings.text()


def test_offer_for_something_they_have_asks_for_confirmation(qtbot, contact_id):
    offering = Offering.create(name="Bookkeeping")
    Purchase.create(contact=contact_id, offering=offering, since=dt.date(2025, 1, 1))
    dialog = _dialog(qtbot, contact_id)
    dialog.purpose.set_value("offer")
    assert dialog.offering.isVisible()
    dialog.offering.setCurrentIndex(dialog.offering.findData(offering.id))
    qtbot.keyClicks(dialog.summary, "Offered bookkeeping")
    dialog.accept()
    assert Interaction.select().count() == 0
    assert "already has Bookkeeping" in dialog.boxes["offering"].problem.text()
    assert dialog.save_button.text() == "Log anyway"
    dialog.accept()
    assert timeline(contact_id)[0].offering_id == offering.id


def test_edit_prefills_and_updates_the_entry(qtbot, contact_id):
    iid = save_interaction(
        InteractionData(
            contact_id=contact_id,
            at=dt.datetime(2026, 1, 2, 15, 0),
            channel="in-person",
            purpose="meeting",
            summary="Coffee",
            next_step_on=dt.date(2026, 2, 1),
        )
    )
    dialog = _dialog(qtbot, contact_id, interaction_id=iid)
    assert dialog.summary.text() == "Coffee"
    assert dialog.channel.value() == "in-person"
    assert dialog.purpose.value() == "meeting"
    assert dialog.has_next.isChecked()
    assert dialog.when.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-01-02 15:00"
    dialog.summary.setText("Coffee and cake")
    dialog.accept()
    assert Interaction.select().count() == 1
    entry = timeline(contact_id)[0]
    assert entry.summary == "Coffee and cake"
    assert entry.at == dt.datetime(2026, 1, 2, 15, 0)


def test_contact_name_with_html_is_shown_literally(qtbot, journal):
    cid = save_contact(ContactData(display_name="<i>Eve</i>"))
    dialog = _dialog(qtbot, cid)
    assert dialog.who.textFormat() == Qt.PlainText
    assert dialog.who.text() == "<i>Eve</i>"
