"""Contact methods: the keys that make two emails or two phone numbers "the same"."""

from __future__ import annotations

import functools
import re

from gratitude_desktop.store.enums import MethodKind

DEFAULT_REGION = "US"
_NOT_DIGITS = re.compile(r"\D+")
_NANP = re.compile(r"(\+1)?[ .-]?\(?([2-9]\d\d)\)?[ .-]?(\d{3})[ .-]?(\d{4})")
_THREE_DIGITS = re.compile(r"(?:\D*\d){3}")  # a phone number has three digits at least
_WEB_SCHEME = re.compile(r"^https?://(www\.)?")
_KINDS = frozenset(MethodKind)  # built once: imports ask for every method
# Plain strings: looking MethodKind.EMAIL up costs ~80 ns, comparing to a str ~15 ns, and
# imports compare the kinds of every method several times.
_EMAIL, _PHONE, _WEBSITE = MethodKind.EMAIL.value, MethodKind.PHONE.value, MethodKind.WEBSITE.value


@functools.lru_cache(maxsize=65536)  # imports and duplicate checks ask for the same numbers
def normalize_phone(value: str, region: str = DEFAULT_REGION) -> str:
    """E.164 ("+15551234567") when the number parses, otherwise its digits."""
    text = (value or "").strip()
    # Parsing costs ~30 µs a number, most of a big import's phone work; a North American
    # number written the usual way parses to "+1" and its ten digits, so it skips the
    # parser. tests/journal/test_fast_paths.py holds this to phonenumbers' answers.
    nanp = _NANP.fullmatch(text)
    if nanp is not None and (nanp.group(1) or region == "US"):
        return "+1" + nanp.group(2) + nanp.group(3) + nanp.group(4)
    import phonenumbers  # ~16 ms to import: not on the way to the first window

    try:
        number = phonenumbers.parse(text, None if text.startswith("+") else region)
        if phonenumbers.is_possible_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        pass
    return _NOT_DIGITS.sub("", text)


def match_key(kind: str, value: str, region: str = DEFAULT_REGION) -> str:
    """What duplicate detection compares for a method of this kind."""
    text = value.strip() if value else ""
    if kind == _EMAIL:
        return text.casefold()
    if kind == _PHONE:
        return normalize_phone(text, region)
    if kind == _WEBSITE:
        return _WEB_SCHEME.sub("", text.casefold()).rstrip("/")
    return " ".join(text.casefold().split())


def method_problem(kind: str, value: str) -> str | None:
    """Why this value cannot be a method of this kind, or None when it can."""
    text = value.strip() if value else ""
    if kind not in _KINDS:
        return f"“{kind}” is not a kind of contact method."
    if not text:
        return f"The {kind} is empty."
    if kind == _EMAIL:
        if text.count("@") != 1 or " " in text or text[-1] == "@":
            return f"“{text}” is not an email address."
    elif kind == _PHONE and _THREE_DIGITS.match(text) is None:
        return f"“{text}” is not a phone number."
    return None
