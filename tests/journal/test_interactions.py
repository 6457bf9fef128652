"""The timeline keeps each contact's last touch current."""

from __future__ import annotations

import datetime as dt

import pytest

from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.interactions import (
    InteractionData,
    InteractionInvalid,
    delete_interaction,
    load_interaction,
    save_interaction,
    timeline,
)
from gratitude_desktop.store.models import Contact, Offering


def last_touch(cid):
    return Contact.get_by_id(cid).last_interaction_on


def log(cid, when, **kw):
    return save_interaction(InteractionData(contact_id=cid, at=when, **kw))


def test_the_timeline_is_newest_first(journal):
    cid = save_contact(ContactData(display_name="Ada"))
    log(cid, dt.datetime(2026, 1, 1, 9), summary="first")
    log(cid, dt.datetime(2026, 3, 1, 9), summary="third")
    log(cid, dt.datetime(2026, 2, 1, 9), summary="second")
    assert [i.summary for i in timeline(cid)] == ["third", "second", "first"]


def test_last_touch_follows_log_edit_delete_and_moves(journal):
    ada = save_contact(ContactData(display_name="Ada"))
    bob = save_contact(ContactData(display_name="Bob"))
    early = log(ada, dt.datetime(2026, 1, 1, 9))
    late = log(ada, dt.datetime(2026, 5, 1, 9))
    assert last_touch(ada) == dt.date(2026, 5, 1)
    moved = load_interaction(late)
    moved.contact_id = bob
    save_interaction(moved)
    assert (last_touch(ada), last_touch(bob)) == (dt.date(2026, 1, 1), dt.date(2026, 5, 1))
    delete_interaction(early)
    assert last_touch(ada) is None


def test_every_field_of_an_interaction_is_kept(journal):
    cid = save_contact(ContactData(display_name="Ada"))
    offering = Offering.create(name="Audit").id
    data = InteractionData(
        contact_id=cid,
        at=dt.datetime(2026, 10, 1, 15, 0),
        channel="video",
        direction="inbound",
        purpose="offer",
        summary="Asked about the audit",
        notes="<b>bold?</b>",
        next_step_on=dt.date(2026, 10, 8),
        offering_id=offering,
    )
    iid = save_interaction(data)
    data.id = iid
    assert load_interaction(iid) == data


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"channel": "pigeon"}, "channel"),
        ({"direction": "sideways"}, "direction"),
        ({"purpose": "gossip"}, "purpose"),
        ({"contact_id": 999}, "contact"),
    ],
)
def test_invalid_interactions_are_refused_naming_the_field(journal, changes, field):
    cid = save_contact(ContactData(display_name="Ada"))
    values = dict(contact_id=cid, at=dt.datetime(2026, 1, 1)) | changes
    with pytest.raises(InteractionInvalid) as caught:
        save_interaction(InteractionData(**values))
    assert field in {p.field for p in caught.value.problems}


def test_a_greeting_never_carries_an_offer(journal):
    cid = save_contact(ContactData(display_name="Ada"))
    offering = Offering.create(name="Audit").id
    with pytest.raises(InteractionInvalid, match="never carries an offer"):
        log(cid, dt.datetime(2026, 1, 1), purpose="greeting", offering_id=offering)
