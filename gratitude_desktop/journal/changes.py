"""What one change did to the journal, so it can be undone and redone exactly.

`record(contact_ids, action)` runs `action` and keeps, for every row it changed
among the rows that belong to those contacts (the contact, its methods, timeline and
where captured touches came from, promises, referrals, purchases, stage changes,
snooze, tags, relationships and photo; or the goals, or the offerings), the row as it
was before and as the action left it. `undo(change)` puts back the befores and `redo(change)`
the afters — those rows and nothing else, whoever changed anything else since.

Neither overwrites newer data: each first compares the rows it is about to write
with the state the change left them in, and raises `ChangedSince` (writing nothing)
when an import, a restore, another process or a change outside the window's undo
has changed one of them since. Columns the journal derives from other rows (last
touch, next step, the kept cadence) are neither compared nor written back: they
are recomputed after each undo and redo.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from peewee import IntegrityError, Model

from gratitude_desktop.journal.interactions import refresh_last_touch
from gratitude_desktop.store import search
from gratitude_desktop.store.models import (
    Captured,
    Contact,
    ContactMethod,
    ContactTag,
    Goal,
    GoalMilestone,
    GoalReview,
    Interaction,
    Offering,
    Photo,
    Promise,
    Purchase,
    Referral,
    Relationship,
    Snooze,
    StageChange,
    database,
)

T = TypeVar("T")

# Derived from other rows (interactions, settings): recomputed, never restored.
# (contact.cadence_effective is not a peewee field, so rows never carry it.)
DERIVED = {Contact: ("last_interaction_on", "next_step_on")}

# The rows that belong to a set of contacts, parents before children (the order inserts
# need; deletes go the other way).
_SCOPE: tuple[tuple[type[Model], Callable[[list[int]], Any]], ...] = (
    # Contacts they referred: a contact deleted for good sets their referred_by to NULL.
    (Contact, lambda ids: Contact.id.in_(ids) | Contact.referred_by.in_(ids)),
    (ContactMethod, lambda ids: ContactMethod.contact.in_(ids)),
    (Interaction, lambda ids: Interaction.contact.in_(ids)),
    # Where a captured touch came from: deleting its interaction cascades to it.
    (Captured, lambda ids: Captured.contact.in_(ids)),
    (Promise, lambda ids: Promise.contact.in_(ids)),
    (Referral, lambda ids: Referral.by.in_(ids) | Referral.person.in_(ids) | Referral.to.in_(ids)),
    (Purchase, lambda ids: Purchase.contact.in_(ids)),
    (StageChange, lambda ids: StageChange.contact.in_(ids)),
    (Snooze, lambda ids: Snooze.contact.in_(ids)),
    (ContactTag, lambda ids: ContactTag.contact.in_(ids)),
    (Relationship, lambda ids: Relationship.contact.in_(ids) | Relationship.other.in_(ids)),
    (Photo, lambda ids: Photo.contact.in_(ids)),
)
# Small tables kept whole: a change to goals (a new one, a new ranking, a tick, a review
# and its note) or to the offerings is recorded over all of their rows.
_GOALS = (Goal, GoalMilestone, GoalReview)
_OFFERINGS = (Offering,)
# Parents before children, for inserts (deletes go the other way).
_ORDER = [Offering, Goal, GoalMilestone, GoalReview, *(model for model, _ in _SCOPE)]

Key = tuple[type[Model], int]  # (model, row id)
_POINTERS = ("contact", "by", "person", "to", "other")  # columns naming a contact
Row = dict[str, Any]


@dataclass(frozen=True)
class Change:
    """The rows one change touched: each as it was before and after (None: no such row)."""

    before: dict[Key, Row | None]
    after: dict[Key, Row | None]

    @property
    def contact_ids(self) -> set[int]:
        """Every contact whose rows the change touched."""
        return _contacts_of([*self.before.items(), *self.after.items()])

    def __bool__(self) -> bool:
        return bool(self.before)

    def then(self, later: Change) -> Change:
        """This change followed by `later`, as one (undone together, redone together)."""
        keys = list(dict.fromkeys([*self.before, *later.before]))
        before = {k: self.before[k] if k in self.before else later.before[k] for k in keys}
        after = {k: later.after[k] if k in later.after else self.after[k] for k in keys}
        return Change(
            before={k: before[k] for k in keys if before[k] != after[k]},
            after={k: after[k] for k in keys if before[k] != after[k]},
        )


def _contacts_of(rows: Iterable[tuple[Key, Row | None]]) -> set[int]:
    ids: set[int] = set()
    for (model, row_id), row in rows:
        if model is Contact:
            ids.add(row_id)
        elif row is not None:
            ids.update(v for k, v in row.items() if k in _POINTERS and v)
    return ids


class ChangedSince(Exception):
    """The rows an undo or redo would write were changed since by something else."""

    def __init__(self, names: list[str]):
        self.names = names
        who = ", ".join(f"“{n}”" for n in names) if names else "these records"
        super().__init__(f"{who} changed since (outside this window's undo history).")


def _snapshot(contact_ids: Iterable[int], whole: Iterable[type[Model]] = ()) -> dict[Key, Row]:
    ids = sorted(set(contact_ids))
    rows: dict[Key, Row] = {}
    for model in whole:
        for row in model.select().dicts():
            rows[(model, row["id"])] = row
    if not ids:
        return rows
    for model, where in _SCOPE:
        drop = DERIVED.get(model, ())
        for row in model.select().where(where(ids)).dicts():
            for name in drop:
                row.pop(name, None)
            rows[(model, row["id"])] = row
    return rows


def _read(keys: Iterable[Key]) -> dict[Key, Row | None]:
    """These rows as they are now (None for a row that is gone)."""
    by_model: dict[type[Model], list[int]] = {}
    for model, row_id in keys:
        by_model.setdefault(model, []).append(row_id)
    found: dict[Key, Row | None] = {}
    for model, ids in by_model.items():
        drop = DERIVED.get(model, ())
        for row in model.select().where(model.id.in_(ids)).dicts():
            for name in drop:
                row.pop(name, None)
            found[(model, row["id"])] = row
        for row_id in ids:
            found.setdefault((model, row_id), None)
    return found


def record(
    contact_ids: Iterable[int],
    action: Callable[[], T],
    created: Callable[[T], Iterable[int]] | None = None,
    *,
    goals: bool = False,
    offerings: bool = False,
) -> tuple[T, Change]:
    """Run `action` (a journal write about these contacts); return its result and the Change.

    The Change holds only rows that differ: a row the action left as it was is not in
    it. Rows of other contacts the action touched are not recorded, so name every
    contact whose rows it writes (both sides of a referral, say). `created` gives, from
    the action's result, the contacts the action made (a new contact's id). `goals`,
    `offerings`: the action writes goals (and milestones) or offerings.
    """
    ids = list(contact_ids)
    whole = [*(_GOALS if goals else ()), *(_OFFERINGS if offerings else ())]
    with database.atomic():
        before = _snapshot(ids, whole)
        result = action()
        after = _snapshot([*ids, *(created(result) if created else ())], whole)
    keys = [key for key in [*before, *after] if before.get(key) != after.get(key)]
    keys = list(dict.fromkeys(keys))
    return result, Change(
        before={key: before.get(key) for key in keys},
        after={key: after.get(key) for key in keys},
    )


def _names(keys: Iterable[Key], *states: dict[Key, Row | None]) -> list[str]:
    """The contacts behind these rows, by name, for a message."""
    keys = list(keys)
    rows = [(key, state.get(key)) for state in states for key in keys]
    ids = _contacts_of(rows)
    names = {
        row_id: row["display_name"]
        for (model, row_id), row in rows
        if model is Contact and row is not None
    }
    names.update(
        Contact.select(Contact.id, Contact.display_name).where(Contact.id.in_(ids)).tuples()
    )
    # Goals and offerings by what they are called (now, if they still are).
    others = set()
    for key in keys:
        found = [state[key] for state in states if state.get(key) is not None]
        if key[0] in (Goal, Offering) and found:
            others.add(found[-1].get("title") or found[-1].get("name"))
    return sorted({names[i] for i in ids if names.get(i)} | {o for o in others if o})


def _apply(expected: dict[Key, Row | None], wanted: dict[Key, Row | None]) -> None:
    """Write `wanted` over rows that must still be `expected`, or raise ChangedSince."""
    with database.atomic():
        now = _read(expected)
        stale = [key for key, row in expected.items() if now[key] != row]
        if stale:
            raise ChangedSince(_names(stale, expected, now))
        try:
            for key in sorted(wanted, key=lambda k: -_ORDER.index(k[0])):
                if wanted[key] is None:
                    key[0].delete().where(key[0].id == key[1]).execute()
            for key in sorted(wanted, key=lambda k: _ORDER.index(k[0])):
                model, row_id = key
                row = wanted[key]
                if row is None:
                    continue
                if now[key] is None:
                    model.insert(**row).execute()
                else:
                    values = {k: v for k, v in row.items() if k != "id"}
                    model.update(**values).where(model.id == row_id).execute()
        except IntegrityError as problem:
            # A row it points to is gone for good (a contact deleted from the Trash).
            raise ChangedSince(_names(list(wanted), expected, wanted)) from problem
        contacts = _contacts_of([*expected.items(), *wanted.items()])
        live = [c for (c,) in Contact.select(Contact.id).where(Contact.id.in_(contacts)).tuples()]
        refresh_last_touch(live)
        search.reindex(contacts)


def undo(change: Change) -> None:
    """Put back the rows `change` touched as they were before it; ChangedSince if they moved on."""
    _apply(change.after, change.before)


def redo(change: Change) -> None:
    """Make the rows `change` touched as it left them again; ChangedSince if they moved on."""
    _apply(change.before, change.after)
