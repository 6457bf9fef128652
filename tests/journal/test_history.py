"""The contact's events besides interactions, for the one timeline of everything."""

from __future__ import annotations

import datetime as dt

from gratitude_desktop.journal.contacts import ContactData, load_contact, save_contact
from gratitude_desktop.journal.history import history_events
from gratitude_desktop.journal.interactions import InteractionData, save_interaction, timeline
from gratitude_desktop.journal.promises import PromiseData, mark_kept, save_promise
from gratitude_desktop.journal.purchases import PurchaseData, add_offering, save_purchase
from gratitude_desktop.journal.referrals import record_given, record_received

DAY = dt.date(2026, 3, 1)


def test_promises_referrals_purchases_and_stage_changes_newest_first(journal):
    ada = save_contact(ContactData(display_name="Ada"))
    ben = save_contact(ContactData(display_name="Ben"))
    cy = save_contact(ContactData(display_name="Cy"))
    pid = save_promise(
        PromiseData(contact_id=ada, direction="we-owe", what="Send the link", made_on=DAY), DAY
    )
    mark_kept(pid, DAY + dt.timedelta(days=2))
    record_received(ada, ben, DAY + dt.timedelta(days=3))  # Ada sent Ben to us
    record_given(ada, cy, DAY + dt.timedelta(days=4))  # we sent Ada to Cy
    save_purchase(
        PurchaseData(
            contact_id=ada,
            offering_id=add_offering("Bookkeeping"),
            since=DAY + dt.timedelta(days=5),
        )
    )
    data = load_contact(ada)
    data.stage = "customer"
    save_contact(data)
    texts = [(e.kind, e.text) for e in history_events(ada)]
    assert ("stage", "Acquaintance → customer") in texts  # changed today: newest
    assert texts[-5:] == [
        ("purchases", "Bought Bookkeeping"),
        ("referrals", "We referred them to Cy"),
        ("referrals", "Referred Ben to us"),
        ("promises", "Kept: Send the link"),
        ("promises", "You promised: Send the link"),
    ]
    assert [e.text for e in history_events(ben)][0:1] == ["Referred to us by Ada"]
    assert [e.kind for e in history_events(ada, kind="referrals")] == ["referrals", "referrals"]
    assert [e.text for e in history_events(ada, words="bookk")] == ["Bought Bookkeeping"]


def test_a_kind_filter_narrows_the_interactions_too(journal):
    ada = save_contact(ContactData(display_name="Ada"))
    for channel, purpose in [
        ("call", "follow-up"),
        ("email", "greeting"),
        ("in-person", "apology"),
    ]:
        save_interaction(
            InteractionData(
                contact_id=ada,
                at=dt.datetime(2026, 1, 1, 9),
                channel=channel,
                purpose=purpose,
                summary=f"{channel} {purpose}",
            )
        )
    assert [i.summary for i in timeline(ada, kind="greetings")] == ["email greeting"]
    assert [i.summary for i in timeline(ada, kind="mistakes")] == ["in-person apology"]
    assert len(timeline(ada, kind="conversations")) == 2
    assert timeline(ada, kind="promises") == []
