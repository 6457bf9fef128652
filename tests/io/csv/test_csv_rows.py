"""The CSV reader's row builder, held to the spec written out and to properties.

Literal rows (a hand-made mapping with every kind of column, and Google's header row as
the corpus file has it) give the contact the spec says; generated rows, with escapes,
multi-values and labels, are read or refused cleanly and never yield a method the
journal would refuse (the importer does not check the readers' methods again).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gratitude_desktop.io.csv import detect
from gratitude_desktop.io.csv.rows import _BIRTH_PARTS, RowBuilder, RowRefused
from gratitude_desktop.journal.contacts import ContactData, MethodData
from gratitude_desktop.journal.methods import method_problem

GOOGLE_CSV = Path(__file__).parents[1] / "corpus" / "google" / "google_contacts.csv"
with GOOGLE_CSV.open(encoding="utf-8", newline="") as _file:
    GOOGLE_HEADERS = next(csv.reader(_file))


# A hand-made mapping with every kind of target, some columns twice.
GENERIC_HEADERS = [f"Column {i}" for i in range(24)]
GENERIC_MAPPING = {
    0: "display_name",
    1: "full_name",
    2: "given_name",
    3: "family_name",
    4: "organization",
    5: "organization",
    6: "department",
    7: "birthday",
    8: "anniversary",
    9: "birth_year",
    10: "birth_month",
    11: "birth_day",
    12: "met_on",
    13: "notes",
    14: "extra",
    15: "labels",
    16: "label@e1",
    17: "email@e1",
    18: "email:work",
    19: "phone@p1",
    20: "label@p1",
    21: "address/street@a1",
    22: "address/city@a1",
    23: "website",
}

CELL = st.one_of(
    st.just(""),
    st.sampled_from(
        [
            " ",
            "Ada",
            " Ada Lovelace ",
            "Dr. Grace Brewster Hopper Jr.",
            "'=SUM(A1)",
            "'+1 415",
            "line\r\nbreak",
            "old\rmac",
            "ada@example.org",
            " ada@example.org ::: ada@work.example ",
            "x@",
            "+1 415-555-0100",
            "+1 415-555-0100 ::: (415) 555 0100",
            "12",
            "* Home",
            "* myContacts ::: Friends ::: family",
            "Work ::: Home",
            "1990-12-10",
            "--02-29",
            "12/10/1990",
            "31.12.1990",
            "1990",
            "12",
            "10",
            "2020-01-02",
            "Jan 5, 2019",
            "https://example.org/",
            "1 Main St",
            "Springfield",
        ]
    ),
    st.text(max_size=8),
)


def rows(width: int):
    return st.lists(CELL, min_size=width - 3, max_size=width + 2)


def reads_cleanly(builder: RowBuilder, cells: Sequence[str]) -> None:
    """A row is read, or refused naming why; what is read carries only methods that pass."""
    try:
        data = builder.build(cells)
    except RowRefused as refused:
        assert refused.reason
        return
    assert isinstance(data, ContactData)
    assert all(method_problem(m.kind, m.value) is None for m in data.methods)
    assert len({m.kind for m in data.methods if m.primary}) == sum(m.primary for m in data.methods)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["", " ", "\t", "a", " b ", "\u00a0", "\n"]), max_size=5))
def test_a_record_is_blank_when_its_joined_cells_are(cells):
    assert bool("".join(cells).strip()) is any(c.strip() for c in cells)


MULTI_LABELS = st.sampled_from(["", "Work ::: Home", "* Home ::: Work ::: Other", "Mobile"])
MULTI_VALUES = st.sampled_from(
    [
        "a@example.org ::: b@example.org",
        "a@example.org ::: b@example.org ::: c@example.org ::: a@example.org",
        "+1 415-555-0100 ::: +1 415-555-0199 ::: 12",
        " ::: ",
    ]
)


@st.composite
def google_rows(draw) -> list[str]:
    """Google rows, their method columns often holding several values and labels."""
    cells = draw(rows(len(GOOGLE_HEADERS)))
    cells += [""] * (len(GOOGLE_HEADERS) - len(cells))
    for label, value in (
        ("E-mail 1 - Label", "E-mail 1 - Value"),
        ("Phone 1 - Label", "Phone 1 - Value"),
    ):
        if draw(st.booleans()):
            cells[GOOGLE_HEADERS.index(label)] = draw(MULTI_LABELS)
            cells[GOOGLE_HEADERS.index(value)] = draw(MULTI_VALUES)
    return cells


@settings(max_examples=300)
@given(google_rows())
def test_google_rows_are_read_or_refused_cleanly(cells):
    mapping = detect.mapping_for("google", GOOGLE_HEADERS)
    assert any(word.startswith("label@") for word in mapping.values())
    reads_cleanly(RowBuilder(GOOGLE_HEADERS, mapping, "google"), cells)


@settings(max_examples=300)
@given(rows(len(GENERIC_HEADERS)), st.sampled_from(["generic", "google", "linkedin"]))
def test_rows_of_every_column_kind_are_read_or_refused_cleanly(cells, flavour):
    reads_cleanly(RowBuilder(GENERIC_HEADERS, GENERIC_MAPPING, flavour), cells)


def test_a_row_of_every_column_kind_reads_as_the_spec_says():
    cells = [
        "",
        " Ada  Lovelace ",  # full name: split into parts
        "",
        "",
        "'=Engines",  # a formula escaped by an export: the quote goes
        "Engines",  # a second organisation: noted, never overwriting
        "Research",
        "--12-10",
        "1835-07-08",
        "",
        "",
        "",
        "2020-01-02",
        "line\r\nbreak",
        "kept",
        "* myContacts ::: Friends",
        "Work ::: Home",
        " ada@example.org ::: ada@home.example ",  # ":::" lists are Google's only
        "x@",
        "+1 415-555-0100",
        "Mobile",
        "1 Main St",
        "Springfield",
        "https://example.org/",
    ]
    data = RowBuilder(GENERIC_HEADERS, GENERIC_MAPPING, "generic").build(cells)
    assert (data.display_name, data.given_name, data.family_name) == (
        "Ada  Lovelace",
        "Ada",
        "Lovelace",
    )
    assert (data.organization, data.birthday, data.anniversary, data.met_on) == (
        "=Engines",
        "--12-10",
        "1835-07-08",
        dt.date(2020, 1, 2),
    )
    assert data.notes.splitlines() == [
        "line",
        "break",
        "Imported organization: Engines",
        "Department: Research",
        "Column 14: kept",
        "Imported email: ada@example.org ::: ada@home.example",
        "Imported email: x@",
    ]
    # Labels that are not circles become tags (issue 19); ":::" splits Google's only.
    assert data.tags == ("myContacts ::: Friends",)
    assert data.methods == [
        MethodData("phone", "+1 415-555-0100", "mobile", True),
        MethodData("website", "https://example.org/"),
        MethodData("address", "1 Main St, Springfield"),
    ]


def test_birth_parts_make_a_birthday_and_a_short_phone_is_kept_as_a_note():
    cells = [""] * len(GENERIC_HEADERS)
    cells[2], cells[3] = "Grace", "Hopper"
    cells[9], cells[10], cells[11] = "1906", "12", "9"
    cells[19] = "12"
    data = RowBuilder(GENERIC_HEADERS, GENERIC_MAPPING, "generic").build(cells)
    assert (data.given_name, data.family_name, data.birthday) == ("Grace", "Hopper", "1906-12-09")
    assert (data.notes, data.methods) == ("Imported phone: 12", [])


def test_a_google_row_with_several_values_and_labels_reads_as_the_spec_says():
    cells = [""] * len(GOOGLE_HEADERS)

    def put(header: str, value: str) -> None:
        cells[GOOGLE_HEADERS.index(header)] = value

    put("First Name", "Ada")
    put("Last Name", "Lovelace")
    put("E-mail 1 - Label", "* Work ::: Home")  # "* " marks the primary
    put("E-mail 1 - Value", "ada@work.example ::: ada@home.example")
    put("Phone 1 - Label", "Mobile")
    put("Phone 1 - Value", "+44 7700 900123 ::: 12")
    put("Labels", "* myContacts ::: Friends")  # myContacts is Google's own group
    builder = RowBuilder(GOOGLE_HEADERS, detect.mapping_for("google", GOOGLE_HEADERS), "google")
    data = builder.build(cells)
    assert (data.given_name, data.family_name) == ("Ada", "Lovelace")
    assert data.notes.splitlines() == ["Imported phone: 12"]
    assert data.tags == ("Friends",)  # a label that is not a circle: a tag (issue 19)
    assert data.methods == [
        MethodData("email", "ada@work.example", "work", True),
        MethodData("email", "ada@home.example", "home", False),
        MethodData("phone", "+44 7700 900123", "mobile", True),
    ]
    with pytest.raises(RowRefused, match="37 cells but the header has 36"):
        builder.build([*cells, "x"])


def test_the_mapping_reaches_every_rule():
    builder = RowBuilder(GENERIC_HEADERS, GENERIC_MAPPING, "generic")
    kinds = set(builder.fields.values())
    assert kinds >= {"notes", "extra", "labels", "department", "full_name", "met_on"}
    assert kinds >= _BIRTH_PARTS and {"birthday", "anniversary"} <= kinds
    assert builder.labels and builder.methods
