"""Shortcuts taken for speed give the same answers as the long way.

normalize_phone skips phonenumbers for usual North American numbers; sort_key skips
Unicode decomposition for ASCII names.
"""

from __future__ import annotations

import unicodedata

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st

from gratitude_desktop.journal.contacts import sort_key
from gratitude_desktop.journal.methods import normalize_phone


def parsed(text: str, region: str = "US") -> str:
    """The answer without any shortcut: phonenumbers, else the digits."""
    text = text.strip()
    try:
        number = phonenumbers.parse(text, None if text.startswith("+") else region)
        if phonenumbers.is_possible_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        pass
    return "".join(ch for ch in text if ch.isdigit())


PREFIXES = ["", "+1", "+1 ", "+1-", "+1.", " ", "-", "1 ", "+44 ", "+"]
SEPARATORS = ["", " ", "-", ".", "  ", "/"]


@settings(max_examples=600)
@given(
    prefix=st.sampled_from(PREFIXES),
    area=st.integers(0, 999),
    exchange=st.integers(0, 999),
    line=st.integers(0, 9999),
    parens=st.sampled_from(["", "()", "(", ")"]),
    first=st.sampled_from(SEPARATORS),
    second=st.sampled_from(SEPARATORS),
    region=st.sampled_from(["US", "CA", "GB", "DE"]),
)
def test_shortcut_matches_phonenumbers(prefix, area, exchange, line, parens, first, second, region):
    opening = "(" if "(" in parens else ""
    closing = ")" if ")" in parens else ""
    text = f"{prefix}{opening}{area:03d}{closing}{first}{exchange:03d}{second}{line:04d}"
    assert normalize_phone.__wrapped__(text, region) == parsed(text, region)


def test_usual_north_american_spellings_give_e164():
    for text in ("+1 415-555-0100", "(415) 555-0100", "415.555.0100", "+1 (415) 555 0100"):
        assert normalize_phone.__wrapped__(text) == "+14155550100"


def test_without_country_code_outside_the_us_the_parser_decides():
    assert normalize_phone.__wrapped__("(415) 555-0100", "GB") == parsed("(415) 555-0100", "GB")
    assert normalize_phone.__wrapped__("020 7946 0018", "GB") == "+442079460018"


def decomposed_key(name: str) -> str:
    """sort_key the long way: decompose, drop the combining marks."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@settings(max_examples=500)
@given(st.one_of(st.text(), st.text(alphabet=st.characters(max_codepoint=127))))
def test_sort_key_matches_the_decomposed_key(name):
    assert sort_key(name) == decomposed_key(name)


def test_sort_key_folds_case_and_accents():
    assert sort_key("Jürgen MÜLLER") == "jurgen muller"
    assert sort_key("Ada Lovelace") == "ada lovelace"
    assert sort_key("Straße") == "strasse"


@given(st.text(alphabet="0123456789٣+-() .abc", max_size=20))
def test_a_phone_needs_three_digits_anywhere(text):
    """method_problem's pattern counts digits as the plain count does (Unicode digits too)."""
    from gratitude_desktop.journal.methods import method_problem

    digits = sum(ch.isdecimal() for ch in text)
    refused = method_problem("phone", text) is not None
    assert refused == (digits < 3)
