"""Offerings and purchases: who has what, and what "already has" means."""

from __future__ import annotations

import datetime as dt

import pytest

from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.purchases import (
    PurchaseData,
    PurchaseInvalid,
    active_purchases,
    add_offering,
    already_has,
    deactivate_offering,
    end_purchase,
    list_offerings,
    purchases_of,
    rename_offering,
    save_purchase,
    set_offering_active,
)

TODAY = dt.date(2026, 11, 23)
YESTERDAY = TODAY - dt.timedelta(days=1)


@pytest.fixture
def ada(journal):
    return save_contact(ContactData(display_name="Ada"))


def test_offerings_are_added_renamed_and_deactivated(journal):
    audit = add_offering("  Annual   audit ")
    books = add_offering("Bookkeeping")
    assert [o.name for o in list_offerings()] == ["Annual audit", "Bookkeeping"]
    rename_offering(audit, "Audit")
    deactivate_offering(books)
    assert [(o.name, o.active) for o in list_offerings()] == [("Audit", True)]
    assert [(o.name, o.active) for o in list_offerings(include_inactive=True)] == [
        ("Audit", True),
        ("Bookkeeping", False),
    ]
    set_offering_active(books, True)
    assert len(list_offerings()) == 2


def test_offering_names_are_required_and_unique_whatever_the_case(journal):
    add_offering("Audit")
    with pytest.raises(PurchaseInvalid, match="already an offering"):
        add_offering("AUDIT")
    with pytest.raises(PurchaseInvalid, match="Give the offering a name"):
        add_offering("  ")
    other = add_offering("Payroll")
    with pytest.raises(PurchaseInvalid):
        rename_offering(other, "audit")


def test_purchase_that_ended_yesterday_is_not_already_has(ada):
    audit = add_offering("Audit")
    save_purchase(PurchaseData(ada, audit, since=dt.date(2025, 1, 1), until=YESTERDAY))
    assert not already_has(ada, audit, TODAY)
    assert already_has(ada, audit, YESTERDAY)
    assert active_purchases(ada, TODAY) == []


def test_purchase_until_today_is_still_active(ada):
    audit = add_offering("Audit")
    save_purchase(PurchaseData(ada, audit, since=dt.date(2025, 1, 1), until=TODAY))
    assert already_has(ada, audit, TODAY)
    assert [p.offering_name for p in active_purchases(ada, TODAY)] == ["Audit"]


def test_open_ended_recurring_purchase_is_active_and_kept_exactly(ada):
    books = add_offering("Bookkeeping")
    pid = save_purchase(PurchaseData(ada, books, since=dt.date(2025, 1, 1), recurring=True))
    [row] = active_purchases(ada, TODAY)
    assert (row.id, row.since, row.until, row.recurring, row.active) == (
        pid,
        dt.date(2025, 1, 1),
        None,
        True,
        True,
    )
    end_purchase(pid, YESTERDAY)
    assert not already_has(ada, books, TODAY)


def test_already_has_is_per_contact_and_per_offering(ada):
    bob = save_contact(ContactData(display_name="Bob"))
    audit, books = add_offering("Audit"), add_offering("Books")
    save_purchase(PurchaseData(ada, audit))
    assert already_has(ada, audit, TODAY)
    assert not already_has(ada, books, TODAY)
    assert not already_has(bob, audit, TODAY)


def test_a_customers_purchases_show_active_ones_first(ada):
    audit, books = add_offering("Audit"), add_offering("Books")
    save_purchase(PurchaseData(ada, audit, since=dt.date(2026, 5, 1), until=dt.date(2026, 6, 1)))
    save_purchase(PurchaseData(ada, books, since=dt.date(2024, 1, 1)))
    assert [(p.offering_name, p.active) for p in purchases_of(ada, TODAY)] == [
        ("Books", True),
        ("Audit", False),
    ]


def test_a_purchase_cannot_end_before_it_started(ada):
    audit = add_offering("Audit")
    with pytest.raises(PurchaseInvalid) as invalid:
        save_purchase(PurchaseData(ada, audit, since=TODAY, until=YESTERDAY))
    assert [p.field for p in invalid.value.problems] == ["until"]
    with pytest.raises(PurchaseInvalid):
        save_purchase(PurchaseData(ada, 999))
