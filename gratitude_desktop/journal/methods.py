"""Contact methods: the keys that make two emails or two phone numbers "the same"."""

from __future__ import annotations

import functools
import re

from gratitude_desktop.store.enums import MethodKind

DEFAULT_REGION = "US"
_NOT_DIGITS = re.compile(r"\D+")
_NANP = re.compile(r"(\+1)?[ .-]?\(?([2-9]\d\d)\)?[ .-]?(\d{3})[ .-]?(\d{4})")
_THREE_DIGITS = re.compile(r"(?:\D*\d){3}")  # a phone number has three digits at least
_KINDS = frozenset(MethodKind)  # built once: imports ask for every method


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
    text = (value or "").strip()
    if kind == MethodKind.EMAIL:
        return text.casefold()
    if kind == MethodKind.PHONE:
        return normalize_phone(text, region)
    if kind == MethodKind.WEBSITE:
        return re.sub(r"^https?://(www\.)?", "", text.casefold()).rstrip("/")
    return " ".join(text.casefold().split())


def method_problem(kind: str, value: str) -> str | None:
    """Why this value cannot be a method of this kind, or None when it can."""
    text = (value or "").strip()
    if kind not in _KINDS:
        return f"“{kind}” is not a kind of contact method."
    if not text:
        return f"The {kind} is empty."
    if kind == MethodKind.EMAIL and (text.count("@") != 1 or " " in text or text.endswith("@")):
        return f"“{text}” is not an email address."
    if kind == MethodKind.PHONE and _THREE_DIGITS.match(text) is None:
        return f"“{text}” is not a phone number."
    return None
