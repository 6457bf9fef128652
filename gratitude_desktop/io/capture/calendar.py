"""Calendar files as capture reads them: .ics files and folders of them.

Only the organizer, the attendees, the start, the summary and the UID of an event are
read (and whether it has a meeting link, to tell a video call from a meeting in person);
descriptions are never read. Recurring events are expanded by `recurring-ical-events`,
up to now: a meeting that has not happened yet is not a touch.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from gratitude_desktop.io.capture.model import (
    CaptureSourceError,
    Source,
    Touch,
    checked_file,
    skipped,
)
from gratitude_desktop.io.encoding import read_file_bytes
from gratitude_desktop.io.report import ImportRefused
from gratitude_desktop.journal.capture import address_key
from gratitude_desktop.store.enums import Channel

_EPOCH = dt.datetime(1970, 1, 2)
_VIDEO = re.compile(
    r"(?:zoom\.us/|meet\.google\.com/|teams\.microsoft\.com/|teams\.live\.com/|"
    r"webex\.com/|whereby\.com/|meet\.jit\.si/|gotomeeting\.com/)",
    re.IGNORECASE,
)
ICS_SUFFIXES = {".ics", ".ical", ".ifb", ".icalendar"}


class CalendarUnreadable(Exception):
    """A calendar file that is not iCalendar; the message names it."""


def calendar_sources(path: str | Path, notes: list[str] | None = None):
    """The calendar files a path names: itself (a regular file, else CaptureSourceError),
    or the .ics files in a folder; those that are not regular files are skipped, noted."""
    path = Path(path).expanduser().absolute()
    if not path.exists():
        raise CaptureSourceError(f"{path}: there is no such file or folder.")
    if not path.is_dir():
        checked_file(path, whole=True)  # a pipe, a device, /proc: one line, never a hang
        return [Source("ics", path)]
    found = []
    for p in sorted(path.rglob("*")):
        if p.suffix.lower() not in ICS_SUFFIXES or p.is_dir():
            continue
        problem = skipped(p, whole=True)
        if problem is None:
            found.append(Source("ics", p))
        elif notes is not None:
            notes.append(problem)
    if not found:
        raise CaptureSourceError(f"{path}: holds no .ics calendar file.")
    return found


def _local(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)
        return value.replace(microsecond=0)
    return dt.datetime.combine(value, dt.time(0, 0))


def _person(prop) -> tuple[str, str, str] | None:
    if prop is None:
        return None
    text = str(prop)
    address = text[7:] if text.lower().startswith("mailto:") else text
    address = address.strip()
    if "@" not in address:
        return None
    name = ""
    params = getattr(prop, "params", None)
    if params is not None:
        name = str(params.get("CN", "")).strip().strip('"')
    return (name, address, address_key(address))


def _people(value) -> tuple[tuple[str, str, str], ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(p for p in (_person(v) for v in items) if p)


def _is_video(event) -> bool:
    for name in (
        "LOCATION",
        "URL",
        "CONFERENCE",
        "X-GOOGLE-CONFERENCE",
        "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    ):
        value = event.get(name)
        if value is None:
            continue
        values = value if isinstance(value, list) else [value]
        if any(_VIDEO.search(str(v)) for v in values):
            return True
    return False


_RECURRING = ("RRULE", "RDATE", "EXDATE", "RECURRENCE-ID")


def _events_between(calendar, since: dt.datetime, now: dt.datetime, path: Path):
    """The calendar's events (occurrences of recurring ones) that may start in [since, now].

    A single event is taken as it is; only recurring ones (and the time zones they need)
    go through recurring-ical-events, which costs ten times more per event.
    """
    import icalendar
    import recurring_ical_events

    recurring = icalendar.Calendar()
    for tz in calendar.walk("VTIMEZONE"):
        recurring.add_component(tz)
    has_recurring = False
    for event in calendar.walk("VEVENT"):
        if any(name in event for name in _RECURRING):
            recurring.add_component(event)
            has_recurring = True
        else:
            yield event
    if has_recurring:
        try:
            occurrences = recurring_ical_events.of(recurring, components=["VEVENT"]).between(
                since, now
            )
        except Exception as problem:  # noqa: BLE001 - the library's errors share no base class
            raise CalendarUnreadable(f"{path}: its events cannot be read ({problem}).") from None
        yield from occurrences


_DTSTART_DAY = re.compile(rb"^DTSTART[^:\r\n]*:(\d{8})", re.MULTILINE)
_RECURRING_LINE = re.compile(rb"^(?:RRULE|RDATE|RECURRENCE-ID)[;:]", re.MULTILINE)


def _within(data: bytes, since: dt.datetime, now: dt.datetime) -> bytes:
    """The calendar without the single events that start well outside [since, now].

    Parsing is most of the cost (icalendar takes about a millisecond an event), and most
    of a calendar is either already read or still to come. A day's margin either side
    covers any time zone; recurring events are always kept.
    """
    low = (since.date() - dt.timedelta(days=2)).strftime("%Y%m%d").encode()
    high = (now.date() + dt.timedelta(days=2)).strftime("%Y%m%d").encode()
    parts = re.split(rb"(?=^BEGIN:VEVENT\r?$)", data, flags=re.MULTILINE)
    kept = [parts[0]]
    for part in parts[1:]:
        end = part.find(b"END:VEVENT")
        event, rest = (part, b"") if end < 0 else (part[: end + 10], part[end + 10 :])
        day = _DTSTART_DAY.search(event)
        if day is None or _RECURRING_LINE.search(event) or low <= day.group(1) <= high:
            kept.append(event)
        kept.append(rest)
    return b"".join(kept)


def read_calendar(path: Path, state: dict, now: dt.datetime, cancel: Callable[[], bool]):
    """The meetings of one .ics file up to `now`, and the state to keep after.

    An unchanged file is only looked at again for the occurrences that have passed since
    the last scan.
    """
    import icalendar

    st = path.stat()
    stamp = [st.st_size, st.st_mtime_ns]
    since = _EPOCH
    if state.get("stamp") == stamp and state.get("until"):
        try:
            since = dt.datetime.fromisoformat(state["until"])
        except ValueError:
            since = _EPOCH
    after = {"stamp": stamp, "until": now.isoformat()}
    if since >= now:
        return iter(()), lambda: after
    try:
        data = read_file_bytes(path)  # still a regular file, of a sane size
    except ImportRefused as refused:
        raise CaptureSourceError(str(refused)) from None
    try:
        calendar = icalendar.Calendar.from_ical(_within(data, since, now))
    except (ValueError, IndexError, KeyError) as problem:
        raise CalendarUnreadable(f"{path}: not an iCalendar file ({problem}).") from None

    def touches() -> Iterator[Touch]:
        for event in _events_between(calendar, since, now, path):
            if cancel():
                return
            start = event.get("DTSTART")
            if start is None:
                continue
            when = _local(start.dt)
            if when > now or when < since:
                continue
            if str(event.get("STATUS", "")).upper() == "CANCELLED":
                continue
            uid = str(event.get("UID", "")).strip()
            organizer = _person(event.get("ORGANIZER"))
            yield Touch(
                key=f"uid:{uid}@{when.isoformat()}" if uid else f"ics:{path}@{when.isoformat()}",
                source=str(path),
                at=when,
                sender=(organizer,) if organizer else (),
                others=tuple(p for p in _people(event.get("ATTENDEE")) if p != organizer),
                subject=" ".join(str(event.get("SUMMARY", "")).split()),
                channel=Channel.VIDEO.value if _is_video(event) else Channel.EVENT.value,
            )

    return touches(), lambda: after
