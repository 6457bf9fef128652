"""Promises ↔ a CalDAV task list (VTODO): each open promise is a task with its due date.

Ticking a task done on the phone marks the promise kept here (logged on the timeline as
"Kept", as the Promises view does); a new due date set there moves it here. A promise
kept, released or broken here is written up as completed; a promise deleted here is
deleted there. The journal holds the promise: a task deleted on the phone comes back
on the next sync while the promise is open (tick it to close it).

The same WebDAV client as the contacts (sync.dav); tasks are written and read with
`icalendar`. Items, versions and sync-tokens are kept as for contacts (sync_state).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from icalendar import Calendar, Todo

from gratitude_desktop.journal.outreach import OutreachRefused
from gratitude_desktop.journal.promises import edit_promise, load_promise, mark_kept
from gratitude_desktop.store import sync_state
from gratitude_desktop.store.enums import PromiseStatus
from gratitude_desktop.store.models import Contact, Promise, database
from gratitude_desktop.store.sync_state import SyncCollection, SyncItem
from gratitude_desktop.sync.dav import Conflict, DavClient, SyncError, TokenExpired

LIST_NAME = "Gratitude promises"
PRODID = "-//Gratitude//Gratitude desktop//EN"
BATCH = 100


@dataclass
class PromisesReport:
    """What one promises sync did."""

    collection: str = ""
    kept_here: list[str] = field(default_factory=list)
    moved_here: list[str] = field(default_factory=list)
    written_there: int = 0
    deleted_there: int = 0
    refused: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            (len(self.kept_here), "kept (ticked on the phone)"),
            (len(self.moved_here), "given a new due date there"),
            (self.written_there, "written to the task list"),
            (self.deleted_there, "deleted from the task list"),
            (len(self.refused), "tasks not read"),
        ]
        said = [f"{n} {words}" for n, words in parts if n]
        return "Promises: " + ("; ".join(said) if said else "nothing to sync") + "."


def find_task_list(dav: DavClient, principal: str | None = None) -> str:
    """The "Gratitude promises" task list in the account's calendar home, made if missing."""
    homes = dav.home_sets(principal or dav.principal())
    home = homes.get("calendar")
    if not home:
        raise SyncError(f"The server at {dav.url} offers no calendars to this account.", 404)
    for found in dav.collections(home):
        if found.kind == "calendar" and found.name == LIST_NAME:
            return found.url
    return dav.make_collection(home, "gratitude-promises", LIST_NAME, "calendar", "VTODO")


def todo_text(promise: Promise, name: str, uid: str, now: dt.datetime) -> str:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    todo = Todo()
    todo.add("uid", uid)
    todo.add("dtstamp", now)
    ours = promise.direction == "we-owe"
    todo.add("summary", f"{promise.what} ({name})" if ours else f"{name} owes: {promise.what}")
    if promise.due_on:
        todo.add("due", promise.due_on)
    done = promise.status != PromiseStatus.OPEN
    todo.add("status", "COMPLETED" if done else "NEEDS-ACTION")
    if done:
        when = promise.done_on or now.date()
        todo.add("completed", dt.datetime.combine(when, dt.time(12), tzinfo=dt.UTC))
    todo.add("x-gratitude-direction", promise.direction)
    calendar.add_component(todo)
    return calendar.to_ical().decode("utf-8")


def read_todo(text: str) -> dict:
    """{"uid", "status", "due", "completed"} of the task in a calendar text."""
    calendar = Calendar.from_ical(text)
    for todo in calendar.walk("VTODO"):
        due = todo.get("due")
        due = due.dt if due is not None else None
        if isinstance(due, dt.datetime):
            due = due.date()
        completed = todo.get("completed")
        completed = completed.dt if completed is not None else None
        if isinstance(completed, dt.datetime):
            completed = completed.date()
        return {
            "uid": str(todo.get("uid", "")),
            "status": str(todo.get("status", "NEEDS-ACTION")).upper(),
            "due": due.isoformat() if due else None,
            "completed": completed.isoformat() if completed else None,
        }
    raise ValueError("no task (VTODO) in it")


class PromiseSync:
    """One sync of the journal's promises with the task list at `url`."""

    def __init__(self, dav: DavClient, url: str, journal_id: str, today: dt.date):
        self.dav = dav
        self.url = url if url.endswith("/") else url + "/"
        self.journal_id = journal_id
        self.today = today
        self.report = PromisesReport(collection=self.url)

    def run(self) -> PromisesReport:
        state = sync_state.collection_for(self.url, "tasks")
        items = sync_state.items_by_href(state)
        try:
            changed, deleted, token = self.dav.changes(self.url, state.sync_token)
        except TokenExpired:
            etags = self.dav.etags(self.url)
            changed, deleted, token = etags, [h for h in items if h not in etags], None
        changed = {h: e for h, e in changed.items() if h not in items or items[h].etag != e}
        hrefs = list(changed)
        for start in range(0, len(hrefs), BATCH):
            resources = self.dav.multiget(self.url, hrefs[start : start + BATCH], "calendar")
            with database.atomic():
                for resource in resources:
                    self._apply(items, resource.href, resource.etag, resource.text or "")
        with database.atomic():
            for href in deleted:
                item = items.pop(href, None)
                if item is not None:  # the promise stays; written again below while open
                    SyncItem.delete().where(SyncItem.id == item.id).execute()
            SyncCollection.update(sync_token=token).where(SyncCollection.id == state.id).execute()
        for item in sync_state.orphaned_items(state, "promise"):
            try:
                self.dav.delete(item.href, item.etag)
            except Conflict:
                continue
            with database.atomic():
                SyncItem.delete().where(SyncItem.id == item.id).execute()
            items.pop(item.href, None)
            self.report.deleted_there += 1
        self._push(state, items)
        return self.report

    def _apply(self, items: dict[str, SyncItem], href: str, etag: str | None, text: str) -> None:
        item = items.get(href)
        if item is None or item.record_id <= 0:
            return  # not one of ours: a task list shared with other tasks keeps them
        try:
            task = read_todo(text)
        except ValueError as problem:
            self.report.refused.append(f"{href}: {problem}")
            return
        base = json.loads(sync_state.with_texts(item).base or "{}")
        promise = Promise.get_or_none(Promise.id == item.record_id)
        if promise is not None and promise.status == PromiseStatus.OPEN:
            name = Contact.get_by_id(promise.contact_id).display_name
            if task["due"] != base.get("due") and (
                (promise.due_on.isoformat() if promise.due_on else None) == base.get("due")
            ):
                data = load_promise(promise.id)
                data.due_on = dt.date.fromisoformat(task["due"]) if task["due"] else None
                edit_promise(data, self.today)
                self.report.moved_here.append(f"{name}: {promise.what}")
            if task["status"] == "COMPLETED" and base.get("status") != "COMPLETED":
                when = dt.date.fromisoformat(task["completed"]) if task["completed"] else self.today
                try:
                    mark_kept(promise.id, when, reason="Ticked as done in the task list")
                except OutreachRefused as refused:
                    self.report.refused.append(f"{name}: {refused}")
                else:
                    self.report.kept_here.append(f"{name}: {promise.what}")
        SyncItem.update(etag=etag, card=text, base=json.dumps(task)).where(
            SyncItem.id == item.id
        ).execute()
        item.etag, item.card, item.base = etag, text, json.dumps(task)

    def _push(self, state: SyncCollection, items: dict[str, SyncItem]) -> None:
        by_record = {i.record_id: i for i in items.values() if i.record_id > 0}
        linked = set(by_record)
        unlinked = [
            p
            for (p,) in Promise.select(Promise.id)
            .join(Contact, on=(Promise.contact == Contact.id))
            .where((Promise.status == PromiseStatus.OPEN) & Contact.trashed_at.is_null(True))
            .tuples()
            if p not in linked
        ]
        ids = sync_state.changed_items(state, "promise") + unlinked
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            versions = sync_state.versions("promise", chunk)
            rows = {p.id: p for p in Promise.select().where(Promise.id.in_(chunk))}
            names = dict(
                Contact.select(Contact.id, Contact.display_name)
                .where(Contact.id.in_([p.contact_id for p in rows.values()]))
                .tuples()
            )
            done = []
            for promise_id in chunk:
                promise = rows.get(promise_id)
                if promise is None:
                    continue
                item = by_record.get(promise_id)
                uid = item.uid if item else f"{self.journal_id}-promise-{promise_id}"
                href = item.href if item else f"{self.url}{uid}.ics"
                text = todo_text(promise, names.get(promise.contact_id, ""), uid, now)
                try:
                    etag = self.dav.put(href, text, item.etag if item else None, "text/calendar")
                except Conflict:
                    continue  # changed there meanwhile: read and written again next sync
                done.append((promise_id, item, href, uid, etag, text, versions[promise_id]))
                self.report.written_there += 1
            with database.atomic():
                for promise_id, item, href, uid, etag, text, version in done:
                    values = dict(
                        etag=etag,
                        card=text,
                        base=json.dumps(read_todo(text)),
                        synced_version=version,
                    )
                    if item is None:
                        created = SyncItem.create(
                            collection=state,
                            href=href,
                            uid=uid,
                            kind="promise",
                            record_id=promise_id,
                            **values,
                        )
                        items[href] = created
                    else:
                        SyncItem.update(**values).where(SyncItem.id == item.id).execute()
