"""Goals: written down, ranked, and accounted for from the journal itself (docs/DESIGN.md rule 11).

Long because it holds every metric a goal can name, each one query.

A goal names a metric from `METRICS`, a target and a period (week, month, quarter,
year). Every metric is a function `(start, end, today) -> value` over the days
start..end (both included), computed with a few set-based queries — never one per
contact. Counts are numbers; shares are fractions 0..1 (targets too, as the archive
writes them: 0.95), shown as percentages, or None when there was nothing to count (no promise came due, no referral arrived).

Choices made here:
- "Snapshot" metrics (promises overdue now, within cadence, lost customers asked why)
  are measured as of the period's last day, or today while the period is running.
  Past periods use today's stage and cadence: the journal keeps no history of those.
- Most metrics are "at least" goals; `promises-overdue` is an "at most" goal.
- On track: an "at least" count is on track when it has reached the target in
  proportion to the days gone by; a share or an "at most" figure when it meets the
  target now (no figure yet: on track).
- Reaching a goal is celebrated once per goal and period: `announce_reached` records
  an Announcement "goal-reached:<goal id>:<period start>".
- Milestones are intermediate targets of a goal with a date; a milestone's figure is
  the metric from the start of the goal's period holding its date up to that date.
- Goals for a life (metric MANUAL, "manual"): the user tallies them by hand — a count
  toward the target ("Speak at the Chamber twice this year": tally), or, with no target,
  done or not ("Find a mentor": done). Ranked with the rest. The journal keeps the tally
  as it was set: a new period does not reset it (reviewing is when the user does).
- Every goal has a review date: review_on, or else the end of the period it was written
  in. On and after it the goal is due for review (the Goals view and the tray say so);
  reviewing records a note (GoalReview) and moves the date to the end of the next period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from peewee import fn

from gratitude_desktop.journal.cadence import cadence_groups
from gratitude_desktop.journal.contacts import FieldProblem
from gratitude_desktop.journal.settings import load_settings
from gratitude_desktop.store.enums import (
    Channel,
    Direction,
    GoalPeriod,
    PromiseDirection,
    PromiseStatus,
    Purpose,
    Stage,
)
from gratitude_desktop.store.models import (
    Announcement,
    Contact,
    Goal,
    GoalMilestone,
    GoalReview,
    Interaction,
    Promise,
    Referral,
    database,
)
from gratitude_desktop.store.queries import live

T = TypeVar("T")

HISTORY_PERIODS = 6
THANK_WITHIN_DAYS = 7


# --- periods -------------------------------------------------------------------------------


def period_bounds(period: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the week (Monday-Sunday), month, quarter or year holding `day`."""
    period = GoalPeriod(period)
    if period is GoalPeriod.WEEK:
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if period is GoalPeriod.MONTH:
        start = day.replace(day=1)
    elif period is GoalPeriod.QUARTER:
        start = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    else:
        start = dt.date(day.year, 1, 1)
    months = {GoalPeriod.MONTH: 1, GoalPeriod.QUARTER: 3, GoalPeriod.YEAR: 12}[period]
    month = start.month - 1 + months
    after = dt.date(start.year + month // 12, month % 12 + 1, 1)
    return start, after - dt.timedelta(days=1)


def recent_periods(period: str, today: dt.date, n: int) -> list[tuple[dt.date, dt.date]]:
    """The `n` periods up to and including the one holding today, oldest first."""
    found = [period_bounds(period, today)]
    while len(found) < n:
        found.append(period_bounds(period, found[-1][0] - dt.timedelta(days=1)))
    return found[::-1]


def period_label(period: str, start: dt.date) -> str:
    """A short name for the period starting on `start`: 'W47', 'Nov', 'Q4 2026', '2026'."""
    period = GoalPeriod(period)
    if period is GoalPeriod.WEEK:
        return f"W{start.isocalendar().week}"
    if period is GoalPeriod.MONTH:
        return start.strftime("%b")
    if period is GoalPeriod.QUARTER:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    return str(start.year)


# --- the metrics ---------------------------------------------------------------------------


def _at_between(start: dt.date, end: dt.date):
    """Interactions whose moment falls on start..end (moments are stored as ISO text)."""
    return (Interaction.at >= start.isoformat()) & (
        Interaction.at < (end + dt.timedelta(days=1)).isoformat()
    )


def _count_interactions(start: dt.date, end: dt.date, condition) -> int:
    return (
        Interaction.select(fn.COUNT(Interaction.id))
        .join(Contact)
        .where(_at_between(start, end) & condition & live())
        .scalar()
    )


def _as_of(end: dt.date, today: dt.date) -> dt.date:
    return min(end, today)


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def new_contacts_met(start: dt.date, end: dt.date, today: dt.date) -> int:
    """Contacts met in the period (the day we met, or else the day they were added)."""
    met = fn.COALESCE(Contact.met_on, fn.substr(Contact.created_at, 1, 10))
    return (
        Contact.select(fn.COUNT(Contact.id))
        .where(live() & (met >= start.isoformat()) & (met <= end.isoformat()))
        .scalar()
    )


def one_on_one_meetings(start: dt.date, end: dt.date, today: dt.date) -> int:
    """Meetings held: any in-person interaction, or a video call whose purpose was a meeting."""
    return _count_interactions(
        start,
        end,
        (Interaction.channel == Channel.IN_PERSON.value)
        | (
            (Interaction.channel == Channel.VIDEO.value)
            & (Interaction.purpose == Purpose.MEETING.value)
        ),
    )


def follow_ups_done(start: dt.date, end: dt.date, today: dt.date) -> int:
    """Outbound follow-ups logged in the period."""
    return _count_interactions(
        start,
        end,
        (Interaction.purpose == Purpose.FOLLOW_UP.value)
        & (Interaction.direction == Direction.OUTBOUND.value),
    )


def greetings_sent(start: dt.date, end: dt.date, today: dt.date) -> int:
    """Outbound greetings and thank-yous logged in the period."""
    return _count_interactions(
        start,
        end,
        Interaction.purpose.in_([Purpose.GREETING.value, Purpose.THANK_YOU.value])
        & (Interaction.direction == Direction.OUTBOUND.value),
    )


def promises_kept_on_time(start: dt.date, end: dt.date, today: dt.date) -> float | None:
    """Of the promises we made that fell due or ended in the period: % kept by the due day.

    Counted: those kept or broken in the period, and those still open past their due
    day at the period's end (today, while it runs) — exactly the promises_overdue ones,
    which have not been kept on time. Released promises (let go by both sides) are left
    out; a kept promise without a due day counts as on time.
    """
    on_time = (
        (Promise.status == PromiseStatus.KEPT.value)
        & (Promise.due_on.is_null(True) | (Promise.done_on <= Promise.due_on))
    ).cast("INTEGER")
    total, hits = (
        Promise.select(fn.COUNT(Promise.id), fn.TOTAL(on_time))
        .join(Contact)
        .where(
            (Promise.direction == PromiseDirection.WE_OWE.value)
            & Promise.status.in_([PromiseStatus.KEPT.value, PromiseStatus.BROKEN.value])
            & Promise.done_on.between(start, end)
            & live()
        )
        .tuples()
        .get()
    )
    late = promises_overdue(start, end, today)
    return _share(int(hits or 0), total + late)


def promises_overdue(start: dt.date, end: dt.date, today: dt.date) -> int:
    """Promises we made that were overdue on the period's last day (today, while it runs)."""
    return _overdue_promises(_as_of(end, today)).count()


def _overdue_promises(as_of: dt.date):
    """Our promises past their due day and not done as of `as_of` (released ones aside)."""
    still_open = (Promise.status == PromiseStatus.OPEN.value) | (Promise.done_on > as_of)
    return (
        Promise.select(Promise.id)
        .join(Contact)
        .where(
            (Promise.direction == PromiseDirection.WE_OWE.value)
            & (Promise.due_on < as_of)
            & (Promise.made_on <= as_of)
            & still_open
            & (Promise.status != PromiseStatus.RELEASED.value)
            & live()
        )
    )


def referrals_thanked(start: dt.date, end: dt.date, today: dt.date) -> float | None:
    """Of the referrals made to us in the period: % thanked within 7 days."""
    in_time = (
        Referral.thanked_on.is_null(False)
        & (Referral.thanked_on <= fn.date(Referral.on, f"+{THANK_WITHIN_DAYS} days"))
    ).cast("INTEGER")
    total, hits = (
        Referral.select(fn.COUNT(Referral.id), fn.TOTAL(in_time))
        .join(Contact, on=Referral.by == Contact.id)
        .where(Referral.to.is_null(True) & Referral.on.between(start, end) & live())
        .tuples()
        .get()
    )
    return _share(int(hits or 0), total)


def referrals_given(start: dt.date, end: dt.date, today: dt.date) -> int:
    """Referrals we made (someone sent by us to a contact) in the period."""
    return (
        Referral.select(fn.COUNT(Referral.id))
        .join(Contact, on=Referral.to == Contact.id)
        .where(Referral.by.is_null(True) & Referral.on.between(start, end) & live())
        .scalar()
    )


def within_cadence(start: dt.date, end: dt.date, today: dt.date) -> float | None:
    """Of the clients and customers with a cadence: % in touch within it on the last day.

    Last touch is the last interaction up to that day (the day we met, or were added,
    when there is none), as the agenda counts it.
    """
    as_of = _as_of(end, today)
    settings = load_settings()
    if as_of >= today:
        last = Contact.last_interaction_on
    else:
        last = Interaction.select(fn.MAX(fn.substr(Interaction.at, 1, 10))).where(
            (Interaction.contact == Contact.id)
            & (Interaction.at < (as_of + dt.timedelta(days=1)).isoformat())
        )
    clients = Contact.stage.in_([Stage.CLIENT.value, Stage.CUSTOMER.value]) & (
        fn.substr(Contact.created_at, 1, 10) <= as_of.isoformat()
    )
    total = hits = 0
    for _stage, _words, days, since, n in cadence_groups(clients, as_of, settings, last):
        if days:
            total += n
            hits += n if since < days else 0
    return _share(hits, total)


def lost_asked_why(start: dt.date, end: dt.date, today: dt.date) -> float | None:
    """Of the customers lost by the period's last day: % we talked to on or after losing them."""
    as_of = _as_of(end, today)
    talked = fn.EXISTS(
        Interaction.select(Interaction.id).where(
            (Interaction.contact == Contact.id)
            & (Interaction.at >= Contact.lost_since)
            & (Interaction.at < (as_of + dt.timedelta(days=1)).isoformat())
        )
    ).cast("INTEGER")
    total, hits = (
        Contact.select(fn.COUNT(Contact.id), fn.TOTAL(talked))
        .where(
            live()
            & (Contact.stage == Stage.LOST_CUSTOMER.value)
            & Contact.lost_since.is_null(False)
            & (Contact.lost_since <= as_of)
        )
        .tuples()
        .get()
    )
    return _share(int(hits or 0), total)


@dataclass(frozen=True)
class Metric:
    """One thing the journal can measure for a goal."""

    key: str
    title: str
    description: str
    measure: Callable[[dt.date, dt.date, dt.date], float | None]
    share: bool = False  # a percentage rather than a count
    at_most: bool = False  # the target is a ceiling, not a floor

    def format(self, value: float | None) -> str:
        if value is None:
            return "—"
        if self.share:
            return f"{round(value * 100, 1):g}%"
        return f"{value:g}"


METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        Metric(
            "new-contacts-met",
            "New people met",
            "Contacts met in the period (the day you met them, else the day you added them).",
            new_contacts_met,
        ),
        Metric(
            "meetings",
            "One-on-one meetings held",
            "In-person interactions, and video calls logged as meetings.",
            one_on_one_meetings,
        ),
        Metric(
            "follow-ups-done",
            "Follow-ups done",
            "Outbound interactions whose purpose was a follow-up.",
            follow_ups_done,
        ),
        Metric(
            "promises-kept-on-time",
            "Promises kept on time (%)",
            "Of the promises you made that were kept or broken in the period, or are "
            "still open past their due day, the share kept by their due day.",
            promises_kept_on_time,
            share=True,
        ),
        Metric(
            "promises-overdue",
            "Promises overdue (at most)",
            "Promises you made that are past their due day and still open.",
            promises_overdue,
            at_most=True,
        ),
        Metric(
            "referrals-thanked",
            "Referrals thanked within 7 days (%)",
            "Of the people referred to you in the period, the share whose referrer "
            "you thanked within a week.",
            referrals_thanked,
            share=True,
        ),
        Metric(
            "referrals-given",
            "Referrals given",
            "People you referred to a contact in the period.",
            referrals_given,
        ),
        Metric(
            "clients-within-cadence",
            "Clients and customers within cadence (%)",
            "Of your clients and customers with a cadence, the share you were in touch "
            "with recently enough.",
            within_cadence,
            share=True,
        ),
        Metric(
            "lost-asked-why",
            "Lost customers asked why (%)",
            "Of the lost customers, the share you talked to after losing them.",
            lost_asked_why,
            share=True,
        ),
        Metric(
            "greetings-sent",
            "Greetings sent",
            "Outbound greetings and thank-yous.",
            greetings_sent,
        ),
    )
}


def _unknown(start: dt.date, end: dt.date, today: dt.date) -> None:
    return None


MANUAL_METRIC = Metric(
    "manual", "Tallied by hand", "A goal you count or tick yourself.", lambda s, e, t: None
)


def metric_of(key: str) -> Metric:
    """The metric named `key`; an unmeasurable stand-in for a word this version doesn't know."""
    if key == MANUAL:
        return MANUAL_METRIC
    return METRICS.get(key) or Metric(key, key, "Not a metric this version can measure.", _unknown)


def measure(metric: str, start: dt.date, end: dt.date, today: dt.date) -> float | None:
    """The value of `metric` over start..end as it stands on `today`."""
    return METRICS[metric].measure(start, end, today)


# --- goals: reading and writing ---------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneData:
    target: float
    due_on: dt.date
    note: str = ""


MANUAL = "manual"  # a goal tallied by hand (ARCHIVE.md goals[].metric)


@dataclass(frozen=True)
class GoalData:
    title: str
    metric: str
    target: float
    period: str
    milestones: tuple[MilestoneData, ...] = ()
    id: int | None = None
    rank: int = 0
    tally: float | None = None  # a manual goal's count so far (None: not a tally goal)
    done: bool | None = None  # a manual done/not-done goal (None: not one)
    review_on: dt.date | None = None  # None: the end of the period it was written in

    @property
    def manual(self) -> bool:
        return self.metric == MANUAL

    @property
    def checked(self) -> bool:
        """A manual goal that is done or not, with no target."""
        return self.manual and self.done is not None


class GoalInvalid(ValueError):
    def __init__(self, problems: list[FieldProblem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def validate_goal(data: GoalData) -> list[FieldProblem]:
    problems = []
    if not data.title.strip():
        problems.append(FieldProblem("title", "A goal needs a title."))
    if data.metric not in METRICS and data.metric != MANUAL:
        problems.append(FieldProblem("metric", f"Unknown metric “{data.metric}”."))
    if data.tally is not None and data.tally < 0:
        problems.append(FieldProblem("tally", "A tally cannot be negative."))
    if data.period not in {p.value for p in GoalPeriod}:
        problems.append(FieldProblem("period", "The period is a week, month, quarter or year."))
    if data.target < 0:
        problems.append(FieldProblem("target", "The target cannot be negative."))
    elif data.metric in METRICS and METRICS[data.metric].share and data.target > 1:
        problems.append(FieldProblem("target", "A share is at most 100% (a fraction up to 1)."))
    for m in data.milestones:
        if m.target < 0:
            problems.append(FieldProblem("milestones", "A milestone target cannot be negative."))
            break
    return problems


def list_goals() -> list[GoalData]:
    """Every goal in rank order, with its milestones by date."""
    milestones: dict[int, list[MilestoneData]] = {}
    for m in GoalMilestone.select().order_by(GoalMilestone.due_on, GoalMilestone.id):
        milestones.setdefault(m.goal_id, []).append(MilestoneData(m.target, m.due_on, m.note))
    return [
        GoalData(
            g.title,
            g.metric,
            g.target,
            g.period,
            tuple(milestones.get(g.id, ())),
            g.id,
            g.rank,
            g.tally,
            g.done,
            g.review_on,
        )
        for g in Goal.select().order_by(Goal.rank, Goal.id)
    ]


def load_goal(goal_id: int) -> GoalData:
    """One goal; raises Goal.DoesNotExist when it is gone."""
    Goal.get_by_id(goal_id)
    return next(g for g in list_goals() if g.id == goal_id)


def save_goal(data: GoalData, today: dt.date | None = None) -> int:
    """Create (ranked last) or update a goal and its milestones; returns its id.

    A new goal without a review date is reviewed at the end of the period holding `today`.
    """
    problems = validate_goal(data)
    if problems:
        raise GoalInvalid(problems)
    review_on = data.review_on
    if review_on is None and data.id is None:
        review_on = period_bounds(data.period, today or dt.date.today())[1]
    checked = data.manual and data.done is not None
    values = dict(
        title=data.title.strip(),
        metric=data.metric,
        target=1.0 if checked else data.target,
        period=data.period,
        tally=None if not data.manual or checked else (data.tally or 0.0),
        done=bool(data.done) if checked else None,
    )
    if review_on is not None:
        values["review_on"] = review_on
    with database.atomic():
        if data.id is None:
            last = Goal.select(fn.MAX(Goal.rank)).scalar() or 0
            goal_id = Goal.insert(rank=last + 1, **values).execute()
        else:
            goal_id = data.id
            if not Goal.update(**values).where(Goal.id == goal_id).execute():
                raise GoalInvalid([FieldProblem("id", "This goal no longer exists.")])
            GoalMilestone.delete().where(GoalMilestone.goal == goal_id).execute()
        if data.milestones:
            GoalMilestone.insert_many(
                [
                    dict(goal=goal_id, target=m.target, due_on=m.due_on, note=m.note.strip())
                    for m in data.milestones
                ]
            ).execute()
    return goal_id


def review_due_on(goal: GoalData, today: dt.date) -> dt.date:
    """When the goal is (or was) due for review: review_on, else the end of this period."""
    return goal.review_on or period_bounds(goal.period, today)[1]


def goals_due_for_review(today: dt.date) -> list[GoalData]:
    """The goals whose review date has come, in rank order."""
    return [g for g in list_goals() if review_due_on(g, today) <= today]


def _existing(goal_id: int) -> Goal:
    goal = Goal.get_or_none(Goal.id == goal_id)
    if goal is None:
        raise GoalInvalid([FieldProblem("id", "This goal no longer exists.")])
    return goal


def set_tally(goal_id: int, tally: float) -> None:
    """A manual goal's count so far this period."""
    goal = _existing(goal_id)
    if goal.metric != MANUAL or goal.done is not None:
        raise GoalInvalid([FieldProblem("tally", "Only a goal tallied by hand has a tally.")])
    if tally < 0:
        raise GoalInvalid([FieldProblem("tally", "A tally cannot be negative.")])
    Goal.update(tally=tally).where(Goal.id == goal_id).execute()


def set_done(goal_id: int, done: bool) -> None:
    """Tick (or untick) a manual done/not-done goal."""
    goal = _existing(goal_id)
    if goal.metric != MANUAL or goal.done is None:
        raise GoalInvalid([FieldProblem("done", "Only a done-or-not goal is ticked.")])
    Goal.update(done=bool(done)).where(Goal.id == goal_id).execute()


def review_goal(goal_id: int, note: str, today: dt.date) -> int:
    """Record a review with its note; the next review is at the end of the next period.

    Returns the GoalReview id.
    """
    goal = load_goal(goal_id)
    due = review_due_on(goal, today)
    following = period_bounds(goal.period, max(today, due) + dt.timedelta(days=1))[1]
    with database.atomic():
        review_id = GoalReview.insert(goal=goal_id, on=today, note=" ".join(note.split())).execute()
        Goal.update(review_on=following).where(Goal.id == goal_id).execute()
    return review_id


def review_key(goal: GoalData, today: dt.date) -> str:
    return f"goal-review:{goal.id}:{review_due_on(goal, today).isoformat()}"


def announce_reviews(today: dt.date, now: dt.datetime) -> list[GoalData]:
    """The goals due for review not announced before for this review date, now recorded."""
    due = goals_due_for_review(today)
    return _first_time([(review_key(g, today), g) for g in due], now)


def _first_time(keyed: Iterable[tuple[str, T]], now: dt.datetime) -> list[T]:
    """The things whose key was never announced, now recorded as announced (once ever)."""
    fresh = []
    stamp = now.replace(microsecond=0)
    with database.atomic():
        for key, thing in keyed:
            if Announcement.select().where(Announcement.key == key).exists():
                continue
            Announcement.insert(key=key, announced_at=stamp).on_conflict_ignore().execute()
            fresh.append(thing)
    return fresh


@dataclass(frozen=True)
class ReviewRow:
    on: dt.date
    note: str


def reviews_of(goal_id: int) -> list[ReviewRow]:
    """A goal's reviews, newest first."""
    query = GoalReview.select().where(GoalReview.goal == goal_id)
    return [
        ReviewRow(r.on, r.note) for r in query.order_by(GoalReview.on.desc(), GoalReview.id.desc())
    ]


def delete_goal(goal_id: int) -> None:
    with database.atomic():
        GoalMilestone.delete().where(GoalMilestone.goal == goal_id).execute()
        Goal.delete().where(Goal.id == goal_id).execute()


def reorder_goals(goal_ids: Sequence[int]) -> None:
    """Rank the goals in this order (1, 2, 3…); goals not named keep their relative order after."""
    named = list(dict.fromkeys(goal_ids))
    rest = [g.id for g in Goal.select(Goal.id).order_by(Goal.rank, Goal.id) if g.id not in named]
    with database.atomic():
        for rank, goal_id in enumerate(named + rest, start=1):
            Goal.update(rank=rank).where(Goal.id == goal_id).execute()


def move_goal(goal_id: int, to_index: int) -> list[int]:
    """Move one goal to position `to_index` (0-based) of the ranked list; returns the new order."""
    order = [g.id for g in Goal.select(Goal.id).order_by(Goal.rank, Goal.id)]
    order.remove(goal_id)
    order.insert(max(0, min(to_index, len(order))), goal_id)
    reorder_goals(order)
    return order


# --- progress -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneProgress:
    due_on: dt.date
    target: float
    note: str
    value: float | None  # None while its period has not begun
    reached: bool


@dataclass(frozen=True)
class GoalProgress:
    goal_id: int | None
    title: str
    metric: str
    period: str
    start: dt.date
    end: dt.date
    value: float | None
    target: float
    on_track: bool
    reached: bool
    # (period start, value) for the last HISTORY_PERIODS periods, oldest first, this one last.
    history: tuple[tuple[dt.date, float | None], ...] = ()
    milestones: tuple[MilestoneProgress, ...] = field(default=())
    checked: bool = False  # a manual done/not-done goal
    review_on: dt.date | None = None  # when it is (or was) due for review
    due_for_review: bool = False

    @property
    def text(self) -> str:
        """'3 of 4' / '85% of 90%' / '2 (at most 0)' / 'done' / 'not done yet'."""
        if self.checked:
            return "done" if self.reached else "not done yet"
        m = metric_of(self.metric)
        if m.at_most:
            return f"{m.format(self.value)} (at most {m.format(self.target)})"
        return f"{m.format(self.value)} of {m.format(self.target)}"


def _meets(metric: Metric, value: float | None, target: float) -> bool:
    if value is None:
        return False
    return value <= target if metric.at_most else value >= target


def goal_progress(goal: GoalData, today: dt.date) -> GoalProgress:
    """This period's figure against the target, the last periods, on track, reached.

    A goal tallied by hand has this period's tally (done: 1 of 1) and no history.
    """
    metric = metric_of(goal.metric)
    target = 1.0 if goal.checked else goal.target
    if goal.manual:
        start, end = period_bounds(goal.period, today)
        value = (1.0 if goal.done else 0.0) if goal.checked else float(goal.tally or 0)
        history: tuple[tuple[dt.date, float | None], ...] = ((start, value),)
    else:
        periods = recent_periods(goal.period, today, HISTORY_PERIODS)
        history = tuple((s, metric.measure(s, e, today)) for s, e in periods)
        start, end = periods[-1]
        value = history[-1][1]
    reached = _meets(metric, value, target)
    if value is None or goal.checked:
        on_track = True  # nothing to count yet; done or not has no "behind"
    elif metric.share or metric.at_most:
        on_track = reached
    else:
        elapsed = ((today - start).days + 1) / ((end - start).days + 1)
        on_track = value >= target * elapsed
    milestones = []
    for m in () if goal.manual else goal.milestones:
        m_start = period_bounds(goal.period, m.due_on)[0]
        m_value = None if m_start > today else metric.measure(m_start, min(m.due_on, today), today)
        milestones.append(
            MilestoneProgress(
                m.due_on, m.target, m.note, m_value, _meets(metric, m_value, m.target)
            )
        )
    review = review_due_on(goal, today)
    return GoalProgress(
        goal.id,
        goal.title,
        goal.metric,
        goal.period,
        start,
        end,
        value,
        target,
        on_track,
        reached,
        history,
        tuple(milestones),
        goal.checked,
        review,
        review <= today,
    )


def all_progress(today: dt.date) -> list[GoalProgress]:
    """Progress of every goal, in rank order (what the Goals view shows)."""
    return [goal_progress(g, today) for g in list_goals()]


def reached_key(progress: GoalProgress) -> str:
    return f"goal-reached:{progress.goal_id}:{progress.start.isoformat()}"


def announce_reached(progresses: Iterable[GoalProgress], now: dt.datetime) -> list[GoalProgress]:
    """The goals reached this period and never celebrated before, now recorded as celebrated."""
    reached = [p for p in progresses if p.reached and p.goal_id is not None]
    return _first_time([(reached_key(p), p) for p in reached], now)


def celebration_text(progress: GoalProgress) -> str:
    """'Goal reached: Meet four new people a month (4 of 4)' — plain text."""
    return f"Goal reached: {progress.title} ({progress.text})"


__all__ = [
    "HISTORY_PERIODS",
    "METRICS",
    "GoalData",
    "GoalInvalid",
    "MANUAL",
    "GoalProgress",
    "Metric",
    "MilestoneData",
    "MilestoneProgress",
    "all_progress",
    "announce_reached",
    "celebration_text",
    "delete_goal",
    "goal_progress",
    "list_goals",
    "load_goal",
    "measure",
    "metric_of",
    "move_goal",
    "period_bounds",
    "period_label",
    "recent_periods",
    "reorder_goals",
    "save_goal",
    "validate_goal",
]
