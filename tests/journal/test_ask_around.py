"""Keep current (DESIGN rule 10): who else knows someone we have lost track of."""

from __future__ import annotations

import datetime as dt

from gratitude_desktop.journal.ask_around import Acquaintance, out_of_reach, who_knows
from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact, trash_contacts
from gratitude_desktop.journal.interactions import InteractionData, save_interaction
from gratitude_desktop.store.models import Referral


def person(name: str, **fields) -> int:
    return save_contact(ContactData(display_name=name, **fields))


def refer(by, who, to=None) -> None:
    Referral.create(by=by, person=who, to=to, on=dt.date(2026, 5, 1))


def test_out_of_reach_only_when_every_way_to_reach_them_is_marked_bad():
    good = MethodData("email", "ada@example.org")
    bad = MethodData("email", "old@example.org", bad=True)
    bad_phone = MethodData("phone", "+1 202 555 0100", bad=True)
    assert out_of_reach([bad, bad_phone])
    assert not out_of_reach([bad, good])
    assert not out_of_reach([])  # never given any: not lost, just unknown


def test_referral_links_in_every_direction_are_found_with_why(journal):
    lost = person("Lost Lena")
    referrer = person("Rita Referrer")
    partner = person("Paul Partner")
    sent = person("Sam Sent")
    introduced = person("Ida Introduced")
    other_partner = person("Olga Other")
    refer(referrer, lost)  # Rita sent Lena to us
    refer(None, lost, partner)  # we sent Lena to Paul
    refer(lost, sent)  # Lena sent Sam to us
    refer(lost, sent, other_partner)  # Lena sent Sam to Olga
    refer(None, introduced, lost)  # we sent Ida to Lena
    found = {a.name: a.why for a in who_knows(lost)}
    assert found == {
        "Rita Referrer": "referred them",
        "Paul Partner": "was introduced to them",
        "Sam Sent": "was referred by them",
        "Olga Other": "got a referral from them",
        "Ida Introduced": "was introduced to them",
    }


def test_referred_by_links_both_ways_and_reasons_are_not_repeated(journal):
    referrer = person("Rita Referrer")
    lost = person("Lost Lena", referred_by=referrer)
    refer(referrer, lost)  # the same link, recorded twice
    follower = person("Fay Follower", referred_by=lost)
    assert who_knows(lost) == [  # equally strong links: by name
        Acquaintance(follower, "Fay Follower", "was referred by them"),
        Acquaintance(referrer, "Rita Referrer", "referred them"),
    ]


def test_people_at_the_same_organisation_any_case_or_spacing(journal):
    lost = person("Lost Lena", organization="Acme  Widgets")
    same = person("Sue Same", organization="acme widgets")
    spaced = person("Sid Spaced", organization=" ACME Widgets ")
    person("Nora Near", organization="Acme Widgets International")
    person("Abe Abbrev", organization="Acme")
    found = {a.name: a.why for a in who_knows(lost)}
    assert found == {
        "Sue Same": "also at Acme Widgets",
        "Sid Spaced": "also at Acme Widgets",
    }
    assert {a.contact_id for a in who_knows(lost)} == {same, spaced}


def test_referral_links_come_before_colleagues_and_recent_touches_first(journal):
    lost = person("Lost Lena", organization="Acme")
    old_friend = person("Ann Colleague", organization="Acme")
    recent = person("Zed Colleague", organization="Acme")
    save_interaction(InteractionData(contact_id=recent, at=dt.datetime(2026, 11, 1, 10)))
    save_interaction(InteractionData(contact_id=old_friend, at=dt.datetime(2025, 1, 1, 10)))
    referrer = person("Rita Referrer")
    refer(referrer, lost)
    assert [a.name for a in who_knows(lost)] == ["Rita Referrer", "Zed Colleague", "Ann Colleague"]
    assert len(who_knows(lost, limit=2)) == 2


def test_trashed_and_do_not_contact_people_are_never_proposed(journal):
    lost = person("Lost Lena", organization="Acme")
    trashed = person("Tom Trashed", organization="Acme")
    trash_contacts([trashed])
    person("Dora DoNotContact", organization="Acme", dnc_channels=("all",))
    partly = person("Pat Partly", organization="Acme", dnc_channels=("email",))
    assert [a.contact_id for a in who_knows(lost)] == [partly]


def test_nobody_knows_a_contact_without_links(journal):
    assert who_knows(person("Lonely")) == []
    assert who_knows(99999) == []


def test_an_organisation_of_only_punctuation_finds_nobody(journal):
    lost = person("Lost Lena", organization="&&&")
    person("Other", organization="&&&")
    assert who_knows(lost) == []


def test_an_organisation_named_with_search_operators_is_matched_literally(journal):
    lost = person("Lost Lena", organization='Black AND "Decker" NEAR*')
    same = person("Sue Same", organization='black and "decker" near*')
    person("Other", organization="Black Decker")
    assert [a.contact_id for a in who_knows(lost)] == [same]
