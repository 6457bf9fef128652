"""The timeline: log, edit and delete interactions, keeping each contact's last touch current."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from peewee import SQL

from gratitude_desktop.journal.contacts import FieldProblem
from gratitude_desktop.journal.history import ALL, interaction_filter
from gratitude_desktop.store.enums import Channel, Direction, Purpose
from gratitude_desktop.store.models import Captured, Contact, Interaction, database
from gratitude_desktop.store.search import folded_words, holds_words

GREETING_PURPOSES = frozenset({Purpose.GREETING, Purpose.THANK_YOU})


@dataclass
class InteractionData:
    """One entry on a contact's timeline, as plain values."""

    contact_id: int
    at: dt.datetime
    channel: str = Channel.CALL.value
    direction: str = Direction.OUTBOUND.value
    purpose: str = Purpose.FOLLOW_UP.value
    summary: str = ""
    notes: str = ""
    next_step_on: dt.date | None = None
    offering_id: int | None = None
    override_reason: str = ""
    id: int | None = None


class InteractionInvalid(ValueError):
    """The interaction was not saved; `problems` names the fields."""

    def __init__(self, problems: list[FieldProblem]):
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


def validate(data: InteractionData) -> list[FieldProblem]:
    problems = []
    if data.at is None:
        problems.append(FieldProblem("at", "Say when it happened."))
    if data.channel not in set(Channel):
        problems.append(FieldProblem("channel", f"“{data.channel}” is not a channel."))
    if data.direction not in set(Direction):
        problems.append(FieldProblem("direction", f"“{data.direction}” is not a direction."))
    if data.purpose not in set(Purpose):
        problems.append(FieldProblem("purpose", f"“{data.purpose}” is not a purpose."))
    if data.purpose in GREETING_PURPOSES and data.offering_id is not None:
        problems.append(FieldProblem("offering", "A greeting or thank-you never carries an offer."))
    if not Contact.select().where(Contact.id == data.contact_id).exists():
        problems.append(FieldProblem("contact", "The contact is not in the journal."))
    return problems


def _touch_values() -> dict:
    """Contact columns derived from the timeline: last touch and the latest next step."""
    latest = Interaction.select(SQL("date(max(at))")).where(Interaction.contact == Contact.id)
    step = (
        Interaction.select(Interaction.next_step_on)
        .where(Interaction.contact == Contact.id)
        .order_by(Interaction.at.desc(), Interaction.id.desc())
        .limit(1)
    )
    return {Contact.last_interaction_on: latest, Contact.next_step_on: step}


def refresh_last_touch(contact_ids: Iterable[int]) -> None:
    """Recompute each contact's last touch and latest next step from its timeline."""
    ids = list(dict.fromkeys(contact_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        Contact.update(_touch_values()).where(Contact.id.in_(chunk)).execute()


def refresh_all_last_touch() -> None:
    """The same for every contact at once (after bulk writes that bypassed the journal)."""
    Contact.update(_touch_values()).execute()


def _row(data: InteractionData) -> dict:
    return dict(
        contact=data.contact_id,
        at=data.at.replace(microsecond=0),
        channel=data.channel,
        direction=data.direction,
        purpose=data.purpose,
        summary=(data.summary or "").strip(),
        notes=(data.notes or "").strip(),
        next_step_on=data.next_step_on,
        offering=data.offering_id,
        override_reason=(data.override_reason or "").strip() or None,
    )


def save_interaction(data: InteractionData) -> int:
    """Log a new interaction or save an edited one; returns its id."""
    problems = validate(data)
    if problems:
        raise InteractionInvalid(problems)
    with database.atomic():
        touched = {data.contact_id}
        if data.id is None:
            interaction_id = Interaction.insert(**_row(data)).execute()
        else:
            interaction_id = data.id
            old = Interaction.get_by_id(data.id)
            touched.add(old.contact_id)
            Interaction.update(**_row(data)).where(Interaction.id == data.id).execute()
        refresh_last_touch(touched)
    return interaction_id


def delete_interaction(interaction_id: int) -> None:
    with database.atomic():
        row = Interaction.get_or_none(Interaction.id == interaction_id)
        if row is None:
            return
        row.delete_instance()
        refresh_last_touch([row.contact_id])


def _data(row: Interaction) -> InteractionData:
    return InteractionData(
        id=row.id,
        contact_id=row.contact_id,
        at=row.at,
        channel=row.channel,
        direction=row.direction,
        purpose=row.purpose,
        summary=row.summary,
        notes=row.notes,
        next_step_on=row.next_step_on,
        offering_id=row.offering_id,
        override_reason=row.override_reason or "",
    )


def load_interaction(interaction_id: int) -> InteractionData:
    return _data(Interaction.get_by_id(interaction_id))


def _where(contact_id: int, kind: str, hide_captured: bool):
    """The contact's interactions of `kind` (journal.history.KINDS), without what capture
    logged if asked."""
    where = Interaction.contact == contact_id
    if hide_captured:
        captured = Captured.select(Captured.interaction).where(Captured.contact == contact_id)
        where &= Interaction.id.not_in(captured)
    shown = interaction_filter(kind)
    if shown is False:  # an event kind (promises, referrals…): no interaction
        return SQL("0")
    if shown is not None:
        where &= shown
    return where


_NEWEST_FIRST = (Interaction.at.desc(), Interaction.id.desc())


def _holding(contact_id: int, words: str, kind: str, hide_captured: bool) -> list[int]:
    """The ids of the contact's interactions holding every typed word, newest first.

    Looked for in the contact's own rows, not the journal's word index: a word in a
    million interactions made the index read a million entries (0.3 s) for a contact
    that has a thousand (bench/run.py, "timeline search").
    """
    typed = folded_words(words)
    rows = (
        Interaction.select(Interaction.id, Interaction.summary, Interaction.notes)
        .where(_where(contact_id, kind, hide_captured))
        .order_by(*_NEWEST_FIRST)
        .tuples()
    )
    return [iid for iid, summary, notes in rows if holds_words(f"{summary} {notes}", typed)]


def timeline(
    contact_id: int,
    limit: int | None = None,
    offset: int = 0,
    words: str = "",
    kind: str = ALL,
    *,
    hide_captured: bool = False,
) -> list[InteractionData]:
    """The contact's interactions, newest first; only those of `kind` holding `words`
    (and without what capture logged, if asked)."""
    query = Interaction.select().order_by(*_NEWEST_FIRST)
    if words.strip():
        ids = _holding(contact_id, words, kind, hide_captured)
        ids = ids[offset:] if limit is None else ids[offset : offset + limit]
        return [_data(row) for row in query.where(Interaction.id.in_(ids))]
    query = query.where(_where(contact_id, kind, hide_captured)).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [_data(row) for row in query]


def timeline_count(
    contact_id: int, words: str = "", kind: str = ALL, *, hide_captured: bool = False
) -> int:
    if words.strip():
        return len(_holding(contact_id, words, kind, hide_captured))
    return Interaction.select().where(_where(contact_id, kind, hide_captured)).count()
