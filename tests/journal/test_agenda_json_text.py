"""`agenda --json` is written by hand for speed; it must say exactly what json.dumps would."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

from gratitude_desktop.journal.agenda import AgendaItem, agenda_json_text, agenda_to_json

words = st.text(st.characters(codec="utf-8"), max_size=12)  # quotes, controls, emoji…
items = st.lists(
    st.builds(
        AgendaItem,
        kind=st.sampled_from(["quiet", "birthday", "promise", "next-step"]) | words,
        contact_id=st.integers(1, 10**9),
        contact_name=words,
        due_on=st.dates(),
        reason=words,
        days_overdue=st.integers(-10**6, 10**6),
        ref_id=st.none() | st.integers(1, 99),
        channels=st.lists(st.sampled_from(["email", "phone", "mail"]) | words, max_size=3).map(
            tuple
        ),
    ),
    max_size=20,
)


@given(items, st.dates())
def test_the_text_is_the_documented_document(agenda, today):
    text = agenda_json_text(agenda, today)
    assert json.loads(text) == agenda_to_json(agenda, today)
    # What json.dumps writes for each item, one item a line.
    expected = [json.dumps(i, ensure_ascii=False) for i in agenda_to_json(agenda, today)["items"]]
    assert [line.strip().rstrip(",") for line in text.split("\n")[1:-1]] == expected


def test_an_empty_agenda_is_one_line():
    day = dt.date(2026, 12, 6)
    assert agenda_json_text([], day) == '{"today": "2026-12-06", "items": []}'
