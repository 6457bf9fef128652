"""Calendar files: Google and Outlook exports, recurrences, time zones."""

from __future__ import annotations

import datetime as dt

import pytest

from gratitude_desktop.io.capture.scan import scan
from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact
from gratitude_desktop.store.models import Contact, Interaction

GOOGLE = """BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:me@example.org
X-WR-TIMEZONE:Europe/Berlin
BEGIN:VEVENT
DTSTART:20261102T090000Z
DTEND:20261102T093000Z
RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MO
DTSTAMP:20261201T000000Z
ORGANIZER;CN=Me:mailto:me@example.org
UID:weekly123@google.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Ada Lovelace;
 X-NUM-GUESTS=0:mailto:ada@example.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Me;X-NUM
 -GUESTS=0:mailto:me@example.org
DESCRIPTION:Join with Google Meet: https://meet.google.com/abc-defg-hij\\nSecret body text
LOCATION:
SUMMARY:Weekly sync
X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20261125
DTEND;VALUE=DATE:20261126
UID:allday@google.com
ORGANIZER:mailto:bob@x.org
ATTENDEE;CN=Me:mailto:me@example.org
SUMMARY:Thank-you lunch at Bob's
END:VEVENT
BEGIN:VEVENT
DTSTART:20270105T090000Z
UID:future@google.com
ORGANIZER:mailto:me@example.org
ATTENDEE:mailto:ada@example.com
SUMMARY:Not yet
END:VEVENT
END:VCALENDAR
"""

OUTLOOK = """BEGIN:VCALENDAR\r
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
VERSION:2.0\r
METHOD:PUBLISH\r
BEGIN:VTIMEZONE\r
TZID:W. Europe Standard Time\r
BEGIN:STANDARD\r
DTSTART:16011028T030000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010325T020000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
END:DAYLIGHT\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
ORGANIZER;CN="Bob Builder":mailto:bob@x.org\r
ATTENDEE;CN=me@example.org;RSVP=TRUE:mailto:me@example.org\r
ATTENDEE;CN="Ada":mailto:ADA@example.com\r
DTSTART;TZID="W. Europe Standard Time":20261001T140000\r
DTEND;TZID="W. Europe Standard Time":20261001T150000\r
RRULE:FREQ=MONTHLY;BYMONTHDAY=1;COUNT=4\r
EXDATE;TZID="W. Europe Standard Time":20261101T140000\r
LOCATION:https://teams.microsoft.com/l/meetup-join/19%3ameeting\r
SUMMARY:Monthly review\r
UID:040000008200E00074C5B7101A82E00800000000\r
END:VEVENT\r
END:VCALENDAR\r
"""

NOW = dt.datetime(2026, 12, 6, 12, 0)


@pytest.fixture
def people(journal):
    return {
        name: save_contact(ContactData(display_name=name, methods=[MethodData("email", email)]))
        for name, email in (("Ada", "ada@example.com"), ("Bob", "bob@x.org"))
    }


def _rows():
    return [
        (i.contact.display_name, i.at, i.channel, i.direction, i.purpose, i.summary)
        for i in Interaction.select().join(Contact).order_by(Interaction.at, Contact.display_name)
    ]


def test_google_export_recurrences_up_to_now(tmp_path, people):
    path = tmp_path / "me@example.org.ics"
    path.write_text(GOOGLE)
    report = scan(calendar=[path], me=["me@example.org"], now=NOW)
    rows = _rows()
    weekly = [r for r in rows if r[5] == "Weekly sync"]
    # Mondays 2 Nov … 30 Nov have passed by 6 Dec; 7 Dec onwards has not.
    assert len(weekly) == 5
    assert {r[0] for r in weekly} == {"Ada"}
    first = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
    assert weekly[0][1:5] == (first, "video", "outbound", "meeting")
    lunch = [r for r in rows if r[5].startswith("Thank-you")]
    assert lunch == [("Bob", dt.datetime(2026, 11, 25), "event", "inbound", "thank-you",
                      "Thank-you lunch at Bob's")]  # fmt: skip
    assert not any(r[5] == "Not yet" for r in rows)
    assert report.logged == 6
    # Later, the next Monday has passed: only it is new.
    later = scan(calendar=[path], me=["me@example.org"], now=NOW + dt.timedelta(days=2))
    assert (later.logged, later.messages) == (1, 1)


def test_outlook_export_with_windows_time_zone_and_exdate(tmp_path, people):
    path = tmp_path / "Calendar.ics"
    path.write_bytes(OUTLOOK.encode("utf-8"))
    scan(calendar=[tmp_path], me=["me@example.org"], now=NOW)
    rows = _rows()
    # 1 Oct, (1 Nov excluded), 1 Dec; 1 Jan has not happened yet. Bob organised; Ada came.
    days = sorted({r[1].date() for r in rows})
    assert days == [dt.date(2026, 10, 1), dt.date(2026, 12, 1)]
    assert {(r[0], r[2], r[3]) for r in rows} == {
        ("Ada", "video", "inbound"),
        ("Bob", "video", "inbound"),
    }
    october = [r for r in rows if r[1].month == 10][0][1]
    expected = dt.datetime(2026, 10, 1, 12, 0, tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
    assert october == expected


def test_a_file_that_is_not_a_calendar_is_named(tmp_path, people):
    path = tmp_path / "broken.ics"
    path.write_text("this is not iCalendar")
    report = scan(calendar=[path], me=["me@example.org"], now=NOW)
    assert report.logged == 0
    assert report.problems and "broken.ics" in report.problems[0]
