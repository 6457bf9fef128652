"""The contact page's line saying when a contact's details were last confirmed (issue 16)."""

from __future__ import annotations

import datetime as dt

from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact
from gratitude_desktop.ui.contacts.confirmed_label import ConfirmedLabel

TODAY = dt.date(2026, 11, 22)


def label(qtbot) -> ConfirmedLabel:
    widget = ConfirmedLabel(today=lambda: TODAY)
    qtbot.addWidget(widget)
    return widget


def test_recent_details_say_when_they_were_confirmed(journal, qtbot):
    cid = save_contact(
        ContactData(
            display_name="Ada",
            methods=[
                MethodData("email", "a@x.org", confirmed_on=dt.date(2026, 3, 1)),
                MethodData("phone", "+44 1", confirmed_on=dt.date(2026, 9, 9), bad=True),
            ],
        )
    )
    widget = label(qtbot)
    widget.show_for(cid)
    assert widget.text() == "Details last confirmed on 2026-03-01"  # a known-bad one: no


def test_details_two_years_old_ask_whether_they_are_still_right(journal, qtbot):
    cid = save_contact(
        ContactData(
            display_name="Bea",
            methods=[MethodData("phone", "+44 2", confirmed_on=dt.date(2024, 11, 1))],
        )
    )
    widget = label(qtbot)
    widget.show_for(cid)
    assert "still the right number?" in widget.text()
    widget.show_for(None)
    assert widget.isHidden()
