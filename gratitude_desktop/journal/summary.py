"""Who this is at a glance: what a contact's page header tells (one answer for the window)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gratitude_desktop.journal.cadence import effective_cadence
from gratitude_desktop.journal.dates import DateProblem, parse_partial_date
from gratitude_desktop.journal.promises import promises_of
from gratitude_desktop.journal.settings import Settings, load_settings
from gratitude_desktop.journal.tags import TagInfo, tags_of
from gratitude_desktop.store.enums import DncChannel, PromiseStatus, label
from gratitude_desktop.store.models import Contact

BIRTHDAY_AHEAD_DAYS = 7  # "a birthday this week"
_QUOTES = '"“”„«»‘’'


@dataclass(frozen=True)
class ContactSummary:
    """The header of a contact's page, as plain values and sentences."""

    contact_id: int
    name: str
    work: str  # "Founder at Analytical Engines Ltd", "" when neither is known
    stage: str
    circles: tuple[str, ...]
    tags: tuple[TagInfo, ...]
    met: str  # "Met 2024-03-02 · Chamber breakfast", "" when unknown
    last_touch: dt.date | None
    quiet: str  # "quiet in 12 days", "quiet for 40 days", "quiet today", "" (never reminded)
    overdue: bool  # gone quiet already
    dnc: str  # "Do not contact by email since 2026-01-10: “Please stop.”", "" when allowed
    lost: str  # "Lost customer since …: price", ""
    due: tuple[str, ...]  # open promises both ways, the next step, a birthday this week


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def quiet_words(last: dt.date | None, cadence: int | None, today: dt.date) -> tuple[str, bool]:
    """When the contact falls quiet, in words, and whether they already have."""
    if not cadence or last is None:
        return "", False
    quiet_on = last + dt.timedelta(days=cadence)
    if quiet_on > today:
        return f"quiet in {_days((quiet_on - today).days)}", False
    if quiet_on == today:
        return "quiet from today", True
    return f"quiet for {_days((today - quiet_on).days)}", True


def dnc_words(channels: tuple[str, ...], since: dt.date | None, reason: str) -> str:
    """The do-not-contact banner: the channels, since when, and their own words, quoted once."""
    if not channels:
        return ""
    text = "Do not contact"
    if DncChannel.ALL not in channels:
        text += " by " + ", ".join(label(c).lower() for c in channels)
    if since:
        text += f" since {since.isoformat()}"
    words = " ".join((reason or "").split())
    if not words:
        return text
    # Their words often come quoted already (typed or imported): never quote them twice.
    if any(mark in words for mark in _QUOTES):
        return f"{text}: {words}"
    return f"{text}: “{words}”"


def _birthday_soon(text: str | None, today: dt.date) -> str:
    if not text:
        return ""
    try:
        when = parse_partial_date(text)
    except DateProblem:
        return ""
    if when is None:
        return ""
    day = when.in_year(today.year)
    if day < today:
        day = when.in_year(today.year + 1)
    ahead = (day - today).days
    if ahead > BIRTHDAY_AHEAD_DAYS:
        return ""
    return "Birthday today" if ahead == 0 else f"Birthday in {_days(ahead)} ({day:%a %d %b})"


def contact_summary(
    contact_id: int, today: dt.date, settings: Settings | None = None
) -> ContactSummary:
    """The header of `contact_id`'s page on `today` (cadences under `settings`, else the saved)."""
    c = Contact.get_by_id(contact_id)
    settings = settings if settings is not None else load_settings()
    work = " at ".join(p for p in (c.title, c.organization) if p)
    met_bits = [f"Met {c.met_on.isoformat()}"] if c.met_on else []
    if c.how_we_met:
        met_bits.append(" ".join(c.how_we_met.split()))
    last = c.last_interaction_on
    quiet, overdue = quiet_words(
        last or c.met_on or c.created_at.date(),
        effective_cadence(c.cadence_days, c.stage, c.circles, settings),
        today,
    )
    lost = ""
    if c.lost_reason:
        since = f" since {c.lost_since.isoformat()}" if c.lost_since else ""
        lost = f"Lost customer{since}: {label(c.lost_reason).lower()}"
    due = []
    for promise in promises_of(contact_id, today, status=PromiseStatus.OPEN.value):
        who = "You promised" if promise.we_owe else "They promised"
        when = f" — due {promise.due_on.isoformat()}" if promise.due_on else ""
        late = " (overdue)" if promise.days_overdue(today) else ""
        due.append(f"{who}: {promise.what}{when}{late}")
    if c.next_step_on:
        due.append(f"Next step on {c.next_step_on.isoformat()}")
    birthday = _birthday_soon(c.birthday, today)
    if birthday:
        due.append(birthday)
    return ContactSummary(
        contact_id=contact_id,
        name=c.display_name,
        work=work,
        stage=c.stage,
        circles=tuple(c.circles),
        tags=tuple(tags_of(contact_id)),
        met=" · ".join(met_bits),
        last_touch=last,
        quiet=quiet,
        overdue=overdue,
        dnc=dnc_words(tuple(c.dnc_channels), c.dnc_since, c.dnc_reason or ""),
        lost=lost,
        due=tuple(due),
    )
