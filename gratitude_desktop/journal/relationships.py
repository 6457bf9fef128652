"""Relationships between contacts: spouse, partner, parent/child, sibling, assistant, colleague,
friend. Each link is stored once (`other` is `contact`'s <kind>) and read from both sides."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gratitude_desktop.journal.contacts import FieldProblem, FieldRefused
from gratitude_desktop.store.enums import RelationshipKind
from gratitude_desktop.store.models import Contact, Relationship, database

# How a link reads from the other person's page: "Ben is Ada's parent" is "Ada is
# Ben's child"; "Cy is Ada's assistant" reads "Ada: Cy is assistant to them" there.
INVERSE = {
    RelationshipKind.SPOUSE: RelationshipKind.SPOUSE,
    RelationshipKind.PARTNER: RelationshipKind.PARTNER,
    RelationshipKind.PARENT: RelationshipKind.CHILD,
    RelationshipKind.CHILD: RelationshipKind.PARENT,
    RelationshipKind.SIBLING: RelationshipKind.SIBLING,
    RelationshipKind.COLLEAGUE: RelationshipKind.COLLEAGUE,
    RelationshipKind.FRIEND: RelationshipKind.FRIEND,
    RelationshipKind.ASSISTANT: "assistant-to",
}
LABELS = {
    RelationshipKind.SPOUSE: "Spouse",
    RelationshipKind.PARTNER: "Partner",
    RelationshipKind.PARENT: "Parent",
    RelationshipKind.CHILD: "Child",
    RelationshipKind.SIBLING: "Sibling",
    RelationshipKind.ASSISTANT: "Assistant",
    "assistant-to": "Assistant to",
    RelationshipKind.COLLEAGUE: "Colleague",
    RelationshipKind.FRIEND: "Friend",
}
_KINDS = frozenset(RelationshipKind)


@dataclass(frozen=True)
class RelationshipData:
    """One link as stored: `other_id` is `contact_id`'s `kind`."""

    contact_id: int
    other_id: int
    kind: str
    id: int | None = None


@dataclass(frozen=True)
class Relative:
    """A link as one contact's page shows it: `name` is this contact's `kind`."""

    relationship_id: int
    other_id: int
    name: str
    kind: str  # a RelationshipKind, or "assistant-to" from the assistant's side

    @property
    def label(self) -> str:
        return LABELS[self.kind]


class RelationshipInvalid(FieldRefused):
    """The link was not saved; `problem` says why."""


def _stored(data: RelationshipData) -> RelationshipData:
    # One way to store each link: a child link is kept as the parent link it mirrors.
    if data.kind == RelationshipKind.CHILD:
        return RelationshipData(data.other_id, data.contact_id, RelationshipKind.PARENT.value)
    return data


def _same_link(data: RelationshipData):
    where = (
        (Relationship.contact == data.contact_id)
        & (Relationship.other == data.other_id)
        & (Relationship.kind == data.kind)
    )
    if INVERSE[data.kind] == data.kind:  # symmetric: the link the other way is the same
        where |= (
            (Relationship.contact == data.other_id)
            & (Relationship.other == data.contact_id)
            & (Relationship.kind == data.kind)
        )
    return where


def validate(data: RelationshipData) -> list[FieldProblem]:
    problems = []
    if data.kind not in _KINDS:
        problems.append(FieldProblem("kind", f"“{data.kind}” is not a kind of relationship."))
    if data.contact_id == data.other_id:
        problems.append(FieldProblem("other", "A contact cannot be related to themselves."))
    found = Contact.select().where(Contact.id.in_([data.contact_id, data.other_id])).count()
    if found < len({data.contact_id, data.other_id}):
        problems.append(FieldProblem("other", "The contact is not in the journal."))
    if not problems and Relationship.select().where(_same_link(_stored(data))).exists():
        problems.append(FieldProblem("other", "These two are already linked that way."))
    return problems


def link(data: RelationshipData) -> int:
    """Store the link; returns its id."""
    problems = validate(data)
    if problems:
        raise RelationshipInvalid(problems[0])
    stored = _stored(data)
    with database.atomic():
        return Relationship.insert(
            contact=stored.contact_id, other=stored.other_id, kind=stored.kind
        ).execute()


def unlink(relationship_id: int) -> RelationshipData | None:
    """Remove the link; returns it as it was (to put it back), None when it was gone."""
    with database.atomic():
        row = Relationship.get_or_none(Relationship.id == relationship_id)
        if row is None:
            return None
        row.delete_instance()
    return RelationshipData(row.contact_id, row.other_id, row.kind, row.id)


def relatives(contact_id: int) -> list[Relative]:
    """Everyone linked to the contact, as read from its side, by kind then name."""
    found: list[tuple[int, int, str]] = []
    for rid, other, kind in (
        Relationship.select(Relationship.id, Relationship.other, Relationship.kind)
        .where(Relationship.contact == contact_id)
        .tuples()
    ):
        found.append((rid, other, kind))
    for rid, other, kind in (
        Relationship.select(Relationship.id, Relationship.contact, Relationship.kind)
        .where(Relationship.other == contact_id)
        .tuples()
    ):
        found.append((rid, other, str(INVERSE[RelationshipKind(kind)])))
    if not found:
        return []
    names = dict(
        Contact.select(Contact.id, Contact.display_name)
        .where(Contact.id.in_([other for _, other, _ in found]) & Contact.trashed_at.is_null())
        .tuples()
    )
    order = list(LABELS)
    out = [Relative(rid, other, names[other], kind) for rid, other, kind in found if other in names]
    out.sort(key=lambda r: (order.index(r.kind), r.name.casefold()))
    return out


def all_links(contact_ids: Iterable[int] | None = None) -> list[RelationshipData]:
    """Every stored link (of these contacts, on their `contact` side): for export."""
    query = Relationship.select().order_by(Relationship.id)
    if contact_ids is not None:
        query = query.where(Relationship.contact.in_(list(contact_ids)))
    return [RelationshipData(r.contact_id, r.other_id, r.kind, r.id) for r in query]


def add_links(links: Iterable[RelationshipData]) -> int:
    """Store many links at once (an import), skipping those already there; returns links made."""
    made = 0
    with database.atomic():
        for data in links:
            data = _stored(data)
            if data.contact_id == data.other_id or data.kind not in _KINDS:
                continue
            if Relationship.select().where(_same_link(data)).exists():
                continue
            Relationship.insert(
                contact=data.contact_id, other=data.other_id, kind=data.kind
            ).execute()
            made += 1
    return made
