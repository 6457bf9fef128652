"""Names and dates as address books write them: split full names, read birthdays in many formats."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from nameparser import HumanName


@dataclass(frozen=True)
class NameParts:
    prefix: str = ""
    given: str = ""
    middle: str = ""
    family: str = ""
    suffix: str = ""
    nickname: str = ""


def split_name(full: str) -> NameParts:
    """'Dr. Ada King Lovelace' -> prefix 'Dr.', given 'Ada', middle 'King', family 'Lovelace'."""
    text = " ".join((full or "").split())
    if not text:
        return NameParts()
    if "@" in text and " " not in text:
        return NameParts()  # an email address, not a name
    words = text.split(" ")
    if len(words) == 2 and _plain_word(words[0]) and _plain_word(words[1]):
        # "Given Family": what nameparser answers, at a hundredth of its cost (~100 µs a
        # name, most of an import of a file with one name column).
        return NameParts(given=words[0], family=words[1])
    name = HumanName(text)
    return NameParts(
        prefix=name.title,
        given=name.first,
        middle=name.middle,
        family=name.last,
        suffix=name.suffix,
        nickname=name.nickname,
    )


@functools.cache
def _special() -> tuple[frozenset[str], tuple[re.Pattern, ...]]:
    """The words and patterns nameparser reads as more than a given or family name."""
    from nameparser.config import CONSTANTS

    words: set[str] = set()
    for name in (
        "titles",
        "first_name_titles",
        "prefixes",
        "non_first_name_prefixes",
        "bound_first_names",
        "conjunctions",
        "suffix_acronyms",
        "suffix_acronyms_ambiguous",
        "suffix_not_acronyms",
    ):
        words.update(str(w).lower() for w in getattr(CONSTANTS, name, ()))
    patterns = tuple(
        pattern
        for name, pattern in CONSTANTS.regexes.items()
        if name in ("roman_numeral", "mac") or "patronymic" in name
    )
    return frozenset(words), patterns


def _plain_word(word: str) -> bool:
    """A word that can only be a given or family name to nameparser."""
    if len(word) < 2 or not word.isalpha():
        return False
    words, patterns = _special()
    return word.lower() not in words and not any(p.search(word) for p in patterns)


def name_from_email(email: str) -> str:
    """A name to show for a contact known only by an email: the address itself."""
    return (email or "").strip()


# Date orders: "ymd" (ISO, Google, vCard), "mdy" (US exporters), "dmy" (most of Europe).
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january", "januar", "janvier", "enero", "gennaio", "jän", "janv"),
            ("feb", "february", "februar", "février", "fevrier", "febrero", "febbraio", "févr"),
            ("mar", "march", "märz", "maerz", "mars", "marzo", "mär"),
            ("apr", "april", "avril", "abril", "aprile", "avr"),
            ("may", "mai", "mayo", "maggio"),
            ("jun", "june", "juni", "juin", "junio", "giugno"),
            ("jul", "july", "juli", "juillet", "julio", "luglio", "juil"),
            ("aug", "august", "août", "aout", "agosto"),
            ("sep", "sept", "september", "septembre", "septiembre", "settembre"),
            ("oct", "october", "oktober", "octobre", "octubre", "ottobre", "okt"),
            ("nov", "november", "novembre", "noviembre"),
            (
                "dec",
                "december",
                "dezember",
                "décembre",
                "decembre",
                "diciembre",
                "dicembre",
                "dez",
                "déc",
            ),
        ],
        start=1,
    )
    for m in names
}
_NUMERIC = re.compile(r"^(\d{1,4})[./\-](\d{1,2})(?:[./\-](\d{1,4}))?\.?$")
_ISO_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_YEARLESS = re.compile(r"^--(\d{2})-?(\d{2})$")
_WORDY = re.compile(
    r"^(\d{1,2})\.?\s+([^\W\d]+)\.?,?\s*(\d{4})?$|^([^\W\d]+)\.?\s+(\d{1,2}),?\s*(\d{4})?$"
)


class DateNotRead(ValueError):
    """A date in a form we could not read; the message quotes it."""


def _partial(year: int | None, month: int, day: int) -> str:
    # 1604 is Apple's "no year" marker; 0/00 mean the same in Outlook exports.
    if year is not None and (year < 1000 or year == 1604):
        year = None
    probe_year = year if year is not None else 2000
    dt.date(probe_year, month, day)  # ValueError on a day that does not exist
    if year is None:
        return f"--{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def read_date(text: str, order: str = "ymd") -> str:
    """A birthday/anniversary in the journal's form ('YYYY-MM-DD' or '--MM-DD'); '' when empty.

    Raises DateNotRead for text that is not a date.
    """
    value = (text or "").strip()
    if not value or value in ("0/0/00", "00.00.0000", "0.0.00", "00/00/0000"):
        return ""
    if "T" in value and value[:1].isdigit():
        value = value.split("T", 1)[0]
    try:
        m = _YEARLESS.match(value)
        if m:
            return _partial(None, int(m.group(1)), int(m.group(2)))
        m = _ISO_COMPACT.match(value)
        if m:
            return _partial(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _NUMERIC.match(value)
        if m:
            a, b, c = m.group(1), m.group(2), m.group(3)
            if len(a) == 4:  # YYYY-MM-DD whatever the order
                if c is None:
                    raise DateNotRead(value)
                return _partial(int(a), int(b), int(c))
            year = None
            if c is not None:
                year = int(c)
                if len(c) == 2:
                    year += 1900 if year > 30 else 2000
            first, second = int(a), int(b)
            if order == "mdy" or (order == "ymd" and "/" in value):
                month, day = first, second
            else:
                day, month = first, second
            if month > 12 and day <= 12:
                month, day = day, month
            return _partial(year, month, day)
        m = _WORDY.match(value)
        if m:
            if m.group(1):
                day, word, year = m.group(1), m.group(2), m.group(3)
            else:
                word, day, year = m.group(4), m.group(5), m.group(6)
            month = _MONTHS.get(word.casefold())
            if month:
                return _partial(int(year) if year else None, month, int(day))
    except ValueError:
        raise DateNotRead(value) from None
    raise DateNotRead(value)


def read_plain_date(text: str) -> dt.date | None:
    """A full date such as LinkedIn's '07 Mar 2021' or '2021-03-07'; None when not readable."""
    try:
        value = read_date(text, "dmy")
    except DateNotRead:
        return None
    if not value or value.startswith("--"):
        return None
    return dt.date.fromisoformat(value)


def split_labels(labels: list[str]) -> tuple[tuple[str, ...], list[str]]:
    """Group labels that are journal circles ("Friend", "networking partner") and the rest.

    The rest become the contact's tags (labels_to_tags)."""
    from gratitude_desktop.store.enums import Circle

    circles, others = [], []
    known = {c.value for c in Circle}
    for label in labels:
        word = "-".join(label.casefold().split())
        if word in known:
            circles.append(word)
        elif label.strip():
            others.append(label.strip())
    return tuple(dict.fromkeys(circles)), others


def labels_to_tags(labels: list[str]) -> tuple[tuple[str, ...], str]:
    """Labels that are not circles -> (tags, a note of those that cannot be a tag, or "")."""
    from gratitude_desktop.journal.tags import clean_name, name_problem

    tags, refused = [], []
    for label in labels:
        (refused if name_problem(label) else tags).append(clean_name(label))
    return tuple(dict.fromkeys(tags)), ", ".join(refused)
