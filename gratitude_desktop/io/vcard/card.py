"""One vCard's properties -> ContactData: values, parameters, labels, dates and methods.

io/vcard.py finds the cards and their property lines; this reads what they say.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from operator import attrgetter

from gratitude_desktop.io.encoding import text_codec
from gratitude_desktop.io.names import (
    DateNotRead,
    labels_to_tags,
    read_date,
    split_labels,
    split_name,
)
from gratitude_desktop.journal.contacts import ContactData, MethodData, has_name
from gratitude_desktop.journal.methods import match_key, method_problem
from gratitude_desktop.journal.photos import photo_problem

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
# Property names build reads, built once: it looks at every property of 100,000 cards.
_METHODS = frozenset({"EMAIL", "TEL", "URL", "ADR", "X-SOCIALPROFILE", "IMPP", *_SOCIAL})
_DATES = frozenset({"BDAY", *_ANNIVERSARY})
USED = _METHODS | _DATES | {"FN", "N", "NICKNAME", "ORG", "TITLE", "ROLE", "NOTE", "CATEGORIES"}
USED |= {"PHOTO"}


def unescape(value: str) -> str:
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
            parts.append(unescape("".join(current)))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append(unescape("".join(current)))
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


class Params:
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


_PARAMS_CACHE: dict[str, Params] = {}


def params(text: str) -> Params:
    """Parsed parameters; the same few strings recur on every card, so parse each once."""
    found = _PARAMS_CACHE.get(text)
    if found is None:
        if len(_PARAMS_CACHE) > 4096:
            _PARAMS_CACHE.clear()
        found = _PARAMS_CACHE[text] = Params(text)
    return found


def _charset(name: str) -> str:
    """The property's CHARSET; UTF-8 for one unknown or not a text encoding (rot13, hex…)."""
    return text_codec(name)


def _decode(value: str, params: Params) -> str:
    # What no journal field may hold never reaches it: NUL (=00 in quoted-printable, a 0
    # byte in base64) or half a UTF-16 pair (a CHARSET such as unicode_escape can make one).
    return _UNFIT.sub(_unfit, _decoded(value, params))


_UNFIT = re.compile("[\x00\ud800-\udfff]")


def _unfit(match: re.Match) -> str:
    return "" if match.group() == "\x00" else "\ufffd"


def _decoded(value: str, params: Params) -> str:
    if params.encoding == "quoted-printable":
        raw = quopri.decodestring(value.encode("utf-8", "surrogateescape"))
        try:
            return raw.decode(_charset(params.charset))
        except UnicodeError:
            return raw.decode("latin-1")
    if params.encoding in ("b", "base64"):
        try:
            raw = base64.b64decode(value, validate=False)
            return raw.decode(_charset(params.charset))
        except (binascii.Error, ValueError):  # UnicodeError is a ValueError
            return ""
    if params.charset and value and not value.isascii():
        # A text file read as UTF-8 with a property declared in another charset.
        try:
            return value.encode("latin-1").decode(_charset(params.charset))
        except UnicodeError:
            return value
    return value


_AB_LABELS: dict[str, str] = {}


def _ab_label(value: str) -> str:
    """Apple's item1.X-ABLabel: "_$!<Other>!$_" -> "other"; custom labels as written."""
    found = _AB_LABELS.get(value)
    if found is None:
        text = unescape(value).strip()
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


class CardRefused(ValueError):
    """The card holds nothing to make a contact of; the message says why."""


Head = tuple[int, str, str, Params]  # role, NAME, group (casefolded), parameters


def _text(value: str) -> str:
    return (unescape(value) if "\\" in value else value).strip()


def build(card: list[tuple[Head, str]]) -> ContactData:
    data = ContactData()
    notes: list[str] = []
    extras: list[str] = []
    labels: dict[str, str] = {}  # Apple's group labels: item1.X-ABLabel
    methods: list[tuple[Head, str]] = []  # read last, once the group labels are known
    has_n = False
    for prop in card:
        (_, name, group, params), raw = prop
        if name in _METHODS:  # the most common properties first
            methods.append(prop)
            continue
        if name == "PHOTO":
            photo, problem = _photo(raw, params)
            if problem:
                extras.append(f"Photo not kept: {problem}")
            elif data.photo is None:
                data.photo = photo
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
            tags, refused = labels_to_tags(others)
            data.tags = tuple(dict.fromkeys(data.tags + tags))
            if refused:
                extras.append(f"Categories: {refused}")
    if not has_n and data.display_name:
        parts = split_name(data.display_name)
        data.prefix, data.given_name, data.middle_name = parts.prefix, parts.given, parts.middle
        data.family_name, data.suffix = parts.family, parts.suffix
    if methods:
        _add_methods(data, methods, labels, extras)
    if extras:
        notes += extras
    data.notes = "\n".join(notes if "" not in notes else [n for n in notes if n])
    if not has_name(data):
        raise CardRefused("Nothing to import: the card has no name, organisation, email or phone.")
    return data


def _photo(raw: str, params: Params) -> tuple[bytes | None, str]:
    """An inline photo (base64, ENCODING=b or a data: URI) and "", or None and why not.

    A photo given as a link is not fetched: the app opens no connection of its own."""
    text = raw.strip()
    if params.encoding in ("b", "base64"):
        payload = text
    elif text.startswith("data:") and ";base64," in text[:100]:
        payload = text.partition(",")[2]
    else:
        return None, "it is a link, not an image in the card."
    payload = "".join(payload.split())
    payload += "=" * (-len(payload) % 4)  # vCard 2.1 writers often leave the padding off
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        return None, "it is not valid base64."
    problem = photo_problem(data)
    return (None, problem) if problem else (data, "")


_PRIMARY = attrgetter("primary")


def _add_methods(
    data: ContactData, props: list[tuple[Head, str]], labels: dict[str, str], extras: list[str]
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
