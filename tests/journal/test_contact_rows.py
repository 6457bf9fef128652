"""journal.contacts.contact_rows: the one way a contact becomes database rows.

Held to the spec written out literally (one untidy contact, method kinds, sort keys), to
properties every stored row must have, and to round trips through the database — never
to a second copy of the code.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gratitude_desktop.journal.contacts import (
    CONTACT_COLUMNS,
    METHOD_COLUMNS,
    ContactData,
    ContactInvalid,
    FieldProblem,
    MethodData,
    composed_name,
    contact_rows,
    load_contact,
    save_contact,
    sort_key,
    validate,
)
from gratitude_desktop.journal.dates import DateProblem, parse_partial_date, partial_date_text
from gratitude_desktop.journal.methods import match_key, method_problem
from gratitude_desktop.store.enums import Circle, DncChannel, LostReason, Stage

NOW = dt.datetime(2026, 11, 23, 15, 4, 5)

# --- Generated contacts ----------------------------------------------------------------------

SPACES = st.sampled_from(["", " ", "  ", "\t", "\n", "\u00a0", "\u3000"])
WORDS = st.sampled_from(["", "Ada", "Lovelace", "Jürgen", "Müller", "Łukasz", "Straße", "ǅ", "x y"])
TEXT = st.one_of(
    st.builds(lambda a, w, b: a + w + b, SPACES, WORDS, SPACES),
    st.text(max_size=12),
)
DATES = st.one_of(
    st.sampled_from(["", " ", "1990-12-10", " --02-29 ", "--02-30", "2026-13-01", "12/10"]),
    st.dates().map(dt.date.isoformat),
    st.builds(lambda m, d: f"--{m:02d}-{d:02d}", st.integers(0, 13), st.integers(0, 32)),
    st.text(max_size=10),
)
KINDS = st.sampled_from(["email", "phone", "website", "address", "social", "fax"])
VALUES = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "ada@example.org",
            " Ada@Example.ORG ",
            "a@b@c",
            "no at",
            "x@",
            "+1 415-555-0100",
            "(415) 555 0100 ",
            "12",
            "020 7946 0018",
            "https://www.Example.org/",
            "HTTP://example.org/path/",
            " 1 Main   St, Springfield ",
        ]
    ),
    st.text(max_size=15),
)
METHODS = st.builds(
    MethodData,
    kind=KINDS,
    value=VALUES,
    label=st.one_of(st.just(""), TEXT),
    primary=st.booleans(),
    confirmed_on=st.one_of(st.none(), st.dates()),
    bad=st.booleans(),
)
CONTACTS = st.builds(
    ContactData,
    display_name=TEXT,
    prefix=TEXT,
    given_name=TEXT,
    middle_name=TEXT,
    family_name=TEXT,
    suffix=TEXT,
    nickname=TEXT,
    organization=TEXT,
    title=TEXT,
    stage=st.sampled_from([*Stage, "bogus"]),
    circles=st.lists(st.sampled_from([*Circle, "bogus"]), max_size=3).map(tuple),
    met_on=st.one_of(st.none(), st.dates()),
    how_we_met=TEXT,
    notes=TEXT,
    birthday=DATES,
    anniversary=DATES,
    cadence_days=st.one_of(st.none(), st.integers(-2, 4000)),
    dnc_since=st.one_of(st.none(), st.dates()),
    dnc_channels=st.lists(st.sampled_from([*DncChannel, "fax"]), max_size=3).map(tuple),
    dnc_reason=TEXT,
    lost_since=st.one_of(st.none(), st.dates()),
    lost_reason=st.sampled_from(["", *LostReason, "bored"]),
    lost_note=TEXT,
    methods=st.lists(METHODS, max_size=4),
)

GOOD_VALUES = {
    "email": st.sampled_from(["ada@example.org", " Ada@Example.ORG ", "x@y"]),
    "phone": st.sampled_from(["+1 415-555-0100", "(415) 555 0100 ", "020 7946 0018", "123"]),
    "website": st.sampled_from(["https://www.Example.org/", "HTTP://example.org/p/", "a.b"]),
    "address": st.sampled_from([" 1 Main   St, Springfield ", "Rue 9"]),
    "social": st.sampled_from(["@ada", " ada "]),
}


@st.composite
def tidy_contacts(draw) -> ContactData:
    """Contacts that mostly pass validate, as the readers make them (a bad field now and then)."""
    data = draw(CONTACTS)
    data.stage = draw(st.sampled_from(list(Stage)))
    data.circles = tuple(draw(st.lists(st.sampled_from(list(Circle)), max_size=3)))
    data.birthday = draw(st.one_of(st.just(""), st.dates().map(dt.date.isoformat), DATES))
    data.anniversary = draw(st.sampled_from(["", "--12-10", " 1835-07-08 "]))
    data.cadence_days = draw(st.one_of(st.none(), st.integers(0, 3650)))
    if not data.dnc_channels:
        data.dnc_since, data.dnc_reason = None, ""
    data.lost_reason = draw(st.sampled_from(list(LostReason)))
    kinds = draw(st.lists(st.sampled_from(sorted(GOOD_VALUES)), max_size=4))
    data.methods = [
        MethodData(kind, draw(GOOD_VALUES[kind]), draw(TEXT), draw(st.booleans())) for kind in kinds
    ]
    return data


ANY_CONTACT = st.one_of(CONTACTS, tidy_contacts())


# --- The spec, literally ----------------------------------------------------------------------


def untidy_contact() -> ContactData:
    """A contact with every field set and spaces to clean, as a form or a file gives them."""
    return ContactData(
        prefix=" Dr. ",
        given_name=" Ada ",
        middle_name="King ",
        family_name=" Lovelace",
        suffix=" ",
        nickname=" Enchantress ",
        organization=" Engines ",
        title=" Countess ",
        stage="customer",
        circles=("mentor", "friend", "friend"),
        met_on=dt.date(2020, 1, 2),
        how_we_met=" fair ",
        story=" long story ",
        needs=" tea ",
        notes=" notes \n",
        birthday=" --12-10 ",
        anniversary="1835-07-08",
        cadence_days=30,
        dnc_since=dt.date(2021, 1, 1),
        dnc_channels=("email", "all"),
        dnc_reason=" asked ",
        lost_since=dt.date(2022, 2, 2),
        lost_reason="price",
        lost_note=" too dear ",
        methods=[
            MethodData("email", " Ada@Example.org ", " work ", True, dt.date(2020, 5, 5)),
            MethodData("email", "second@example.org", "", True),
            MethodData("phone", " +44 20 7946 0001 ", "mobile", False, None, True),
        ],
    )


def test_an_untidy_contact_becomes_the_rows_the_spec_says():
    row, methods = contact_rows(untidy_contact(), 12, NOW, batch_id=7)
    assert dict(zip(CONTACT_COLUMNS, row, strict=True)) == {
        "id": 12,
        "display_name": "Dr. Ada King Lovelace",
        "prefix": "Dr.",
        "given_name": "Ada",
        "middle_name": "King",
        "family_name": "Lovelace",
        "suffix": None,
        "nickname": "Enchantress",
        "organization": "Engines",
        "title": "Countess",
        "how_we_met": "fair",
        "story": "long story",
        "needs": "tea",
        "notes": "notes",
        "birthday": "--12-10",
        "anniversary": "1835-07-08",
        "dnc_reason": "asked",
        "lost_reason": "price",
        "lost_note": "too dear",
        "sort_key": "dr. ada king lovelace",
        "stage": "customer",
        "circles": ",friend,mentor,",
        "met_on": "2020-01-02",
        "cadence_days": 30,
        "dnc_since": "2021-01-01",
        "dnc_channels": ",all,",  # "all" stands alone
        "lost_since": "2022-02-02",
        "referred_by": None,
        "created_at": "2026-11-23 15:04:05",
        "updated_at": "2026-11-23 15:04:05",
        "import_batch": 7,
    }
    assert [dict(zip(METHOD_COLUMNS, m, strict=True)) for m in methods] == [
        {
            "contact": 12,
            "kind": "email",
            "label": "work",
            "value": "Ada@Example.org",
            "match_key": "ada@example.org",
            "primary": True,
            "confirmed_on": "2020-05-05",
            "bad": False,
            "position": 0,
        },
        {
            "contact": 12,
            "kind": "email",
            "label": "",
            "value": "second@example.org",
            "match_key": "second@example.org",
            "primary": False,  # one primary per kind: the first
            "confirmed_on": None,
            "bad": False,
            "position": 1,
        },
        {
            "contact": 12,
            "kind": "phone",
            "label": "mobile",
            "value": "+44 20 7946 0001",
            "match_key": "+442079460001",
            "primary": False,
            "confirmed_on": None,
            "bad": True,
            "position": 2,
        },
    ]


def test_a_contact_keeps_its_own_creation_moment():
    data = ContactData(display_name="Ada", created_at=dt.datetime(2020, 1, 1, 8, 0, 0))
    row, _ = contact_rows(data, None, NOW)
    values = dict(zip(CONTACT_COLUMNS, row, strict=True))
    assert (values["id"], values["created_at"], values["updated_at"]) == (
        None,
        "2020-01-01 08:00:00",
        "2026-11-23 15:04:05",
    )


@pytest.mark.parametrize(
    ("kind", "value", "problem", "key"),
    [
        ("email", " Ada@Example.ORG ", None, "ada@example.org"),
        ("email", "a@b@c", "“a@b@c” is not an email address.", None),
        ("email", "x@", "“x@” is not an email address.", None),
        ("phone", "(415) 555 0100 ", None, None),
        ("phone", "12", "“12” is not a phone number.", None),
        ("website", "https://www.Example.org/", None, "example.org"),
        ("address", " 1 Main   St ", None, "1 main st"),
        ("fax", "123", "“fax” is not a kind of contact method.", None),
        ("social", " ", "The social is empty.", None),
    ],
)
def test_method_problems_and_match_keys_as_the_spec_says(kind, value, problem, key):
    assert method_problem(kind, value) == problem
    if key is not None:
        assert match_key(kind, value) == key


@pytest.mark.parametrize(
    ("name", "key"),
    [("Ada", "ada"), ("José Núñez", "jose nunez"), ("ŁUKASZ", "łukasz"), ("Straße", "strasse")],
)
def test_sort_keys_ignore_case_and_accents(name, key):
    assert sort_key(name) == key
    assert sort_key(name) == key  # twice: the second time from the filled translate table


def test_a_bad_birthday_is_refused_naming_the_field():
    with pytest.raises(ContactInvalid) as refused:
        contact_rows(ContactData(display_name="Ada", birthday="--02-30"), 1, NOW)
    assert refused.value.problems == [
        FieldProblem("birthday", "“--02-30” is not a day of the year.")
    ]


# --- Properties over generated contacts --------------------------------------------------------


@settings(max_examples=200)
@given(ANY_CONTACT)
def test_rows_are_refused_exactly_when_validate_finds_problems(data):
    problems = validate(data)
    try:
        row, methods = contact_rows(data, 12, NOW, batch_id=7)
    except ContactInvalid as refused:
        assert refused.problems == problems
    else:
        assert problems == []
    # What the readers vouch for (their methods pass method_problem) skips only that check.
    expected = [p for p in problems if not p.field.startswith("methods[")]
    try:
        contact_rows(data, 12, NOW, methods_checked=True)
    except ContactInvalid as refused:
        assert refused.problems == expected
    else:
        assert expected == []


@settings(max_examples=300)
@given(tidy_contacts())
def test_every_stored_row_is_clean(data):
    try:
        row, methods = contact_rows(data, 12, NOW)
    except ContactInvalid:
        return
    values = dict(zip(CONTACT_COLUMNS, row, strict=True))
    for name, value in values.items():
        if isinstance(value, str) and name not in ("circles", "dnc_channels", "sort_key"):
            assert value == value.strip() and value, name  # stripped; empty is NULL
    assert values["display_name"] == composed_name(data)
    key = values["sort_key"]
    assert key == key.casefold() or not key.isascii()
    assert not any(unicodedata.combining(ch) for ch in key)
    assert values["circles"] in ("", "," + ",".join(sorted(set(data.circles))) + ",")
    channels = set(data.dnc_channels)
    expected = ["all"] if "all" in channels else sorted(channels)
    assert values["dnc_channels"] == ("," + ",".join(expected) + "," if expected else "")
    primaries = [m[1] for m in methods if m[5]]
    assert len(primaries) == len(set(primaries))
    assert [m[8] for m in methods] == list(range(len(methods)))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=tidy_contacts())
def test_saving_and_loading_gives_back_the_same_rows(journal, data):
    """A round trip through the database: what is loaded back builds the same rows."""
    try:
        contact_id = save_contact(data)
    except ContactInvalid:
        return
    loaded = load_contact(contact_id)
    again, again_methods = contact_rows(loaded, contact_id, NOW)
    first, first_methods = contact_rows(data, contact_id, NOW)
    created = CONTACT_COLUMNS.index("created_at")
    assert again[:created] + again[created + 1 :] == first[:created] + first[created + 1 :]
    assert again_methods == first_methods


@settings(max_examples=300)
@given(DATES)
def test_partial_date_text_is_the_parsed_date_or_the_same_problem(text):
    try:
        expected = parse_partial_date(text)
    except DateProblem as problem:
        with pytest.raises(DateProblem) as raised:
            partial_date_text(text)
        assert str(raised.value) == str(problem)
        return
    assert partial_date_text(text) == ("" if expected is None else str(expected))
