"""Constraints and the full-text index of the store."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from peewee import IntegrityError

from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact, trash_contacts
from gratitude_desktop.journal.interactions import InteractionData, save_interaction
from gratitude_desktop.store.models import (
    Contact,
    ContactMethod,
    Interaction,
    Offering,
    Snooze,
)
from gratitude_desktop.store.queries import ContactFilter, contact_page, count_contacts


def names(flt: ContactFilter) -> list[str]:
    return [row.display_name for row in contact_page(flt, 0, 100)]


def test_deleting_a_contact_deletes_its_methods_and_history(journal):
    cid = save_contact(ContactData(display_name="Ada", methods=[MethodData("email", "a@b.org")]))
    save_interaction(InteractionData(contact_id=cid, at=dt.datetime(2026, 1, 1, 9)))
    Contact.delete_by_id(cid)
    assert ContactMethod.select().count() == 0
    assert Interaction.select().count() == 0


def test_deleting_the_referrer_keeps_the_referred_contact(journal):
    ada = save_contact(ContactData(display_name="Ada"))
    bob = save_contact(ContactData(display_name="Bob", referred_by=ada))
    Contact.delete_by_id(ada)
    assert Contact.get_by_id(bob).referred_by_id is None


def test_one_snooze_per_contact_and_unique_offering_names(journal):
    cid = save_contact(ContactData(display_name="Ada"))
    Snooze.create(contact=cid, until=dt.date(2026, 12, 1))
    with pytest.raises(IntegrityError):
        Snooze.create(contact=cid, until=dt.date(2026, 12, 2))
    Offering.create(name="Bookkeeping")
    with pytest.raises(IntegrityError):
        Offering.create(name="Bookkeeping")


def test_an_interaction_needs_an_existing_contact(journal):
    with pytest.raises(IntegrityError):
        Interaction.create(
            contact=999,
            at=dt.datetime(2026, 1, 1),
            channel="call",
            direction="outbound",
            purpose="follow-up",
        )


def test_search_ignores_accents_and_case_and_matches_prefixes(journal):
    save_contact(ContactData(given_name="Jürgen", family_name="Groß"))
    save_contact(ContactData(given_name="Ada", family_name="Lovelace"))
    assert names(ContactFilter(text="jurg")) == ["Jürgen Groß"]
    assert names(ContactFilter(text="JÜR")) == ["Jürgen Groß"]
    assert names(ContactFilter(text="lov ad")) == ["Ada Lovelace"]


def test_search_covers_organisation_emails_phones_and_notes(journal):
    save_contact(
        ContactData(
            display_name="Ada",
            organization="Analytical Engines",
            notes="loves poetry",
            methods=[
                MethodData("email", "ada@engines.example"),
                MethodData("phone", "+44 20 7946 0958"),
            ],
        )
    )
    save_contact(ContactData(display_name="Bob"))
    for text in (
        "analyt",
        "engines.example",
        "ada@engines",
        "poetry",
        "20 7946",
        "442079",
        "7946 0958",
    ):
        assert names(ContactFilter(text=text)) == ["Ada"], text


def test_search_text_with_fts_syntax_is_taken_literally(journal):
    save_contact(ContactData(display_name="Ada"))
    for text in ('"', "ada OR", "NEAR(", "*", "a:b", "-ada", "(", "'"):
        count_contacts(ContactFilter(text=text))  # must not raise
    assert count_contacts(ContactFilter(text="***")) == 0


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=20))
def test_any_typed_text_is_a_query_the_index_can_answer(journal, text):
    """The index keeps no word positions (detail=column): a typed word must never become
    a phrase of two index words, whatever the user types."""
    count_contacts(ContactFilter(text=text))  # must not raise


def test_words_joined_by_an_underscore_are_found_as_two_words(journal):
    save_contact(ContactData(display_name="Ada", notes="likes snake_case names"))
    assert names(ContactFilter(text="snake_ca")) == ["Ada"]
    assert names(ContactFilter(text="case_snake")) == ["Ada"]


def test_search_index_follows_edits_and_skips_the_trash(journal):
    cid = save_contact(ContactData(display_name="Ada Byron"))
    data = ContactData(id=cid, display_name="Ada Lovelace")
    save_contact(data)
    assert names(ContactFilter(text="byron")) == []
    assert names(ContactFilter(text="lovelace")) == ["Ada Lovelace"]
    trash_contacts([cid])
    assert names(ContactFilter(text="lovelace")) == []
    assert names(ContactFilter(text="lovelace", trashed=True)) == ["Ada Lovelace"]


def test_filters_by_stage_circle_and_do_not_contact(journal):
    save_contact(ContactData(display_name="Ada", stage="client", circles=("friend", "mentor")))
    save_contact(ContactData(display_name="Bob", stage="prospect", dnc_channels=("all",)))
    save_contact(ContactData(display_name="Cy", circles=("mentee",)))
    assert names(ContactFilter(stage="client")) == ["Ada"]
    assert names(ContactFilter(circle="mentor")) == ["Ada"]
    assert names(ContactFilter(circle="ment")) == []
    assert names(ContactFilter(do_not_contact=True)) == ["Bob"]
    assert names(ContactFilter(do_not_contact=False)) == ["Ada", "Cy"]


def test_list_is_ordered_by_name_ignoring_case_and_accents(journal):
    for name in ("émile", "Zoe", "adam", "Bea"):
        save_contact(ContactData(display_name=name))
    assert names(ContactFilter()) == ["adam", "Bea", "émile", "Zoe"]


def test_list_rows_carry_the_primary_email_and_phone(journal):
    save_contact(
        ContactData(
            display_name="Ada",
            methods=[
                MethodData("email", "old@x.org"),
                MethodData("email", "main@x.org", primary=True),
                MethodData("phone", "555 0100"),
            ],
        )
    )
    (row,) = contact_page(ContactFilter(), 0, 10)
    assert (row.primary_email, row.primary_phone) == ("main@x.org", "555 0100")
