"""The reminders calendar: birthdays, anniversaries, promise due dates; read back with icalendar."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from gratitude_desktop import cli
from gratitude_desktop.io.reminders_ics import write_reminders
from gratitude_desktop.journal.contacts import ContactData, save_contact, trash_contacts
from gratitude_desktop.journal.promises import add_promise

TODAY = dt.date(2026, 12, 6)


def test_birthdays_anniversaries_and_due_promises_become_events(journal, tmp_path):
    ada = save_contact(ContactData(given_name="Ada", birthday="1815-12-10", anniversary="--07-08"))
    save_contact(ContactData(given_name="Mia", birthday="1990-01-02", dnc_channels=("all",)))
    gone = save_contact(ContactData(given_name="Old", birthday="1900-01-01"))
    trash_contacts([gone])
    add_promise(ada, "Send the grant link", TODAY, direction="we-owe", due_on=TODAY)
    add_promise(ada, "No date", TODAY, direction="we-owe")
    path = tmp_path / "reminders.ics"
    assert write_reminders(path, TODAY) == 3
    events = {str(e["summary"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}
    assert set(events) == {
        "Birthday: Ada",
        "Anniversary: Ada",
        "Promised Ada: Send the grant link",
    }
    assert events["Birthday: Ada"]["dtstart"].dt == dt.date(1815, 12, 10)
    assert events["Birthday: Ada"]["rrule"]["FREQ"] == ["YEARLY"]
    assert events["Anniversary: Ada"]["dtstart"].dt == dt.date(2026, 7, 8)
    assert events["Promised Ada: Send the grant link"]["dtstart"].dt == TODAY
    assert str(events["Birthday: Ada"]["uid"]) == f"birthday-{ada}@gratitude"
    assert path.stat().st_mode & 0o077 == 0


def test_export_ics_from_the_command_line(tmp_path, capsys):
    from gratitude_desktop.store.db import open_journal

    data_dir = tmp_path / "j"
    journal = open_journal(data_dir)
    save_contact(ContactData(given_name="Ada", birthday="--02-29"))
    journal.close()
    out = tmp_path / "r.ics"
    assert cli.main(["--data-dir", str(data_dir), "export", "--format", "ics", "-o", str(out)]) == 0
    assert "Exported 1 reminder to" in capsys.readouterr().out
    (event,) = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert event["dtstart"].dt.month == 2 and event["dtstart"].dt.day == 29
