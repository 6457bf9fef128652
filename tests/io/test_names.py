"""io.names.split_name: its "Given Family" fast path answers exactly what nameparser answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from nameparser import HumanName
from nameparser.config import CONSTANTS

from gratitude_desktop.io.names import NameParts, split_name

_REAL = [
    "Ada", "Lovelace", "Jürgen", "Müller", "José", "Núñez", "Łukasz", "Kowalski", "Amara",
    "Okafor", "Kenji", "Sato", "Priya", "Nguyen", "Li", "Ng", "Mary", "Ann", "Van", "De",
    "Bin", "Ma", "Ivan", "Petrovich", "Mehmet", "Oglu", "Abdul", "Vi", "Liv", "Mimi",
    "Macdonald", "Mcintyre", "Xi", "Jo", "Del", "Le", "Dos", "Chiara",
]  # fmt: skip
_SPECIAL = sorted(
    {str(w) for w in CONSTANTS.titles}
    | {str(w) for w in CONSTANTS.prefixes}
    | {str(w) for w in CONSTANTS.conjunctions}
    | {str(w) for w in CONSTANTS.suffix_not_acronyms}
)[:400]
_WORD = st.one_of(
    st.sampled_from(_REAL),
    st.sampled_from(_SPECIAL),
    st.text(alphabet="abcdeilmvxyzéüñłIVXLMC", min_size=1, max_size=7),
)
_CASE = st.sampled_from([str, str.lower, str.upper, str.capitalize])


def _nameparser(text: str) -> NameParts:
    name = HumanName(text)
    return NameParts(name.title, name.first, name.middle, name.last, name.suffix, name.nickname)


@settings(max_examples=400)
@given(first=_WORD, second=_WORD, case_a=_CASE, case_b=_CASE)
def test_two_word_names_split_as_nameparser_splits_them(first, second, case_a, case_b):
    text = f"{case_a(first)} {case_b(second)}"
    assert split_name(text) == _nameparser(text)


def test_common_names_and_titles():
    assert split_name("Ada Lovelace") == NameParts(given="Ada", family="Lovelace")
    assert split_name("  Jürgen   Müller ") == NameParts(given="Jürgen", family="Müller")
    assert split_name("Dr Who") == NameParts(prefix="Dr", family="Who")
    assert split_name("Mark III") == NameParts(given="Mark", suffix="III")
    assert split_name("ada@example.org") == NameParts()
