"""Snoozes: hide a contact's "gone quiet" item until a date (one snooze per contact)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from gratitude_desktop.store.models import Snooze, database


def snooze(contact_id: int, until: dt.date) -> None:
    """Hide the contact's quiet item until `until` (it shows again on that day if still due)."""
    Snooze.insert(contact=contact_id, until=until).on_conflict(
        conflict_target=[Snooze.contact], update={Snooze.until: until}
    ).execute()


def snooze_many(contact_ids: Iterable[int], until: dt.date) -> None:
    """Snooze several contacts at once, in one transaction."""
    with database.atomic():
        for contact_id in dict.fromkeys(contact_ids):
            snooze(contact_id, until)


def clear_snooze(contact_id: int) -> None:
    """Wake the contact: their quiet item shows again as soon as it is due."""
    Snooze.delete().where(Snooze.contact == contact_id).execute()


def snoozed_until(contact_id: int) -> dt.date | None:
    """The date the contact's snooze ends, or None when not snoozed."""
    row = Snooze.get_or_none(Snooze.contact == contact_id)
    return row.until if row is not None else None
