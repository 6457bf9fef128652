"""The journal archive (docs/ARCHIVE.md, version 1): export the journal, import one back.

Reading and checking a file lives in archive_read.py, writing one in archive_write.py;
this module is the entry point, and the import and merge rules.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from peewee import fn

from gratitude_desktop.io.archive_read import (
    FORMAT,
    VERSION,
    ArchiveContact,
    ArchiveData,
    parse_archive,
    read_archive,
)
from gratitude_desktop.io.archive_write import (
    archive_text,
    journal_archive,
    write_text_atomically,
)
from gratitude_desktop.io.merge import Matcher, keys_of, merge, snapshot
from gratitude_desktop.io.report import ImportRefused, ImportReport
from gratitude_desktop.journal.contacts import (
    CONTACT_COLUMNS,
    METHOD_COLUMNS,
    ContactInvalid,
    contact_rows,
    load_contact,
    save_contact,
)
from gratitude_desktop.journal.interactions import refresh_last_touch
from gratitude_desktop.journal.photos import add_photos
from gratitude_desktop.journal.relationships import RelationshipData, add_links
from gratitude_desktop.journal.tags import add_tags, ensure_tags
from gratitude_desktop.store import search
from gratitude_desktop.store.bulk import insert_rows, insert_tuples
from gratitude_desktop.store.db import private_copy, reading
from gratitude_desktop.store.models import (
    Contact,
    ContactMethod,
    Goal,
    GoalMilestone,
    GoalReview,
    ImportBatch,
    ImportChange,
    Interaction,
    Offering,
    Promise,
    Purchase,
    Referral,
    Snooze,
    Tag,
    database,
)

__all__ = [
    "FLAVOUR",
    "FORMAT",
    "VERSION",
    "ArchiveContact",
    "ArchiveData",
    "archive_text",
    "export_archive",
    "import_archive",
    "journal_archive",
    "parse_archive",
    "read_archive",
    "write_text_atomically",
]

FLAVOUR = "gratitude-json"


def export_archive(path: Path) -> int:
    """Write the whole journal to `path` as an archive; returns how many contacts it holds."""
    with reading():  # one consistent read, no write lock
        archive = journal_archive()
    write_text_atomically(Path(path), archive_text(archive))
    return len(archive["contacts"])


def _apply(archive: ArchiveData, report: ImportReport) -> None:
    now = dt.datetime.now().replace(microsecond=0)
    # Archive records are distinct people: they match journal contacts, never each other,
    # and two records never merge into one contact (`exclude=merged`).
    matcher = Matcher() if Contact.select().exists() else None
    batch = ImportBatch.create(file=report.file, flavour=FLAVOUR, encoding="utf-8", started_at=now)
    next_id = (Contact.select(fn.max(Contact.id)).scalar() or 0) + 1
    ids: dict[str, int] = {}
    journal_ids: list[int] = []
    created: dict[int, tuple[tuple, list[tuple]]] = {}  # id -> contact row, method rows
    trashed: list[int] = []
    merged: set[int] = set()
    changes: list[dict] = []
    for contact in archive.contacts:
        hit = matcher.find(keys_of(contact.data), exclude=merged) if matcher else None
        match = hit[0][1] if hit else None
        try:
            if match is None:
                contact_id, next_id = next_id, next_id + 1
                # referred_by: set below, once everyone is in
                created[contact_id] = contact_rows(contact.data, contact_id, now, batch_id=batch.id)
                if contact.trashed:
                    trashed.append(contact_id)
                changes.append(
                    dict(batch=batch.id, contact=contact_id, action="created", before=None)
                )
            else:
                contact_id = match
                merged.add(contact_id)
                existing = load_contact(match)
                after = merge(existing, contact.data)
                if after != existing:  # a contact already up to date is left alone
                    save_contact(after)
                    changes.append(
                        dict(
                            batch=batch.id,
                            contact=contact_id,
                            action="merged",
                            before=snapshot(existing),
                        )
                    )
        except ContactInvalid as invalid:
            raise ImportRefused(archive.file, f"{contact.data.display_name}: {invalid}") from None
        journal_ids.append(contact_id)
        if contact.ref is not None:
            ids[contact.ref] = contact_id
    rows = list(created.values())
    for start in range(0, len(rows), 1000):
        chunk = rows[start : start + 1000]
        insert_tuples(Contact, CONTACT_COLUMNS, [values for values, _ in chunk])
        insert_tuples(ContactMethod, METHOD_COLUMNS, [m for _, methods in chunk for m in methods])
    for start in range(0, len(trashed), 500):
        Contact.update(trashed_at=now).where(Contact.id.in_(trashed[start : start + 500])).execute()
    # Links are set once everyone is in: a contact may name a referrer further down the file.
    referred: dict[int, list[int]] = {}
    for contact, contact_id in zip(archive.contacts, journal_ids, strict=True):
        if contact.referred_by is not None and ids[contact.referred_by] != contact_id:
            referred.setdefault(ids[contact.referred_by], []).append(contact_id)
    for referrer, people in referred.items():
        for start in range(0, len(people), 500):
            Contact.update(referred_by=referrer).where(
                Contact.id.in_(people[start : start + 500]) & Contact.referred_by.is_null(True)
            ).execute()
    if matcher is not None:
        search.reindex(created)
    else:
        search.rebuild()
    insert_rows(ImportChange, changes)

    offerings: dict[str, int] = {}
    existing_offerings = {o.name: o.id for o in Offering.select()}
    for offering in archive.offerings:
        offering_id = existing_offerings.get(offering["name"])  # one offering per name
        if offering_id is None:
            offering_id = Offering.insert(
                name=offering["name"], active=offering["active"]
            ).execute()
        offerings[offering["ref"]] = offering_id

    def resolve(item: dict, **refs) -> dict:
        row = dict(item)
        for key, table in refs.items():
            row[key] = table[item[key]] if item[key] is not None else None
        return row

    def new_only(model, rows: list[dict], key: tuple[str, ...], owners: tuple[str, ...]):
        """Rows not already in the journal (only merged contacts can already have them)."""
        if not merged:
            return rows
        where = None
        for owner in owners:
            clause = getattr(model, owner).in_(list(merged))
            where = clause if where is None else where | clause
        seen = {tuple(row[f] for f in key) for row in model.select().where(where).dicts()}
        fresh = [r for r in rows if tuple(r[f] for f in key) not in seen]
        if len(fresh) < len(rows):
            report.warnings.append(
                f"{len(rows) - len(fresh)} {model.__name__.lower()} record(s) were already "
                "in the journal and were not added again."
            )
        return fresh

    interactions = [resolve(i, contact=ids, offering=offerings) for i in archive.interactions]
    interactions = new_only(
        Interaction,
        interactions,
        ("contact", "at", "channel", "direction", "purpose", "summary"),
        ("contact",),
    )
    insert_rows(Interaction, [dict(r, created_at=now) for r in interactions])
    promises = [resolve(p, contact=ids) for p in archive.promises]
    promise_key = ("contact", "direction", "what", "made_on")
    insert_rows(Promise, new_only(Promise, promises, promise_key, ("contact",)))
    if archive.promise_links:  # a re-dated promise points at the broken one it replaces
        linked = {promises[n]["contact"] for pair in archive.promise_links for n in pair}
        found = {
            tuple(row[f] for f in promise_key): row["id"]
            for row in Promise.select().where(Promise.contact.in_(list(linked))).dicts()
        }
        for n, old in archive.promise_links:
            new_id = found.get(tuple(promises[n][f] for f in promise_key))
            old_id = found.get(tuple(promises[old][f] for f in promise_key))
            if new_id is not None and old_id is not None and new_id != old_id:
                Promise.update(replaces=old_id).where(Promise.id == new_id).execute()
    referrals = [resolve(r, by=ids, person=ids, to=ids) for r in archive.referrals]
    insert_rows(
        Referral,
        new_only(Referral, referrals, ("by", "person", "to", "on"), ("by", "person", "to")),
    )
    purchases = [resolve(p, contact=ids, offering=offerings) for p in archive.purchases]
    insert_rows(
        Purchase,
        new_only(Purchase, purchases, ("contact", "offering", "since"), ("contact",)),
    )
    titles = {t for (t,) in Goal.select(Goal.title).tuples()}
    insert_rows(Goal, [g for g in archive.goals if g["title"] not in titles])
    new_goals = {
        title: gid
        for gid, title in Goal.select(Goal.id, Goal.title).tuples()
        if title not in titles
    }
    insert_rows(
        GoalMilestone,
        [
            {"goal": new_goals[m["goal"]], **{k: v for k, v in m.items() if k != "goal"}}
            for m in archive.goal_milestones
            if m["goal"] in new_goals
        ],
    )
    insert_rows(
        GoalReview,
        [
            {"goal": new_goals[r["goal"]], "on": r["on"], "note": r["note"]}
            for r in archive.goal_reviews
            if r["goal"] in new_goals
        ],
    )
    snoozed = {c for (c,) in Snooze.select(Snooze.contact).tuples()}
    insert_rows(
        Snooze,
        [
            s
            for s in (resolve(s, contact=ids) for s in archive.snoozes)
            if s["contact"] not in snoozed
        ],
    )
    _apply_extras(archive, ids, journal_ids)
    refresh_last_touch([*created, *merged])

    report.created, report.merged = len(created), len(merged)
    report.batch_id = batch.id
    ImportBatch.update(
        finished_at=dt.datetime.now().replace(microsecond=0),
        created=report.created,
        merged=report.merged,
    ).where(ImportBatch.id == batch.id).execute()


def _apply_extras(archive: ArchiveData, ids: dict[str, int], journal_ids: list[int]) -> None:
    """Tags (with their colours), relationships and photos: added, never taken away."""
    had = {name.casefold() for (name,) in Tag.select(Tag.name).tuples()}
    for name, tag_id in ensure_tags(archive.tag_colors).items():
        if name not in had:  # a tag the journal had keeps the colour the user gave it
            colour = next(c for n, c in archive.tag_colors.items() if n.casefold() == name)
            Tag.update(color=colour).where(Tag.id == tag_id).execute()
    contacts = list(zip(archive.contacts, journal_ids, strict=True))
    add_tags((contact_id, name) for contact, contact_id in contacts for name in contact.tags)
    add_links(
        RelationshipData(contact_id, ids[other], kind)
        for contact, contact_id in contacts
        for kind, other in contact.relationships
    )
    add_photos({cid: contact.photo for contact, cid in contacts if contact.photo is not None})


def import_archive(path: Path, *, dry_run: bool = False) -> ImportReport:
    """Import an archive in one transaction: recreate into an empty journal, else merge.

    Everything is checked before anything is written. A dry run does the whole import
    on a private copy of the journal (store.db.private_copy), so its counts are exact
    and the journal itself is only read: it takes no lock a real import would wait for.
    """
    path = Path(path)
    archive = read_archive(path)
    report = ImportReport(
        file=str(path),
        flavour=FLAVOUR,
        encoding="utf-8",
        warnings=list(archive.warnings),
        dry_run=dry_run,
    )
    if dry_run:
        with private_copy(), database.atomic():
            _apply(archive, report)
        report.batch_id = None
        return report
    with database.atomic():
        _apply(archive, report)
    return report
