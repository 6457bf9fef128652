"""Referrals both ways: referred-by, thank-yous, "did it help?", and the unthanked list."""

from __future__ import annotations

import datetime as dt

import pytest

from gratitude_desktop.journal.contacts import ContactData, load_contact, save_contact
from gratitude_desktop.journal.interactions import timeline
from gratitude_desktop.journal.outreach import OutreachRefused
from gratitude_desktop.journal.referrals import (
    GIVEN,
    RECEIVED,
    ReferralInvalid,
    follow_up_given,
    load_referral,
    record_given,
    record_received,
    referrals_of,
    thank,
    unthanked,
)
from gratitude_desktop.store.models import Referral

TODAY = dt.date(2026, 11, 23)
SEPT = dt.date(2026, 9, 15)


def person(name, **kw):
    return save_contact(ContactData(display_name=name, **kw))


@pytest.fixture
def people(journal):
    return person("Ada"), person("Bob"), person("Cy")


def test_a_referral_received_sets_the_persons_referred_by(people):
    ada, bob, _cy = people
    rid = record_received(ada, bob, SEPT)
    row = Referral.get_by_id(rid)
    assert (row.by_id, row.person_id, row.to_id, row.on) == (ada, bob, None, SEPT)
    assert load_contact(bob).referred_by == ada
    assert load_referral(rid).direction == RECEIVED


def test_a_second_referrer_does_not_take_the_first_ones_credit(people):
    ada, bob, cy = people
    record_received(ada, bob, SEPT)
    record_received(cy, bob, TODAY)
    assert load_contact(bob).referred_by == ada
    assert [r.by_id for r in referrals_of(bob).referred_them] == [ada, cy]


def test_a_referral_given_names_the_partner_and_not_us(people):
    ada, bob, _cy = people
    rid = record_given(bob, ada, SEPT)
    row = Referral.get_by_id(rid)
    assert (row.by_id, row.person_id, row.to_id) == (None, bob, ada)
    assert load_contact(bob).referred_by is None
    assert load_referral(rid).direction == GIVEN


def test_nobody_refers_themselves(people):
    ada, _bob, _cy = people
    with pytest.raises(ReferralInvalid):
        record_received(ada, ada, SEPT)
    with pytest.raises(ReferralInvalid):
        record_given(ada, ada, SEPT)
    with pytest.raises(ReferralInvalid):
        record_received(ada, 999, SEPT)


def test_referrals_of_shows_who_they_referred_and_who_referred_them(people):
    ada, bob, cy = people
    r1 = record_received(ada, bob, SEPT)
    r2 = record_received(ada, cy, TODAY)
    r3 = record_given(bob, cy, TODAY)
    of_ada = referrals_of(ada)
    assert [r.id for r in of_ada.they_referred] == [r1, r2]
    assert [r.person_name for r in of_ada.they_referred] == ["Bob", "Cy"]
    assert of_ada.referred_them == []
    of_bob = referrals_of(bob)
    assert [r.id for r in of_bob.referred_them] == [r1, r3]
    assert of_bob.referred_them[1].to_name == "Cy"
    assert [r.id for r in referrals_of(cy).we_sent_them] == [r3]


def test_every_referral_received_stays_unthanked_until_thanked(people):
    ada, bob, cy = people
    r1 = record_received(ada, bob, SEPT)
    record_given(bob, cy, SEPT)  # given: nobody to thank
    assert [r.id for r in unthanked()] == [r1]
    interaction_id = thank(r1, TODAY)
    assert unthanked() == []
    assert Referral.get_by_id(r1).thanked_on == TODAY
    [entry] = timeline(ada)
    assert entry.id == interaction_id
    assert (entry.purpose, entry.offering_id, entry.direction, entry.summary) == (
        "thank-you",
        None,
        "outbound",
        "Thank you for referring Bob",
    )


def test_a_thank_you_for_a_referral_from_a_do_not_contact_person_is_not_proposed(journal):
    no = person("No Thanks", dnc_channels=("all",))
    email_only = person("Email Only", dnc_channels=("email",))
    bob = person("Bob")
    record_received(no, bob, SEPT)
    partial = record_received(email_only, bob, TODAY)
    assert [r.id for r in unthanked()] == [partial]
    # A partial do-not-contact is thanked on a channel they allow.
    thank(partial, TODAY)
    assert timeline(email_only)[0].channel == "call"


def test_thanking_a_do_not_contact_referrer_anyway_needs_a_reason(journal):
    no = person("No Thanks", dnc_channels=("all",))
    rid = record_received(no, person("Bob"), SEPT)
    with pytest.raises(OutreachRefused):
        thank(rid, TODAY)
    assert Referral.get_by_id(rid).thanked_on is None
    thank(rid, TODAY, reason="They phoned us to ask if the referral worked out")
    assert Referral.get_by_id(rid).thanked_on == TODAY


def test_follow_up_given_records_the_outcome_and_logs_the_question(people):
    ada, bob, _cy = people
    rid = record_given(bob, ada, SEPT)
    follow_up_given(rid, "It helped: they signed", TODAY)
    assert Referral.get_by_id(rid).outcome == "It helped: they signed"
    [entry] = timeline(bob)
    assert entry.summary == "Did the referral to Ada help? It helped: they signed"
    with pytest.raises(ReferralInvalid, match="how it went"):
        follow_up_given(rid, " ", TODAY)


def test_follow_up_without_logging_only_records_the_outcome(people):
    ada, bob, _cy = people
    rid = record_given(bob, ada, SEPT)
    assert follow_up_given(rid, "No answer yet", TODAY, log=False) is None
    assert (Referral.get_by_id(rid).outcome, timeline(bob)) == ("No answer yet", [])
    received = record_received(ada, bob, SEPT)
    with pytest.raises(ReferralInvalid):
        follow_up_given(received, "fine", TODAY)


# --- a referral to someone who cannot take it asks first (issue 16) -----------------------

from gratitude_desktop.journal.contacts import MethodData  # noqa: E402
from gratitude_desktop.journal.referrals import (  # noqa: E402
    ReferralAsk,
    partner_question,
)
from gratitude_desktop.store.models import Referral as ReferralRow  # noqa: E402


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"dnc_channels": ("all",)}, "asked not to be contacted (all)"),
        ({"methods": [MethodData("email", "x@y.org", bad=True)]}, "Every way to reach"),
    ],
)
def test_a_referral_to_a_partner_out_of_reach_asks_first(journal, fields, why):
    person = save_contact(ContactData(display_name="Grace"))
    partner = save_contact(ContactData(display_name="Pat", **fields))
    with pytest.raises(ReferralAsk, match="costs you face"):
        record_given(person, partner, dt.date(2026, 11, 1))
    assert ReferralRow.select().count() == 0
    assert why in partner_question(partner)
    assert record_given(person, partner, dt.date(2026, 11, 1), confirmed=True)


def test_a_referral_to_a_trashed_partner_asks_first_and_a_reachable_one_does_not(journal):
    from gratitude_desktop.journal.contacts import trash_contacts

    person = save_contact(ContactData(display_name="Grace"))
    gone = save_contact(ContactData(display_name="Gone"))
    trash_contacts([gone])
    assert "is in the Trash" in partner_question(gone)
    fine = save_contact(ContactData(display_name="Fine", methods=[MethodData("email", "f@x.org")]))
    assert partner_question(fine) is None
    assert record_given(person, fine, dt.date(2026, 11, 1))


def test_a_partner_who_refused_only_some_channels_may_still_be_referred_to(journal):
    person = save_contact(ContactData(display_name="Grace"))
    partner = save_contact(ContactData(display_name="Pat", dnc_channels=("phone",)))
    assert partner_question(partner) is None
    assert record_given(person, partner, dt.date(2026, 11, 1))
