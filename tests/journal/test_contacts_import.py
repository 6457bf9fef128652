"""The import's fast path through journal.contacts gives what the long way gives.

import_values computes the name once, remembers dates and writes the common match keys
out; validate, composed_name, sort_key, method_problem, match_key and partial_date_text
took shortcuts for imports. Each is held here to a plain copy of the code it replaced
(the long way) or to save_contact's own path, over generated contacts.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gratitude_desktop.journal import contacts
from gratitude_desktop.journal.contacts import (
    IMPORT_COLUMNS,
    METHOD_COLUMNS,
    ContactData,
    ContactInvalid,
    FieldProblem,
    MethodData,
    composed_name,
    has_name,
    import_values,
    sort_key,
    validate,
)
from gratitude_desktop.journal.dates import DateProblem, parse_partial_date, partial_date_text
from gratitude_desktop.journal.methods import match_key, method_problem, normalize_phone
from gratitude_desktop.store.enums import Circle, DncChannel, LostReason, MethodKind, Stage
from gratitude_desktop.store.models import Contact, ContactMethod

# --- The long way: the code the shortcuts replaced ------------------------------------------


def long_composed_name(data: ContactData) -> str:
    if data.display_name.strip():
        return " ".join(data.display_name.split())
    parts = [data.prefix, data.given_name, data.middle_name, data.family_name, data.suffix]
    name = " ".join(p.strip() for p in parts if p and p.strip())
    if name:
        return name
    if data.nickname.strip():
        return data.nickname.strip()
    if data.organization.strip():
        return data.organization.strip()
    for method in data.methods:
        if method.kind in ("email", "phone") and method.value.strip():
            return method.value.strip()
    return ""


def long_method_problem(kind: str, value: str) -> str | None:
    text = (value or "").strip()
    if kind not in frozenset(MethodKind):
        return f"“{kind}” is not a kind of contact method."
    if not text:
        return f"The {kind} is empty."
    if kind == MethodKind.EMAIL and (text.count("@") != 1 or " " in text or text.endswith("@")):
        return f"“{text}” is not an email address."
    if kind == MethodKind.PHONE and re.match(r"(?:\D*\d){3}", text) is None:
        return f"“{text}” is not a phone number."
    return None


def long_match_key(kind: str, value: str) -> str:
    text = (value or "").strip()
    if kind == MethodKind.EMAIL:
        return text.casefold()
    if kind == MethodKind.PHONE:
        return normalize_phone(text)
    if kind == MethodKind.WEBSITE:
        return re.sub(r"^https?://(www\.)?", "", text.casefold()).rstrip("/")
    return " ".join(text.casefold().split())


def long_validate(data: ContactData) -> list[FieldProblem]:
    problems: list[FieldProblem] = []

    def bad(name: str, message: str) -> None:
        problems.append(FieldProblem(name, message))

    if not long_composed_name(data):
        bad("display_name", "A contact needs a name (or an organisation, email or phone).")
    if data.stage not in frozenset(Stage):
        bad("stage", f"“{data.stage}” is not a stage on the ladder.")
    for circle in data.circles:
        if circle not in frozenset(Circle):
            bad("circles", f"“{circle}” is not a circle.")
    for name in ("birthday", "anniversary"):
        try:
            parse_partial_date(getattr(data, name), field=name)
        except DateProblem as problem:
            bad(name, str(problem).split(": ", 1)[1])
    if data.cadence_days is not None and not 0 <= data.cadence_days <= contacts.MAX_CADENCE_DAYS:
        bad(
            "cadence_days",
            f"Keep-in-touch must be between 1 and {contacts.MAX_CADENCE_DAYS} days, or never.",
        )
    for channel in data.dnc_channels:
        if channel not in frozenset(DncChannel):
            bad("dnc_channels", f"“{channel}” is not a channel.")
    if not data.dnc_channels and (data.dnc_since or data.dnc_reason.strip()):
        bad("dnc_channels", "Say on which channels they asked not to be contacted.")
    if data.lost_reason and data.lost_reason not in frozenset(LostReason):
        bad("lost_reason", f"“{data.lost_reason}” is not a reason a customer was lost.")
    if (data.lost_since or data.lost_note.strip()) and not data.lost_reason:
        bad("lost_reason", "Say why the customer was lost (or “unknown”).")
    for index, method in enumerate(data.methods):
        message = long_method_problem(method.kind, method.value)
        if message:
            bad(f"methods[{index}]", message)
    return problems


def long_sort_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stored(field, value):
    """A Python value as sqlite3 stores it (dates and times as ISO text)."""
    value = None if value is None else field.db_value(value)
    return str(value) if isinstance(value, dt.date) else value


def saved_rows(data: ContactData, contact_id: int, now: dt.datetime) -> tuple[tuple, list[tuple]]:
    """What save_contact writes (its _clean, _row_values, _method_rows), as stored values."""
    cleaned = contacts._clean(data)
    values = contacts._row_values(cleaned)
    values.update(id=contact_id, created_at=now, updated_at=now, import_batch=7)
    fields = Contact._meta.fields
    row = tuple(stored(fields[name], values[name]) for name in IMPORT_COLUMNS)
    method_fields = ContactMethod._meta.fields
    methods = [
        tuple(stored(method_fields[name], m[name]) for name in METHOD_COLUMNS)
        for m in contacts._method_rows(contact_id, cleaned.methods)
    ]
    return row, methods


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


# --- The shortcuts against the long way ------------------------------------------------------


@settings(max_examples=400)
@given(ANY_CONTACT)
def test_composed_name_and_validate_match_the_long_way(data):
    assert composed_name(data) == long_composed_name(data)
    assert has_name(data) is bool(long_composed_name(data))
    assert validate(data) == long_validate(data)


@settings(max_examples=400)
@given(ANY_CONTACT)
def test_import_values_store_what_save_contact_stores_or_refuse_alike(data):
    now = dt.datetime(2026, 11, 23, 15, 4, 5)
    expected = long_validate(data)
    if expected:
        with pytest.raises(ContactInvalid) as refused:
            import_values(data, 12, 7, now)
        assert refused.value.problems == expected
        return
    assert import_values(data, 12, 7, now) == saved_rows(data, 12, now)
    # What the readers vouch for (their methods pass method_problem) skips only that check.
    assert import_values(data, 12, 7, now, methods_checked=True) == saved_rows(data, 12, now)


@settings(max_examples=200)
@given(ANY_CONTACT)
def test_methods_checked_skips_only_the_method_check(data):
    now = dt.datetime(2026, 11, 23, 15, 4, 5)
    expected = [p for p in long_validate(data) if not p.field.startswith("methods[")]
    try:
        import_values(data, 12, 7, now, methods_checked=True)
    except ContactInvalid as refused:
        assert refused.problems == expected
        return
    assert expected == []


@settings(max_examples=400)
@given(KINDS, VALUES)
def test_method_problem_and_match_key_match_the_long_way(kind, value):
    assert method_problem(kind, value) == long_method_problem(kind, value)
    assert match_key(kind, value) == long_match_key(kind, value)


@settings(max_examples=300)
@given(st.one_of(st.text(), st.text(alphabet="aéü\u0301\u0308ǅŁßx ")))
def test_sort_key_matches_the_long_way_twice(name):
    # Twice: the second time the translate table has every character in it.
    assert sort_key(name) == long_sort_key(name)
    assert sort_key(name) == long_sort_key(name)


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


def test_import_values_refuse_a_bad_birthday_naming_the_field():
    data = ContactData(display_name="Ada", birthday="--02-30")
    with pytest.raises(ContactInvalid) as refused:
        import_values(data, 1, None, dt.datetime(2026, 1, 1))
    assert refused.value.problems == [
        FieldProblem("birthday", "“--02-30” is not a day of the year.")
    ]
