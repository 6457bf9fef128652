"""A streaming vCard 2.1/3.0/4.0 reader: folding, quoted-printable with charsets, groups, types.

Our own parser rather than vobject: vobject needs ~30 s for 100,000 cards where this one
needs a few; the corners of the format it must keep are listed in the tests
(tests/io/test_vcard.py).
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
from collections.abc import Iterator

from gratitude_desktop.io.names import DateNotRead, read_date, split_labels, split_name
from gratitude_desktop.io.report import ImportRefused, RefusedRow
from gratitude_desktop.journal.contacts import ContactData, MethodData, composed_name
from gratitude_desktop.journal.methods import match_key, method_problem

_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_SKIPPED = {
    "PHOTO",
    "LOGO",
    "SOUND",
    "KEY",
    "VERSION",
    "PRODID",
    "UID",
    "REV",
    "X-ABUID",
    "CLIENTPIDMAP",
}
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
    __slots__ = ("types", "encoding", "charset", "pref", "value_type")

    def __init__(self, text: str):
        self.types: list[str] = []
        self.encoding = ""
        self.charset = ""
        self.pref = False
        self.value_type = ""
        if not text:
            return
        for param in _split_params(text):
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

    def label(self) -> str:
        words = []
        for t in self.types:
            if t in _NOT_LABELS or t.startswith("x-") and t not in ("x-mobile",):
                continue
            word = _LABEL_WORDS.get(t, t)
            if word not in words:
                words.append(word)
        return " ".join(words)


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


def _ab_label(value: str) -> str:
    """Apple's item1.X-ABLabel: "_$!<Other>!$_" -> "other"; custom labels as written."""
    text = _unescape(value).strip()
    if text.startswith("_$!<") and text.endswith(">!$_"):
        text = text[4:-4]
    return text.casefold()


_FOLD = re.compile(r"\r?\n[ \t]")


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


def _unfolded(text: str) -> Iterator[str]:
    """The logical lines of a vCard: folding and quoted-printable soft breaks joined."""
    for chunk in _chunks(text):
        if "quoted-printable" in chunk.casefold():
            yield from (line for _, line in _logical_lines(chunk))
        else:
            # Without quoted-printable, unfolding is a plain substitution: done in C, fast.
            unfolded = _FOLD.sub("", chunk).replace("\r\n", "\n").replace("\r", "\n")
            yield from unfolded.split("\n")


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


def count_cards(text: str) -> int:
    return text.count("BEGIN:VCARD") + text.count("begin:vcard")


def looks_like_vcard(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:200].upper()
    return head.startswith("BEGIN:VCARD")


def read_cards(text: str, file: str) -> Iterator[tuple[int, ContactData | RefusedRow]]:
    """Every card of a vCard file as (card number, ContactData or RefusedRow).

    ImportRefused when the file has no card or ends inside one (cut off).
    """
    card: list[tuple[str, str, str, str]] | None = None
    raw_lines: list[str] = []
    number = 0
    for line in _unfolded(text):
        colon = line.find(":")
        if colon < 0:
            continue  # blank lines, 2.1 base64 continuation lines
        head = line[:colon]
        if '"' in head:
            colon = _colon_outside_quotes(line)
            head = line[:colon]
        value = line[colon + 1 :]
        name_part, _, params = head.partition(";")
        group, _, name = name_part.rpartition(".")
        name = name.strip().upper()
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            if card is not None:
                yield (
                    number,
                    RefusedRow(
                        number, f"{UNFINISHED} before the next card.", "", ("\n".join(raw_lines),)
                    ),
                )
            number += 1
            card, raw_lines = [], [line]
            continue
        if card is None:
            continue
        raw_lines.append(line)
        if name == "END" and value.strip().upper() == "VCARD":
            try:
                yield number, _build(card)
            except _CardRefused as refused:
                yield number, RefusedRow(number, str(refused), "", ("\n".join(raw_lines),))
            card = None
            continue
        if name in _SKIPPED:
            continue
        card.append((group.casefold(), name, params, value))
    if card is not None:
        raise ImportRefused(
            file, f"The file ends in the middle of card {number} (no END:VCARD): it looks cut off."
        )
    if number == 0:
        raise ImportRefused(file, "There is no vCard in this file (no BEGIN:VCARD line).")


def _colon_outside_quotes(line: str) -> int:
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return i
    return len(line)


class _CardRefused(ValueError):
    pass


def _build(card: list[tuple[str, str, str, str]]) -> ContactData:
    data = ContactData()
    notes: list[str] = []
    extras: list[str] = []
    group_labels = {g: _ab_label(v) for g, n, _p, v in card if g and n == "X-ABLABEL"}
    methods: list[MethodData] = []
    has_n = False
    for group, name, param_text, raw in card:
        if name not in _USED:  # X-ABLABEL (read above) and the like: nothing to decode
            continue
        params = _params(param_text)
        value = _decode(raw, params)
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        if name in _METHODS:  # the most common properties first
            method = _method(name, value, params, group_labels.get(group, ""))
            if method is not None:
                methods.append(method)
        elif name == "FN":
            data.display_name = data.display_name or _unescape(value).strip()
        elif name == "N":
            parts = [*_split(value), "", "", "", "", ""]
            data.family_name, data.given_name, data.middle_name, data.prefix, data.suffix = (
                p.replace(",", " ").strip() for p in parts[:5]
            )
            has_n = True
        elif name == "NICKNAME":
            data.nickname = data.nickname or _split(value, ",")[0].strip()
        elif name == "ORG":
            parts = [p.strip() for p in _split(value) if p.strip()]
            if parts and not data.organization:
                data.organization = parts[0]
                extras.extend(f"Department: {p}" for p in parts[1:])
        elif name == "TITLE":
            data.title = data.title or _unescape(value).strip()
        elif name == "ROLE":
            extras.append(f"Role: {_unescape(value).strip()}")
        elif name == "NOTE":
            notes.append(_unescape(value).strip())
        elif name in _DATES:
            field = "birthday" if name == "BDAY" else "anniversary"
            text = _unescape(value).strip()
            try:
                setattr(data, field, read_date(text, "ymd"))
            except DateNotRead:
                extras.append(f"Imported {field}: {text}")
        elif name == "CATEGORIES":
            circles, others = split_labels([p for p in _split(value, ",") if p.strip()])
            data.circles = tuple(dict.fromkeys(data.circles + circles))
            if others:
                extras.append(f"Categories: {', '.join(others)}")
    if not has_n and data.display_name:
        parts = split_name(data.display_name)
        data.prefix, data.given_name, data.middle_name = parts.prefix, parts.given, parts.middle
        data.family_name, data.suffix = parts.family, parts.suffix
    seen: set[tuple[str, str]] = set()
    primaries: set[str] = set()
    kinds = [m.kind for m in methods]
    repeated = {k for k in kinds if kinds.count(k) > 1} if len(kinds) > 1 else ()
    for method in sorted(methods, key=lambda m: not m.primary):
        problem = method_problem(method.kind, method.value)
        if problem:
            extras.append(f"Imported {method.kind}: {method.value}")
            continue
        if method.kind in repeated:  # the same address twice on one card is one method
            key = (method.kind, match_key(method.kind, method.value))
            if key in seen:
                continue
            seen.add(key)
        method.primary = method.kind in ("email", "phone") and method.kind not in primaries
        primaries.add(method.kind)
        data.methods.append(method)
    data.notes = "\n".join(n for n in notes + extras if n)
    if not composed_name(data):
        raise _CardRefused("Nothing to import: the card has no name, organisation, email or phone.")
    return data


def _method(name: str, value: str, params: _Params, group_label: str) -> MethodData | None:
    label = group_label or params.label()
    if name == "ADR":
        pobox, extended, street, city, region, postcode, country = [*_split(value), *[""] * 7][:7]
        lines = [street, extended]
        if pobox.strip():
            lines.append(f"PO Box {pobox.strip()}")
        lines += [" ".join(p for p in (postcode.strip(), city.strip()) if p), region, country]
        text = ", ".join(p.strip().replace("\n", ", ") for p in lines if p and p.strip())
        return MethodData("address", text, label, params.pref) if text else None
    text = _unescape(value).strip()
    if not text:
        return None
    if name == "EMAIL":
        return MethodData("email", text.removeprefix("mailto:"), label, params.pref)
    if name == "TEL":
        return MethodData("phone", text.removeprefix("tel:"), label, params.pref)
    if name == "URL":
        return MethodData("website", text, label, params.pref)
    if name == "IMPP":
        scheme, colon, handle = text.partition(":")
        return MethodData(
            "social", text, label or (scheme.casefold() if colon else ""), params.pref
        )
    if name == "X-SOCIALPROFILE":
        return MethodData("social", text, label, params.pref)
    return MethodData("social", text, label or _SOCIAL[name], params.pref)
