"""The agenda: who is due today, and why (AGENDA.md is the specification).

Long because every kind of item is found here, so they share one order and one snapshot.

One function, `compute_agenda(today)`, answers for the Today view, the tray and
`gratitude-desktop agenda`. A handful of set-based queries find the items: one
query of the contacts (quiet, birthdays, anniversaries, lost customers) and one
query each for promises, next steps, referrals to thank, referrals to ask about
and customers to ask for feedback. Nothing here runs a query per contact;
bench/agenda.py measures it on 100,000 contacts.

The contacts query reads each part by index once the contacts keep their cadence
(journal.cadence, migration 0007); until then, or under other cadence defaults
than the kept ones, it reads every contact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from peewee import JOIN, SQL, Case, Value, fn

from gratitude_desktop.journal.cadence import cadences_known_for, effective_cadence
from gratitude_desktop.journal.dates import PartialDate, parse_partial_date
from gratitude_desktop.journal.settings import Settings, load_settings
from gratitude_desktop.printable import escaped
from gratitude_desktop.store import kept_cadence
from gratitude_desktop.store.db import reading, unless_busy
from gratitude_desktop.store.enums import (
    DncChannel,
    PromiseDirection,
    PromiseStatus,
    Purpose,
    Stage,
    label,
)
from gratitude_desktop.store.models import (
    Announcement,
    Contact,
    Interaction,
    Promise,
    Purchase,
    Referral,
    Snooze,
    database,
)
from gratitude_desktop.store.queries import last_touch, open_to_contact

QUIET = "quiet"
PROMISE_DUE = "promise-due"
PROMISE_OWED = "promise-owed"
NEXT_STEP = "next-step"
BIRTHDAY = "birthday"
ANNIVERSARY = "anniversary"
THANK_REFERRAL = "thank-referral"
ASK_WHY_LOST = "ask-why-lost"
ASK_OUTCOME = "ask-outcome"
ASK_FEEDBACK = "ask-feedback"

# The order of AGENDA.md's table: ties in overdue days are broken by it.
KINDS: tuple[str, ...] = (
    QUIET,
    PROMISE_DUE,
    PROMISE_OWED,
    NEXT_STEP,
    BIRTHDAY,
    ANNIVERSARY,
    THANK_REFERRAL,
    ASK_WHY_LOST,
    ASK_OUTCOME,
    ASK_FEEDBACK,
)
_KIND_RANK = {kind: rank for rank, kind in enumerate(KINDS)}

KIND_TITLES = {
    QUIET: "Gone quiet",
    PROMISE_DUE: "Promises you made",
    PROMISE_OWED: "Owed to you",  # the Promises page says the same
    NEXT_STEP: "Next steps",
    BIRTHDAY: "Birthdays",
    ANNIVERSARY: "Anniversaries",
    THANK_REFERRAL: "Referrals to thank",
    ASK_WHY_LOST: "Lost customers to ask why",
    ASK_OUTCOME: "Referrals to ask about",
    ASK_FEEDBACK: "Customers to ask for feedback",
}

# Where a contact's last touch came from (the "quiet" reason says it).
TOUCHED_WHEN_ADDED, TOUCHED_WHEN_MET, TOUCHED_BY_INTERACTION = 0, 1, 2

PROMISE_DAYS_AHEAD = 2  # a promise we owe shows this many days before it is due
NUDGE_REST_DAYS = 7  # a promise owed to us leaves the agenda this long after a nudge
ASK_OUTCOME_AFTER_DAYS = 14  # a referral we gave: ask whether it helped after this long
FEEDBACK_EVERY_DAYS = 365  # customers and clients: ask how we treat them this often

# Talking to a lost customer for these purposes is not asking them why (AGENDA.md).
NOT_ASKING_WHY: tuple[str, ...] = (
    Purpose.OFFER.value,
    Purpose.GREETING.value,
    Purpose.THANK_YOU.value,
    Purpose.REFERRAL.value,
)

# The channels a partial do-not-contact may leave open, in a stable order.
CHANNELS: tuple[str, ...] = tuple(c.value for c in DncChannel if c is not DncChannel.ALL)


class AgendaItem(NamedTuple):
    """One thing to do for one contact, with when it fell due and why, in words.

    A NamedTuple rather than a frozen dataclass: an agenda at 100,000 contacts makes
    ~21,000 of them, and a frozen dataclass takes three times as long to build.
    """

    kind: str
    contact_id: int
    contact_name: str
    due_on: dt.date
    reason: str
    # today - due_on: negative for what is coming (a birthday in 3 days is -3).
    days_overdue: int
    # The promise, referral or (for next-step) interaction the item is about.
    ref_id: int | None = None
    # Empty: any channel. Otherwise the only channels a partial do-not-contact leaves open.
    channels: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Stable identity of the item, e.g. 'quiet:12:2026-11-01', for announcing it once."""
        base = f"{self.kind}:{self.contact_id}:{self.due_on.isoformat()}"
        return base if self.ref_id is None else f"{base}:{self.ref_id}"


# --- helpers -----------------------------------------------------------------


def _only_by(dnc_channels: str | None) -> tuple[str, ...] | None:
    """What AgendaItem.channels says: the only channels a do-not-contact leaves open.

    () when there is no do-not-contact (any channel will do); None when no channel is
    left (no item at all). Not outreach.is_reachable's question: that one asks of one
    channel.
    """
    if not dnc_channels:
        return ()
    closed = {w for w in dnc_channels.split(",") if w}
    if DncChannel.ALL.value in closed:
        return None
    allowed = tuple(c for c in CHANNELS if c not in closed)
    return allowed or None


def _date(text: str | dt.date | None) -> dt.date | None:
    if text is None or isinstance(text, dt.date):
        return text
    return dt.date.fromisoformat(text[:10])


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _when(due_on: dt.date, today: dt.date) -> str:
    """'due today', 'due tomorrow', 'due in 2 days', '3 days overdue'."""
    delta = (due_on - today).days
    if delta == 0:
        return "due today"
    if delta == 1:
        return "due tomorrow"
    if delta > 1:
        return f"due in {delta} days"
    return f"{_days(-delta)} overdue"


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join((text or "").split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"“{text}”"


class _Collector:
    """Gathers items with the sort key AGENDA.md asks for."""

    def __init__(self, today: dt.date):
        self.today = today
        # (overdue-and-kind rank, sort name, contact id, ref id, item). The first four are
        # unique per item, so items themselves are never compared; plain tuples sort fast.
        self.rows: list[tuple] = []

    def add(
        self,
        kind: str,
        contact_id: int,
        name: str,
        sort_name: str,
        dnc_channels: str | None,
        due_on: dt.date,
        reason: str,
        ref_id: int | None = None,
    ) -> None:
        channels = _only_by(dnc_channels) if dnc_channels else ()
        if channels is None:
            return
        overdue = (self.today - due_on).days
        item = AgendaItem(kind, contact_id, name, due_on, reason, overdue, ref_id, channels)
        self.rows.append((_rank(overdue, kind), sort_name, contact_id, ref_id or 0, item))

    def items(self) -> list[AgendaItem]:
        self.rows.sort()
        return [row[-1] for row in self.rows]


def _rank(overdue: int, kind: str) -> int:
    """Most overdue first, then the kind's place in KINDS, folded into one sortable int."""
    return -overdue * len(KINDS) + _KIND_RANK[kind]


# --- the kinds ---------------------------------------------------------------


def asked_why_sql():
    """SQL over Contact: a conversation on or after lost.since that was not an offer, a card,
    a thank-you or a referral — the customer was asked why (AGENDA.md, ask-why-lost)."""
    talk = Interaction.alias("talk")
    return fn.EXISTS(
        talk.select(SQL("1")).where(
            (talk.contact == Contact.id)
            & talk.purpose.not_in(NOT_ASKING_WHY)
            & (talk.at >= Contact.lost_since)
        )
    )


def _lost_without_talk():
    """Lost customers with a lost.since and no conversation since that asked them why.

    A CASE, so the interaction index (contact, at) is only probed for lost customers
    who were touched since, never for the other contacts the agenda reads.
    """
    asked = asked_why_sql()
    return Case(
        None,
        [
            (
                (Contact.stage == Stage.LOST_CUSTOMER.value)
                & Contact.lost_since.is_null(False)
                & (Contact.last_interaction_on >= Contact.lost_since),
                ~asked,
            ),
            (
                (Contact.stage == Stage.LOST_CUSTOMER.value) & Contact.lost_since.is_null(False),
                1,
            ),
        ],
        0,
    )


def lost_not_asked_ids() -> set[int]:
    """Every lost customer nobody has asked why yet (the ask-why-lost rule, trashed or not)."""
    query = Contact.select(Contact.id).where(
        Contact.lost_since.is_null(False) & (_lost_without_talk() == 1)
    )
    return {cid for (cid,) in query.tuples()}


def lost_not_asked(contact_id: int) -> bool:
    """True when this contact is a lost customer nobody has asked why yet (ask-why-lost)."""
    query = Contact.select(_lost_without_talk()).where(Contact.id == contact_id)
    return bool(query.scalar())


def _quiet_threshold(today: dt.date, settings: Settings):
    """SQL: the latest last touch that is already quiet today (NULL or '': never quiet).

    Thresholds for the defaults are computed here, so SQLite does date arithmetic only
    for contacts with a cadence of their own. The shortest cadence is the latest
    threshold, so the stage's and the circles' thresholds combine with max().
    """
    thresholds = sorted(
        ((today - dt.timedelta(days=days)).isoformat(), word)
        for word, days in settings.cadence_defaults.items()
        if days
    )
    by_stage = Case(
        Contact.stage, [(word, Value(at, converter=False)) for at, word in thresholds], ""
    )
    by_circles = Case(
        None,
        [
            (fn.instr(Contact.circles, f",{word},") > 0, Value(at, converter=False))
            for at, word in reversed(thresholds)  # latest threshold (shortest cadence) first
        ],
        "",
    )
    own = Case(
        None,
        [
            (
                Contact.cadence_days > 0,
                fn.date(today.isoformat(), Value("-").concat(Contact.cadence_days).concat(" days")),
            )
        ],
        None,
    )
    return Case(
        None,
        [(Contact.cadence_days.is_null(False), own), (Contact.circles == "", by_stage)],
        fn.MAX(by_stage, by_circles),
    )


def _candidates(today: dt.date, settings: Settings, endings: list[str], touch):
    """SQL: the ids that may have a contact item today, each part found by an index.

    Only when the cadences kept on the contacts (journal.cadence) were computed with
    `settings`' defaults. A contact whose cadence is not known yet is read the slow way.
    """
    quiet = kept_cadence.quiet_by(today.isoformat())
    unknown = Contact.select(Contact.id).where(
        kept_cadence.unknown() & (touch <= _quiet_threshold(today, settings))
    )
    dates = [
        Contact.select(Contact.id).where(column.is_null(False) & _month_day_in(column, endings))
        for column in (Contact.birthday, Contact.anniversary)
    ]
    lost = Contact.select(Contact.id).where(Contact.lost_since.is_null(False))
    return quiet + unknown + dates[0] + dates[1] + lost


def _contact_items(out: _Collector, settings: Settings) -> None:
    """quiet, birthday, anniversary and ask-why-lost: one query of the contacts finds them all."""
    today = out.today
    touch = last_touch()
    snoozed = Contact.id.in_(Snooze.select(Snooze.contact).where(Snooze.until > today))
    ahead = settings.birthday_days_ahead
    endings = _month_days(today, ahead)
    lost = _lost_without_talk()
    if cadences_known_for(settings):
        narrowed = Contact.id.in_(_candidates(today, settings, endings, touch))
    else:
        narrowed = (
            (touch <= _quiet_threshold(today, settings))
            | _month_day_in(Contact.birthday, endings)
            | _month_day_in(Contact.anniversary, endings)
            | (lost == 1)
        )
    # The WHERE only narrows the rows down; the loop below decides each kind exactly.
    query = Contact.select(
        Contact.id,
        Contact.display_name,
        Contact.sort_key,
        Contact.dnc_channels,
        touch,
        Contact.cadence_days,
        Contact.stage,
        Contact.circles,
        # Where the last touch came from.
        Case(
            None,
            [
                (Contact.last_interaction_on.is_null(False), TOUCHED_BY_INTERACTION),
                (Contact.met_on.is_null(False), TOUCHED_WHEN_MET),
            ],
            TOUCHED_WHEN_ADDED,
        ),
        snoozed,
        Contact.birthday,
        Contact.anniversary,
        lost,
        Contact.lost_since,
        Contact.lost_reason,
    ).where(open_to_contact() & narrowed)
    near = frozenset(endings)
    cadences: dict[tuple[str, str], int | None] = {}  # (stage, circles) -> default days
    fromiso = dt.date.fromisoformat
    one_day = dt.timedelta(days=1)
    last_day = today + dt.timedelta(days=ahead)
    rows = out.rows
    add = out.add
    quiet_rank = _KIND_RANK[QUIET]
    width = len(KINDS)
    for (
        cid,
        name,
        sort_name,
        dnc,
        touch_s,
        own_days,
        stage,
        circles,
        source,
        is_snoozed,
        birthday,
        anniversary,
        is_lost,
        lost_since,
        lost_reason,
    ) in database.execute(query):
        channels = _only_by(dnc) if dnc else ()
        if channels is None:
            continue
        if is_lost:
            since = _date(lost_since)
            because = f" ({label(lost_reason).lower()})" if lost_reason else ""
            reason = f"Lost since {since.isoformat()}{because}; ask them why, don't sell"
            add(ASK_WHY_LOST, cid, name, sort_name, dnc, since, reason)
            days = None  # asking why comes first: no quiet item
        elif own_days is not None:
            days = own_days
        else:
            key = (stage, circles)
            days = cadences.get(key, -1)
            if days == -1:
                words = tuple(w for w in circles.split(",") if w)
                days = cadences[key] = effective_cadence(None, stage, words, settings)
        if days and not is_snoozed:
            touch = fromiso(touch_s)
            since = (today - touch).days
            overdue = since - days
            if overdue >= 0:
                every = "every day" if days == 1 else f"every {days}"
                if source == TOUCHED_BY_INTERACTION:
                    reason = f"No contact for {_days(since)} ({every})"
                elif source == TOUCHED_WHEN_MET:
                    reason = f"No contact since you met, {_days(since)} ago ({every})"
                else:
                    reason = f"No contact since added, {_days(since)} ago ({every})"
                item = AgendaItem(
                    QUIET, cid, name, touch + one_day * days, reason, overdue, None, channels
                )
                # Same row as _Collector.add, inlined: this kind may hold most of the journal.
                rows.append((-overdue * width + quiet_rank, sort_name, cid, 0, item))
        if birthday and birthday[-5:] in near:
            _add_yearly(add, BIRTHDAY, birthday, today, last_day, cid, name, sort_name, dnc)
        if anniversary and anniversary[-5:] in near:
            _add_yearly(add, ANNIVERSARY, anniversary, today, last_day, cid, name, sort_name, dnc)


def _add_yearly(add, kind, text, today, last_day, cid, name, sort_name, dnc) -> None:
    """A birthday or anniversary item when its next occurrence is within the window."""
    try:
        when = parse_partial_date(text)
    except ValueError:
        return  # a hand-edited database; the contact editor flags it
    if when is None:
        return
    due_on = _next_occurrence(when, today)
    if due_on > last_day:
        return
    delta = (due_on - today).days
    noun = "Birthday" if kind == BIRTHDAY else "Anniversary"
    if delta == 0:
        reason = f"{noun} today"
    elif delta == 1:
        reason = f"{noun} tomorrow"
    else:
        reason = f"{noun} in {delta} days"
    if when.year is not None and due_on.year > when.year:
        years = due_on.year - when.year
        if kind == BIRTHDAY:
            reason += f", turns {years}"
        else:
            reason += ", 1 year" if years == 1 else f", {years} years"
    add(kind, cid, name, sort_name, dnc, due_on, reason)


def _promises(out: _Collector) -> None:
    today = out.today
    ahead = today + dt.timedelta(days=PROMISE_DAYS_AHEAD)
    we_owe = (Promise.direction == PromiseDirection.WE_OWE.value) & (Promise.due_on <= ahead)
    rested = today - dt.timedelta(days=NUDGE_REST_DAYS)
    they_owe = (
        (Promise.direction == PromiseDirection.THEY_OWE.value)
        & (Promise.due_on < today)
        & (Promise.nudged_on.is_null(True) | (Promise.nudged_on <= rested))
    )
    query = (
        Promise.select(
            Promise.id,
            Promise.direction,
            Promise.what,
            Promise.due_on,
            Promise.nudged_on,
            Promise.nudges,
            Contact.id,
            Contact.display_name,
            Contact.sort_key,
            Contact.dnc_channels,
        )
        .join(Contact)
        .where(
            (Promise.status == PromiseStatus.OPEN.value) & (we_owe | they_owe) & open_to_contact()
        )
    )
    rows = database.execute(query)
    for pid, direction, what, due_s, nudged_s, nudges, cid, name, sort_name, dnc in rows:
        due_on = _date(due_s)
        if direction == PromiseDirection.WE_OWE.value:
            kind, reason = PROMISE_DUE, f"You promised {_quote(what)}, {_when(due_on, today)}"
        else:
            if nudged_s:
                times = "once" if nudges == 1 else f"{nudges} times"
                again = f"; nudged {times}, last on {_date(nudged_s).isoformat()}"
            else:
                again = "; a polite nudge?"
            kind, reason = (
                PROMISE_OWED,
                f"They promised {_quote(what)}, {_when(due_on, today)}{again}",
            )
        out.add(kind, cid, name, sort_name, dnc, due_on, reason, pid)


def _next_steps(out: _Collector) -> None:
    # Contact.next_step_on mirrors the latest interaction's next step (kept current by
    # journal.interactions), so the candidates come from an index range scan; the
    # latest interaction is then looked up exactly (ties on time go to the later id).
    Latest = Interaction.alias("latest")
    latest_id = (
        Latest.select(Latest.id)
        .where(Latest.contact == Contact.id)
        .order_by(Latest.at.desc(), Latest.id.desc())
        .limit(1)
    )
    query = (
        Contact.select(
            Interaction.id,
            Interaction.next_step_on,
            Interaction.at,
            Interaction.summary,
            Contact.id,
            Contact.display_name,
            Contact.sort_key,
            Contact.dnc_channels,
        )
        .join(Interaction, on=(Interaction.id == latest_id))
        .where(
            (Contact.next_step_on <= out.today)
            & open_to_contact()
            & (Interaction.next_step_on <= out.today)
        )
    )
    add = out.add
    for iid, step_s, at_s, summary, cid, name, sort_name, dnc in database.execute(query):
        due_on = _date(step_s)
        about = f" after {_quote(summary)}" if summary else ""
        reason = f"Next step{about} ({str(at_s)[:10]}), {_when(due_on, out.today)}"
        add(NEXT_STEP, cid, name, sort_name, dnc, due_on, reason, iid)


def _month_days(today: dt.date, ahead: int) -> list[str]:
    """The 'MM-DD' endings a birthday in the window may have (02-29 on a non-leap Feb 28)."""
    days: set[str] = set()
    for offset in range(min(ahead, 366) + 1):
        day = today + dt.timedelta(days=offset)
        days.add(day.strftime("%m-%d"))
        if day.month == 2 and day.day == 28 and PartialDate(2, 29).in_year(day.year).day == 28:
            days.add("02-29")
    return sorted(days)


def _month_day_in(column, endings: list[str]):
    """SQL: the 'MM-DD' ending of a date column is within the window's range(s).

    A range test is cheaper than IN over every row; it may let through a few more days
    than the window (never fewer), which the caller's exact check drops.
    """
    ending = fn.substr(column, SQL("-5"))  # inline, as the contact_*_day indexes spell it
    first, last = endings[0], endings[-1]
    if len(endings) >= 365:
        return ending.between("01-01", "12-31")
    # Sorted endings that wrap the year start at 01-xx; the window's start is then
    # the first ending after a gap.
    gaps = [b for a, b in zip(endings, endings[1:], strict=False) if _day_after(a) != b]
    if not gaps:
        return ending.between(first, last)
    start = gaps[-1]
    end = endings[endings.index(start) - 1]
    return ending.between(start, "12-31") | ending.between("01-01", end)


def _day_after(month_day: str) -> str:
    day = dt.date(2000, int(month_day[:2]), int(month_day[3:])) + dt.timedelta(days=1)
    return day.strftime("%m-%d")


def _next_occurrence(when: PartialDate, today: dt.date) -> dt.date:
    """This year's date, or next year's when this year's has passed."""
    this_year = when.in_year(today.year)
    return this_year if this_year >= today else when.in_year(today.year + 1)


def _referrals(out: _Collector) -> None:
    person = Contact.alias("person")
    query = (
        Referral.select(
            Referral.id,
            Referral.on,
            person.display_name,
            Contact.id,
            Contact.display_name,
            Contact.sort_key,
            Contact.dnc_channels,
        )
        .join(Contact, on=(Referral.by == Contact.id))
        .switch(Referral)
        .join(person, JOIN.LEFT_OUTER, on=(Referral.person == person.id))
        .where(Referral.to.is_null(True) & Referral.thanked_on.is_null(True) & open_to_contact())
    )
    for rid, on_s, person_name, cid, name, sort_name, dnc in database.execute(query):
        on = _date(on_s)
        who = person_name or "someone"
        reason = f"Referred {who} to you on {on.isoformat()}; not thanked yet"
        out.add(THANK_REFERRAL, cid, name, sort_name, dnc, on, reason, rid)


def _ask_outcomes(out: _Collector) -> None:
    """Referrals we gave with no outcome, 14 days on: ask the person we referred."""
    partner = Contact.alias("partner")
    made_by = out.today - dt.timedelta(days=ASK_OUTCOME_AFTER_DAYS)
    query = (
        Referral.select(
            Referral.id,
            Referral.on,
            partner.display_name,
            Contact.id,
            Contact.display_name,
            Contact.sort_key,
            Contact.dnc_channels,
        )
        .join(Contact, on=(Referral.person == Contact.id))
        .switch(Referral)
        .join(partner, on=(Referral.to == partner.id))
        .where(
            Referral.by.is_null(True)
            & Referral.outcome.is_null(True)
            & (Referral.on <= made_by)
            & open_to_contact()
        )
    )
    step = dt.timedelta(days=ASK_OUTCOME_AFTER_DAYS)
    for rid, on_s, partner_name, cid, name, sort_name, dnc in database.execute(query):
        on = _date(on_s)
        reason = f"You referred them to {partner_name} on {on.isoformat()}; did it help?"
        out.add(ASK_OUTCOME, cid, name, sort_name, dnc, on + step, reason, rid)


def _last_feedback():
    """SQL over Contact: AGENDA.md's last_feedback ('YYYY-MM-DD').

    The latest feedback conversation (the interaction index on purpose, contact, at),
    else the first purchase, else the day the contact was added.
    """
    said = Interaction.alias("said")
    latest = said.select(fn.MAX(said.at)).where(
        (said.contact == Contact.id) & (said.purpose == Purpose.FEEDBACK.value)
    )
    first_buy = Purchase.select(fn.MIN(Purchase.since)).where(Purchase.contact == Contact.id)
    return fn.COALESCE(fn.substr(latest, 1, 10), first_buy, fn.substr(Contact.created_at, 1, 10))


def _ask_feedback(out: _Collector) -> None:
    """Customers and clients not asked how we treat them for a year."""
    today = out.today
    last = _last_feedback()
    query = Contact.select(
        Contact.id, Contact.display_name, Contact.sort_key, Contact.dnc_channels, last
    ).where(
        Contact.stage.in_([Stage.CUSTOMER.value, Stage.CLIENT.value])
        & open_to_contact()
        & (last <= (today - dt.timedelta(days=FEEDBACK_EVERY_DAYS)).isoformat())
    )
    step = dt.timedelta(days=FEEDBACK_EVERY_DAYS)
    for cid, name, sort_name, dnc, last_s in database.execute(query):
        since = _date(last_s)
        reason = f"No feedback since {since.isoformat()}; ask how you are treating them"
        out.add(ASK_FEEDBACK, cid, name, sort_name, dnc, since + step, reason)


# --- public ------------------------------------------------------------------


class DayOutOfReach(ValueError):
    """The agenda cannot look around a day this close to either end of the calendar."""


# Beyond what the settings say, dates are moved by up to a year (a birthday's next
# occurrence, a year's window of month-days): kept clear of the calendar's ends too.
_MARGIN_DAYS = 800


def days_in_reach(settings: Settings) -> tuple[dt.date, dt.date]:
    """The first and last day the agenda can be computed for under `settings`."""
    back = max((days for days in settings.cadence_defaults.values() if days), default=0)
    ahead = max(min(settings.birthday_days_ahead, 366), PROMISE_DAYS_AHEAD)
    return (
        dt.date.min + dt.timedelta(days=back + _MARGIN_DAYS),
        dt.date.max - dt.timedelta(days=ahead + _MARGIN_DAYS),
    )


def compute_agenda(today: dt.date, settings: Settings | None = None) -> list[AgendaItem]:
    """Every item due on `today`, most overdue first, then by kind, then by name.

    DayOutOfReach for a day the agenda cannot look around (days_in_reach).
    """
    if settings is None:
        settings = load_settings()
    first, last = days_in_reach(settings)
    if not first <= today <= last:
        raise DayOutOfReach(
            f"the agenda looks back and ahead from the day it is for, so it can only be "
            f"computed for a day from {first.isoformat()} to {last.isoformat()}"
        )
    out = _Collector(today)
    with reading():  # one consistent snapshot of the journal, no write lock
        _contact_items(out, settings)
        _promises(out)
        _next_steps(out)
        _referrals(out)
        _ask_outcomes(out)
        _ask_feedback(out)
    return out.items()


def agenda_to_json(items: Sequence[AgendaItem], today: dt.date) -> dict:
    """The agenda in the shape AGENDA.md documents for `agenda --json`."""
    return {
        "today": today.isoformat(),
        "items": [
            {
                "kind": item.kind,
                "contact": item.contact_name,
                "due_on": item.due_on.isoformat(),
                "days_overdue": item.days_overdue,
                "reason": item.reason,
                "contact_id": item.contact_id,
                "channels": list(item.channels) if item.channels else None,
            }
            for item in items
        ],
    }


def agenda_json_text(items: Sequence[AgendaItem], today: dt.date) -> str:
    """`agenda_to_json(items, today)` as JSON text, each item on a line of its own.

    What `agenda --json` prints. Written line by line from strings escaped by json's own
    C escaper (the same one json.dumps uses with ensure_ascii=False), because encoding
    100,000 item dicts took 0.65 s of a 1.4 s command; tests hold that json.loads of this
    equals agenda_to_json, for any names and reasons.
    """
    from json.encoder import encode_basestring as text  # noqa: N813

    seen: dict[object, str] = {}  # kinds, reasons and days repeat: each escaped once

    def once(value: str) -> str:
        found = seen.get(value)
        if found is None:
            found = seen[value] = text(value)
        return found

    def day(value: dt.date) -> str:
        found = seen.get(value)
        if found is None:
            found = seen[value] = f'"{value.isoformat()}"'
        return found

    lines = [
        f'{{"kind": {once(i.kind)}, "contact": {text(i.contact_name)}, '
        f'"due_on": {day(i.due_on)}, "days_overdue": {int(i.days_overdue)}, '
        f'"reason": {once(i.reason)}, "contact_id": {int(i.contact_id)}, "channels": '
        + ("[" + ", ".join(map(once, i.channels)) + "]" if i.channels else "null")
        + "}"
        for i in items
    ]
    body = "\n  " + ",\n  ".join(lines) + "\n" if lines else ""
    return f'{{"today": {text(today.isoformat())}, "items": [{body}]}}'


def things_to_do(count: int) -> str:
    """'1 thing to do', '12 things to do': how the Today page and the tray count the agenda."""
    return "1 thing to do" if count == 1 else f"{count:,} things to do"


def people_on(items: Iterable[AgendaItem]) -> list[str]:
    """The names of the contacts the items are about, each contact once, in agenda order."""
    names: dict[int, str] = {}
    for item in items:
        names.setdefault(item.contact_id, item.contact_name)
    return list(names.values())


def due_summary(items: Sequence[AgendaItem], named: int = 3) -> tuple[str, str]:
    """(title, text) telling many items at once; the names and 'N more' add up to the people.

    Items and people are counted apart — one person may have several things due — and
    the title says both when they differ: '31 new things to do today, for 26 people' /
    'Patrick, William, Gary and 23 more people'.
    """
    people = people_on(items)
    count = len(items)
    title = f"{count:,} new {'thing' if count == 1 else 'things'} to do today"
    if len(people) != count:
        title += f", for {len(people):,} {'person' if len(people) == 1 else 'people'}"
    shown, others = people[:named], len(people) - named
    if others > 0:
        who = f"{', '.join(shown)} and {others:,} more {'person' if others == 1 else 'people'}"
    elif len(shown) > 1:
        who = f"{', '.join(shown[:-1])} and {shown[-1]}"
    else:
        who = "".join(shown)
    return title, who


def format_agenda_text(items: Sequence[AgendaItem], today: dt.date) -> str:
    """The agenda for people: grouped by kind, each line a name and the reason in words."""
    count = len(items)
    head = f"Agenda for {today.isoformat()}: "
    if not count:
        return head + "nothing due.\n"
    lines = [head + ("1 item" if count == 1 else f"{count} items")]
    groups: dict[str, list[AgendaItem]] = {}
    for item in items:
        groups.setdefault(item.kind, []).append(item)
    for kind in KINDS:
        group = groups.get(kind)
        if not group:
            continue
        lines.append("")
        lines.append(f"{KIND_TITLES[kind]} ({len(group)})")
        for item in group:
            only = f" [only by {', '.join(item.channels)}]" if item.channels else ""
            lines.append(f"  {escaped(item.contact_name)}: {escaped(item.reason)}{only}")
    return "\n".join(lines) + "\n"


def announce_new_unless_busy(
    items: Iterable[AgendaItem], now: dt.datetime, wait_ms: int = 1_000
) -> list[AgendaItem] | None:
    """announce_new, or None when the journal cannot record them now (store.db.unless_busy).

    An import holds the write lock for as long as it runs, and a read-only journal never
    takes a write; the agenda itself only reads, so it is right either way, and its new
    items are announced by a later check that can record them.
    """
    return unless_busy(lambda: announce_new(items, now), wait_ms)


def announce_new(items: Iterable[AgendaItem], now: dt.datetime) -> list[AgendaItem]:
    """The items never announced before, now recorded as announced (once across restarts)."""
    items = list(items)
    by_key: dict[str, AgendaItem] = {}
    for item in items:
        by_key.setdefault(item.key, item)
    keys = list(by_key)
    stamp = now.replace(microsecond=0)
    new: list[AgendaItem] = []
    with database.atomic():
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            known = {
                key
                for (key,) in Announcement.select(Announcement.key)
                .where(Announcement.key.in_(chunk))
                .tuples()
            }
            fresh = [key for key in chunk if key not in known]
            if fresh:
                Announcement.insert_many(
                    [{"key": key, "announced_at": stamp} for key in fresh]
                ).on_conflict_ignore().execute()
            new.extend(by_key[key] for key in fresh)
    return new
