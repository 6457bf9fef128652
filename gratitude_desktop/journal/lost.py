"""Lost customers: ask why, don't woo them (docs/DESIGN.md rule 7).

Choice: mark_lost does not create a promise. It returns a ListeningProposal (what to ask,
by when: three days on) for the page to show, and the conversation is scheduled by the
agenda's `ask-why-lost` item (docs/AGENDA.md), which stays until a conversation is logged on or
after the lost date (an offer, a card, a thank-you or a referral is not asking why). A promise as well would put the same conversation on the agenda twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, replace

from gratitude_desktop.journal.contacts import FieldProblem, load_contact, save_contact
from gratitude_desktop.journal.interactions import InteractionData
from gratitude_desktop.journal.outreach import default_moment, log_outreach
from gratitude_desktop.store.enums import Channel, Direction, LostReason, Purpose, Stage
from gratitude_desktop.store.models import Contact

LISTEN_WITHIN_DAYS = 3


class LostInvalid(ValueError):
    """Nothing was changed; `problems` names the fields and says why."""

    def __init__(self, problems: list[FieldProblem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


@dataclass(frozen=True)
class ListeningProposal:
    """The one listening conversation marking a customer lost proposes."""

    contact_id: int
    what: str  # "Ask <name> what went wrong (listen, don't sell)"
    due_on: dt.date
    purpose: str = Purpose.FEEDBACK.value


# Only someone who bought can be lost; a lost customer already is.
_CAN_BE_LOST = (Stage.CUSTOMER.value, Stage.CLIENT.value)


def can_be_lost(contact_id: int | None) -> bool:
    """May this contact be marked a lost customer? Only a customer or a client may."""
    if contact_id is None:
        return False
    stage = Contact.select(Contact.stage).where(Contact.id == contact_id).scalar()
    return stage in _CAN_BE_LOST


def mark_lost(
    contact_id: int, since: dt.date, reason: str, note: str, today: dt.date
) -> ListeningProposal:
    """Mark the contact a lost customer (since, reason, note) and propose one listening talk.

    Only a customer or a client can be lost (can_be_lost); anyone else is refused.
    """
    if reason not in set(LostReason):
        choices = ", ".join(r.value.replace("-", " ") for r in LostReason)
        raise LostInvalid([FieldProblem("lost_reason", f"Choose a reason: {choices}.")])
    if since is None:
        raise LostInvalid([FieldProblem("lost_since", "Say since when they are lost.")])
    if not Contact.select().where(Contact.id == contact_id).exists():
        raise LostInvalid([FieldProblem("contact", "The contact is not in the journal.")])
    data = load_contact(contact_id)
    if data.stage not in _CAN_BE_LOST:
        raise LostInvalid([FieldProblem("stage", "Only a customer or a client can be lost.")])
    save_contact(
        replace(
            data,
            stage=Stage.LOST_CUSTOMER.value,
            lost_since=since,
            lost_reason=reason,
            lost_note=note or "",
        )
    )
    return ListeningProposal(
        contact_id=contact_id,
        what=f"Ask {data.display_name} what went wrong (listen, don't sell)",
        due_on=today + dt.timedelta(days=LISTEN_WITHIN_DAYS),
    )


def log_listening(
    contact_id: int,
    learned: str,
    today: dt.date,
    *,
    at: dt.datetime | None = None,
    channel: str = Channel.CALL.value,
    direction: str = Direction.OUTBOUND.value,
    reason: str | None = None,
    confirmed: Collection[str] = (),
) -> int:
    """Record the listening conversation: a feedback interaction saying what was learned."""
    learned = (learned or "").strip()
    if not learned:
        raise LostInvalid([FieldProblem("learned", "Write down what you learned.")])
    data = InteractionData(
        contact_id=contact_id,
        at=default_moment(today, at),
        channel=channel,
        direction=direction,
        purpose=Purpose.FEEDBACK.value,
        summary="Asked what went wrong and listened",
        notes=f"What we learned: {learned}",
    )
    return log_outreach(data, today=today, reason=reason, confirmed=confirmed)
