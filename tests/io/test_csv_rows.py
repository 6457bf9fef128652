"""The CSV reader's row builder gives what the plainer one it replaced gave.

RowBuilder.build visits only the non-empty cells, splits the mapped columns into
plain fields and those with a rule of their own, and keeps only the label columns'
cells; ReferenceRowBuilder below is the reading before that (a copy of the old code).
Generated rows, with every kind of column, escapes, multi-values and labels, give the
same contact (or the same refusal) both ways.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.import_csv import HEADER as GOOGLE_HEADERS  # as the benchmark writes it
from gratitude_desktop.io.csv import detect
from gratitude_desktop.io.csv.flavours import Target
from gratitude_desktop.io.csv.rows import (
    _BIRTH_PARTS,
    NO_NAME,
    RowBuilder,
    RowRefused,
    _date_cell,
    _join_address,
    _label,
    _label_cell,
    read_plain_date,
    split_name,
    unescape_cell,
)
from gratitude_desktop.journal.contacts import ContactData, MethodData, composed_name
from gratitude_desktop.journal.methods import match_key, method_problem


class ReferenceRowBuilder(RowBuilder):
    """The row reading as it was: every cell visited, one chain of rules per cell."""

    def build(self, cells: Sequence[str]) -> ContactData:
        width = len(self.headers)
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            raise RowRefused(
                f"The row has {len(cells)} cells but the header has {width}; "
                "check the delimiter or the quoting."
            )
        fields, methods = self.fields, self.methods
        data = ContactData()
        notes: list[str] = []
        extras: list[str] = []
        birth: dict[str, str] = {}
        full_name = ""
        method_cells: list[tuple[Target, str]] = []
        values: dict[int, str] = {}  # every non-empty cell, for the label columns
        for index, raw in enumerate(cells):
            if not raw:
                continue
            value = unescape_cell(raw)
            if not value:
                continue
            values[index] = value
            target = methods.get(index)
            if target is not None:
                method_cells.append((target, value))
                continue
            kind = fields.get(index)
            if kind is None:
                continue
            if kind == "notes":
                notes.append(value)
            elif kind == "extra":
                extras.append(f"{self.header(index)}: {value}")
            elif kind == "labels":
                circles, others = _label_cell(value, self.multi)
                if circles:
                    data.circles = tuple(dict.fromkeys(data.circles + circles))
                if others:
                    extras.append(others)
            elif kind == "department":
                extras.append(f"Department: {value}")
            elif kind in _BIRTH_PARTS:
                birth[kind] = value
            elif kind == "full_name":
                full_name = full_name or value
            elif kind in ("birthday", "anniversary"):
                date = _date_cell(value, self.order)
                if date is None:
                    extras.append(f"Imported {kind}: {value}")
                else:
                    setattr(data, kind, date)
            elif kind == "met_on":
                met = read_plain_date(value)
                if met is None:
                    extras.append(f"{self.header(index)}: {value}")
                else:
                    data.met_on = met
                    if self.linkedin:
                        data.how_we_met = "Connected on LinkedIn"
            elif not getattr(data, kind):
                setattr(data, kind, value)
            else:
                extras.append(f"Imported {kind.replace('_', ' ')}: {value}")
        if birth.get("birth_month") and birth.get("birth_day"):
            year = birth.get("birth_year", "")
            text = (
                f"{year}-{birth['birth_month']:0>2}-{birth['birth_day']:0>2}"
                if year
                else (f"--{birth['birth_month']:0>2}-{birth['birth_day']:0>2}")
            )
            date = _date_cell(text, "ymd")
            if date is None:
                extras.append(f"Imported birthday: {text}")
            else:
                data.birthday = date
        if full_name and not data.display_name:
            data.display_name = full_name
        name_source = full_name or data.display_name
        if name_source and not (data.given_name or data.family_name):
            parts = split_name(name_source)
            data.prefix = data.prefix or parts.prefix
            data.given_name = parts.given
            data.middle_name = data.middle_name or parts.middle
            data.family_name = parts.family
            data.suffix = data.suffix or parts.suffix
            data.nickname = data.nickname or parts.nickname
        if method_cells:
            self._methods(data, method_cells, values, extras)
        data.notes = "\n".join(notes + extras)
        if not composed_name(data):
            raise RowRefused(NO_NAME)
        return data

    def _methods(
        self,
        data: ContactData,
        method_cells: list[tuple[Target, str]],
        values: dict[int, str],
        extras: list[str],
    ) -> None:
        addresses: dict[tuple[str, str], dict[str, str]] = {}
        found: list[MethodData] = []
        for target, value in method_cells:
            if target.kind == "address" and target.part:
                key = (target.label, target.group)
                addresses.setdefault(key, {})[target.part] = value
                continue
            labels: list[str] = []
            if target.group and target.group in self.labels:
                labels = self._split(values.get(self.labels[target.group], ""))
            for position, one in enumerate(self._split(value)):
                label = target.label
                if not label and labels:
                    label = labels[min(position, len(labels) - 1)]
                found.append(MethodData(kind=target.kind, value=one, label=_label(label)))
        for (label, group), parts in addresses.items():
            if not label and group in self.labels:
                label = values.get(self.labels[group], "")
            value = _join_address(parts)
            if value:
                found.append(MethodData(kind="address", value=value, label=_label(label)))
        seen: set[tuple[str, str]] = set()
        primaries: set[str] = set()
        kinds = [m.kind for m in found]
        repeated = {k for k in kinds if kinds.count(k) > 1} if len(kinds) > 1 else ()
        for method in found:
            problem = method_problem(method.kind, method.value)
            if problem:
                extras.append(f"Imported {method.kind}: {method.value}")
                continue
            if method.kind in repeated:  # the same number twice in one row is one method
                key = (method.kind, match_key(method.kind, method.value))
                if key in seen:
                    continue
                seen.add(key)
            if method.kind in ("email", "phone") and method.kind not in primaries:
                method.primary = True
                primaries.add(method.kind)
            data.methods.append(method)


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


def same_reading(builder: RowBuilder, reference: RowBuilder, cells: Sequence[str]) -> None:
    try:
        expected = reference.build(cells)
    except RowRefused as refused:
        with pytest.raises(RowRefused) as raised:
            builder.build(cells)
        assert (raised.value.reason, raised.value.field) == (refused.reason, refused.field)
        return
    assert builder.build(cells) == expected
    # The importer relies on it: it does not check the readers' methods again.
    assert all(method_problem(m.kind, m.value) is None for m in expected.methods)


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


@settings(max_examples=400)
@given(google_rows())
def test_google_rows_read_as_before(cells):
    mapping = detect.mapping_for("google", GOOGLE_HEADERS)
    assert any(word.startswith("label@") for word in mapping.values())
    builder = RowBuilder(GOOGLE_HEADERS, mapping, "google")
    reference = ReferenceRowBuilder(GOOGLE_HEADERS, mapping, "google")
    same_reading(builder, reference, cells)


@settings(max_examples=400)
@given(rows(len(GENERIC_HEADERS)), st.sampled_from(["generic", "google", "linkedin"]))
def test_rows_of_every_column_kind_read_as_before(cells, flavour):
    builder = RowBuilder(GENERIC_HEADERS, GENERIC_MAPPING, flavour)
    reference = ReferenceRowBuilder(GENERIC_HEADERS, GENERIC_MAPPING, flavour)
    same_reading(builder, reference, cells)


def test_the_mapping_reaches_every_rule():
    builder = RowBuilder(GENERIC_HEADERS, GENERIC_MAPPING, "generic")
    kinds = set(builder.fields.values())
    assert kinds >= {"notes", "extra", "labels", "department", "full_name", "met_on"}
    assert kinds >= _BIRTH_PARTS and {"birthday", "anniversary"} <= kinds
    assert builder.labels and builder.methods
