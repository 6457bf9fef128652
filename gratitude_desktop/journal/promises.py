"""Promises both ways: add, edit, keep, release, break, "can't keep it", nudge, group.

Long because every verb of a promise, both ways, shares its checks and its lists.

Choices made here (docs/DESIGN.md rule 3):
- Keeping a promise logs it on the timeline: a follow-up "Kept: <what>" — outbound when we
  kept ours, inbound when they kept theirs. Ours goes through the outreach guard.
- "Can't keep it" (something beyond our control) marks the promise released with the reason
  in blocked_reason, and opens a NEW we-owe promise "Tell <name> why: <reason>" due today.
  A promise (not an interaction's next-step date) because it shows in the Promises view and
  on the agenda until it is kept, and it can itself be kept with one action: never silence.
- Breaking a promise we made returns a suggested apology (an InteractionData the caller may
  log with outreach.log_outreach); nothing is logged unless the user says yes.
- A nudge is only for an open promise owed to us that is overdue (due before today); it logs
  an outbound follow-up "Polite nudge: <what>" through the outreach guard and is remembered
  on the promise (nudged_on, nudges): the agenda rests it for 7 days (AGENDA.md). Before
  nudging again within those days, or a third time, `nudge_question` says what to ask
  (a third nudge suggests releasing the promise instead).
- "Apologise and set a new date" (a promise we broke): logs the apology through the guard
  and opens a new promise with the new date that `replaces` the broken one, which stays.
- Groups for the Promises view, for open promises of live contacts:
  overdue (we owe, due before today), due this week (we owe, due today … today + 6 days),
  later (we owe, due after that, or no due date), owed to us (they owe, any due date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from peewee import Case, fn

from gratitude_desktop.journal.contacts import FieldProblem
from gratitude_desktop.journal.interactions import (
    InteractionData,
    save_interaction,
)
from gratitude_desktop.journal.outreach import (
    default_moment,
    log_outreach,
    preferred_channel,
)
from gratitude_desktop.store.enums import (
    Channel,
    Direction,
    PromiseDirection,
    PromiseStatus,
    Purpose,
)
from gratitude_desktop.store.models import Contact, Promise, database

OVERDUE = "overdue"
DUE_THIS_WEEK = "due this week"
LATER = "later"
OWED_TO_US = "owed to us"
DONE = "done"
GROUPS: tuple[str, ...] = (OVERDUE, DUE_THIS_WEEK, LATER, OWED_TO_US)
# The view may also list closed promises (kept, released, broken) in a fifth group, last.
VIEW_GROUPS: tuple[str, ...] = (*GROUPS, DONE)
WEEK_DAYS = 7


class PromiseInvalid(ValueError):
    """The promise was not saved or changed; `problems` names the fields and says why."""

    def __init__(self, problems: list[FieldProblem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


@dataclass
class PromiseData:
    """One promise, as plain values."""

    contact_id: int
    what: str
    direction: str = PromiseDirection.WE_OWE.value
    made_on: dt.date | None = None  # None: today, when added
    due_on: dt.date | None = None
    status: str = PromiseStatus.OPEN.value
    blocked_reason: str = ""
    done_on: dt.date | None = None
    id: int | None = None
    nudged_on: dt.date | None = None
    nudges: int = 0
    replaces_id: int | None = None


@dataclass(frozen=True)
class PromiseRow:
    """A promise as lists show it, with its contact's name and its group."""

    id: int
    contact_id: int
    contact_name: str
    direction: str
    what: str
    made_on: dt.date
    due_on: dt.date | None
    status: str
    blocked_reason: str
    done_on: dt.date | None
    do_not_contact: bool
    group: str  # one of GROUPS for an open promise, DONE otherwise
    nudged_on: dt.date | None = None
    nudges: int = 0
    replaces_id: int | None = None

    @property
    def nudged_text(self) -> str:
        """'' / 'nudged once, on 2026-11-20' / 'nudged 3 times, last on 2026-11-20'."""
        if not self.nudges or self.nudged_on is None:
            return ""
        if self.nudges == 1:
            return f"nudged once, on {self.nudged_on.isoformat()}"
        return f"nudged {self.nudges} times, last on {self.nudged_on.isoformat()}"

    @property
    def we_owe(self) -> bool:
        return self.direction == PromiseDirection.WE_OWE

    def days_overdue(self, today: dt.date) -> int:
        return (today - self.due_on).days if self.due_on and self.due_on < today else 0


@dataclass(frozen=True)
class ApologySuggestion:
    """What breaking a promise proposes: log this apology (or not — the user decides)."""

    question: str
    interaction: InteractionData


# -- add, edit, read ---------------------------------------------------------------------


def validate_promise(data: PromiseData) -> list[FieldProblem]:
    problems = []
    if not (data.what or "").strip():
        problems.append(FieldProblem("what", "Say what was promised."))
    if data.direction not in set(PromiseDirection):
        problems.append(FieldProblem("direction", f"“{data.direction}” is not a direction."))
    if data.status not in set(PromiseStatus):
        problems.append(FieldProblem("status", f"“{data.status}” is not a status."))
    if data.made_on and data.due_on and data.due_on < data.made_on:
        problems.append(FieldProblem("due_on", "It cannot fall due before it was made."))
    if not Contact.select().where(Contact.id == data.contact_id).exists():
        problems.append(FieldProblem("contact", "The contact is not in the journal."))
    return problems


def save_promise(data: PromiseData, today: dt.date) -> int:
    """Add a promise (made today unless said otherwise) or save an edited one; returns its id."""
    if data.made_on is None:
        data = PromiseData(**{**data.__dict__, "made_on": today})
    problems = validate_promise(data)
    if problems:
        raise PromiseInvalid(problems)
    values = dict(
        contact=data.contact_id,
        direction=data.direction,
        what=" ".join(data.what.split()),
        made_on=data.made_on,
        due_on=data.due_on,
        status=data.status,
        blocked_reason=(data.blocked_reason or "").strip() or None,
        done_on=data.done_on,
    )
    with database.atomic():
        if data.id is None:
            return Promise.insert(**values).execute()
        if not Promise.update(**values).where(Promise.id == data.id).execute():
            raise PromiseInvalid([FieldProblem("id", "This promise no longer exists.")])
        return data.id


def add_promise(
    contact_id: int,
    what: str,
    today: dt.date,
    *,
    direction: str = PromiseDirection.WE_OWE.value,
    due_on: dt.date | None = None,
) -> int:
    """Quick add ("I promised to…" / "They promised to…"); returns the new promise's id."""
    return save_promise(PromiseData(contact_id, what, direction, due_on=due_on), today)


def log_with_promises(
    data: InteractionData,
    promises: Iterable[tuple[str, str, dt.date | None]],
    today: dt.date,
    *,
    reason: str | None = None,
    confirmed: Collection[str] = (),
) -> int:
    """Log an interaction (log_outreach) and the promises made in it, all or nothing.

    `promises` holds (direction, what, due on) for the interaction's contact. Raises what
    log_outreach and add_promise raise; then nothing is written. Returns the interaction's id.
    """
    with database.atomic():
        interaction_id = log_outreach(data, today=today, reason=reason, confirmed=confirmed)
        for direction, what, due_on in promises:
            add_promise(data.contact_id, what, today, direction=direction, due_on=due_on)
    return interaction_id


def edit_promise(data: PromiseData, today: dt.date) -> int:
    if data.id is None:
        raise PromiseInvalid([FieldProblem("id", "Only a saved promise can be edited.")])
    return save_promise(data, today)


def delete_promise(promise_id: int) -> None:
    Promise.delete().where(Promise.id == promise_id).execute()


def load_promise(promise_id: int) -> PromiseData:
    """One promise; raises Promise.DoesNotExist when it is gone."""
    p = Promise.get_by_id(promise_id)
    return PromiseData(
        contact_id=p.contact_id,
        what=p.what,
        direction=p.direction,
        made_on=p.made_on,
        due_on=p.due_on,
        status=p.status,
        blocked_reason=p.blocked_reason or "",
        done_on=p.done_on,
        id=p.id,
        nudged_on=p.nudged_on,
        nudges=p.nudges,
        replaces_id=p.replaces_id,
    )


def _group_case(today: dt.date):
    week_end = today + dt.timedelta(days=WEEK_DAYS - 1)
    return Case(
        None,
        [
            (Promise.status != PromiseStatus.OPEN, 4),
            (Promise.direction == PromiseDirection.THEY_OWE, 3),
            (Promise.due_on.is_null(True), 2),
            (Promise.due_on < today, 0),
            (Promise.due_on <= week_end, 1),
        ],
        2,
    )


SORT_KEYS = ("due", "contact", "what", "made")


def _query(today: dt.date, text: str = ""):
    rank = _group_case(today)
    query = (
        Promise.select(
            Promise, Contact.id, Contact.display_name, Contact.dnc_channels, rank.alias("rank")
        )
        .join(Contact)
        .where(Contact.trashed_at.is_null(True))
    )
    text = " ".join((text or "").split())
    if text:
        query = query.where(Promise.what.contains(text) | Contact.display_name.contains(text))
    return query, rank


def _rows(query) -> list[PromiseRow]:
    rows = []
    for p in query:
        rank = p.rank
        rows.append(
            PromiseRow(
                id=p.id,
                contact_id=p.contact_id,
                contact_name=p.contact.display_name,
                direction=p.direction,
                what=p.what,
                made_on=p.made_on,
                due_on=p.due_on,
                status=p.status,
                blocked_reason=p.blocked_reason or "",
                done_on=p.done_on,
                do_not_contact=bool(p.contact.dnc_channels),
                group=VIEW_GROUPS[rank],
                nudged_on=p.nudged_on,
                nudges=p.nudges,
                replaces_id=p.replaces_id,
            )
        )
    return rows


def open_promises(
    today: dt.date,
    text: str = "",
    *,
    sort: str = "due",
    descending: bool = False,
    offset: int = 0,
    limit: int | None = None,
    include_done: bool = False,
) -> list[PromiseRow]:
    """Open promises of live contacts in view order: by group, then by `sort` within it.

    `text` narrows to promises whose what or contact name contains it; `sort` is one of
    SORT_KEYS. Paged with offset/limit for the Promises view. With `include_done`, the
    kept, released and broken ones follow in the DONE group, most recently closed first.
    """
    if sort not in SORT_KEYS:
        raise ValueError(f"sort must be one of {SORT_KEYS}")
    query, rank = _query(today, text)
    if not include_done:
        query = query.where(Promise.status == PromiseStatus.OPEN)
    closed_first = Case(None, [(Promise.status != PromiseStatus.OPEN, Promise.done_on)], None)
    column = {
        "due": Promise.due_on,
        "contact": Contact.sort_key,
        "what": Promise.what,
        "made": Promise.made_on,
    }[sort]
    key = column.desc(nulls="LAST") if descending else column.asc(nulls="LAST")
    query = query.order_by(
        rank, closed_first.desc(nulls="LAST"), key, Promise.due_on.asc(nulls="LAST"), Promise.id
    )
    query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return _rows(query)


def count_open_by_group(
    today: dt.date, text: str = "", *, include_done: bool = False
) -> dict[str, int]:
    """How many open promises each group holds (every group present, maybe 0).

    With `include_done`, DONE counts the kept, released and broken ones too.
    """
    query, rank = _query(today, text)
    query = query.select(rank.alias("rank"), fn.count(Promise.id))
    if not include_done:
        query = query.where(Promise.status == PromiseStatus.OPEN)
    counts = dict.fromkeys(VIEW_GROUPS if include_done else GROUPS, 0)
    for r, n in query.group_by(rank).tuples():
        counts[VIEW_GROUPS[r]] = n
    return counts


def group_promises(today: dt.date, text: str = "") -> dict[str, list[PromiseRow]]:
    """All open promises in the four groups of the Promises view (keys in GROUPS order)."""
    groups: dict[str, list[PromiseRow]] = {g: [] for g in GROUPS}
    for row in open_promises(today, text):
        groups[row.group].append(row)
    return groups


def promises_of(contact_id: int, today: dt.date, status: str | None = None) -> list[PromiseRow]:
    """One contact's promises both ways: open first (by due date), then the rest newest first."""
    query, _rank = _query(today)
    query = query.where(Promise.contact == contact_id)
    if status is not None:
        query = query.where(Promise.status == status)
    rows = _rows(query.order_by(Promise.due_on.asc(nulls="LAST"), Promise.id))
    open_rows = [r for r in rows if r.status == PromiseStatus.OPEN]
    done = [r for r in rows if r.status != PromiseStatus.OPEN]
    done.sort(key=lambda r: (r.done_on or r.made_on, r.id), reverse=True)
    return open_rows + done


def all_promises(today: dt.date, status: str | None = None) -> list[PromiseRow]:
    """Every promise of live contacts (optionally of one status), by due date."""
    query, _rank = _query(today)
    if status is not None:
        query = query.where(Promise.status == status)
    return _rows(query.order_by(Promise.due_on.asc(nulls="LAST"), Promise.id))


# -- what happens to a promise -----------------------------------------------------------


def _open_promise(promise_id: int) -> Promise:
    p = Promise.get_or_none(Promise.id == promise_id)
    if p is None:
        raise PromiseInvalid([FieldProblem("id", "This promise no longer exists.")])
    if p.status != PromiseStatus.OPEN:
        raise PromiseInvalid(
            [FieldProblem("status", f"This promise is already {p.status}, not open.")]
        )
    return p


def _close(promise_id: int, status: str, today: dt.date, blocked_reason: str | None = None):
    values = dict(status=status, done_on=today)
    if blocked_reason is not None:
        values["blocked_reason"] = blocked_reason
    Promise.update(**values).where(Promise.id == promise_id).execute()


def mark_kept(
    promise_id: int,
    today: dt.date,
    *,
    at: dt.datetime | None = None,
    channel: str | None = None,
    reason: str | None = None,
    confirmed: Collection[str] = (),
) -> int:
    """Mark an open promise kept and log "Kept: <what>" on the timeline; returns that entry's id.

    Ours is logged as outbound outreach (the guard applies: a do-not-contact channel needs a
    `reason`, else OutreachRefused and nothing changes); theirs as inbound.
    """
    p = _open_promise(promise_id)
    we_owe = p.direction == PromiseDirection.WE_OWE
    data = InteractionData(
        contact_id=p.contact_id,
        at=default_moment(today, at),
        channel=channel or (preferred_channel(p.contact_id) if we_owe else Channel.EMAIL.value),
        direction=Direction.OUTBOUND.value if we_owe else Direction.INBOUND.value,
        purpose=Purpose.FOLLOW_UP.value,
        summary=f"Kept: {p.what}",
    )
    with database.atomic():
        if we_owe:
            interaction_id = log_outreach(data, today=today, reason=reason, confirmed=confirmed)
        else:
            interaction_id = save_interaction(data)
        _close(promise_id, PromiseStatus.KEPT, today)
    return interaction_id


def release(promise_id: int, today: dt.date) -> None:
    """The person let us (or them) off the promise."""
    _open_promise(promise_id)
    _close(promise_id, PromiseStatus.RELEASED, today)


def reopen(promise_id: int, *, clear_blocked_reason: bool = False) -> None:
    """Undo kept / released / broken / can't keep: the promise is open again.

    What was logged on the timeline meanwhile stays: the caller removes it if it undoes that
    too (journal.interactions.delete_interaction). The blocked reason stays as history unless
    `clear_blocked_reason`.
    """
    p = Promise.get_or_none(Promise.id == promise_id)
    if p is None:
        raise PromiseInvalid([FieldProblem("id", "This promise no longer exists.")])
    values = dict(status=PromiseStatus.OPEN, done_on=None)
    if clear_blocked_reason:
        values["blocked_reason"] = None
    Promise.update(**values).where(Promise.id == promise_id).execute()


def break_promise(promise_id: int, today: dt.date) -> ApologySuggestion | None:
    """Mark an open promise broken. For one we made, returns the apology to propose."""
    p = _open_promise(promise_id)
    _close(promise_id, PromiseStatus.BROKEN, today)
    if p.direction != PromiseDirection.WE_OWE:
        return None
    name = p.contact.display_name
    return ApologySuggestion(
        question=f"Log an apology to {name} for not keeping “{p.what}”?",
        interaction=InteractionData(
            contact_id=p.contact_id,
            at=default_moment(today),
            channel=preferred_channel(p.contact_id),
            direction=Direction.OUTBOUND.value,
            purpose=Purpose.APOLOGY.value,
            summary=f"Apologised for not keeping my promise: {p.what}",
        ),
    )


@dataclass(frozen=True)
class Redated:
    """What "Apologise and set a new date" wrote (the window's undo takes it back)."""

    broken_id: int
    apology_id: int
    new_id: int


def apologise_and_redate(
    promise_id: int,
    new_due_on: dt.date,
    today: dt.date,
    *,
    at: dt.datetime | None = None,
    reason: str | None = None,
    confirmed: Collection[str] = (),
) -> Redated:
    """A promise we broke: log the apology (through the outreach guard) and promise again.

    The promise (open, or already broken) is marked broken and stays in the history; a new
    open promise with the same words, made today and due `new_due_on`, replaces it. Nothing
    is written when the guard refuses (OutreachRefused) or the date is before today.
    """
    p = Promise.get_or_none(Promise.id == promise_id)
    if p is None:
        raise PromiseInvalid([FieldProblem("id", "This promise no longer exists.")])
    if p.direction != PromiseDirection.WE_OWE:
        raise PromiseInvalid([FieldProblem("direction", "Only a promise we made is re-dated.")])
    if p.status not in (PromiseStatus.OPEN, PromiseStatus.BROKEN):
        raise PromiseInvalid([FieldProblem("status", f"This promise is {p.status}.")])
    if new_due_on < today:
        raise PromiseInvalid([FieldProblem("due_on", "The new date cannot be in the past.")])
    was_open = p.status == PromiseStatus.OPEN
    apology = InteractionData(
        contact_id=p.contact_id,
        at=default_moment(today, at),
        channel=preferred_channel(p.contact_id),
        direction=Direction.OUTBOUND.value,
        purpose=Purpose.APOLOGY.value,
        summary=f"Apologised for not keeping my promise: {p.what}; "
        f"promised it again for {new_due_on.isoformat()}",
    )
    with database.atomic():
        if was_open:
            _close(promise_id, PromiseStatus.BROKEN, today)
        apology_id = log_outreach(apology, today=today, reason=reason, confirmed=confirmed)
        new_id = Promise.insert(
            contact=p.contact_id,
            direction=PromiseDirection.WE_OWE.value,
            what=p.what,
            made_on=today,
            due_on=new_due_on,
            status=PromiseStatus.OPEN.value,
            replaces=promise_id,
        ).execute()
    return Redated(promise_id, apology_id, new_id)


def cant_keep(promise_id: int, reason: str, today: dt.date) -> int:
    """We cannot keep it through no fault of ours: record why, and open a promise to tell them.

    Returns the id of the new "Tell <name> why: <reason>" promise, due today.
    """
    reason = " ".join((reason or "").split())
    if not reason:
        raise PromiseInvalid([FieldProblem("blocked_reason", "Say what stands in the way.")])
    p = _open_promise(promise_id)
    if p.direction != PromiseDirection.WE_OWE:
        raise PromiseInvalid(
            [FieldProblem("direction", "Only a promise we made can be one we can't keep.")]
        )
    name = p.contact.display_name
    with database.atomic():
        _close(promise_id, PromiseStatus.RELEASED, today, blocked_reason=reason)
        return save_promise(
            PromiseData(
                contact_id=p.contact_id,
                what=f"Tell {name} why: {reason}",
                made_on=today,
                due_on=today,
            ),
            today,
        )


def can_nudge(row: PromiseRow | PromiseData, today: dt.date) -> bool:
    """An open promise owed to us that is overdue may be nudged."""
    return (
        row.direction == PromiseDirection.THEY_OWE
        and row.status == PromiseStatus.OPEN
        and row.due_on is not None
        and row.due_on < today
    )


NUDGE_REST_DAYS = 7  # AGENDA.md: a promise owed to us rests this long after a nudge
NUDGES_BEFORE_RELEASE = 2  # the next nudge asks whether to release the promise instead


@dataclass(frozen=True)
class NudgeQuestion:
    """What to ask before a nudge that may pester: too soon after the last, or a third one."""

    text: str
    suggest_release: bool  # a third nudge: "release it instead" is the suggested answer


def nudge_question(promise_id: int, today: dt.date) -> NudgeQuestion | None:
    """None when a nudge may simply be sent; otherwise the question to ask first."""
    p = _open_promise(promise_id)
    name = p.contact.display_name
    if p.nudges >= NUDGES_BEFORE_RELEASE:
        return NudgeQuestion(
            f"You have nudged {name} {p.nudges} times about “{p.what}”, last on "
            f"{p.nudged_on.isoformat() if p.nudged_on else 'an unknown day'}. "
            "Release them from the promise instead of nudging again?",
            suggest_release=True,
        )
    if p.nudged_on is not None and (today - p.nudged_on).days < NUDGE_REST_DAYS:
        ago = (today - p.nudged_on).days
        when = "today" if ago == 0 else ("yesterday" if ago == 1 else f"{ago} days ago")
        return NudgeQuestion(
            f"You nudged {name} about “{p.what}” {when} ({p.nudged_on.isoformat()}). "
            "Give them a week to answer. Nudge again anyway?",
            suggest_release=False,
        )
    return None


def nudge(
    promise_id: int,
    today: dt.date,
    *,
    at: dt.datetime | None = None,
    channel: str | None = None,
    reason: str | None = None,
    confirmed: Collection[str] = (),
) -> int:
    """One call: log an outbound "Polite nudge: <what>" for an overdue promise owed to us.

    Returns the logged interaction's id; the promise remembers the nudge (nudged_on, nudges).
    The outreach guard applies (OutreachRefused). Callers ask `nudge_question` first.
    """
    p = _open_promise(promise_id)
    if p.direction != PromiseDirection.THEY_OWE:
        raise PromiseInvalid([FieldProblem("direction", "Only a promise owed to us is nudged.")])
    if p.due_on is None or p.due_on >= today:
        raise PromiseInvalid(
            [FieldProblem("due_on", "It is not overdue yet: give them until it falls due.")]
        )
    data = InteractionData(
        contact_id=p.contact_id,
        at=default_moment(today, at),
        channel=channel or preferred_channel(p.contact_id),
        direction=Direction.OUTBOUND.value,
        purpose=Purpose.FOLLOW_UP.value,
        summary=f"Polite nudge: {p.what}",
    )
    with database.atomic():
        logged = log_outreach(data, today=today, reason=reason, confirmed=confirmed)
        Promise.update(nudged_on=today, nudges=Promise.nudges + 1).where(
            Promise.id == promise_id
        ).execute()
    return logged
