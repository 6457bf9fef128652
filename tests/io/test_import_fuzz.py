"""Property tests: whatever the file holds, import_file imports cleanly or refuses cleanly.

A refusal (ImportRefused) must leave the journal exactly as it was; any other exception
is a bug.
"""

from __future__ import annotations

import csv
import io
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gratitude_desktop.io import importer
from gratitude_desktop.io.report import ImportRefused, ImportReport
from gratitude_desktop.store.models import Contact, ContactMethod, ImportBatch, ImportChange

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_names = itertools.count()

HEADERS = [
    "Name",
    "First Name",
    "Last Name",
    "E-mail Address",
    "E-mail 1 - Value",
    "E-mail 1 - Label",
    "Phone 1 - Value",
    "Mobile Phone",
    "Company",
    "Birthday",
    "Notes",
    "Primary Email",
    "Connected On",
    "Vorname",
    "Geburtstag",
    "Labels",
    "Address 1 - City",
    "Home Street",
    "zzz",
    "",
]
CELL = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "ada@example.org",
            "+1 555 0100",
            "1985-04-12",
            "--02-29",
            "31.12.1999",
            "=1+1",
            "a ::: b",
            "* Home",
        ]
    ),
)


def journal_state() -> tuple:
    return (
        Contact.select().count(),
        ContactMethod.select().count(),
        ImportBatch.select().count(),
        ImportChange.select().count(),
        tuple(Contact.select(Contact.id, Contact.display_name, Contact.notes).tuples()),
    )


def import_and_check(path, suffix_kwargs=None) -> None:
    before = journal_state()
    try:
        report = importer.import_file(path, **(suffix_kwargs or {}))
    except ImportRefused as refused:
        assert refused.reason
        assert str(path) in str(refused)
        assert journal_state() == before
        return
    assert isinstance(report, ImportReport)
    for row in report.refused:
        assert row.row >= 1 and row.reason
    after = journal_state()
    assert after[0] - before[0] == report.created


def write(tmp_path, data: bytes, suffix: str):
    path = tmp_path / f"fuzz{next(_names)}{suffix}"
    path.write_bytes(data)
    return path


@SETTINGS
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".csv", ".vcf", ".txt"]))
def test_random_bytes_import_cleanly_or_are_refused_cleanly(journal, tmp_path, data, suffix):
    import_and_check(write(tmp_path, data, suffix))


@SETTINGS
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6),
    rows=st.lists(st.lists(CELL, max_size=8), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
    codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_random_csv_imports_cleanly_or_is_refused_cleanly(
    journal, tmp_path, header, rows, delimiter, codec
):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode(codec, errors="replace")
    import_and_check(write(tmp_path, data, ".csv"))


PROPS = st.sampled_from(
    [
        "FN:Ada",
        "N:Lovelace;Ada;;;",
        "EMAIL;TYPE=work:ada@example.org",
        "TEL;CELL:+1 555 0100",
        "BDAY:--0229",
        "BDAY:1999-13-40",
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Gr=FC=",
        "item1.EMAIL:x@y.z",
        "item1.X-ABLabel:_$!<Other>!$_",
        "ADR:;;1 Main St;Town;;12345;Land",
        "PHOTO;ENCODING=b:AAAA",
        " folded",
        "END:VCARD",
        "BEGIN:VCARD",
        "garbage without colon",
    ]
)


@SETTINGS
@given(
    lines=st.lists(st.one_of(PROPS, st.text(max_size=30)), max_size=15),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_random_vcards_import_cleanly_or_are_refused_cleanly(journal, tmp_path, lines, newline):
    text = newline.join(["BEGIN:VCARD", "VERSION:3.0", *lines])
    import_and_check(write(tmp_path, text.encode("utf-8", errors="replace"), ".vcf"))
