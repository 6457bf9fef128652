"""Keep current: when every way to reach someone is known to be bad, ask around.

DESIGN rule 10: contact details carry when they were last confirmed, and a person
we have lost track of shows who else knows them, so the user can ask around.

Lost track means the contact has ways to reach them and every one is marked bad (a
bounced email, a disconnected number). A contact with no details at all is not
"lost": they may never have been given any.

Who else knows them, strongest link first:
- whoever referred them (to us or to someone else), and whoever they referred;
- the partners we referred them to, and the people we referred to them;
- whoever has them as "referred by", and their own "referred by";
- the people linked to them (spouse, parent, assistant...: journal.relationships);
- people at the same organisation (the name compared without case or spacing).
Contacts in the trash and contacts who asked for no contact at all are never
proposed: asking them would be the pestering rule 2 forbids.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from gratitude_desktop.journal.relationships import relatives
from gratitude_desktop.store.enums import DncChannel
from gratitude_desktop.store.models import Contact, Referral
from gratitude_desktop.store.queries import same_organization


class Acquaintance(NamedTuple):
    """Someone who may know how to reach a contact, and why we think so."""

    contact_id: int
    name: str
    why: str


def out_of_reach(methods: Iterable) -> bool:
    """True when there are ways to reach the contact and every one is marked bad."""
    methods = list(methods)
    return bool(methods) and all(m.bad for m in methods)


def who_knows(contact_id: int, limit: int = 12) -> list[Acquaintance]:
    """People who may know how to reach `contact_id`, strongest link first."""
    person = Contact.get_or_none(Contact.id == contact_id)
    if person is None:
        return []
    reasons: dict[int, list[str]] = {}

    def note(other_id: int | None, why: str) -> None:
        if other_id is not None and other_id != contact_id:
            whys = reasons.setdefault(other_id, [])
            if why not in whys:
                whys.append(why)

    for by_id, to_id in (
        Referral.select(Referral.by, Referral.to).where(Referral.person == contact_id).tuples()
    ):
        note(by_id, "referred them")
        note(to_id, "was introduced to them")
    for person_id, to_id in (
        Referral.select(Referral.person, Referral.to).where(Referral.by == contact_id).tuples()
    ):
        note(person_id, "was referred by them")
        note(to_id, "got a referral from them")
    for (person_id,) in Referral.select(Referral.person).where(Referral.to == contact_id).tuples():
        note(person_id, "was introduced to them")
    note(person.referred_by_id, "referred them")
    for (other_id,) in Contact.select(Contact.id).where(Contact.referred_by == contact_id).tuples():
        note(other_id, "was referred by them")
    for relative in relatives(contact_id):
        note(relative.other_id, f"their {relative.label.lower()}")
    linked = set(
        reasons
    )  # by a referral or a relationship: stronger than working at the same place
    organization = " ".join((person.organization or "").split())
    for other_id in same_organization(contact_id, organization) if organization else ():
        note(other_id, f"also at {organization}")
    if not reasons:
        return []
    rows = {
        row.id: row
        for row in Contact.select(
            Contact.id,
            Contact.display_name,
            Contact.sort_key,
            Contact.last_interaction_on,
            Contact.trashed_at,
            Contact.dnc_channels,
        ).where(Contact.id.in_(list(reasons)))
    }

    def strength(other_id: int) -> tuple:
        row = rows[other_id]
        touched = row.last_interaction_on.toordinal() if row.last_interaction_on else 0
        return (other_id not in linked, -touched, row.sort_key)

    found = [
        other_id
        for other_id, row in rows.items()
        if row.trashed_at is None and DncChannel.ALL.value not in row.dnc_channels
    ]
    found.sort(key=strength)
    return [
        Acquaintance(other_id, rows[other_id].display_name, "; ".join(reasons[other_id]))
        for other_id in found[:limit]
    ]
