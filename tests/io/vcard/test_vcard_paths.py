"""The vCard reader's two readings agree, and the corners of the format each one keeps.

read_cards unfolds a chunk of the file with one substitution (the fast reading) unless
the chunk has a lone carriage return or a quoted-printable soft line break; then it reads
the chunk line by line (the exact reading). Both must give the same cards.
"""

from __future__ import annotations

import contextlib
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gratitude_desktop.io.report import ImportRefused, RefusedRow
from gratitude_desktop.io.vcard import card as vcard_card
from gratitude_desktop.io.vcard import reader as vcard
from gratitude_desktop.journal.methods import method_problem

MANY = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def cards(text: str) -> list:
    return [item for _, item in vcard.read_cards(text, "test.vcf")]


def read_both(text: str, size: int) -> tuple[tuple, tuple]:
    """(cards, cards begun, ends inside a card) by the fast and by the exact reading."""
    readings = []
    for exact in (False, True):
        reader = vcard._CardReader()
        found = []
        for chunk in vcard._chunks(text, size):
            if exact:
                found += reader._read(vcard._exact_lines(chunk), 0, None)
            else:
                found += reader.read(chunk)
        readings.append((found, reader.number, reader.card is not None))
    return readings[0], readings[1]


NAME = st.sampled_from(
    ["FN", "N", "EMAIL", "TEL", "ORG", "TITLE", "BDAY", "NOTE", "ADR", "URL", "IMPP", "NICKNAME",
     "ROLE", "CATEGORIES", "ANNIVERSARY", "X-TWITTER", "X-SOCIALPROFILE", "item1.EMAIL",
     "item1.X-ABLabel", "ITEM1.x-ablabel", "item2.TEL", "PHOTO", "X-FOO", "VERSION", "", "BEGIN",
     "END", "item1.BEGIN", "begin"]
)  # fmt: skip
PARAMS = st.sampled_from(
    ["", ";TYPE=work", ";type=cell;type=voice", ";TYPE=CELL,VOICE", ";CELL;PREF", ";HOME",
     ";ENCODING=QUOTED-PRINTABLE", ";CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE", ";QUOTED-PRINTABLE",
     ";encoding=quoted-printable", ";CHARSET=ISO-8859-1", ";ENCODING=b", ";TYPE=", ';TYPE="a;b"',
     ';TYPE="a:b"', ';X="', ";PREF=1", ";;"]
)  # fmt: skip
VALUE = st.one_of(
    st.text(max_size=16),
    st.sampled_from(
        ["=C3=A9", "=", "abc=", "a\\nb", "\\", "\\\\n", "a\\,b\\;c\\:d", "--0412", "--04-12",
         "2026-02-30", "1966-04-12", "ada@example.org", "mailto:a@b.c", "tel:+1-555-0100",
         "+1 202 555 0143", "VCARD", " vcard ", "_$!<Other>!$_", "Lovelace;Ada;King;Dr.;",
         ";;1 Main St \\n Apt 2 ;Town ;;62701;USA", "PO 7;ext;street;;IL;;", "friend,Client"]
    ),
)  # fmt: skip
LINE = st.one_of(
    st.tuples(NAME, PARAMS, VALUE).map(lambda t: f"{t[0]}{t[1]}:{t[2]}"),
    st.sampled_from(
        ["BEGIN:VCARD", "END:VCARD", "begin:vcard", "BEGIN:VCARD ", "item1.END:VCARD", " folded",
         "\tfolded", " =41", "=", "no colon", "", "QUOTED-PRINTABLE=", "x\ry:z"]
    ),
)  # fmt: skip
NEWLINES = st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1, max_size=2)


def joined(lines: list[str], newlines: list[str]) -> str:
    return "".join(line + newlines[i % len(newlines)] for i, line in enumerate(lines))


@MANY
@given(
    bodies=st.lists(st.lists(LINE, max_size=8), max_size=4),
    newlines=NEWLINES,
    size=st.sampled_from([1, 20, 80, 1 << 20]),
)
def test_the_fast_and_the_exact_reading_give_the_same_cards(bodies, newlines, size):
    lines = [line for body in bodies for line in ("BEGIN:VCARD", *body, "END:VCARD")]
    fast, exact = read_both(joined(lines, newlines), size)
    assert fast == exact


@MANY
@given(bodies=st.lists(st.lists(LINE, max_size=8), max_size=4))
def test_every_method_read_is_one_the_journal_accepts(bodies):
    """The importer relies on it: it does not check the readers' methods again."""
    lines = [line for body in bodies for line in ("BEGIN:VCARD", *body, "END:VCARD")]
    read = []
    with contextlib.suppress(ImportRefused):  # a whole file refused: nothing is imported
        read.extend(item for _, item in vcard.read_cards(joined(lines, ["\r\n"]), "t.vcf"))
    for item in read:
        if isinstance(item, RefusedRow):
            continue
        for method in item.methods:
            assert method_problem(method.kind, method.value) is None, method


CARD_LINE = st.sampled_from(
    ["N:Lovelace;Ada;;;", "FN:Ada Lovelace", "ORG:Engines;Research", "TITLE:Countess",
     "item1.EMAIL;type=INTERNET;type=pref:ada@example.org", "item1.X-ABLabel:_$!<Other>!$_",
     "TEL;type=CELL;type=VOICE:+1 202 555 0143", "ADR;type=HOME:;;1 Main St;Springfield;IL;62701;USA",
     "BDAY:1815-12-10", "NOTE:Met at the fair\\, liked it.\\nCall in spring;", " folded on",
     "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Gr=C3=BC=C3=9Fe", "X-ABUID:1234"]
)  # fmt: skip


@MANY
@given(
    body=st.lists(CARD_LINE, min_size=1, max_size=10),
    count=st.integers(1, 30),
    crlf=st.booleans(),
)
def test_many_ordinary_cards_read_the_same_both_ways_across_chunks(body, count, crlf):
    lines = ["BEGIN:VCARD", "VERSION:3.0", *body, "END:VCARD"] * count
    fast, exact = read_both(joined(lines, ["\r\n" if crlf else "\n"]), 200)
    assert fast == exact
    assert fast[1] == count


def test_a_soft_break_later_in_the_chunk_switches_to_the_exact_reading_there():
    plain = "BEGIN:VCARD\nFN:Ada {}\nNOTE;ENCODING=QUOTED-PRINTABLE:short\nEND:VCARD\n"
    broken = "BEGIN:VCARD\nFN:Bea\nNOTE;ENCODING=QUOTED-PRINTABLE:Gr=C3=BC=\n=C3=9Fe\nEND:VCARD\n"
    text = "".join(plain.format(i) for i in range(20)) + broken + plain.format(20)
    found = cards(text)
    assert [c.display_name for c in found] == [*(f"Ada {i}" for i in range(20)), "Bea", "Ada 20"]
    assert found[20].notes == "Grüße"
    assert read_both(text, 1 << 20)[0] == read_both(text, 1 << 20)[1]


def test_a_soft_break_joins_even_a_line_that_looks_like_the_end():
    (card,) = cards(
        "BEGIN:VCARD\r\nFN:Ada\r\nNOTE;QUOTED-PRINTABLE:see =\r\nEND:VCARD\r\nNOTE:more\r\nEND:VCARD\r\n"
    )
    assert card.notes == "see END:VCARD\nmore"


def test_old_mac_line_endings_are_read():
    (card,) = cards("BEGIN:VCARD\rVERSION:3.0\rFN:Ada Lovelace\rEMAIL:ada@example.org\rEND:VCARD\r")
    assert card.display_name == "Ada Lovelace"
    assert [m.value for m in card.methods] == ["ada@example.org"]


def test_type_parameters_in_every_spelling():
    jo, al = cards(
        "BEGIN:VCARD\nVERSION:2.1\nN:Doe;Jo\nTEL;CELL;PREF:+1 202 555 0101\n"
        "TEL;WORK;VOICE:+1 202 555 0102\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nN:Doe;Al\nTEL;type=cell;type=voice:+1 202 555 0103\n"
        "TEL;TYPE=HOME,VOICE:+1 202 555 0104\nEMAIL;TYPE=INTERNET,WORK;PREF=1:al@example.org\n"
        "END:VCARD\n"
    )
    assert [(m.label, m.value, m.primary) for m in jo.methods] == [
        ("mobile", "+1 202 555 0101", True),
        ("work", "+1 202 555 0102", False),
    ]
    assert [(m.kind, m.label, m.primary) for m in al.methods] == [
        ("email", "work", True),
        ("phone", "mobile", True),
        ("phone", "home", False),
    ]


def test_a_group_label_may_come_after_its_property_and_groups_ignore_case():
    (card,) = cards(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nitem1.EMAIL;type=INTERNET:a@example.org\n"
        "ITEM2.URL:https://example.org\nitem2.X-ABLabel:Blog\nIteM1.X-ABLabel:_$!<Other>!$_\n"
        "END:VCARD\n"
    )
    assert [(m.kind, m.label) for m in card.methods] == [("email", "other"), ("website", "blog")]


def test_birthdays_without_a_year_in_both_spellings():
    found = cards(
        "BEGIN:VCARD\nFN:A\nBDAY:--0412\nEND:VCARD\nBEGIN:VCARD\nFN:B\nBDAY:--04-12\nEND:VCARD\n"
        "BEGIN:VCARD\nFN:C\nBDAY:someday\nANNIVERSARY:2001-02-03\nEND:VCARD\n"
    )
    assert [c.birthday for c in found] == ["--04-12", "--04-12", ""]
    assert (found[2].notes, found[2].anniversary) == ("Imported birthday: someday", "2001-02-03")


def test_an_unfinished_card_is_refused_with_its_lines_and_the_next_one_read():
    found = list(
        vcard.read_cards(
            "BEGIN:VCARD\nVERSION:3.0\nFN:Cut\n\nno colon\nBEGIN:VCARD\nFN:Whole\nEND:VCARD\n",
            "t.vcf",
        )
    )
    (number, refused), (_, whole) = found
    assert isinstance(refused, RefusedRow) and number == refused.row == 1
    assert refused.reason.startswith(vcard.UNFINISHED)
    assert refused.raw == ("BEGIN:VCARD\nVERSION:3.0\nFN:Cut",)
    assert whole.display_name == "Whole"


def test_a_refused_card_across_a_chunk_boundary_keeps_all_its_lines(monkeypatch):
    chunks = vcard._chunks
    monkeypatch.setattr(vcard, "_chunks", lambda text: chunks(text, 30))
    text = "BEGIN:VCARD\nVERSION:3.0\nNOTE:x\n" + "X-A:1\n" * 10 + "END:VCARD\n"
    ((number, refused),) = list(vcard.read_cards(text, "t.vcf"))
    assert refused.raw == (text.strip(),)


def test_escapes_commas_semicolons_newlines_and_backslashes():
    (card,) = cards(
        "BEGIN:VCARD\nN:O\\,Brien;Ann\nFN:Ann O\\,Brien\nORG:A\\;B;Sales\\, East\n"
        "NOTE:one\\ntwo\\Nthree \\\\n\\: four\nEND:VCARD\n"
    )
    assert (card.family_name, card.display_name, card.organization) == (
        "O Brien",
        "Ann O,Brien",
        "A;B",
    )
    assert card.notes == "one\ntwo\nthree \\n: four\nDepartment: Sales, East"


def test_the_usual_escapes_unescape_as_the_general_rule_does():
    rule = re.compile(r"\\(.)", re.DOTALL)

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet="\\nN,;:ab \n", max_size=12))
    def check(value):
        expected = rule.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)
        assert vcard_card.unescape(value) == expected

    check()


def test_a_quoted_parameter_may_hold_a_colon():
    (card,) = cards('BEGIN:VCARD\nFN:Ada\nTEL;TYPE="work:main";PREF:+1 202 555 0100\nEND:VCARD\n')
    assert [(m.value, m.primary) for m in card.methods] == [("+1 202 555 0100", True)]


def test_addresses_join_their_parts_and_the_same_email_twice_is_one():
    (card,) = cards(
        "BEGIN:VCARD\nFN:Ada\nADR:PO 7;Suite 2;1 Main St\\nBack door;Springfield;IL;62701;USA\n"
        "EMAIL:ada@example.org\nEMAIL;TYPE=work:ADA@example.org\nEND:VCARD\n"
    )
    assert [(m.kind, m.value) for m in card.methods] == [
        ("address", "1 Main St, Back door, Suite 2, PO Box PO 7, 62701 Springfield, IL, USA"),
        ("email", "ada@example.org"),
    ]


def test_version_3_base64_photos_are_skipped():
    (card,) = cards(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ\r\n"
        " EASABIAAD/2wBDAP//////////////////////////////////////////////////////==\r\n"
        "EMAIL:ada@example.org\r\nEND:VCARD\r\n"
    )
    assert [m.value for m in card.methods] == ["ada@example.org"]


def test_counting_and_sniffing_cards():
    text = "\ufeff\r\n\nbegin:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nEND:VCARD\n"
    assert vcard.looks_like_vcard(text)
    assert not vcard.looks_like_vcard("\n\nName,Email\n")
    assert vcard.count_cards("BEGIN:VCARD\nbegin:vcard\nBegin:VCard\n") == 2
