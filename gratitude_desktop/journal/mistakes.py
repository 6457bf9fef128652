"""Admit mistakes: what went wrong, the apology, how we made it right (docs/DESIGN.md rule 8)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from gratitude_desktop.journal.contacts import FieldProblem
from gratitude_desktop.journal.interactions import InteractionData
from gratitude_desktop.journal.outreach import default_moment, log_outreach
from gratitude_desktop.journal.promises import PromiseData, save_promise
from gratitude_desktop.store.enums import Channel, Direction, Purpose
from gratitude_desktop.store.models import database


class MistakeInvalid(ValueError):
    """Nothing was logged; `problems` names the fields and says why."""

    def __init__(self, problems: list[FieldProblem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


@dataclass(frozen=True)
class MistakeLogged:
    interaction_id: int
    promise_id: int | None


def log_mistake(
    contact_id: int,
    what_went_wrong: str,
    apology: str,
    made_whole: str,
    promise_what: str | None = None,
    promise_due: dt.date | None = None,
    *,
    today: dt.date,
    at: dt.datetime | None = None,
    channel: str = Channel.CALL.value,
    reason: str | None = None,
    confirmed: Collection[str] = (),
) -> MistakeLogged:
    """Log an apology interaction for a mistake, with an optional promise we now owe them."""
    what_went_wrong = (what_went_wrong or "").strip()
    apology = (apology or "").strip()
    made_whole = (made_whole or "").strip()
    problems = []
    if not what_went_wrong:
        problems.append(FieldProblem("what_went_wrong", "Say what went wrong."))
    if not apology:
        problems.append(FieldProblem("apology", "Write down the apology you gave."))
    if promise_due is not None and not (promise_what or "").strip():
        problems.append(FieldProblem("promise_what", "Say what you promised."))
    if problems:
        raise MistakeInvalid(problems)
    notes = [f"What went wrong: {what_went_wrong}", f"Apology: {apology}"]
    if made_whole:
        notes.append(f"Made whole: {made_whole}")
    data = InteractionData(
        contact_id=contact_id,
        at=default_moment(today, at),
        channel=channel,
        direction=Direction.OUTBOUND.value,
        purpose=Purpose.APOLOGY.value,
        summary=f"Apologised: {what_went_wrong}",
        notes="\n".join(notes),
    )
    with database.atomic():
        interaction_id = log_outreach(data, today=today, reason=reason, confirmed=confirmed)
        promise_id = None
        if (promise_what or "").strip():
            promise_id = save_promise(
                PromiseData(contact_id, promise_what, due_on=promise_due, made_on=today),
                today,
            )
    return MistakeLogged(interaction_id, promise_id)
