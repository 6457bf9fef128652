"""A streaming vCard 2.1/3.0/4.0 reader: folding, quoted-printable with charsets, groups, types.

Our own parser rather than vobject: vobject needs ~30 s for 100,000 cards where this one
needs ~1.5 s; the corners of the format it must keep are listed in the tests
(tests/io/test_vcard.py, tests/io/test_vcard_paths.py).

How it stays fast (bench/import_vcard.py --parse-only): the text is unfolded a megabyte
at a time by one substitution in C; each distinct property head ("item1.EMAIL;type=pref")
is parsed once and looked up afterwards; a card's kept properties are decoded in one
pass. A chunk that plain unfolding could misread (quoted-printable soft line breaks, lone
carriage returns) is read line by line instead, the reading the plain one is tested against.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
from collections.abc import Iterator
from operator import attrgetter

from gratitude_desktop.io.names import DateNotRead, read_date, split_labels, split_name
from gratitude_desktop.io.report import ImportRefused, RefusedRow
from gratitude_desktop.journal.contacts import ContactData, MethodData, composed_name
from gratitude_desktop.journal.methods import match_key, method_problem

_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_NOT_LABELS = {
    "internet",
    "pref",
    "voice",
    "x400",
    "msg",
    "encoding",
    "quoted-printable",
    "base64",
    "b",
    "8bit",
    "charset",
}
_LABEL_WORDS = {"cell": "mobile", "iphone": "mobile", "main": "main"}
_SOCIAL = {
    "X-AIM": "aim",
    "X-ICQ": "icq",
    "X-JABBER": "jabber",
    "X-MSN": "msn",
    "X-YAHOO": "yahoo",
    "X-SKYPE": "skype",
    "X-SKYPE-USERNAME": "skype",
    "X-GOOGLE-TALK": "google talk",
    "X-TWITTER": "twitter",
}
_ANNIVERSARY = {"ANNIVERSARY", "X-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY", "X-MS-ANNIVERSARY"}
UNFINISHED = "The card has no END:VCARD line"
# Property names _build reads, built once: it looks at every property of 100,000 cards.
_METHODS = frozenset({"EMAIL", "TEL", "URL", "ADR", "X-SOCIALPROFILE", "IMPP", *_SOCIAL})
_DATES = frozenset({"BDAY", *_ANNIVERSARY})
_USED = _METHODS | _DATES | {"FN", "N", "NICKNAME", "ORG", "TITLE", "ROLE", "NOTE", "CATEGORIES"}


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value
    if "\\\\" not in value:
        # Every backslash starts an escape; the usual ones are replaced in C.
        plain = value.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",")
        plain = plain.replace("\\;", ";")
        if "\\" not in plain:
            return plain
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _split(value: str, sep: str = ";") -> list[str]:
    """Split on `sep` not preceded by a backslash escape; each part unescaped."""
    if "\\" not in value:
        return value.split(sep)
    parts, current, i = [], [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            current.append(value[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append(_unescape("".join(current)))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append(_unescape("".join(current)))
    return parts


def _split_params(text: str) -> list[str]:
    if '"' not in text:
        return text.split(";")
    out, current, quoted = [], [], False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            out.append("".join(current))
            current = []
            continue
        current.append(ch)
    out.append("".join(current))
    return out


class _Params:
    """A property's parameters: types, encoding, charset, preference; parsed once per text."""

    __slots__ = ("types", "encoding", "charset", "pref", "value_type", "plain", "label")

    def __init__(self, text: str):
        self.types: list[str] = []
        self.encoding = ""
        self.charset = ""
        self.pref = False
        self.value_type = ""
        for param in _split_params(text) if text else ():
            name, eq, value = param.partition("=")
            if not eq:  # vCard 2.1 bare parameter: a type or an encoding
                word = name.strip().casefold()
                if word in ("quoted-printable", "base64", "b", "8bit"):
                    self.encoding = word
                else:
                    self.types.append(word)
                continue
            key = name.strip().upper()
            value = value.strip().strip('"')
            if key == "TYPE":
                self.types.extend(
                    v.strip().strip('"').casefold() for v in value.split(",") if v.strip()
                )
            elif key == "ENCODING":
                self.encoding = value.casefold()
            elif key == "CHARSET":
                self.charset = value
            elif key == "PREF":
                self.pref = True
            elif key == "VALUE":
                self.value_type = value.casefold()
        if "pref" in self.types:
            self.pref = True
        # The value needs no decoding (what _decode would return unchanged).
        self.plain = not self.charset and self.encoding not in ("quoted-printable", "b", "base64")
        words: list[str] = []
        for t in self.types:
            if t in _NOT_LABELS or t.startswith("x-") and t not in ("x-mobile",):
                continue
            word = _LABEL_WORDS.get(t, t)
            if word not in words:
                words.append(word)
        self.label = " ".join(words)


_PARAMS_CACHE: dict[str, _Params] = {}


def _params(text: str) -> _Params:
    """Parsed parameters; the same few strings recur on every card, so parse each once."""
    found = _PARAMS_CACHE.get(text)
    if found is None:
        if len(_PARAMS_CACHE) > 4096:
            _PARAMS_CACHE.clear()
        found = _PARAMS_CACHE[text] = _Params(text)
    return found


def _charset(name: str) -> str:
    try:
        return codecs.lookup(name).name if name else "utf-8"
    except LookupError:
        return "utf-8"


def _decode(value: str, params: _Params) -> str:
    if params.encoding == "quoted-printable":
        raw = quopri.decodestring(value.encode("utf-8", "surrogateescape"))
        try:
            return raw.decode(_charset(params.charset))
        except UnicodeDecodeError:
            return raw.decode("latin-1")
    if params.encoding in ("b", "base64"):
        try:
            raw = base64.b64decode(value, validate=False)
            return raw.decode(_charset(params.charset))
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return ""
    if params.charset and value and not value.isascii():
        # A text file read as UTF-8 with a property declared in another charset.
        try:
            return value.encode("latin-1").decode(_charset(params.charset))
        except (UnicodeEncodeError, UnicodeDecodeError):
            return value
    return value


_AB_LABELS: dict[str, str] = {}


def _ab_label(value: str) -> str:
    """Apple's item1.X-ABLabel: "_$!<Other>!$_" -> "other"; custom labels as written."""
    found = _AB_LABELS.get(value)
    if found is None:
        text = _unescape(value).strip()
        if text.startswith("_$!<") and text.endswith(">!$_"):
            text = text[4:-4]
        if len(_AB_LABELS) > 4096:
            _AB_LABELS.clear()
        found = _AB_LABELS[value] = text.casefold()
    return found


_DATES_READ: dict[str, str | None] = {}
_UNREAD = object()


def _read_date(text: str) -> str | None:
    """read_date(text, "ymd"), None when it is no date; a file repeats its dates: read once."""
    found = _DATES_READ.get(text, _UNREAD)
    if found is _UNREAD:
        try:
            found = read_date(text, "ymd")
        except DateNotRead:
            found = None
        if len(_DATES_READ) > 65536:
            _DATES_READ.clear()
        _DATES_READ[text] = found
    return found  # type: ignore[return-value]


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
_Head = tuple[int, str, str, _Params]  # role, NAME, group (casefolded), parameters
_HEADS: dict[str, _Head] = {}


def _head(head: str) -> _Head:
    found = _HEADS.get(head)
    if found is None:
        name_part, _, param_text = head.partition(";")
        group, _, name = name_part.rpartition(".")
        name = name.strip().upper()
        group = group.casefold()
        role = _KEEP if name in _USED or (name == "X-ABLABEL" and group) else _SKIP
        if name in ("BEGIN", "END") or "QUOTED-PRINTABLE" in head.upper():
            role |= _LOOK
        if len(_HEADS) > 4096:
            _HEADS.clear()
        found = _HEADS[head] = (role, name, group, _params(param_text))
    return found


def count_cards(text: str) -> int:
    return text.count("BEGIN:VCARD") + text.count("begin:vcard")


_LEADING = re.compile("[\ufeff \t\r\n]*")


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


class _CardRefused(ValueError):
    pass


class _CardReader:
    """Cards out of the text, a chunk at a time: a card may go on into the next chunk."""

    def __init__(self) -> None:
        self.number = 0  # cards begun so far
        self.card: list[tuple[_Head, str]] | None = None  # the open card's kept properties
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
                    yield number, _build(card)
                except _CardRefused as refused:
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
        card: list[tuple[_Head, str]] | None,
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


def _text(value: str) -> str:
    return (_unescape(value) if "\\" in value else value).strip()


def _build(card: list[tuple[_Head, str]]) -> ContactData:
    data = ContactData()
    notes: list[str] = []
    extras: list[str] = []
    labels: dict[str, str] = {}  # Apple's group labels: item1.X-ABLabel
    methods: list[tuple[_Head, str]] = []  # read last, once the group labels are known
    has_n = False
    for prop in card:
        (_, name, group, params), raw = prop
        if name in _METHODS:  # the most common properties first
            methods.append(prop)
            continue
        value = raw if params.plain else _decode(raw, params)
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        if name == "FN":
            if not data.display_name:
                data.display_name = _text(value)
        elif name == "N":
            parts = _split(value)
            if len(parts) < 5:
                parts += [""] * (5 - len(parts))
            family, given, middle, prefix, suffix = parts[:5]
            if "," in value:  # a list inside a part: "Grace,Brewster" -> "Grace Brewster"
                family, given, middle = (p.replace(",", " ") for p in (family, given, middle))
                prefix, suffix = prefix.replace(",", " "), suffix.replace(",", " ")
            data.family_name, data.given_name = family.strip(), given.strip()
            data.middle_name, data.prefix, data.suffix = (
                middle.strip(),
                prefix.strip(),
                suffix.strip(),
            )
            has_n = True
        elif name == "X-ABLABEL":
            labels[group] = _ab_label(raw)
        elif name == "ORG":
            if not data.organization:
                for part in _split(value):
                    part = part.strip()
                    if part and data.organization:
                        extras.append(f"Department: {part}")
                    elif part:
                        data.organization = part
        elif name == "TITLE":
            if not data.title:
                data.title = _text(value)
        elif name == "NOTE":
            notes.append(_text(value))
        elif name in _DATES:
            text = _text(value)
            date = _read_date(text)
            if name == "BDAY":
                if date is None:
                    extras.append(f"Imported birthday: {text}")
                else:
                    data.birthday = date
            elif date is None:
                extras.append(f"Imported anniversary: {text}")
            else:
                data.anniversary = date
        elif name == "NICKNAME":
            if not data.nickname:
                data.nickname = _split(value, ",")[0].strip()
        elif name == "ROLE":
            extras.append(f"Role: {_text(value)}")
        elif name == "CATEGORIES":
            circles, others = split_labels([p for p in _split(value, ",") if p.strip()])
            data.circles = tuple(dict.fromkeys(data.circles + circles))
            if others:
                extras.append(f"Categories: {', '.join(others)}")
    if not has_n and data.display_name:
        parts = split_name(data.display_name)
        data.prefix, data.given_name, data.middle_name = parts.prefix, parts.given, parts.middle
        data.family_name, data.suffix = parts.family, parts.suffix
    if methods:
        _add_methods(data, methods, labels, extras)
    if extras:
        notes += extras
    data.notes = "\n".join(notes if "" not in notes else [n for n in notes if n])
    if not composed_name(data):
        raise _CardRefused("Nothing to import: the card has no name, organisation, email or phone.")
    return data


_PRIMARY = attrgetter("primary")


def _add_methods(
    data: ContactData, props: list[tuple[_Head, str]], labels: dict[str, str], extras: list[str]
) -> None:
    """The card's valid methods, primary ones first, the same address once; the rest to notes."""
    methods: list[MethodData] = []
    kinds: list[str] = []
    repeated: list[str] = []  # `kinds` when a kind comes twice
    preferred = 0  # how many are preferred (PREF), and whether one comes after another
    reorder = False
    for (_, name, group, params), raw in props:
        value = raw if params.plain else _decode(raw, params)
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        label = labels.get(group, "") or params.label if group else params.label
        if name == "ADR":
            kind, text = "address", _address(value)
        else:
            kind, text = _METHOD_KINDS.get(name, "social"), _text(value)
        if not text:
            continue
        if kind == "email":
            text = text.removeprefix("mailto:")
        elif kind == "phone":
            text = text.removeprefix("tel:")
        elif kind == "social" and not label:
            if name == "IMPP":
                scheme, colon, _ = text.partition(":")
                label = scheme.casefold() if colon else ""
            else:
                label = _SOCIAL.get(name, "")
        if kind in kinds:
            repeated = kinds
        kinds.append(kind)
        if params.pref:
            reorder = reorder or preferred < len(methods)
            preferred += 1
        methods.append(MethodData(kind, text, label, params.pref))
    if reorder:
        methods.sort(key=_PRIMARY, reverse=True)  # stable: the preferred ones first
    seen: set[tuple[str, str]] = set()
    primaries: list[str] = []
    for method in methods:
        kind = method.kind
        if method_problem(kind, method.value):
            extras.append(f"Imported {kind}: {method.value}")
            continue
        if kind in repeated and kinds.count(kind) > 1:  # the same address twice is one method
            key = (kind, match_key(kind, method.value))
            if key in seen:
                continue
            seen.add(key)
        method.primary = (kind == "email" or kind == "phone") and kind not in primaries
        primaries.append(kind)
        data.methods.append(method)


_METHOD_KINDS = {"EMAIL": "email", "TEL": "phone", "URL": "website"}


def _address(value: str) -> str:
    """ADR's seven parts as one line: "1 Main St, PO Box 7, 62701 Springfield, IL, USA"."""
    parts = _split(value)
    if len(parts) < 7:
        parts += [""] * (7 - len(parts))
    pobox, extended, street, city, region, postcode, country = parts[:7]
    pobox, postcode, city = pobox.strip(), postcode.strip(), city.strip()
    lines = [street.strip(), extended.strip(), f"PO Box {pobox}" if pobox else ""]
    lines += [f"{postcode} {city}" if postcode and city else postcode or city]
    lines += [region.strip(), country.strip()]
    text = ", ".join([line for line in lines if line])
    return text.replace("\n", ", ") if "\n" in text else text
