"""Referrals both ways: received (who sent whom to us) and given (whom we sent to a partner).

In the store (ARCHIVE.md) None in `by` or `to` means "us": received = by a contact, to None;
given = by None, to a partner. Choices:
- Recording a referral received sets the referred person's "referred by" when it is empty
  (the first referrer keeps the credit; a later one is still listed in their referrals).
- Thanking logs a thank-you interaction to the referrer through the outreach guard (a
  thank-you never carries an offering) and sets thanked_on.
- The unthanked list leaves out referrers with do-not-contact on all channels: a thank-you
  to someone who asked for no contact at all is not proposed. A partial do-not-contact
  still gets one, on a channel they allow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, replace

from peewee import JOIN, fn

from gratitude_desktop.journal.ask_around import out_of_reach
from gratitude_desktop.journal.contacts import FieldProblem, load_contact, save_contact
from gratitude_desktop.journal.interactions import InteractionData
from gratitude_desktop.journal.outreach import (
    allowed_channels,
    default_moment,
    log_outreach,
    preferred_channel,
)
from gratitude_desktop.store.enums import Direction, DncChannel, Purpose
from gratitude_desktop.store.models import Contact, ContactMethod, Referral, database

RECEIVED = "received"
GIVEN = "given"


class ReferralInvalid(ValueError):
    """The referral was not saved or changed; `problems` names the fields and says why."""

    def __init__(self, problems: list[FieldProblem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


@dataclass(frozen=True)
class ReferralRow:
    """One referral with the names of everyone in it (None id / "" name means us)."""

    id: int
    direction: str  # RECEIVED or GIVEN
    by_id: int | None
    by_name: str
    person_id: int
    person_name: str
    to_id: int | None
    to_name: str
    on: dt.date
    outcome: str
    thanked_on: dt.date | None
    by_dnc_channels: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactReferrals:
    """What a contact's page shows about referrals."""

    they_referred: list[ReferralRow]  # people this contact sent to us
    referred_them: list[ReferralRow]  # who sent this contact to us / whom we sent them to
    we_sent_them: list[ReferralRow]  # people we sent to this contact (a partner)


def _exists(contact_id: int | None) -> bool:
    return contact_id is not None and Contact.select().where(Contact.id == contact_id).exists()


def record_received(by_id: int, person_id: int, on: dt.date) -> int:
    """`by_id` sent `person_id` to us on `on`; sets the person's referred-by when empty."""
    problems = []
    if not _exists(by_id):
        problems.append(FieldProblem("by", "Choose who made the referral."))
    if not _exists(person_id):
        problems.append(FieldProblem("person", "Choose who was referred."))
    if by_id == person_id:
        problems.append(FieldProblem("person", "Someone cannot refer themselves."))
    if problems:
        raise ReferralInvalid(problems)
    with database.atomic():
        referral_id = Referral.insert(by=by_id, person=person_id, to=None, on=on).execute()
        person = load_contact(person_id)
        if person.referred_by is None:
            save_contact(replace(person, referred_by=by_id))
    return referral_id


class ReferralAsk(Exception):
    """Giving this referral needs a yes first: `question` says why, in words."""

    def __init__(self, question: str):
        self.question = question
        super().__init__(question)


def partner_question(to_id: int) -> str | None:
    """Before we refer someone to `to_id`: why it may cost us face, or None.

    A partner who asked not to be contacted, whom nobody can reach (every method known
    bad) or who is in the Trash cannot take a referral well.
    """
    partner = Contact.get_or_none(Contact.id == to_id)
    if partner is None:
        return None
    name = partner.display_name
    if partner.trashed_at is not None:
        why = f"{name} is in the Trash."
    elif partner.dnc_channels and not allowed_channels(partner.dnc_channels):
        # Some channels refused leaves others open: only "no more, at all" asks first.
        words = ", ".join(w.replace("-", " ") for w in partner.dnc_channels)
        why = f"{name} asked not to be contacted ({words})."
    elif out_of_reach(ContactMethod.select().where(ContactMethod.contact == to_id)):
        why = f"Every way to reach {name} is marked bad."
    else:
        return None
    return f"{why} A referral to someone who cannot take it costs you face. Refer anyway?"


def record_given(person_id: int, to_id: int, on: dt.date, *, confirmed: bool = False) -> int:
    """We sent `person_id` to the partner `to_id` on `on`.

    Raises ReferralAsk (nothing written) when partner_question has something to ask and
    the caller has not `confirmed`.
    """
    problems = []
    if not _exists(person_id):
        problems.append(FieldProblem("person", "Choose whom we referred."))
    if not _exists(to_id):
        problems.append(FieldProblem("to", "Choose the partner we sent them to."))
    if person_id == to_id:
        problems.append(FieldProblem("to", "Someone cannot be referred to themselves."))
    if problems:
        raise ReferralInvalid(problems)
    question = None if confirmed else partner_question(to_id)
    if question:
        raise ReferralAsk(question)
    return Referral.insert(by=None, person=person_id, to=to_id, on=on).execute()


def delete_referral(referral_id: int) -> None:
    Referral.delete().where(Referral.id == referral_id).execute()


def _select():
    By = Contact.alias("by_contact")
    Person = Contact.alias("person_contact")
    To = Contact.alias("to_contact")
    query = (
        Referral.select(
            Referral,
            By.display_name.alias("by_name"),
            By.dnc_channels.alias("by_dnc"),
            Person.display_name.alias("person_name"),
            To.display_name.alias("to_name"),
        )
        .join(By, JOIN.LEFT_OUTER, on=(Referral.by == By.id))
        .switch(Referral)
        .join(Person, on=(Referral.person == Person.id))
        .switch(Referral)
        .join(To, JOIN.LEFT_OUTER, on=(Referral.to == To.id))
        .objects()
    )
    return query, By, Person, To


def _row(r) -> ReferralRow:
    dnc = r.by_dnc
    return ReferralRow(
        id=r.id,
        direction=GIVEN if r.by_id is None else RECEIVED,
        by_id=r.by_id,
        by_name=r.by_name or "",
        person_id=r.person_id,
        person_name=r.person_name or "",
        to_id=r.to_id,
        to_name=r.to_name or "",
        on=r.on,
        outcome=r.outcome or "",
        thanked_on=r.thanked_on,
        by_dnc_channels=tuple(dnc) if isinstance(dnc, tuple) else (),
    )


def load_referral(referral_id: int) -> ReferralRow:
    query, *_ = _select()
    row = query.where(Referral.id == referral_id).first()
    if row is None:
        raise ReferralInvalid([FieldProblem("id", "This referral no longer exists.")])
    return _row(row)


def referrals_of(contact_id: int) -> ContactReferrals:
    """Who this contact referred to us, who referred them (or whom we sent them to), and whom
    we sent to them — oldest first."""
    query, *_ = _select()
    rows = [
        _row(r)
        for r in query.where(
            (Referral.by == contact_id)
            | (Referral.person == contact_id)
            | (Referral.to == contact_id)
        ).order_by(Referral.on, Referral.id)
    ]
    return ContactReferrals(
        they_referred=[r for r in rows if r.by_id == contact_id],
        referred_them=[r for r in rows if r.person_id == contact_id],
        we_sent_them=[r for r in rows if r.to_id == contact_id],
    )


def unthanked() -> list[ReferralRow]:
    """Referrals received whose referrer has not been thanked, oldest first.

    Leaves out referrers who are trashed or do-not-contact on all channels.
    """
    query, By, Person, _To = _select()
    query = query.where(
        Referral.by.is_null(False)
        & Referral.thanked_on.is_null(True)
        & By.trashed_at.is_null(True)
        & (fn.instr(By.dnc_channels, f",{DncChannel.ALL.value},") == 0)
    ).order_by(Referral.on, Referral.id)
    return [_row(r) for r in query]


def thank(
    referral_id: int,
    today: dt.date,
    *,
    at: dt.datetime | None = None,
    channel: str | None = None,
    reason: str | None = None,
    confirmed: Collection[str] = (),
    summary: str | None = None,
) -> int:
    """Thank the referrer: logs a thank-you interaction (never an offer) and sets thanked_on.

    Returns the interaction's id. The outreach guard applies (OutreachRefused).
    """
    ref = load_referral(referral_id)
    if ref.by_id is None:
        raise ReferralInvalid([FieldProblem("by", "We made this referral: nobody to thank.")])
    data = InteractionData(
        contact_id=ref.by_id,
        at=default_moment(today, at),
        channel=channel or preferred_channel(ref.by_id),
        direction=Direction.OUTBOUND.value,
        purpose=Purpose.THANK_YOU.value,
        summary=summary or f"Thank you for referring {ref.person_name}",
        offering_id=None,
    )
    with database.atomic():
        interaction_id = log_outreach(data, today=today, reason=reason, confirmed=confirmed)
        Referral.update(thanked_on=today).where(Referral.id == referral_id).execute()
    return interaction_id


def follow_up_given(
    referral_id: int,
    outcome: str,
    today: dt.date,
    *,
    log: bool = True,
    at: dt.datetime | None = None,
    channel: str | None = None,
    reason: str | None = None,
    confirmed: Collection[str] = (),
) -> int | None:
    """ "Did it help?": record the outcome of a referral we gave.

    With `log`, the follow-up with the person we referred is logged on their timeline
    (through the outreach guard); returns its id, else None.
    """
    outcome = " ".join((outcome or "").split())
    if not outcome:
        raise ReferralInvalid([FieldProblem("outcome", "Say how it went.")])
    ref = load_referral(referral_id)
    if ref.direction != GIVEN:
        raise ReferralInvalid(
            [FieldProblem("direction", "Only a referral we gave is followed up this way.")]
        )
    with database.atomic():
        interaction_id = None
        if log:
            data = InteractionData(
                contact_id=ref.person_id,
                at=default_moment(today, at),
                channel=channel or preferred_channel(ref.person_id),
                direction=Direction.OUTBOUND.value,
                purpose=Purpose.FOLLOW_UP.value,
                summary=f"Did the referral to {ref.to_name} help? {outcome}",
            )
            interaction_id = log_outreach(data, today=today, reason=reason, confirmed=confirmed)
        Referral.update(outcome=outcome).where(Referral.id == referral_id).execute()
    return interaction_id
