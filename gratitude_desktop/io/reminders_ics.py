"""The reminders calendar: birthdays, anniversaries and promise due dates as one .ics file.

A read-only calendar a phone or a desktop calendar can subscribe to (or import), for
users with or without a server: `gratitude-desktop export --format ics`, and after each
sync when Settings → Sync names a file. Birthdays and anniversaries repeat yearly;
people who asked not to be contacted are left out (their greetings are not reminded),
as are contacts in the Trash. Each event keeps its UID from one writing to the next,
so a subscribed calendar updates in place.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar, Event

from gratitude_desktop.io.export import write_private_atomic
from gratitude_desktop.journal.promises import open_promises
from gratitude_desktop.store.models import Contact

PRODID = "-//Gratitude//Gratitude reminders//EN"


def _day(text: str, today: dt.date) -> dt.date | None:
    """The first day of a yearly event: "YYYY-MM-DD", or "--MM-DD" from this year on."""
    try:
        if text.startswith("--"):
            month, day = int(text[2:4]), int(text[5:7])
            year = today.year
            while True:  # 29 February: the next leap year
                try:
                    return dt.date(year, month, day)
                except ValueError:
                    year += 1
                    if year > today.year + 8:
                        return None
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def reminders_calendar(today: dt.date) -> bytes:
    """The calendar as iCalendar text (RFC 5545)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Gratitude reminders")
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    live = Contact.select(
        Contact.id, Contact.display_name, Contact.birthday, Contact.anniversary
    ).where(
        Contact.trashed_at.is_null(True)
        & (Contact.dnc_channels == "")
        & (Contact.birthday.is_null(False) | Contact.anniversary.is_null(False))
    )
    for contact_id, name, birthday, anniversary in live.tuples().iterator():
        for kind, words, text in (
            ("birthday", "Birthday", birthday),
            ("anniversary", "Anniversary", anniversary),
        ):
            first = _day(text, today) if text else None
            if first is None:
                continue
            event = Event()
            event.add("uid", f"{kind}-{contact_id}@gratitude")
            event.add("dtstamp", stamp)
            event.add("summary", f"{words}: {name}")
            event.add("dtstart", first)
            event.add("rrule", {"freq": "yearly"})
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
    for promise in open_promises(today):
        if promise.due_on is None:
            continue
        event = Event()
        event.add("uid", f"promise-{promise.id}@gratitude")
        event.add("dtstamp", stamp)
        who = promise.contact_name
        summary = (
            f"Promised {who}: {promise.what}" if promise.we_owe else f"{who} owes: {promise.what}"
        )
        event.add("summary", summary)
        event.add("dtstart", promise.due_on)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


def write_reminders(path: str | Path, today: dt.date) -> int:
    """Write the calendar (owner-only, atomically); returns how many events it holds."""
    text = reminders_calendar(today).decode("utf-8")
    write_private_atomic(Path(path), lambda fh: fh.write(text), newline="")
    return text.count("BEGIN:VEVENT")
