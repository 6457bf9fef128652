"""Lost customers are asked why; mistakes are admitted with an apology."""

from __future__ import annotations

import datetime as dt

import pytest

from gratitude_desktop.journal.contacts import ContactData, load_contact, save_contact
from gratitude_desktop.journal.interactions import timeline
from gratitude_desktop.journal.lost import LostInvalid, can_be_lost, log_listening, mark_lost
from gratitude_desktop.journal.mistakes import MistakeInvalid, log_mistake
from gratitude_desktop.journal.outreach import OutreachRefused
from gratitude_desktop.journal.promises import load_promise
from gratitude_desktop.store.models import Promise

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def ada(journal):
    return save_contact(ContactData(display_name="Ada", stage="customer"))


def test_marking_lost_records_reason_and_proposes_one_listening_conversation(ada):
    proposal = mark_lost(ada, dt.date(2026, 11, 1), "staff-failure", "Rude on the phone", TODAY)
    data = load_contact(ada)
    assert (data.stage, data.lost_since, data.lost_reason, data.lost_note) == (
        "lost-customer",
        dt.date(2026, 11, 1),
        "staff-failure",
        "Rude on the phone",
    )
    assert proposal.what == "Ask Ada what went wrong (listen, don't sell)"
    assert (proposal.due_on, proposal.purpose) == (dt.date(2026, 11, 26), "feedback")
    # Proposed, not silently scheduled twice: the agenda's ask-why-lost item covers it.
    assert Promise.select().count() == 0 and timeline(ada) == []


def test_marking_lost_needs_a_known_reason(ada):
    with pytest.raises(LostInvalid, match="Choose a reason"):
        mark_lost(ada, TODAY, "they-hate-us", "", TODAY)
    assert load_contact(ada).stage == "customer"


def test_only_a_customer_or_a_client_can_be_lost(journal, ada):
    prospect = save_contact(ContactData(display_name="Pat", stage="prospect"))
    client = save_contact(ContactData(display_name="Cy", stage="client"))
    assert (can_be_lost(ada), can_be_lost(client), can_be_lost(prospect)) == (True, True, False)
    with pytest.raises(LostInvalid, match="Only a customer or a client can be lost"):
        mark_lost(prospect, TODAY, "price", "", TODAY)
    assert load_contact(prospect).stage == "prospect"
    mark_lost(ada, TODAY, "price", "", TODAY)
    assert can_be_lost(ada) is False  # a lost customer already is


def test_logging_the_listening_conversation_records_what_was_learned(ada):
    mark_lost(ada, TODAY, "price", "", TODAY)
    log_listening(ada, "Found a cheaper bookkeeper", TODAY)
    [entry] = timeline(ada)
    assert entry.purpose == "feedback"
    assert "Found a cheaper bookkeeper" in entry.notes
    with pytest.raises(LostInvalid):
        log_listening(ada, "", TODAY)


def test_a_mistake_is_logged_as_an_apology_with_what_was_made_whole(ada):
    result = log_mistake(
        ada,
        "Sent the wrong invoice",
        "I'm sorry for the confusion",
        "Refunded the fee",
        today=TODAY,
    )
    assert result.promise_id is None
    [entry] = timeline(ada)
    assert (entry.id, entry.purpose, entry.summary) == (
        result.interaction_id,
        "apology",
        "Apologised: Sent the wrong invoice",
    )
    assert entry.notes.splitlines() == [
        "What went wrong: Sent the wrong invoice",
        "Apology: I'm sorry for the confusion",
        "Made whole: Refunded the fee",
    ]


def test_a_mistake_may_come_with_a_promise(ada):
    result = log_mistake(
        ada,
        "Missed the deadline",
        "Sorry",
        "",
        "Deliver the report",
        dt.date(2026, 11, 30),
        today=TODAY,
    )
    p = load_promise(result.promise_id)
    assert (p.what, p.direction, p.due_on, p.made_on, p.status) == (
        "Deliver the report",
        "we-owe",
        dt.date(2026, 11, 30),
        TODAY,
        "open",
    )


def test_a_mistake_needs_what_went_wrong_and_the_apology(ada):
    with pytest.raises(MistakeInvalid) as invalid:
        log_mistake(ada, "", " ", "", today=TODAY)
    assert {p.field for p in invalid.value.problems} == {"what_went_wrong", "apology"}
    assert timeline(ada) == []


def test_apologising_to_a_do_not_contact_person_needs_a_reason(journal):
    cy = save_contact(ContactData(display_name="Cy", dnc_channels=("all",)))
    with pytest.raises(OutreachRefused):
        log_mistake(cy, "Wrong name", "Sorry", "", "Fix it", today=TODAY)
    assert Promise.select().count() == 0
