"""Read a CSV address book as a stream of (row number, ContactData) or (row number, RefusedRow).

Long because one row builder handles every kind of column (names, dates, methods, labels).
"""

from __future__ import annotations

import csv
import functools
import io
import sys
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, count
from typing import Any

from gratitude_desktop.io.csv import detect
from gratitude_desktop.io.csv.flavours import FLAVOURS, GENERIC, Target, parse_target
from gratitude_desktop.io.export import is_formula
from gratitude_desktop.io.names import (
    DateNotRead,
    labels_to_tags,
    read_date,
    read_plain_date,
    split_labels,
    split_name,
)
from gratitude_desktop.io.report import ImportRefused, RefusedRow
from gratitude_desktop.journal.contacts import ContactData, MethodData, has_name
from gratitude_desktop.journal.methods import match_key, method_problem

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

_HEADER_SEARCH = 30  # records looked at for the header row (LinkedIn puts notes first)
# Google's system groups, not labels the user made (old exports spell one "My Contacts").
_IGNORED_LABELS = {
    "* mycontacts",
    "* starred",
    "mycontacts",
    "starred",
    "* my contacts",
    "my contacts",
}
NO_NAME = "Nothing to import: the row has no name, organisation, email or phone."


@dataclass(frozen=True)
class CsvLayout:
    """What was worked out about a CSV file before reading its rows."""

    headers: tuple[str, ...]
    header_line: int
    flavour: str
    mapping: dict[int, str]
    delimiter: str


class RowRefused(ValueError):
    def __init__(self, reason: str, field: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.field = field


def unescape_cell(cell: str) -> str:
    """Undo our own export's formula escaping ("'=x" -> "=x"); trim spaces."""
    text = cell.strip()
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > 1 and text[0] == "'" and is_formula(text[1:]):
        return text[1:]
    return text


@functools.lru_cache(maxsize=1024)  # a file has a few labels, on every row
def _label(text: str) -> str:
    label = text.strip()
    if label.startswith("* "):
        label = label[2:]
    return label.casefold()


def _join_address(parts: dict[str, str]) -> str:
    if parts.get("formatted"):
        return ", ".join(line.strip() for line in parts["formatted"].splitlines() if line.strip())
    lines = [parts.get(p, "") for p in ("street", "street2", "street3")]
    if parts.get("pobox"):
        lines.append(f"PO Box {parts['pobox']}")
    city_line = " ".join(p for p in (parts.get("postcode", ""), parts.get("city", "")) if p)
    lines += [city_line, parts.get("region", ""), parts.get("country", "")]
    return ", ".join(line for line in lines if line)


@functools.lru_cache(maxsize=4096)  # a file repeats its few label sets row after row
def _label_cell(value: str, multi: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """A labels cell -> (journal circles, tags, "Labels: …" note of what cannot be a tag)."""
    # Google separates labels by " ::: ", Outlook's Categories by ";".
    multi = multi or ";"
    parts = [v.strip() for v in value.split(multi)] if multi in value else [value]
    labels = [
        lab.strip().removeprefix("* ")
        for lab in parts
        if lab.strip() and lab.strip().casefold() not in _IGNORED_LABELS
    ]
    circles, others = split_labels(labels)
    tags, refused = labels_to_tags(others)
    return circles, tags, (f"Labels: {refused}" if refused else "")


@functools.lru_cache(maxsize=4096)
def _date_cell(value: str, order: str) -> str | None:
    """read_date, remembered (None when it is not a date): birthdays repeat across a file."""
    try:
        return read_date(value, order)
    except DateNotRead:
        return None


class RowBuilder:
    """Turns the cells of one row into ContactData, following a mapping.

    build() runs for every row of a file, so the mapping is turned into per-column
    handlers once, here, and a row only visits its non-empty cells. The reading it
    must give is held by tests/io/csv/test_csv_rows.py to the spec, written out.
    """

    def __init__(self, headers: Sequence[str], mapping: dict[int, str], flavour: str):
        self.headers = list(headers)
        found = FLAVOURS.get(flavour)
        self.multi = found.multi_value if found else ""
        self.order = found.date_order if found else "ymd"
        self.linkedin = flavour == "linkedin"
        self.fields: dict[int, str] = {}
        self.methods: dict[int, Target] = {}
        self.labels: dict[str, int] = {}
        for index, word in sorted(mapping.items()):
            target = parse_target(word)
            if target is None:
                continue
            if target.kind == "label":
                self.labels[target.group] = index
            elif target.is_method:
                self.methods[index] = target
            else:
                self.fields[index] = target.kind
        # What each mapped column is, looked up once per cell: a method, a field filled
        # when empty, a labels column (read with the methods), or a field with a rule.
        self.columns: dict[int, tuple[int, Any]] = {
            i: (_METHOD, t) for i, t in self.methods.items()
        }
        for index, kind in self.fields.items():
            self.columns[index] = (_RULE if kind in _SPECIAL else _PLAIN, kind)
        for index in self.labels.values():
            self.columns[index] = (_LABEL, None)

    def header(self, index: int) -> str:
        return self.headers[index].strip() if index < len(self.headers) else f"Column {index + 1}"

    def _split(self, value: str) -> list[str]:
        if self.multi and self.multi in value:
            return [v.strip() for v in value.split(self.multi) if v.strip()]
        return [value]

    def build(self, cells: Sequence[str]) -> ContactData:
        width = len(self.headers)
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            raise RowRefused(
                f"The row has {len(cells)} cells but the header has {width}; "
                "check the delimiter or the quoting."
            )
        columns = self.columns
        data = ContactData()
        notes: list[str] = []
        extras: list[str] = []
        birth: dict[str, str] = {}
        full_name = ""
        method_cells: list[tuple[Target, str]] = []
        values: dict[int, str] = {}  # the non-empty cells of the label columns
        for index in compress(count(), cells):  # the non-empty cells, found in C
            column = columns.get(index)
            if column is None:  # not mapped
                continue
            value = cells[index].strip()
            if not value:
                continue
            if value[0] == "'" or "\r" in value:  # what unescape_cell does beyond strip()
                value = unescape_cell(value)
            role, kind = column
            if role == _METHOD:
                method_cells.append((kind, value))
                continue
            if role == _PLAIN:  # the common case: a name part, the organisation, the title
                if not getattr(data, kind):
                    setattr(data, kind, value)
                else:
                    extras.append(f"Imported {kind.replace('_', ' ')}: {value}")
                continue
            if role == _LABEL:
                values[index] = value
                continue
            if kind == "notes":
                notes.append(value)
            elif kind == "extra":
                extras.append(f"{self.header(index)}: {value}")
            elif kind == "labels":
                circles, tags, refused = _label_cell(value, self.multi)
                if circles:
                    data.circles = tuple(dict.fromkeys(data.circles + circles))
                if tags:
                    data.tags = tuple(dict.fromkeys(data.tags + tags))
                if refused:
                    extras.append(refused)
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
            else:  # met_on
                met = read_plain_date(value)
                if met is None:
                    extras.append(f"{self.header(index)}: {value}")
                else:
                    data.met_on = met
                    if self.linkedin:
                        data.how_we_met = "Connected on LinkedIn"
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
        if not has_name(data):
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
        label_column = self.labels
        multi = self.multi
        for target, value in method_cells:
            kind = target.kind
            if target.part and kind == "address":
                key = (target.label, target.group)
                addresses.setdefault(key, {})[target.part] = value
                continue
            ones = self._split(value) if multi and multi in value else (value,)
            if target.label:
                label = _label(target.label)
                found.extend([MethodData(kind, one, label) for one in ones])
                continue
            column = label_column.get(target.group) if target.group else None
            if column is None:
                found.extend([MethodData(kind, one, "") for one in ones])
                continue
            labels = self._split(values.get(column, ""))
            for position, one in enumerate(ones):
                label = labels[min(position, len(labels) - 1)] if labels else ""
                found.append(MethodData(kind, one, _label(label)))
        for (label, group), parts in addresses.items():
            if not label and group in self.labels:
                label = values.get(self.labels[group], "")
            value = _join_address(parts)
            if value:
                found.append(MethodData(kind="address", value=value, label=_label(label)))
        repeated: Collection[str] = ()
        if len(found) > 1:
            kinds = [m.kind for m in found]
            if len(set(kinds)) < len(kinds):
                repeated = {k for k in kinds if kinds.count(k) > 1}
        seen: set[tuple[str, str]] = set()
        primaries: set[str] = set()
        for method in found:
            kind = method.kind
            if method_problem(kind, method.value):
                extras.append(f"Imported {kind}: {method.value}")
                continue
            if kind in repeated:  # the same number twice in one row is one method
                key = (kind, match_key(kind, method.value))
                if key in seen:
                    continue
                seen.add(key)
            if (kind == "email" or kind == "phone") and kind not in primaries:
                method.primary = True
                primaries.add(kind)
            data.methods.append(method)


_BIRTH_PARTS = frozenset({"birth_year", "birth_month", "birth_day"})
_METHOD, _PLAIN, _LABEL, _RULE = range(4)  # RowBuilder.columns: what a column holds
# Field words build() treats by a rule of their own; the others fill an empty field.
_SPECIAL = frozenset(
    {"notes", "extra", "labels", "department", "full_name", "birthday", "anniversary", "met_on"}
    | _BIRTH_PARTS
)


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(line number where the record starts, cells) for each record, blank lines skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 0
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        line = reader.line_num
        if cells and "".join(cells).strip():  # a cell with more than spaces (joined in C)
            yield start, cells


def find_layout(
    text: str,
    file: str,
    *,
    flavour: str | None = None,
    delimiter: str | None = None,
    mapping: dict[int, str] | None = None,
) -> CsvLayout:
    """Work out the delimiter, header row, flavour and mapping; ImportRefused when unusable."""
    from gratitude_desktop.io.encoding import sniff_delimiter

    if flavour and flavour != GENERIC and flavour not in FLAVOURS:
        known = ", ".join([GENERIC, *FLAVOURS])
        raise ImportRefused(file, f"“{flavour}” is not a CSV flavour we know ({known}).")
    first_line = text[:200].lstrip("\ufeff").split("\n", 1)[0].strip()
    if not delimiter and first_line.casefold().startswith("sep=") and len(first_line) == 5:
        delimiter = first_line[4]  # Excel's "sep=;" line names the delimiter
    delimiter = delimiter or sniff_delimiter(text)
    if delimiter == "\\t":
        delimiter = "\t"
    if len(delimiter) != 1:
        raise ImportRefused(file, f"“{delimiter}” cannot be a delimiter (one character).")
    first: tuple[int, list[str]] | None = None
    try:
        for count, (line, cells) in enumerate(_records(text, delimiter)):
            if count >= _HEADER_SEARCH:
                break
            headers = list(map(str.strip, cells))  # in C: a header may be 16 MB
            if first is None:
                first = (line, headers)
            if mapping is not None:
                # A mapping changed by hand still reads a file of its flavour (Google's
                # " ::: " lists, Outlook's dates), and the flavour is what the file is.
                chosen = flavour or detect.detect_flavour(headers)
                return CsvLayout(tuple(headers), line, chosen, dict(mapping), delimiter)
            chosen = flavour or detect.detect_flavour(headers)
            if chosen == GENERIC:
                found = detect.remembered_mapping(headers) or detect.suggest_mapping(headers)
            else:
                found = detect.mapping_for(chosen, headers)
            if detect.usable(found):
                return CsvLayout(tuple(headers), line, chosen, found, delimiter)
    except csv.Error as error:
        raise ImportRefused(file, f"This is not a CSV file we can read ({error}).") from None
    if first is None:
        raise ImportRefused(file, "The file has no rows.")
    shown = ", ".join(first[1][:6])[:120]
    raise ImportRefused(
        file,
        "No column looks like a name, organisation, email or phone "
        f"(the first row reads: {shown}). Map the columns by hand.",
        row=first[0],
    )


def read_rows(
    text: str, file: str, layout: CsvLayout
) -> Iterator[tuple[int, ContactData | RefusedRow]]:
    """Every data row after the header, as a contact or a refusal with its reason."""
    builder = RowBuilder(layout.headers, layout.mapping, layout.flavour)
    last_line = 0
    try:
        for line, cells in _records(text, layout.delimiter):
            if line <= layout.header_line:
                continue
            last_line = line
            try:
                yield line, builder.build(cells)
            except RowRefused as refused:
                yield line, RefusedRow(line, refused.reason, refused.field, tuple(cells))
    except csv.Error as error:
        raise ImportRefused(file, f"The CSV cannot be read past this point ({error}).") from None
    if last_line and _ends_inside_quotes(text, layout.delimiter, last_line):
        raise ImportRefused(
            file,
            f"The file ends inside a quoted cell (row {last_line}): it looks cut off.",
            row=last_line,
        )


def _ends_inside_quotes(text: str, delimiter: str, line: int) -> bool:
    """Whether the record starting on `line` runs into the end of the file inside quotes."""
    tail = _from_line(text, line)
    if '"' not in tail:
        return False
    reader = csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True)
    try:
        for _ in reader:
            pass
    except csv.Error as error:
        return "end of data" in str(error)
    return False


def _from_line(text: str, line: int) -> str:
    """The text from the start of physical line `line` (1-based) to the end.

    Walks back from the end of the file, so a big file is not split into lines (that
    would hold the GIL long enough for a window to stutter).
    """
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return "".join(io.StringIO(text, newline="").readlines()[line - 1 :])  # old Mac endings
    after = text.count("\n") - (line - 1)  # line breaks from that line to the end
    start = len(text)
    for _ in range(after + 1):
        start = text.rfind("\n", 0, start)
        if start < 0:
            break
    return text[start + 1 :]
