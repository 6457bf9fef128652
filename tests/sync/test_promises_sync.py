"""Promises ↔ a CalDAV task list on a real Radicale: ticked on the phone is kept here."""

from __future__ import annotations

import datetime as dt

import httpx
from icalendar import Calendar

from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.promises import add_promise, delete_promise, load_promise
from gratitude_desktop.store.models import Interaction
from gratitude_desktop.sync.service import SyncAccount, sync_journal

TODAY = dt.date(2026, 12, 6)
USER = "ann"


def sync(journal, radicale):
    result = sync_journal(journal.data_dir, journal.path, SyncAccount(radicale.url, USER), "pw",
                          today=TODAY)  # fmt: skip
    assert result.ok, result.message
    return result


def tasks(radicale) -> dict[str, str]:
    folder = radicale.folder / "storage" / "collection-root" / USER / "gratitude-promises"
    return {p.name: p.read_text() for p in sorted(folder.glob("*.ics"))}


def phone_edits(radicale, name: str, change) -> None:
    url = f"{radicale.url}{USER}/gratitude-promises/{name}"
    got = httpx.get(url, auth=(USER, "pw"))
    text = change(got.text)
    httpx.put(url, content=text.encode(), auth=(USER, "pw"),
              headers={"If-Match": got.headers["etag"], "Content-Type": "text/calendar"},
              ).raise_for_status()  # fmt: skip


def test_open_promises_become_tasks_and_ticking_one_on_the_phone_keeps_it(journal, radicale):
    ada = save_contact(ContactData(given_name="Ada"))
    link = add_promise(ada, "Send the grant link", TODAY, direction="we-owe", due_on=TODAY)
    owed = add_promise(ada, "Intro to Babbage", TODAY, direction="they-owe",
                       due_on=TODAY + dt.timedelta(days=7))  # fmt: skip
    result = sync(journal, radicale)
    assert result.promises["written_there"] == 2, result.message
    found = tasks(radicale)
    assert len(found) == 2
    todos = {str(t["summary"]): t for text in found.values()
             for t in Calendar.from_ical(text).walk("VTODO")}  # fmt: skip
    assert set(todos) == {"Send the grant link (Ada)", "Ada owes: Intro to Babbage"}
    assert todos["Send the grant link (Ada)"]["due"].dt == TODAY
    assert str(todos["Send the grant link (Ada)"]["status"]) == "NEEDS-ACTION"

    (link_file,) = [n for n, t in found.items() if "grant link" in t]
    (owed_file,) = [n for n, t in found.items() if "Babbage" in t]
    phone_edits(radicale, link_file, lambda t: t.replace(
        "STATUS:NEEDS-ACTION", "STATUS:COMPLETED\r\nCOMPLETED:20261207T090000Z"))  # fmt: skip
    phone_edits(radicale, owed_file, lambda t: t.replace("DUE;VALUE=DATE:20261213",
                                                         "DUE;VALUE=DATE:20261220"))  # fmt: skip
    result = sync(journal, radicale)
    assert result.promises["kept_here"] == ["Ada: Send the grant link"], result.message
    kept = load_promise(link)
    assert kept.status == "kept" and kept.done_on == dt.date(2026, 12, 7)
    assert Interaction.select().where(Interaction.summary.contains("grant link")).exists()
    assert load_promise(owed).due_on == dt.date(2026, 12, 20)
    again = sync(journal, radicale)
    assert again.promises["kept_here"] == [] and again.promises["moved_here"] == []

    delete_promise(owed)
    result = sync(journal, radicale)
    assert result.promises["deleted_there"] == 1
    assert list(tasks(radicale)) == [link_file]
