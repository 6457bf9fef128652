"""The journal archive (docs/ARCHIVE.md, version 1): export the journal, import one back.

Reading and checking a file lives in archive_read.py, writing one in archive_write.py;
this module is the entry point, and the import and merge rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
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
from gratitude_desktop.io.merge import MERGED_FIELDS, MIN_PHONE_KEY, snapshot
from gratitude_desktop.io.report import ImportRefused, ImportReport
from gratitude_desktop.journal.contacts import (
    ContactData,
    ContactInvalid,
    load_contact,
    prepare_insert,
    save_contact,
    sort_key,
)
from gratitude_desktop.journal.interactions import refresh_last_touch
from gratitude_desktop.journal.methods import match_key
from gratitude_desktop.store import search
from gratitude_desktop.store.bulk import insert_rows
from gratitude_desktop.store.db import reading
from gratitude_desktop.store.enums import MethodKind, Stage
from gratitude_desktop.store.models import (
    Contact,
    ContactMethod,
    Goal,
    GoalMilestone,
    ImportBatch,
    ImportChange,
    Interaction,
    Offering,
    Promise,
    Purchase,
    Referral,
    Snooze,
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
    "merge_contact",
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


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == ()


def _same(old: object, new: object) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return " ".join(old.casefold().split()) == " ".join(new.casefold().split())
    return old == new


# Fields a merge fills when empty, with the words a conflict note uses: io/merge.py's,
# and the ones only an archive carries.
_FILL_FIELDS = {
    **MERGED_FIELDS,
    "met_on": "met on",
    "cadence_days": "keep-in-touch days",
}


def merge_contact(existing: ContactData, incoming: ContactData) -> ContactData:
    """Fill what `existing` lacks from `incoming`; never overwrite: conflicts go to notes.

    Circles add up, and so do do-not-contact channels: a "no more" is never dropped.
    """
    merged = replace(existing, circles=tuple(sorted({*existing.circles, *incoming.circles})))
    extra: list[str] = []

    def conflict(words: str, value: object) -> None:
        extra.append(f"Imported {words}: {value}")

    for name, words in _FILL_FIELDS.items():
        old, new = getattr(existing, name), getattr(incoming, name)
        if _empty(new) or _same(old, new):
            continue
        if _empty(old):
            setattr(merged, name, new)
        else:
            conflict(words, new.isoformat() if isinstance(new, dt.date) else new)
    if incoming.stage != existing.stage and incoming.stage != Stage.ACQUAINTANCE:
        if existing.stage == Stage.ACQUAINTANCE:
            merged.stage = incoming.stage
        else:
            conflict("stage", incoming.stage)
    if incoming.dnc_channels:
        channels = {*existing.dnc_channels, *incoming.dnc_channels}
        merged.dnc_channels = ("all",) if "all" in channels else tuple(sorted(channels))
        merged.dnc_since = existing.dnc_since or incoming.dnc_since
        if _empty(existing.dnc_reason):
            merged.dnc_reason = incoming.dnc_reason
        elif not _empty(incoming.dnc_reason) and not _same(
            existing.dnc_reason, incoming.dnc_reason
        ):
            conflict("do-not-contact reason", incoming.dnc_reason)
    if incoming.lost_reason:
        if not existing.lost_reason:
            merged.lost_reason = incoming.lost_reason
            merged.lost_since = incoming.lost_since
            merged.lost_note = incoming.lost_note
        elif (incoming.lost_reason, incoming.lost_since) != (
            existing.lost_reason,
            existing.lost_since,
        ):
            conflict("lost", f"{incoming.lost_reason} {incoming.lost_since or ''}".strip())
    notes = existing.notes.strip()
    if incoming.notes.strip() and incoming.notes.strip() not in notes:
        if notes:
            conflict("notes", incoming.notes.strip())
        else:
            notes = incoming.notes.strip()
    extra = [line for line in dict.fromkeys(extra) if line not in notes]
    merged.notes = "\n".join([notes, *extra]).strip()
    keys = {(m.kind, match_key(m.kind, m.value)) for m in existing.methods}
    primaries = {m.kind for m in existing.methods if m.primary}
    merged.methods = list(existing.methods)
    for method in incoming.methods:
        key = (method.kind, match_key(method.kind, method.value))
        if key in keys:
            continue
        keys.add(key)
        merged.methods.append(
            replace(method, primary=method.primary and method.kind not in primaries)
        )
        if method.primary:
            primaries.add(method.kind)
    return merged


def _find_match(data: ContactData, exclude: set[int]) -> int | None:
    """A journal contact that is the same person: same email, same phone, or name + org.

    Live contacts are preferred; trashed ones match too, so re-importing an archive
    does not bring its trashed contacts back twice. Contacts this import creates are not
    in the database yet, so they never match; `exclude` holds those already merged into.
    """
    keys = [
        (m.kind, match_key(m.kind, m.value))
        for m in data.methods
        if (m.kind == MethodKind.EMAIL and match_key(m.kind, m.value))
        or (m.kind == MethodKind.PHONE and len(match_key(m.kind, m.value)) >= MIN_PHONE_KEY)
    ]
    for kind, key in keys:
        for (contact_id,) in (
            ContactMethod.select(ContactMethod.contact)
            .join(Contact)
            .where((ContactMethod.kind == kind) & (ContactMethod.match_key == key))
            .order_by(Contact.trashed_at.is_null(False), Contact.id)
            .tuples()
        ):
            if contact_id not in exclude:
                return contact_id
    name = sort_key(" ".join(data.display_name.split()))
    org = " ".join(data.organization.casefold().split())
    for contact_id, organization, created_at in (
        Contact.select(Contact.id, Contact.organization, Contact.created_at)
        .where(Contact.sort_key == name)
        .order_by(Contact.trashed_at.is_null(False), Contact.id)
        .tuples()
    ):
        if contact_id in exclude:
            continue
        # Same name and organisation; or, for a contact without one, the same record
        # exported earlier (same name, created at the same second).
        if org and " ".join((organization or "").casefold().split()) == org:
            return contact_id
        if data.created_at is not None and created_at == data.created_at:
            return contact_id
    return None
    for contact_id, organization in (
        Contact.select(Contact.id, Contact.organization)
        .where(Contact.sort_key == name)
        .order_by(Contact.trashed_at.is_null(False), Contact.id)
        .tuples()
    ):
        if contact_id not in exclude and " ".join((organization or "").casefold().split()) == org:
            return contact_id
    return None


def _apply(archive: ArchiveData, report: ImportReport) -> None:
    now = dt.datetime.now().replace(microsecond=0)
    merging = Contact.select().exists()
    batch = ImportBatch.create(file=report.file, flavour=FLAVOUR, encoding="utf-8", started_at=now)
    next_id = (Contact.select(fn.max(Contact.id)).scalar() or 0) + 1
    ids: dict[str, int] = {}
    journal_ids: list[int] = []
    created: dict[int, tuple[dict, list[dict]]] = {}  # id -> contact row, method rows
    merged: set[int] = set()
    changes: list[dict] = []
    for contact in archive.contacts:
        match = _find_match(contact.data, merged) if merging else None
        try:
            if match is None:
                contact_id, next_id = next_id, next_id + 1
                values, methods = prepare_insert(contact.data)  # referred_by: set below
                values.update(
                    id=contact_id,
                    import_batch=batch.id,
                    created_at=contact.data.created_at or now,
                    trashed_at=now if contact.trashed else None,
                )
                for method in methods:
                    method["contact"] = contact_id
                created[contact_id] = (values, methods)
                changes.append(
                    dict(batch=batch.id, contact=contact_id, action="created", before=None)
                )
            else:
                contact_id = match
                merged.add(contact_id)
                existing = load_contact(match)
                after = merge_contact(existing, contact.data)
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
        insert_rows(Contact, [values for values, _ in chunk])
        insert_rows(ContactMethod, [m for _, methods in chunk for m in methods])
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
    if merging:
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
    insert_rows(
        Promise,
        new_only(Promise, promises, ("contact", "direction", "what", "made_on"), ("contact",)),
    )
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
    snoozed = {c for (c,) in Snooze.select(Snooze.contact).tuples()}
    insert_rows(
        Snooze,
        [
            s
            for s in (resolve(s, contact=ids) for s in archive.snoozes)
            if s["contact"] not in snoozed
        ],
    )
    refresh_last_touch([*created, *merged])

    report.created, report.merged = len(created), len(merged)
    report.batch_id = batch.id
    ImportBatch.update(
        finished_at=dt.datetime.now().replace(microsecond=0),
        created=report.created,
        merged=report.merged,
    ).where(ImportBatch.id == batch.id).execute()


def import_archive(path: Path, *, dry_run: bool = False) -> ImportReport:
    """Import an archive in one transaction: recreate into an empty journal, else merge.

    Everything is checked before anything is written; a dry run does the whole import
    and rolls it back, so its counts are exact.
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
    with database.atomic() as transaction:
        _apply(archive, report)
        if dry_run:
            transaction.rollback()
            report.batch_id = None
    return report
