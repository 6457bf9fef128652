"""The CSV, vCard and JSON archive readers against malformed files and thousands of inputs.

Each input is refused cleanly (ImportRefused) or read/imported — never another
exception, never a hang — and a refused file leaves the journal exactly as it was.
tests/io/test_import_fuzz.py (H5) fuzzes import_file with random bytes, CSVs and
vCards; this adds the committed corpus of malformed files (tests/io/malformed/), a
huge single cell, the JSON archive reader (structured random JSON), and many more
examples of the pure readers (no database), which are fast enough for thousands.
"""

from __future__ import annotations

import json
import os
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gratitude_desktop.io import importer
from gratitude_desktop.io.archive import import_archive
from gratitude_desktop.io.archive_read import FORMAT, VERSION, parse_archive
from gratitude_desktop.io.csv.rows import find_layout, read_rows
from gratitude_desktop.io.report import ImportRefused, ImportReport, RefusedRow
from gratitude_desktop.io.vcard.reader import read_cards
from gratitude_desktop.journal.contacts import ContactData
from gratitude_desktop.store.models import Contact, ContactMethod, ImportBatch, Interaction

MALFORMED = Path(__file__).with_name("malformed")
LIMIT_SECONDS = 30
MANY = settings(max_examples=1500, deadline=None)
SOME = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@contextmanager
def time_limit(seconds: int = LIMIT_SECONDS):
    """Fail instead of hanging (POSIX; elsewhere the suite's own timeout applies)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def hung(*_):
        raise TimeoutError(f"took longer than {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def journal_state() -> tuple:
    return (
        tuple(Contact.select(Contact.id, Contact.display_name, Contact.notes).tuples()),
        ContactMethod.select().count(),
        Interaction.select().count(),
        ImportBatch.select().count(),
    )


def import_or_refuse(path: Path) -> ImportReport | ImportRefused:
    before = journal_state()
    with time_limit():
        try:
            if path.suffix == ".json":
                return import_archive(path)
            return importer.import_file(path)
        except ImportRefused as refused:
            assert journal_state() == before, f"{path.name} was refused but changed the journal"
            assert str(refused)
            return refused


# Files a reader is known to mishandle (each an expected failure until fixed).
KNOWN: dict[str, str] = {}


def corpus() -> list[Path]:
    return sorted(p for p in MALFORMED.iterdir() if p.is_file())


def corpus_params() -> list:
    return [
        pytest.param(p, marks=pytest.mark.xfail(reason=KNOWN[p.name], raises=ValueError))
        if p.name in KNOWN
        else p
        for p in corpus()
    ]


def test_the_corpus_is_there():
    names = {p.name for p in corpus()}
    assert {"truncated.vcf", "begin-without-end.vcf", "binary-junk.csv", "utf16-without-bom.csv",
            "unbalanced-quotes.csv", "deeply-nested.json"} <= names  # fmt: skip


@pytest.mark.parametrize("path", corpus_params(), ids=lambda p: p.name)
def test_a_malformed_file_is_refused_cleanly_or_imported(journal, path):
    outcome = import_or_refuse(path)
    if isinstance(outcome, ImportReport):
        assert outcome.created + outcome.merged + len(outcome.refused) + outcome.skipped >= 0
        assert Contact.select().count() == outcome.created  # empty journal before


def test_the_obviously_broken_ones_are_refused(journal):
    for name in ("begin-without-end.vcf", "truncated.json", "deeply-nested.json",
                 "binary-junk.json", "not-an-archive.json", "wrong-version.json", "empty.csv"):  # fmt: skip
        assert isinstance(import_or_refuse(MALFORMED / name), ImportRefused), name


def test_utf16_without_bom_is_read_not_garbled(journal):
    outcome = import_or_refuse(MALFORMED / "utf16-without-bom.csv")
    if isinstance(outcome, ImportReport):
        assert {c.display_name for c in Contact.select()} == {"Jürgen Groß", "Zoë"}


def test_a_huge_single_cell_is_handled(journal, tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text('Name,Notes\r\nAda,"' + "x" * (4 * 1024 * 1024) + '"\r\n', encoding="utf-8")
    outcome = import_or_refuse(path)
    assert isinstance(outcome, (ImportReport, ImportRefused))


def test_a_refused_file_after_an_import_leaves_the_earlier_import_alone(journal, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("Name,E-mail Address\nAda,ada@example.org\n", encoding="utf-8")
    importer.import_file(good)
    before = journal_state()
    for name in ("truncated.json", "begin-without-end.vcf", "binary-junk.csv"):
        outcome = import_or_refuse(MALFORMED / name)
        if isinstance(outcome, ImportRefused):
            assert journal_state() == before


# --- the pure readers, many examples ----------------------------------------------------------


def _read_all(rows) -> list:
    out = []
    for _n, item in rows:
        assert isinstance(item, (ContactData, RefusedRow))
        out.append(item)
    return out


CSV_CELL = st.one_of(
    st.text(max_size=15),
    st.sampled_from(
        [
            '"',
            '""',
            '"a,b"',
            "\r",
            "\n",
            "=1+1",
            "ada@example.org",
            "+1 555 0100",
            "1985-04-12",
            "--02-29",
            "\x00",
            "\ufeff",
        ]
    ),  # fmt: skip
)
HEADER = st.sampled_from(["Name", "First Name", "Last Name", "E-mail Address", "Mobile Phone",
                          "Company", "Birthday", "Notes", "Labels", "Vorname", "Geburtstag",
                          "E-mail 1 - Value", "Phone 1 - Value", "x", ""])  # fmt: skip


@MANY
@given(
    headers=st.lists(HEADER, min_size=1, max_size=8),
    rows=st.lists(st.lists(CSV_CELL, max_size=9), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    raw=st.booleans(),
)
def test_csv_reader_reads_or_refuses(headers, rows, delimiter, newline, raw):
    if raw:  # no quoting at all: stray quotes and delimiters as they come
        text = newline.join(delimiter.join(r) for r in [headers, *rows])
    else:
        quote = lambda c: '"' + c.replace('"', '""') + '"'  # noqa: E731
        text = newline.join(delimiter.join(quote(c) for c in r) for r in [headers, *rows])
    try:
        layout = find_layout(text, "fuzz.csv")
        _read_all(read_rows(text, "fuzz.csv", layout))
    except ImportRefused as refused:
        assert str(refused)


VCARD_NAME = st.sampled_from(["FN", "N", "EMAIL", "TEL", "ORG", "BDAY", "NOTE", "ADR",
                              "CATEGORIES", "X-ABLABEL", "item1.EMAIL", "PHOTO", "X-FOO", "", ";"])  # fmt: skip
VCARD_PARAM = st.sampled_from(["", ";TYPE=work", ";ENCODING=QUOTED-PRINTABLE", ";CHARSET=UTF-8",
                               ";ENCODING=b", ";ENCODING=BASE64", ";CHARSET=bogus", ";TYPE=",
                               ';TYPE="a;b"', ";PREF=1", ";=", ";;"])  # fmt: skip
VCARD_VALUE = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "=C3=A9",
            "=",
            "=ZZ",
            "a\\nb",
            "\\",
            "x;y;z",
            "--0229",
            "2026-02-30",
            "AAAA",
            "ada@example.org",
        ]
    ),  # fmt: skip
)
VCARD_LINE = st.one_of(
    st.tuples(VCARD_NAME, VCARD_PARAM, VCARD_VALUE).map(lambda t: f"{t[0]}{t[1]}:{t[2]}"),
    st.sampled_from(
        [
            "BEGIN:VCARD",
            "END:VCARD",
            "VERSION:2.1",
            "VERSION:4.0",
            " folded",
            "\tfolded",
            "no colon here",
            "",
        ]
    ),  # fmt: skip
)


@MANY
@given(
    cards=st.lists(st.lists(VCARD_LINE, max_size=8), max_size=4),
    cut=st.booleans(),
    newline=st.sampled_from(["\r\n", "\n"]),
)
def test_vcard_reader_reads_or_refuses(cards, cut, newline):
    lines = []
    for body in cards:
        lines += ["BEGIN:VCARD", *body, "END:VCARD"]
    if cut and lines:
        lines = lines[: len(lines) // 2]
    text = newline.join(lines)
    try:
        _read_all(read_cards(text, "fuzz.vcf"))
    except ImportRefused as refused:
        assert str(refused)


JSON_SCALAR = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["2026-02-29", "2025-02-29", "--04-12", "2026-11-23T09:00:00", "c1", "c2",
                     "client", "prospect", "call", "we-owe", "open", "email", "phone"]),
)  # fmt: skip
JSON_VALUE = st.recursive(
    JSON_SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "ref",
                    "display_name",
                    "kind",
                    "value",
                    "label",
                    "at",
                    "contact",
                    "what",
                    "due_on",
                    "stage",
                    "circles",
                    "methods",
                    "notes",
                    "x",
                ]
            ),
            inner,
            max_size=5,
        ),  # fmt: skip
    ),
    max_leaves=20,
)
CONTACT = st.fixed_dictionaries(
    {"display_name": st.one_of(st.text(max_size=10), JSON_SCALAR)},
    optional={
        "ref": st.sampled_from(["c1", "c2", "c3"]),
        "methods": JSON_VALUE,
        "stage": JSON_SCALAR,
        "circles": JSON_VALUE,
        "birthday": JSON_SCALAR,
        "notes": JSON_SCALAR,
        "extra": JSON_VALUE,
    },
)
ARCHIVE = st.fixed_dictionaries(
    {
        "format": st.sampled_from([FORMAT, FORMAT, "other", 1]),
        "version": st.sampled_from([VERSION, VERSION, VERSION, 2, "1", True, None]),
    },
    optional={
        "contacts": st.one_of(st.lists(CONTACT, max_size=4), JSON_VALUE),
        "interactions": JSON_VALUE,
        "promises": JSON_VALUE,
        "referrals": JSON_VALUE,
        "snoozes": JSON_VALUE,
        "goals": JSON_VALUE,
        "settings": JSON_VALUE,
    },
)


@MANY
@given(archive=st.one_of(ARCHIVE, JSON_VALUE))
def test_archive_reader_reads_or_refuses(archive):
    decoded = json.loads(json.dumps(archive))  # what read_archive would hand over
    try:
        parse_archive(decoded, "fuzz.json")
    except ImportRefused as refused:
        assert str(refused)


@SOME
@given(archive=ARCHIVE)
def test_archive_import_refuses_without_writing(journal, tmp_path, archive):
    path = tmp_path / f"a{os.getpid()}.json"
    path.write_text(json.dumps(archive), encoding="utf-8")
    import_or_refuse(path)
