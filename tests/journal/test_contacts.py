"""Contacts: validation names the field, saving and loading keeps every value, trash restores."""

from __future__ import annotations

import datetime as dt

import pytest

from gratitude_desktop.journal.contacts import (
    ContactData,
    ContactInvalid,
    MethodData,
    composed_name,
    delete_forever,
    empty_trash,
    load_contact,
    restore_contacts,
    save_contact,
    trash_contacts,
    validate,
)
from gratitude_desktop.store.models import Contact, ContactMethod


def problem_fields(data: ContactData) -> set[str]:
    return {p.field for p in validate(data)}


def test_a_contact_with_no_name_at_all_is_refused_naming_the_field(journal):
    with pytest.raises(ContactInvalid) as caught:
        save_contact(ContactData())
    assert [p.field for p in caught.value.problems] == ["display_name"]
    assert Contact.select().count() == 0


@pytest.mark.parametrize(
    "data, expected",
    [
        (ContactData(given_name="Ada", family_name="Lovelace", prefix="Dr."), "Dr. Ada Lovelace"),
        (ContactData(organization="Acme Ltd"), "Acme Ltd"),
        (ContactData(methods=[MethodData("email", "only@mail.example")]), "only@mail.example"),
        (ContactData(display_name="  Ada   King "), "Ada King"),
        (ContactData(nickname="Addy"), "Addy"),
    ],
)
def test_the_display_name_falls_back_to_parts_organisation_or_email(data, expected):
    assert composed_name(data) == expected


@pytest.mark.parametrize(
    "data, field",
    [
        (ContactData(display_name="A", birthday="2026-02-30"), "birthday"),
        (ContactData(display_name="A", anniversary="--13-01"), "anniversary"),
        (ContactData(display_name="A", stage="boss"), "stage"),
        (ContactData(display_name="A", circles=("enemy",)), "circles"),
        (ContactData(display_name="A", cadence_days=-3), "cadence_days"),
        (ContactData(display_name="A", dnc_reason="asked us to stop"), "dnc_channels"),
        (ContactData(display_name="A", dnc_channels=("fax",)), "dnc_channels"),
        (ContactData(display_name="A", lost_reason="bored"), "lost_reason"),
        (ContactData(display_name="A", lost_since=dt.date(2026, 1, 1)), "lost_reason"),
        (ContactData(display_name="A", referred_by=12345), "referred_by"),
        (
            ContactData(display_name="A", methods=[MethodData("email", "not an email")]),
            "methods[0]",
        ),
        (ContactData(display_name="A", methods=[MethodData("phone", "x")]), "methods[0]"),
        (ContactData(display_name="A", methods=[MethodData("pager", "1234")]), "methods[0]"),
    ],
)
def test_each_invalid_value_is_reported_against_its_field(journal, data, field):
    assert field in problem_fields(data)


def test_feb_29_and_year_less_dates_are_accepted(journal):
    assert problem_fields(ContactData(display_name="A", birthday="--02-29")) == set()
    assert problem_fields(ContactData(display_name="A", birthday="2024-02-29")) == set()
    assert problem_fields(ContactData(display_name="A", birthday="2023-02-29")) == {"birthday"}


def test_a_contact_cannot_refer_themselves(journal):
    cid = save_contact(ContactData(display_name="Ada"))
    assert "referred_by" in problem_fields(ContactData(id=cid, display_name="Ada", referred_by=cid))


def test_every_field_survives_save_and_load(journal):
    referrer = save_contact(ContactData(display_name="Referrer"))
    data = ContactData(
        display_name="Ada Lovelace",
        prefix="Countess",
        given_name="Ada",
        middle_name="King",
        family_name="Lovelace",
        suffix="FRS",
        nickname="Addy",
        organization="Analytical Engines Ltd",
        title="Founder",
        stage="client",
        circles=("mentor", "friend"),
        met_on=dt.date(2024, 3, 2),
        how_we_met="Chamber breakfast",
        story="Started as a teacher",
        needs="Bookkeeping help",
        notes="<script>alert(1)</script>",
        birthday="--12-10",
        anniversary="2001-06-30",
        cadence_days=21,
        dnc_since=dt.date(2026, 1, 5),
        dnc_channels=("email", "phone"),
        dnc_reason="Please no more emails",
        lost_since=dt.date(2026, 2, 1),
        lost_reason="price",
        lost_note="Found a cheaper bookkeeper",
        referred_by=referrer,
        methods=[
            MethodData("email", "ada@example.org", "work", True, dt.date(2026, 1, 10), False),
            MethodData("phone", "+44 20 7946 0958", "mobile", True, None, True),
            MethodData("address", "12 St James's Square\nLondon", "home"),
        ],
    )
    cid = save_contact(data)
    loaded = load_contact(cid)
    assert loaded.circles == ("friend", "mentor")
    for name in ContactData.__dataclass_fields__:
        if name in ("id", "circles", "created_at", "trashed_at", "import_batch"):
            continue
        assert getattr(loaded, name) == getattr(data, name), name
    assert loaded.id == cid and loaded.created_at is not None


def test_only_one_primary_method_per_kind(journal):
    cid = save_contact(
        ContactData(
            display_name="Ada",
            methods=[
                MethodData("email", "a@x.org", primary=True),
                MethodData("email", "b@x.org", primary=True),
                MethodData("phone", "555 0100", primary=True),
            ],
        )
    )
    assert [m.primary for m in load_contact(cid).methods] == [True, False, True]


def test_method_match_keys_normalise_email_case_and_phone_format(journal):
    save_contact(
        ContactData(
            display_name="Ada",
            methods=[MethodData("email", "Ada@Example.ORG"), MethodData("phone", "(202) 555-0143")],
        )
    )
    keys = sorted(m.match_key for m in ContactMethod.select())
    assert keys == ["+12025550143", "ada@example.org"]


def test_saving_again_replaces_methods_and_keeps_created_at(journal):
    cid = save_contact(ContactData(display_name="Ada", methods=[MethodData("email", "a@x.org")]))
    first = load_contact(cid)
    first.methods = [MethodData("phone", "555 0100")]
    first.display_name = "Ada L."
    save_contact(first)
    again = load_contact(cid)
    assert [m.value for m in again.methods] == ["555 0100"]
    assert again.display_name == "Ada L." and again.created_at == first.created_at


def test_trash_restores_and_only_trashed_contacts_are_deleted_forever(journal):
    keep = save_contact(ContactData(display_name="Keep"))
    gone = save_contact(ContactData(display_name="Gone"))
    assert trash_contacts([gone]) == 1
    assert load_contact(gone).trashed_at is not None
    assert delete_forever([keep]) == 0  # not in the trash: refused
    assert restore_contacts([gone]) == 1
    assert load_contact(gone).trashed_at is None
    trash_contacts([gone])
    assert empty_trash() == 1
    assert [c.display_name for c in Contact.select()] == ["Keep"]


def test_resaving_the_previous_state_undoes_an_edit(journal):
    cid = save_contact(ContactData(display_name="Ada", notes="first"))
    before = load_contact(cid)
    edited = load_contact(cid)
    edited.notes = "second"
    save_contact(edited)
    save_contact(before)
    assert load_contact(cid).notes == "first"


def test_update_contacts_saves_like_save_contact_and_names_what_it_refused(journal):
    from dataclasses import replace

    from gratitude_desktop.journal.contacts import update_contacts
    from gratitude_desktop.store.models import StageChange, database
    from gratitude_desktop.store.search import match_expression

    first = save_contact(ContactData(display_name="Ada", methods=[MethodData("email", "a@x.org")]))
    second = save_contact(ContactData(display_name="Alan"))
    gone = save_contact(ContactData(display_name="Gone"))
    Contact.delete().where(Contact.id == gone).execute()
    ada = replace(
        load_contact(first),
        organization=" Engines ",
        stage="customer",
        methods=[MethodData("phone", " +44 20 7946 0001 ", " mobile ", True)],
    )
    twin = replace(ada, id=None)
    bad = replace(load_contact(second), birthday="1815-02-30")
    refused = update_contacts([ada, bad, replace(ada, id=gone)])
    assert sorted(refused) == [second, gone]
    assert refused[second].problems[0].field == "birthday"
    reference = load_contact(save_contact(twin))
    stored = load_contact(first)
    assert (stored.organization, stored.stage, stored.methods) == (
        reference.organization,
        reference.stage,
        reference.methods,
    )
    assert stored.methods[0].value == "+44 20 7946 0001"
    assert load_contact(second).birthday == ""
    assert StageChange.select().where(StageChange.contact == first).count() == 1
    found = database.execute_sql(
        "SELECT rowid FROM contact_search WHERE contact_search MATCH ?", [match_expression("7946")]
    ).fetchall()
    assert {rowid for (rowid,) in found} == {first, reference.id}
