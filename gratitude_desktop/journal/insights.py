"""Insights: how the relationships are doing, from the journal (issue 9).

- Health: every live contact with a cadence is *within* (more than a week left),
  *due* (due within the next 7 days) or *overdue* (the day has come: the Today list
  shows them as gone quiet); contacts without a cadence are counted apart. Last touch
  is the last interaction, else the day met, else the day added — as the agenda has
  it. Snoozes and do-not-contact are not looked at: this is how the relationships
  stand, not what to do today. By stage and by circle (a contact in two circles
  counts in both).
- Interactions per week over the last 52 weeks (Monday-Sunday, this week last).
- The ladder over time: per quarter, how many contacts reached networking partner,
  customer and client. Stage changes are recorded from migration 0004 on
  (store.models.StageChange, written by save_contact). A contact with no recorded
  change counts once, on their current rung, in the quarter of their first purchase
  (customers and clients) or else the quarter they were met or added: an
  approximation for history from before the record started.

- Lost customers by reason (what goes wrong most): for every contact ever marked lost
  (a lost reason on record, whatever their stage now), how many were since asked why
  (the agenda's rule: a conversation on or after the lost date that was not selling, a
  card, a thank-you or a referral) and how many were won back (customer or client again).
- Details not confirmed for two years: live contacts whose newest confirmed contact
  method (else the day they were added) is that old — "still the right number?". Here
  and on their page, never on Today.

Everything is a handful of GROUP BY queries (bench/insights.py: 100,000 contacts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import SQL, Case, fn

from gratitude_desktop.journal.agenda import asked_why_sql
from gratitude_desktop.journal.cadence import cadence_groups
from gratitude_desktop.journal.settings import Settings, load_settings
from gratitude_desktop.store.enums import Circle, Stage
from gratitude_desktop.store.models import (
    Contact,
    ContactMethod,
    Interaction,
    Purchase,
    StageChange,
    database,
)
from gratitude_desktop.store.queries import live

WITHIN = "within"
DUE = "due"
OVERDUE = "overdue"
NO_CADENCE = "no cadence"
STATUSES = (WITHIN, DUE, OVERDUE, NO_CADENCE)
DUE_SOON_DAYS = 7
WEEKS = 52
QUARTERS = 8
LADDER_RUNGS = (Stage.NETWORKING_PARTNER.value, Stage.CUSTOMER.value, Stage.CLIENT.value)


@dataclass
class StatusCounts:
    within: int = 0
    due: int = 0
    overdue: int = 0
    no_cadence: int = 0

    def add(self, status: str, n: int) -> None:
        name = status.replace(" ", "_")
        setattr(self, name, getattr(self, name) + n)

    @property
    def total(self) -> int:
        return self.within + self.due + self.overdue + self.no_cadence

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.within, self.due, self.overdue, self.no_cadence)


@dataclass
class Health:
    total: StatusCounts = field(default_factory=StatusCounts)
    by_stage: dict[str, StatusCounts] = field(default_factory=dict)
    by_circle: dict[str, StatusCounts] = field(default_factory=dict)


@dataclass(frozen=True)
class LostReasonCount:
    """How many customers were lost for one reason, how many since asked why, won back."""

    reason: str
    lost: int
    asked: int
    won_back: int


@dataclass(frozen=True)
class Unconfirmed:
    """A contact whose details were last confirmed (or added) long ago."""

    contact_id: int
    name: str
    last_confirmed: dt.date


UNCONFIRMED_YEARS = 2


@dataclass(frozen=True)
class Insights:
    today: dt.date
    health: Health
    weekly: tuple[tuple[dt.date, int], ...]  # (Monday, interactions that week), oldest first
    ladder: tuple[tuple[dt.date, dict[str, int]], ...]  # (quarter start, rung -> count)
    lost_reasons: tuple[LostReasonCount, ...] = ()
    unconfirmed: tuple[Unconfirmed, ...] = ()  # the oldest first, at most UNCONFIRMED_SHOWN
    unconfirmed_total: int = 0


def status_of(days_since: int, cadence: int | None) -> str:
    """within / due / overdue for a contact last touched `days_since` days ago."""
    if not cadence:
        return NO_CADENCE
    if days_since >= cadence:
        return OVERDUE
    if days_since >= cadence - DUE_SOON_DAYS:
        return DUE
    return WITHIN


def health(today: dt.date, settings: Settings | None = None) -> Health:
    """Counts within cadence / due / overdue, in all, by stage and by circle."""
    settings = settings or load_settings()
    out = Health(
        by_stage={s.value: StatusCounts() for s in Stage},
        by_circle={c.value: StatusCounts() for c in Circle},
    )
    for stage, words, days, since, n in cadence_groups(SQL("1"), today, settings):
        status = status_of(since, days) if days else NO_CADENCE
        out.total.add(status, n)
        out.by_stage.setdefault(stage, StatusCounts()).add(status, n)
        for word in words:
            out.by_circle.setdefault(word, StatusCounts()).add(status, n)
    return out


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def interactions_per_week(
    today: dt.date, weeks: int = WEEKS, contact_id: int | None = None
) -> list[tuple[dt.date, int]]:
    """(Monday, interactions) for the last `weeks` weeks, this one last; one contact or all."""
    first = week_start(today) - dt.timedelta(weeks=weeks - 1)
    after = week_start(today) + dt.timedelta(days=7)
    day = fn.substr(Interaction.at, 1, 10)
    where = (Interaction.at >= first.isoformat()) & (Interaction.at < after.isoformat())
    if contact_id is None:
        trashed = Contact.select(Contact.id).where(Contact.trashed_at.is_null(False))
        where &= Interaction.contact.not_in(trashed)
    else:
        where &= Interaction.contact == contact_id
    # Grouped by day (a few hundred rows), bucketed into weeks here: cheaper than date
    # arithmetic on every interaction in SQL.
    counts = [0] * weeks
    base = first.toordinal()
    query = Interaction.select(day, fn.COUNT(Interaction.id)).where(where).group_by(day)
    for on, n in database.execute(query):
        i = (dt.date.fromisoformat(on).toordinal() - base) // 7
        if 0 <= i < weeks:
            counts[i] += n
    return [(first + dt.timedelta(weeks=i), counts[i]) for i in range(weeks)]


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _quarter_key(column):
    """SQL: 'YYYY-Q' of an ISO date column (Q from 0 to 3)."""
    month = fn.substr(column, 6, 2).cast("INTEGER")
    return fn.substr(column, 1, 4).concat("-").concat((month - 1) / 3)


def ladder(today: dt.date, quarters: int = QUARTERS) -> list[tuple[dt.date, dict[str, int]]]:
    """Per quarter (oldest first, this one last): how many reached each rung of LADDER_RUNGS."""
    starts = [quarter_start(today)]
    while len(starts) < quarters:
        starts.append(quarter_start(starts[-1] - dt.timedelta(days=1)))
    starts.reverse()
    keys = {f"{s.year}-{(s.month - 1) // 3}": i for i, s in enumerate(starts)}
    counts = [dict.fromkeys(LADDER_RUNGS, 0) for _ in starts]
    first_day = starts[0].isoformat()

    def tally(rows) -> None:
        for key, rung, n in rows:
            i = keys.get(key)
            if i is not None and rung in counts[i]:
                counts[i][rung] += n

    changed = _quarter_key(StageChange.on)
    tally(
        database.execute(
            StageChange.select(changed, StageChange.to_stage, fn.COUNT(StageChange.id))
            .join(Contact)
            .where(StageChange.to_stage.in_(LADDER_RUNGS) & (StageChange.on >= first_day) & live())
            .group_by(changed, StageChange.to_stage)
        )
    )
    first_purchase = Purchase.select(fn.MIN(Purchase.since)).where(Purchase.contact == Contact.id)
    met = fn.COALESCE(Contact.met_on, fn.substr(Contact.created_at, 1, 10))
    reached = fn.COALESCE(first_purchase, met)
    reached_key = _quarter_key(reached)
    no_history = ~fn.EXISTS(
        StageChange.select(StageChange.id).where(StageChange.contact == Contact.id)
    )
    tally(
        database.execute(
            Contact.select(reached_key, Contact.stage, fn.COUNT(Contact.id))
            .where(live() & Contact.stage.in_(LADDER_RUNGS) & no_history & (reached >= first_day))
            .group_by(reached_key, Contact.stage)
        )
    )
    return list(zip(starts, counts, strict=True))


def lost_reasons() -> list[LostReasonCount]:
    """Customers ever lost, by reason (most first): how many, since asked why, won back."""
    asked = Case(None, [(Contact.lost_since.is_null(False) & asked_why_sql(), 1)], 0)
    back = Contact.stage.in_([Stage.CUSTOMER.value, Stage.CLIENT.value]).cast("INTEGER")
    query = (
        Contact.select(Contact.lost_reason, fn.COUNT(Contact.id), fn.TOTAL(asked), fn.TOTAL(back))
        .where(live() & Contact.lost_reason.is_null(False) & (Contact.lost_reason != ""))
        .group_by(Contact.lost_reason)
    )
    rows = [
        LostReasonCount(reason, n, int(a or 0), int(b or 0)) for reason, n, a, b in query.tuples()
    ]
    return sorted(rows, key=lambda r: (-r.lost, r.reason))


def _last_confirmed_sql():
    newest = ContactMethod.select(fn.MAX(ContactMethod.confirmed_on)).where(
        (ContactMethod.contact == Contact.id) & (ContactMethod.bad == False)  # noqa: E712
    )
    return fn.COALESCE(newest, fn.substr(Contact.created_at, 1, 10))


def details_last_confirmed(contact_id: int) -> dt.date | None:
    """When the contact's details were last confirmed: their newest confirmed (not
    known-bad) method, else the day they were added."""
    value = Contact.select(_last_confirmed_sql()).where(Contact.id == contact_id).scalar()
    return dt.date.fromisoformat(str(value)[:10]) if value else None


def unconfirmed_for_years(today: dt.date, limit: int = 200) -> tuple[list[Unconfirmed], int]:
    """Live contacts not confirmed for UNCONFIRMED_YEARS years (oldest first, up to
    `limit`), and how many there are in all."""
    try:
        cutoff = today.replace(year=today.year - UNCONFIRMED_YEARS)
    except ValueError:  # February 29
        cutoff = today.replace(year=today.year - UNCONFIRMED_YEARS, day=28)
    last = _last_confirmed_sql()
    where = live() & (last <= cutoff.isoformat())
    total = Contact.select(fn.COUNT(Contact.id)).where(where).scalar()
    query = (
        Contact.select(Contact.id, Contact.display_name, last)
        .where(where)
        .order_by(last, Contact.sort_key)
        .limit(limit)
    )
    rows = [
        Unconfirmed(cid, name, dt.date.fromisoformat(str(when)[:10]))
        for cid, name, when in query.tuples()
    ]
    return rows, total


def compute_insights(today: dt.date, settings: Settings | None = None) -> Insights:
    """Everything the Insights view shows (runs on a worker thread)."""
    unconfirmed, total = unconfirmed_for_years(today)
    return Insights(
        today,
        health(today, settings),
        tuple(interactions_per_week(today)),
        tuple(ladder(today)),
        tuple(lost_reasons()),
        tuple(unconfirmed),
        total,
    )


def recency_weeks(contact_id: int, today: dt.date, weeks: int = WEEKS) -> list[int]:
    """Interactions with one contact per week over the last `weeks` weeks (the recency strip)."""
    return [n for _, n in interactions_per_week(today, weeks, contact_id)]
