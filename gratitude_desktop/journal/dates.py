"""Dates as people type them: full ISO dates and year-less days ("--MM-DD")."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass


class DateProblem(ValueError):
    """Text that is not a date we accept; the message says why in words."""


@dataclass(frozen=True)
class PartialDate:
    """A birthday or anniversary: month and day, with the year when known."""

    month: int
    day: int
    year: int | None = None

    def __str__(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def in_year(self, year: int) -> dt.date:
        """This day in `year`; February 29 falls on February 28 in other years."""
        if self.month == 2 and self.day == 29:
            try:
                return dt.date(year, 2, 29)
            except ValueError:
                return dt.date(year, 2, 28)
        return dt.date(year, self.month, self.day)


def parse_date(text: str | None, *, field: str = "date") -> dt.date | None:
    """'YYYY-MM-DD' -> date; empty -> None; anything else -> DateProblem."""
    if text is None or not str(text).strip():
        return None
    value = str(text).strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DateProblem(f"{field}: “{value}” is not a date (use YYYY-MM-DD).") from None


def parse_partial_date(text: str | None, *, field: str = "date") -> PartialDate | None:
    """'YYYY-MM-DD' or '--MM-DD' (year unknown) -> PartialDate; empty -> None."""
    if text is None or not str(text).strip():
        return None
    value = str(text).strip()
    if value.startswith("--"):
        parts = value[2:].split("-")
        if len(parts) == 2 and all(p.isdigit() and len(p) == 2 for p in parts):
            month, day = int(parts[0]), int(parts[1])
            try:
                dt.date(2000, month, day)  # a leap year: accepts February 29
            except ValueError:
                raise DateProblem(f"{field}: “{value}” is not a day of the year.") from None
            return PartialDate(month, day)
        raise DateProblem(f"{field}: “{value}” is not a date (use YYYY-MM-DD or --MM-DD).")
    try:
        full = dt.date.fromisoformat(value)
    except ValueError:
        raise DateProblem(
            f"{field}: “{value}” is not a date (use YYYY-MM-DD, or --MM-DD without a year)."
        ) from None
    return PartialDate(full.month, full.day, full.year)


@functools.lru_cache(
    maxsize=8192
)  # imports ask for the same few thousand birthdays again and again
def partial_date_text(text: str) -> str:
    """str(parse_partial_date(text)): the form the journal keeps; "" when empty.

    Raises DateProblem (its message names the field "date").
    """
    found = parse_partial_date(text)
    return "" if found is None else str(found)
