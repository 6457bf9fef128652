"""Dates as people type them."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gratitude_desktop.journal.dates import DateProblem, PartialDate, parse_date, parse_partial_date


def test_year_less_dates_round_trip_as_text():
    assert str(parse_partial_date("--02-29")) == "--02-29"
    assert parse_partial_date("1990-12-10") == PartialDate(12, 10, 1990)


def test_feb_29_falls_on_feb_28_in_common_years():
    feb29 = parse_partial_date("--02-29")
    assert feb29.in_year(2027) == dt.date(2027, 2, 28)
    assert feb29.in_year(2028) == dt.date(2028, 2, 29)


@pytest.mark.parametrize("text", ["2026-13-01", "--02-30", "yesterday", "12/10", "--2-3"])
def test_impossible_dates_are_refused_with_the_field_name(text):
    with pytest.raises(DateProblem, match="birthday"):
        parse_partial_date(text, field="birthday")


def test_empty_means_not_set():
    assert parse_date("  ") is None and parse_partial_date("") is None


@given(st.dates())
def test_any_real_date_parses_back_to_itself(day):
    assert parse_date(day.isoformat()) == day
    assert str(parse_partial_date(day.isoformat())) == day.isoformat()


@given(st.text(max_size=20))
def test_any_text_is_a_date_or_a_date_problem(text):
    with contextlib.suppress(DateProblem):
        parse_partial_date(text)
