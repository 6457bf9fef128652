"""Contacts ↔ one CardDAV address book, both ways, incrementally and resumably.

One sync: ask the server what changed (sync-token, else the etags), read those cards
and merge them in (one transaction per batch of cards), trash what the server
deleted, then write up what changed here (contacts whose sync_version moved, new
contacts) and delete on the server what was deleted here for good. Every step is
recorded as it lands, so a sync cut short by a crash, a lost connection or a server
error leaves each contact whole and the next sync carries on: a card written but not
recorded comes back as "already there" (If-None-Match: *, 412) and is linked, not
doubled; the sync-token is stored only once every change it covers is applied.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from gratitude_desktop.io.merge import Matcher, keys_of, merge
from gratitude_desktop.journal.contacts import (
    ContactData,
    ContactInvalid,
    composed_name,
    load_contacts,
    save_contact,
    trash_contacts,
    update_contacts,
)
from gratitude_desktop.store import sync_state
from gratitude_desktop.store.models import Contact, database
from gratitude_desktop.store.sync_state import SyncCollection, SyncItem
from gratitude_desktop.sync.card import (
    CardUnreadable,
    apply_fields,
    card_text,
    fields_of,
    merge3,
    normalized,
    read_card,
)
from gratitude_desktop.sync.dav import Conflict, DavClient, Resource, SyncError, TokenExpired

BATCH = 100
PUT_TRIES = 3


@dataclass
class ReportedConflict:
    """A field changed on both sides: the journal's value was kept, the other noted."""

    contact_id: int
    name: str
    field: str
    kept: str
    other: str


@dataclass
class ContactsReport:
    """What one contacts sync did (or, dry, would do)."""

    collection: str = ""
    dry_run: bool = False
    created_here: list[str] = field(default_factory=list)
    updated_here: list[str] = field(default_factory=list)
    trashed_here: list[str] = field(default_factory=list)
    merged_first: list[str] = field(default_factory=list)
    created_there: int = 0
    updated_there: int = 0
    deleted_there: int = 0
    conflicts: list[ReportedConflict] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def summary(self) -> str:
        verb = "would be" if self.dry_run else ""
        parts = [
            (len(self.created_here), "new here"),
            (len(self.updated_here), "updated here"),
            (len(self.trashed_here), "moved to the Trash (deleted on the server)"),
            (len(self.merged_first), "matched with a card already on the server"),
            (self.created_there, "new on the server"),
            (self.updated_there, "updated on the server"),
            (self.deleted_there, "deleted on the server"),
            (len(self.conflicts), "changed on both sides (the journal's kept, the other noted)"),
            (len(self.refused), "cards not read"),
        ]
        said = [f"{n} {words}" for n, words in parts if n]
        text = "; ".join(said) if said else "nothing to sync"
        return f"Contacts: {text}" + (f" ({verb.strip()})" if verb and said else "") + "."


def _shown(value) -> str:
    if isinstance(value, list):
        return ", ".join(" ".join(map(str, v)) if isinstance(v, list) else str(v) for v in value)
    return "" if value is None else str(value)


class ContactSync:
    """One sync of the journal's contacts with the address book at `url`."""

    def __init__(
        self,
        dav: DavClient,
        url: str,
        journal_id: str,
        today: dt.date,
        *,
        dry_run: bool = False,
        progress: Callable[[str], None] | None = None,
    ):
        self.dav = dav
        self.url = url if url.endswith("/") else url + "/"
        self.journal_id = journal_id
        self.today = today
        self.dry_run = dry_run
        self.progress = progress or (lambda _words: None)
        self.report = ContactsReport(collection=self.url, dry_run=dry_run)
        self._linked: set[int] = set()  # contacts linked to a card of this book (first sync)

    # --- the whole sync -------------------------------------------------------------------

    def run(self) -> ContactsReport:
        state = (
            SyncCollection.get_or_none(SyncCollection.url == self.url)
            if self.dry_run
            else sync_state.collection_for(self.url, "addressbook")
        )
        items = sync_state.items_by_href(state) if state else {}
        self.progress("Asking the server what changed…")
        try:
            changed, deleted, token = self._server_changes(state, items)
        except SyncError as problem:
            if not (self.dry_run and problem.status == 404):
                raise
            changed, deleted, token = {}, [], None  # a dry run: the book is not made yet
        if self.dry_run:
            return self._dry(state, items, changed, deleted)
        self._pull(state, items, changed)
        self._deleted_on_server(items, deleted)
        with database.atomic():
            SyncCollection.update(sync_token=token).where(SyncCollection.id == state.id).execute()
        self._delete_emptied(state, items)  # first: a new contact may take a deleted one's id
        self._push(state, items)
        with database.atomic():
            SyncCollection.update(synced_at=dt.datetime.now().replace(microsecond=0)).where(
                SyncCollection.id == state.id
            ).execute()
        return self.report

    def _server_changes(
        self, state: SyncCollection | None, items: dict[str, SyncItem]
    ) -> tuple[dict[str, str | None], list[str], str | None]:
        token = state.sync_token if state else None
        try:
            changed, deleted, new_token = self.dav.changes(self.url, token)
        except TokenExpired:
            changed, deleted, new_token = self._listing(items)
        except SyncError as problem:
            if problem.status in (400, 403, 405, 415, 501):  # no sync-collection report here
                changed, deleted, new_token = self._listing(items)
            else:
                raise
        changed = {
            href: etag
            for href, etag in changed.items()
            if href not in items or etag is None or items[href].etag != etag
        }
        deleted = [href for href in deleted if href in items]
        return changed, deleted, new_token

    def _listing(self, items: dict[str, SyncItem]):
        etags = self.dav.etags(self.url)
        deleted = [href for href in items if href not in etags]
        return etags, deleted, None

    def _dry(self, state, items, changed, deleted) -> ContactsReport:
        report = self.report
        for href in changed:
            (report.updated_here if href in items else report.created_here).append(href)
        report.trashed_here += deleted
        if state is None:
            report.created_there = len(sync_state.unlinked_contacts(SyncCollection(id=-1)))
        else:
            report.created_there = len(sync_state.unlinked_contacts(state))
            report.updated_there = len(sync_state.changed_items(state, "contact"))
            report.deleted_there = len(sync_state.orphaned_items(state, "contact"))
        return report

    # --- server → journal -------------------------------------------------------------------

    def _pull(self, state: SyncCollection, items: dict[str, SyncItem], changed: dict) -> None:
        hrefs = list(changed)
        if not hrefs:
            return
        matcher: Matcher | None = None
        for start in range(0, len(hrefs), BATCH):
            self.progress(f"Reading cards {start + 1}–{min(len(hrefs), start + BATCH)}…")
            resources = self.dav.multiget(self.url, hrefs[start : start + BATCH])
            if matcher is None and any(r.href not in items for r in resources):
                matcher = self._matcher(state)
            with database.atomic():
                for resource in resources:
                    self._apply(state, items, resource, matcher)

    def _matcher(self, state: SyncCollection) -> Matcher:
        """The duplicate matcher; contacts already linked to a card of this book never match."""
        matcher = Matcher()
        self._linked = {
            item.record_id
            for item in SyncItem.select(SyncItem.record_id).where(
                (SyncItem.collection == state) & (SyncItem.kind == "contact")
            )
        }
        return matcher

    def _apply(
        self,
        state: SyncCollection,
        items: dict[str, SyncItem],
        resource: Resource,
        matcher: Matcher | None,
    ) -> None:
        """Merge one server card into the journal and record it (inside the batch's transaction)."""
        try:
            remote_data, uid = read_card(resource.text or "", resource.href)
        except CardUnreadable as problem:
            self.report.refused.append(str(problem))
            return
        remote = fields_of(remote_data)
        item = items.get(resource.href)
        if item is not None:
            sync_state.with_texts(item)
        contact_id = item.record_id if item and item.record_id > 0 else None
        base = json.loads(item.base) if item and item.base else None
        if item is None:
            contact_id, base = self._link_new_card(remote_data, remote, uid, matcher)
        found = load_contacts([contact_id]) if contact_id else {}
        if item is not None and contact_id is None:
            contact_id = -1  # deleted here for good: recreated below
        if contact_id not in found:  # deleted here for good, changed there since: keep theirs
            contact_id = self._create(remote_data)
            local = remote
        else:
            local_data = found[contact_id]
            local = normalized(local_data)
            merged, conflicts = merge3(base, local, remote, self.today)
            name = local_data.display_name
            for conflict in conflicts:
                self.report.conflicts.append(
                    ReportedConflict(
                        contact_id,
                        name,
                        conflict.words,
                        _shown(conflict.kept),
                        _shown(conflict.other),
                    )
                )
            if merged != local:
                self._update(apply_fields(local_data, merged))
                if item is not None:
                    self.report.updated_here.append(name)
            local = merged
        version = sync_state.versions("contact", [contact_id])[contact_id]
        values = dict(
            etag=resource.etag,
            base=json.dumps(remote, ensure_ascii=False),
            card=resource.text,
            record_id=contact_id,
            # Merged with changes of ours: leave it for the push to write up.
            synced_version=version if local == remote else -1,
        )
        if item is None:
            item = SyncItem.create(
                collection=state,
                href=resource.href,
                uid=uid or resource.href,
                kind="contact",
                **values,
            )
            items[resource.href] = item
        else:
            SyncItem.update(**values).where(SyncItem.id == item.id).execute()
            for name, value in values.items():
                setattr(item, name, value)

    def _link_new_card(
        self, remote_data: ContactData, remote: dict, uid: str, matcher: Matcher | None
    ) -> tuple[int | None, dict | None]:
        """The contact a card new to us belongs to (and the base to merge with), or (None, None).

        Our own card whose recording was lost links back to its contact; a card of the same
        person as an unlinked contact (same email, phone, or name and organisation) is merged
        into it by the import's rule — no doubles on a first sync.
        """
        prefix = self.journal_id + "-"
        if uid.startswith(prefix) and uid[len(prefix) :].isdigit():
            contact_id = int(uid[len(prefix) :])
            if Contact.select().where(Contact.id == contact_id).exists() and not (
                SyncItem.select()
                .where((SyncItem.kind == "contact") & (SyncItem.record_id == contact_id))
                .exists()
            ):
                return contact_id, remote  # what we wrote: our changes since win
        if matcher is None:
            return None, None
        keys = keys_of(remote_data)
        hit = matcher.find(keys, exclude=self._linked)
        if hit is None or hit[0][0] != "contact":
            contact_id = self._create(remote_data)
            self.report.created_here.append(composed_name(remote_data))
            matcher.add(("linked", contact_id), keys)
            return contact_id, remote
        contact_id = hit[0][1]
        local_data = load_contacts([contact_id])[contact_id]
        merged = merge(local_data, remote_data)  # the import's rule: the journal's value wins
        if merged != local_data:
            self._update(merged)
        self.report.merged_first.append(local_data.display_name)
        self._linked.add(contact_id)  # one card per contact: a second card is another person
        return contact_id, remote

    def _create(self, data: ContactData) -> int:
        """A new contact from a server card; values the journal cannot take go to its notes."""
        try:
            return save_contact(data)
        except ContactInvalid as problem:
            blank = ContactData()
            kept = []
            for bad in problem.problems:
                if bad.field.startswith("methods["):
                    method = data.methods[int(bad.field[8:-1])]
                    kept.append(f"From the server, {method.kind}: {method.value}")
                    method.value = ""
                elif hasattr(blank, bad.field):
                    kept.append(f"From the server, {bad.field}: {getattr(data, bad.field)}")
                    setattr(data, bad.field, getattr(blank, bad.field))
            data.methods = [m for m in data.methods if m.value]
            data.notes = "\n".join(filter(None, [data.notes, *kept]))
            return save_contact(data)

    def _update(self, data: ContactData) -> None:
        refused = update_contacts([data])
        if refused:
            self.report.refused.append(f"{data.display_name}: {refused[data.id]}")

    def _deleted_on_server(self, items: dict[str, SyncItem], deleted: list[str]) -> None:
        if not deleted:
            return
        with database.atomic():
            for href in deleted:
                item = items.pop(href)
                if item.kind == "contact":
                    row = Contact.get_or_none(Contact.id == item.record_id)
                    if row is not None and row.trashed_at is None:
                        trash_contacts([row.id])
                        self.report.trashed_here.append(row.display_name)
                SyncItem.delete().where(SyncItem.id == item.id).execute()

    # --- journal → server -------------------------------------------------------------------

    def _push(self, state: SyncCollection, items: dict[str, SyncItem]) -> None:
        by_record = {
            i.record_id: i for i in items.values() if i.kind == "contact" and i.record_id > 0
        }
        ids = sync_state.changed_items(state, "contact") + sync_state.unlinked_contacts(state)
        for start in range(0, len(ids), BATCH):
            self.progress(
                f"Writing contacts {start + 1}–{min(len(ids), start + BATCH)} of {len(ids)}…"
            )
            chunk = ids[start : start + BATCH]
            contacts = load_contacts(chunk)
            loaded = sync_state.versions("contact", chunk)
            done: list[tuple[int, dict]] = []
            for contact_id in chunk:
                data = contacts.get(contact_id)
                if data is None:
                    continue
                values = self._write_up(state, items, by_record, data)
                if values is not None:
                    values["synced_version"] = loaded[contact_id]
                    done.append((contact_id, values))
            with database.atomic():
                for contact_id, values in done:
                    item = by_record.get(contact_id)
                    if item is None:
                        item = SyncItem.create(collection=state, kind="contact", **values)
                        by_record[contact_id] = item
                        items[item.href] = item
                    else:
                        SyncItem.update(**values).where(SyncItem.id == item.id).execute()
                        for name, value in values.items():
                            setattr(item, name, value)

    def _write_up(
        self,
        state: SyncCollection,
        items: dict[str, SyncItem],
        by_record: dict[int, SyncItem],
        data: ContactData,
    ) -> dict | None:
        """PUT one contact (retrying on 412 after merging the newer card); the item's values."""
        item = by_record.get(data.id)
        for _ in range(PUT_TRIES):
            if item is None:
                uid = f"{self.journal_id}-{data.id}"
                href, etag, server_card = f"{self.url}{uid}.vcf", None, None
            else:
                sync_state.with_texts(item)
                uid, href, etag, server_card = item.uid, item.href, item.etag, item.card
                if item.base and normalized(data) == json.loads(item.base):
                    return {"record_id": data.id}  # nothing of ours to write
            text = card_text(data, uid, server_card)
            try:
                new_etag = self.dav.put(href, text, etag)
            except Conflict:
                # Someone wrote first (or our own earlier write was not recorded): read
                # theirs, merge it in as a pull would, and write the result over it.
                resource = self.dav.get(href)
                if resource is None:  # deleted on the server meanwhile: gone here too
                    self._deleted_on_server(items, [href] if href in items else [])
                    return None
                with database.atomic():
                    self._apply(state, items, resource, None)
                item = items.get(href)
                by_record[data.id] = item
                data = load_contacts([data.id]).get(data.id)
                if data is None or data.trashed_at is not None:
                    return None
                continue
            if item is None:
                self.report.created_there += 1
            else:
                self.report.updated_there += 1
            return {
                "record_id": data.id,
                "href": href,
                "uid": uid,
                "etag": new_etag,
                "card": text,
                "base": json.dumps(fields_of(read_card(text, href)[0]), ensure_ascii=False),
            }
        raise SyncError(f"{data.display_name}: the server kept changing it; try again later.", 412)

    def _delete_emptied(self, state: SyncCollection, items: dict[str, SyncItem]) -> None:
        """Contacts deleted here for good (the Trash emptied) are deleted on the server."""
        for item in sync_state.orphaned_items(state, "contact"):
            try:
                self.dav.delete(item.href, item.etag)
            except Conflict:
                continue  # changed there since: the next sync brings it back
            with database.atomic():
                SyncItem.delete().where(SyncItem.id == item.id).execute()
            items.pop(item.href, None)
            self.report.deleted_there += 1
