"""A streaming vCard 2.1/3.0/4.0 reader: folding, quoted-printable with charsets, groups, types.

Our own parser rather than vobject: vobject needs ~30 s for 100,000 cards where this one
needs ~1.5 s; the corners of the format it must keep are listed in the tests
(tests/io/vcard/test_vcard.py, test_vcard_paths.py).

How it stays fast (bench/import_vcard.py --parse-only): the text is unfolded a megabyte
at a time by one substitution in C; each distinct property head ("item1.EMAIL;type=pref")
is parsed once and looked up afterwards; a card's kept properties are decoded in one
pass. A chunk that plain unfolding could misread (quoted-printable soft line breaks, lone
carriage returns) is read line by line instead, the reading the plain one is tested against.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gratitude_desktop.io.encoding import text_codec
from gratitude_desktop.io.report import ImportRefused, RefusedRow
from gratitude_desktop.io.vcard.card import USED, CardRefused, Head, build, params
from gratitude_desktop.journal.contacts import ContactData
from gratitude_desktop.printable import escaped

UNFINISHED = "The card has no END:VCARD line"


# ---------------------------------------------------------------------------------------
# Lines: the text a chunk at a time, unfolded into logical lines.

_FOLD = re.compile(r"\r?\n[ \t]")
_FOLD_LF = re.compile("\n[ \t]")


def _chunks(text: str, size: int = 1 << 20) -> Iterator[str]:
    """The text in pieces of about `size` characters, each cut just before a BEGIN:VCARD line.

    Working piece by piece keeps every C-level pass over the text short, so a window
    whose import runs in a worker thread does not stutter on a 50 MB file.
    """
    start = 0
    while start < len(text):
        end = text.find("\nBEGIN:VCARD", start + size)
        if end < 0:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1


def _plain_lines(chunk: str) -> tuple[list[str], str] | None:
    """The chunk's logical lines by plain unfolding, and the chunk with LF line ends.

    None when the chunk has a lone carriage return: whether that ends a line depends on
    quoted-printable being in the chunk, which only the exact reading checks.
    """
    text = chunk.replace("\r\n", "\n") if "\r" in chunk else chunk
    if "\r" in text:
        return None
    return _FOLD_LF.sub("", text).split("\n"), text


def _exact_lines(chunk: str) -> list[str]:
    """The chunk's logical lines, quoted-printable soft line breaks joined: the reference."""
    if "quoted-printable" in chunk.casefold():
        return [line for _, line in _logical_lines(chunk)]
    unfolded = _FOLD.sub("", chunk).replace("\r\n", "\n").replace("\r", "\n")
    return unfolded.split("\n")


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(physical line number, unfolded line); folding and QP soft breaks joined."""
    current: str | None = None
    start = 0
    qp_open = False
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if current is not None and qp_open:
            current = (
                current[:-1] + line.lstrip(" \t")
                if line[:1] in (" ", "\t")
                else current[:-1] + line
            )
            qp_open = current.endswith("=")
            continue
        if current is not None and line[:1] in (" ", "\t"):
            current += line[1:]
            continue
        if current is not None:
            yield start, current
        current, start = line, number
        qp_open = current.endswith("=") and "QUOTED-PRINTABLE" in current.partition(":")[0].upper()
    if current is not None:
        yield start, current


def _soft_breaks(text: str) -> bool:
    """Whether a line of `text` (LF line ends) may end in a quoted-printable soft break.

    Plain unfolding differs from the exact reading only on such lines: a line whose head
    says QUOTED-PRINTABLE and whose text ends with "=".
    """
    if "=\n" not in text and not text.endswith("="):
        return False
    return any(
        line.endswith("=") and "QUOTED-PRINTABLE" in line.partition(":")[0].upper()
        for line in text.split("\n")
    )


def _colon_outside_quotes(line: str) -> int:
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return i
    return len(line)


# ---------------------------------------------------------------------------------------
# Heads: "item1.EMAIL;type=INTERNET;type=pref" -> what to do with the line, parsed once.

_SKIP, _KEEP, _LOOK = 0, 1, 2  # bits of a head's role; _LOOK: BEGIN, END, quoted-printable
_HEADS: dict[str, Head] = {}


def _head(head: str) -> Head:
    found = _HEADS.get(head)
    if found is None:
        name_part, _, param_text = head.partition(";")
        group, _, name = name_part.rpartition(".")
        name = name.strip().upper()
        group = group.casefold()
        role = _KEEP if name in USED or (name == "X-ABLABEL" and group) else _SKIP
        if name in ("BEGIN", "END") or "QUOTED-PRINTABLE" in head.upper():
            role |= _LOOK
        if len(_HEADS) > 4096:
            _HEADS.clear()
        found = _HEADS[head] = (role, name, group, params(param_text))
    return found


def count_cards(text: str) -> int:
    return text.count("BEGIN:VCARD") + text.count("begin:vcard")


_LEADING = re.compile("[\ufeff \t\r\n]*")


_CHARSET_PARAM = re.compile(r";CHARSET=\"?([^;:\"\r\n]*)", re.IGNORECASE)


def charset_warnings(text: str) -> list[str]:
    """One warning per CHARSET the file names that is not a text encoding (read as UTF-8)."""
    names = {name.strip() for name in _CHARSET_PARAM.findall(text)}
    return [
        f"CHARSET={escaped(name)} is not a text encoding; those values were read as UTF-8."
        for name in sorted(names)
        if name and not text_codec(name, "")
    ]


def looks_like_vcard(text: str) -> bool:
    start = _LEADING.match(text).end()  # type: ignore[union-attr]
    return text[start : start + 200].upper().startswith("BEGIN:VCARD")


def read_cards(text: str, file: str) -> Iterator[tuple[int, ContactData | RefusedRow]]:
    """Every card of a vCard file as (card number, ContactData or RefusedRow).

    ImportRefused when the file has no card or ends inside one (cut off).
    """
    reader = _CardReader()
    for chunk in _chunks(text):
        yield from reader.read(chunk)
    if reader.card is not None:
        raise ImportRefused(
            file,
            f"The file ends in the middle of card {reader.number} (no END:VCARD): it looks cut off.",
        )
    if reader.number == 0:
        raise ImportRefused(file, "There is no vCard in this file (no BEGIN:VCARD line).")


class _CardReader:
    """Cards out of the text, a chunk at a time: a card may go on into the next chunk."""

    def __init__(self) -> None:
        self.number = 0  # cards begun so far
        self.card: list[tuple[Head, str]] | None = None  # the open card's kept properties
        self.raw: list[str] = []  # the open card's lines in earlier chunks, for a refusal

    def read(self, chunk: str) -> Iterator[tuple[int, ContactData | RefusedRow]]:
        """The cards that end in this chunk; the open card is kept for the next one.

        Plain unfolding reads the lines, unless the chunk has a lone carriage return. At
        the first quoted-printable head the reader looks for soft line breaks and, if the
        chunk has some, reads on from that line in the exact lines: up to there, both
        readings find the same lines.
        """
        plain = _plain_lines(chunk)
        if plain is None:
            yield from self._read(_exact_lines(chunk), 0, None)
            return
        lines, text = plain
        switch = yield from self._read(lines, 0, text)
        if switch is not None:
            yield from self._read(_exact_lines(chunk), switch, None)

    def _read(
        self, lines: list[str], begin: int, text: str | None
    ) -> Iterator[tuple[int, ContactData | RefusedRow]]:
        """The cards ending in lines[begin:]; returns None, or where to go on in the exact lines.

        `text` is the chunk (LF line ends) when the lines come from plain unfolding: at the
        first quoted-printable head, if `text` has soft line breaks, the reading stops there
        and returns that line's index.
        """
        number, card = self.number, self.card
        before = self.raw  # lines of the open card in earlier chunks
        start = begin  # where the open card's lines begin in `lines`
        look_for_qp = text is not None
        heads = _HEADS
        for i, line in enumerate(lines[begin:] if begin else lines, begin):
            head, colon, value = line.partition(":")
            if not colon:
                # Lines without a colon are no property, but a soft break may end one.
                if look_for_qp and "=" in line and "QUOTED-PRINTABLE" in line.upper():
                    if _soft_breaks(text):  # type: ignore[arg-type]
                        self._keep(number, card, before, lines, start, i)
                        return i
                    look_for_qp = False
                continue
            entry = heads.get(head)
            if entry is None:
                if head.count('"') % 2:  # the first colon is inside a quoted parameter
                    colon_at = _colon_outside_quotes(line)
                    head, value = line[:colon_at], line[colon_at + 1 :]
                entry = _head(head)
            role = entry[0]
            if role == _KEEP:  # the common case: a property of the card
                if card is not None:
                    card.append((entry, value))
                continue
            if role == _SKIP:
                continue
            if look_for_qp and "QUOTED-PRINTABLE" in head.upper():
                if _soft_breaks(text):  # type: ignore[arg-type]
                    self._keep(number, card, before, lines, start, i)
                    return i
                look_for_qp = False
            name = entry[1]
            if name == "BEGIN" and value.strip().upper() == "VCARD":
                if card is not None:
                    raw = _raw(before, lines[start:i])
                    yield (
                        number,
                        RefusedRow(number, f"{UNFINISHED} before the next card.", "", (raw,)),
                    )
                number += 1
                card, before, start = [], [], i
                continue
            if card is None:
                continue
            if name == "END" and value.strip().upper() == "VCARD":
                try:
                    yield number, build(card)
                except CardRefused as refused:
                    raw = _raw(before, lines[start : i + 1])
                    yield number, RefusedRow(number, str(refused), "", (raw,))
                card = None
                continue
            if role & _KEEP:
                card.append((entry, value))
        self._keep(number, card, before, lines, start, len(lines))
        return None

    def _keep(
        self,
        number: int,
        card: list[tuple[Head, str]] | None,
        before: list[str],
        lines: list[str],
        start: int,
        end: int,
    ) -> None:
        """Remember where the reading stopped: the open card and its lines so far."""
        self.number, self.card = number, card
        self.raw = (
            [] if card is None else before + [line for line in lines[start:end] if ":" in line]
        )


def _raw(before: list[str], lines: list[str]) -> str:
    """A refused card's text as the user would find it: its property lines."""
    return "\n".join([*before, *(line for line in lines if ":" in line)])
