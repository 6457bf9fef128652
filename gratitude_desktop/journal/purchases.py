"""What the business sells (offerings) and who has what (purchases).

A purchase is "active" on a day when it has not ended before that day: `until` is empty or
on/after the day (a purchase until today is still active; one that ended yesterday is not).
A purchase starting later counts as active too: the customer has arranged it, so offering
it to them again would be just as wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from gratitude_desktop.journal.contacts import FieldProblem
from gratitude_desktop.store.models import Contact, Offering, Purchase, database


class PurchaseInvalid(ValueError):
    """The offering or purchase was not saved; `problems` names the fields and says why."""

    def __init__(self, problems: list[FieldProblem]):
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


@dataclass(frozen=True)
class OfferingRow:
    id: int
    name: str
    active: bool


@dataclass
class PurchaseData:
    """One purchase: who has which offering, since when, until when, recurring or not."""

    contact_id: int
    offering_id: int
    since: dt.date | None = None
    until: dt.date | None = None
    recurring: bool = False
    id: int | None = None


@dataclass(frozen=True)
class PurchaseRow:
    """A purchase as a customer's page shows it."""

    id: int
    contact_id: int
    offering_id: int
    offering_name: str
    since: dt.date | None
    until: dt.date | None
    recurring: bool
    active: bool


# -- offerings ---------------------------------------------------------------------------


def _clean_name(name: str, offering_id: int | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise PurchaseInvalid([FieldProblem("name", "Give the offering a name.")])
    clash = Offering.select().where(fn.lower(Offering.name) == name.lower())
    if offering_id is not None:
        clash = clash.where(Offering.id != offering_id)
    if clash.exists():
        raise PurchaseInvalid([FieldProblem("name", f"There is already an offering “{name}”.")])
    return name


def add_offering(name: str) -> int:
    """Add an offering to the list; names are unique whatever their case."""
    with database.atomic():
        return Offering.insert(name=_clean_name(name), active=True).execute()


def rename_offering(offering_id: int, name: str) -> None:
    with database.atomic():
        name = _clean_name(name, offering_id)
        if not Offering.update(name=name).where(Offering.id == offering_id).execute():
            raise PurchaseInvalid([FieldProblem("offering", "That offering no longer exists.")])


def set_offering_active(offering_id: int, active: bool) -> None:
    """Deactivate (no longer sold, kept for history) or bring back an offering."""
    Offering.update(active=bool(active)).where(Offering.id == offering_id).execute()


def deactivate_offering(offering_id: int) -> None:
    set_offering_active(offering_id, False)


def list_offerings(include_inactive: bool = False) -> list[OfferingRow]:
    """The offerings in name order; inactive ones only when asked for."""
    query = Offering.select().order_by(fn.lower(Offering.name), Offering.id)
    if not include_inactive:
        query = query.where(Offering.active == True)  # noqa: E712 - peewee expression
    return [OfferingRow(o.id, o.name, o.active) for o in query]


# -- purchases ---------------------------------------------------------------------------


def _active_condition(today: dt.date):
    return Purchase.until.is_null(True) | (Purchase.until >= today)


def validate_purchase(data: PurchaseData) -> list[FieldProblem]:
    problems = []
    if not Contact.select().where(Contact.id == data.contact_id).exists():
        problems.append(FieldProblem("contact", "The contact is not in the journal."))
    if not Offering.select().where(Offering.id == data.offering_id).exists():
        problems.append(FieldProblem("offering", "Choose an offering from the list."))
    if data.since and data.until and data.until < data.since:
        problems.append(FieldProblem("until", "It cannot end before it started."))
    return problems


def save_purchase(data: PurchaseData) -> int:
    """Record a new purchase or save an edited one; returns its id."""
    problems = validate_purchase(data)
    if problems:
        raise PurchaseInvalid(problems)
    values = dict(
        contact=data.contact_id,
        offering=data.offering_id,
        since=data.since,
        until=data.until,
        recurring=bool(data.recurring),
    )
    with database.atomic():
        if data.id is None:
            return Purchase.insert(**values).execute()
        if not Purchase.update(**values).where(Purchase.id == data.id).execute():
            raise PurchaseInvalid([FieldProblem("id", "This purchase no longer exists.")])
        return data.id


def end_purchase(purchase_id: int, until: dt.date) -> None:
    """The customer stopped having it: the last day they had it is `until`."""
    Purchase.update(until=until).where(Purchase.id == purchase_id).execute()


def delete_purchase(purchase_id: int) -> None:
    Purchase.delete().where(Purchase.id == purchase_id).execute()


def load_purchase(purchase_id: int) -> PurchaseData:
    p = Purchase.get_by_id(purchase_id)
    return PurchaseData(p.contact_id, p.offering_id, p.since, p.until, p.recurring, p.id)


def purchases_of(contact_id: int, today: dt.date) -> list[PurchaseRow]:
    """Everything the contact bought, active ones first, then newest first."""
    query = (
        Purchase.select(Purchase, Offering.name)
        .join(Offering)
        .where(Purchase.contact == contact_id)
        .order_by(Purchase.since.desc(nulls="LAST"), Purchase.id.desc())
    )
    rows = [
        PurchaseRow(
            id=p.id,
            contact_id=p.contact_id,
            offering_id=p.offering_id,
            offering_name=p.offering.name,
            since=p.since,
            until=p.until,
            recurring=p.recurring,
            active=p.until is None or p.until >= today,
        )
        for p in query
    ]
    return sorted(rows, key=lambda r: not r.active)


def active_purchases(contact_id: int, today: dt.date) -> list[PurchaseRow]:
    """What the contact has on `today` (see the module docstring for "active")."""
    return [r for r in purchases_of(contact_id, today) if r.active]


def already_has(contact_id: int, offering_id: int, today: dt.date) -> bool:
    """True when the contact has an active purchase of the offering on `today`."""
    return (
        Purchase.select()
        .where(
            (Purchase.contact == contact_id)
            & (Purchase.offering == offering_id)
            & _active_condition(today)
        )
        .exists()
    )
