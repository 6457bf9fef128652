"""MistakeDialog: what went wrong, the apology, made whole, an optional promise."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.interactions import timeline
from gratitude_desktop.journal.promises import promises_of
from gratitude_desktop.store.models import Interaction, Promise

TODAY = dt.date(2026, 5, 4)
NOW = dt.datetime(2026, 5, 4, 9, 30)


@pytest.fixture
def ada(journal):
    return save_contact(ContactData(display_name="Ada Lovelace"))


def _dialog(qtbot, contact_id):
    from gratitude_desktop.ui.dialogs.mistake import MistakeDialog

    dialog = MistakeDialog(contact_id, today=TODAY, now=NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_mistake_is_logged_as_an_apology_with_what_was_done(qtbot, ada):
    dialog = _dialog(qtbot, ada)
    assert dialog.focusWidget() in (dialog.what, None)
    qtbot.keyClicks(dialog.what, "Invoice sent to the wrong address")
    qtbot.keyClicks(dialog.apology, "I am sorry, that was my mistake")
    qtbot.keyClicks(dialog.made_whole, "Waived the fee")
    dialog.channel.set_value("email")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    [entry] = timeline(ada)
    assert entry.id == saved.args[0]
    assert (entry.purpose, entry.channel, entry.at) == ("apology", "email", NOW)
    assert entry.summary == "Apologised: Invoice sent to the wrong address"
    assert entry.notes == (
        "What went wrong: Invoice sent to the wrong address\n"
        "Apology: I am sorry, that was my mistake\n"
        "Made whole: Waived the fee"
    )
    assert Promise.select().count() == 0


def test_a_mistake_can_carry_a_promise_with_a_due_date(qtbot, ada):
    dialog = _dialog(qtbot, ada)
    qtbot.keyClicks(dialog.what, "Missed the meeting")
    qtbot.keyClicks(dialog.apology, "Sorry")
    qtbot.keyClicks(dialog.promise, "send the notes")
    assert dialog.has_promise.isChecked()
    dialog.due.setDate(QDate(2026, 5, 8))
    dialog.accept()
    [row] = promises_of(ada, TODAY)
    assert (row.what, row.due_on, row.direction, row.made_on) == (
        "send the notes", dt.date(2026, 5, 8), "we-owe", TODAY,
    )  # fmt: skip


def test_missing_what_and_apology_are_shown_beside_the_fields(qtbot, ada):
    dialog = _dialog(qtbot, ada)
    dialog.accept()
    assert dialog.boxes["what_went_wrong"].problem.text() == "Say what went wrong."
    assert dialog.boxes["apology"].problem.text() == "Write down the apology you gave."
    assert dialog.result() != QDialog.Accepted
    assert Interaction.select().count() == 0


def test_ticked_promise_without_text_is_a_problem(qtbot, ada):
    dialog = _dialog(qtbot, ada)
    qtbot.keyClicks(dialog.what, "Late")
    qtbot.keyClicks(dialog.apology, "Sorry")
    dialog.has_promise.setChecked(True)
    dialog.accept()
    assert "Say what you promised" in dialog.boxes["promise_what"].problem.text()
    assert Interaction.select().count() == 0


def test_apologising_on_a_do_not_contact_channel_needs_a_reason(qtbot, journal):
    quiet = save_contact(ContactData(display_name="Quiet Q", dnc_channels=("phone",)))
    dialog = _dialog(qtbot, quiet)
    assert dialog.boxes["reason"].isVisible()  # a call is the default channel
    qtbot.keyClicks(dialog.what, "Called after they said no")
    qtbot.keyClicks(dialog.apology, "Sorry")
    dialog.accept()
    assert dialog.boxes["reason"].problem.isVisible()
    assert Interaction.select().count() == 0
    dialog.channel.set_value("email")  # email is allowed: no reason needed
    assert not dialog.boxes["reason"].isVisible()
    dialog.accept()
    assert [e.channel for e in timeline(quiet)] == ["email"]
