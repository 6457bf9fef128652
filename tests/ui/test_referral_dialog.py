"""ReferralDialog: record a referral received or given from either contact's page."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from gratitude_desktop.journal.contacts import ContactData, load_contact, save_contact
from gratitude_desktop.journal.referrals import referrals_of
from gratitude_desktop.store.models import Referral

TODAY = dt.date(2026, 5, 4)


@pytest.fixture
def people(journal):
    return {
        name: save_contact(ContactData(display_name=name))
        for name in ("Ada Lovelace", "Bob Byron", "Cy Carter")
    }


def _dialog(qtbot, contact_id, **kwargs):
    from gratitude_desktop.ui.dialogs.referral import ReferralDialog

    dialog = ReferralDialog(contact_id, today=TODAY, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type_and_pick(qtbot, picker, typed: str, shown: str) -> None:
    """As a user: type part of the name, then pick the completion."""
    qtbot.keyClicks(picker.edit, typed)
    assert shown in picker._names.stringList()
    picker.completer.activated[str].emit(shown)


def test_they_referred_someone_records_a_received_referral_by_this_contact(qtbot, people):
    ada, bob = people["Ada Lovelace"], people["Bob Byron"]
    dialog = _dialog(qtbot, ada)
    assert dialog.kind.currentText() == "Ada Lovelace referred someone to us"
    assert dialog.other_caption.text() == "Whom they referred:"
    _type_and_pick(qtbot, dialog.other, "bob", "Bob Byron")
    dialog.on.setDate(QDate(2026, 4, 30))
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    row = Referral.get_by_id(saved.args[0])
    assert (row.by_id, row.person_id, row.to_id, row.on) == (ada, bob, None, dt.date(2026, 4, 30))
    assert load_contact(bob).referred_by == ada


def test_someone_referred_them_sets_their_referred_by(qtbot, people):
    ada, cy = people["Ada Lovelace"], people["Cy Carter"]
    dialog = _dialog(qtbot, ada, kind="referred-them")
    assert dialog.other_caption.text() == "Referred by:"
    dialog.other.pick(cy)
    dialog.accept()
    assert load_contact(ada).referred_by == cy
    assert [r.by_id for r in referrals_of(ada).referred_them] == [cy]


def test_we_referred_them_to_a_partner_is_a_given_referral(qtbot, people):
    ada, bob = people["Ada Lovelace"], people["Bob Byron"]
    dialog = _dialog(qtbot, ada)
    dialog.kind.setCurrentIndex(dialog.kind.findData("we-sent-them"))
    assert dialog.other_caption.text() == "Partner:"
    dialog.other.pick(bob)
    dialog.accept()
    [row] = Referral.select()
    assert (row.by_id, row.person_id, row.to_id) == (None, ada, bob)
    assert load_contact(ada).referred_by is None


def test_we_sent_someone_to_this_partner(qtbot, people):
    ada, cy = people["Ada Lovelace"], people["Cy Carter"]
    dialog = _dialog(qtbot, ada, kind="we-sent-to-them")
    dialog.other.pick(cy)
    dialog.accept()
    [row] = Referral.select()
    assert (row.by_id, row.person_id, row.to_id) == (None, cy, ada)


def test_nobody_picked_is_a_problem_and_nothing_is_saved(qtbot, people):
    dialog = _dialog(qtbot, people["Ada Lovelace"])
    dialog.accept()
    assert dialog.problems.isVisible()
    assert dialog.problems.text() == "Pick the other person: Whom they referred."
    qtbot.keyClicks(dialog.other.edit, "Nobody Known")
    dialog.accept()
    assert "pick one from the list" in dialog.problems.text()
    assert dialog.result() != QDialog.Accepted
    assert Referral.select().count() == 0


def test_the_contact_itself_is_not_offered_in_the_picker(qtbot, people):
    dialog = _dialog(qtbot, people["Ada Lovelace"])
    qtbot.keyClicks(dialog.other.edit, "a")
    assert "Ada Lovelace" not in dialog.other._names.stringList()


def test_cancel_records_nothing(qtbot, people):
    dialog = _dialog(qtbot, people["Ada Lovelace"])
    dialog.other.pick(people["Bob Byron"])
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert dialog.result() == QDialog.Rejected
    assert Referral.select().count() == 0
