"""Import an address book (CSV of any flavour, or vCard) into the journal, and undo an import.

One import is one ImportBatch, written in one transaction: it all happens or none of it does.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from gratitude_desktop.io import csv_import, merge, vcard
from gratitude_desktop.io.csv_flavours import FLAVOURS, GENERIC, remember_mapping
from gratitude_desktop.io.encoding import read_text
from gratitude_desktop.io.report import ImportRefused, ImportReport, RefusedRow
from gratitude_desktop.journal.contacts import (
    IMPORT_COLUMNS,
    METHOD_COLUMNS,
    ContactData,
    ContactInvalid,
    import_values,
    load_contacts,
    save_contact,
)
from gratitude_desktop.store import search
from gratitude_desktop.store.bulk import insert_tuples
from gratitude_desktop.store.models import (
    Contact,
    ContactMethod,
    ImportBatch,
    ImportChange,
    Interaction,
    Promise,
    Purchase,
    Referral,
    database,
)

VCARD = "vcard"
VCARD_SUFFIXES = {".vcf", ".vcard"}
_BATCH = 2000  # contacts held before they are written
_POLL = 256  # rows between progress reports and cancel checks

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
Row = tuple[int, ContactData | RefusedRow]


class ImportCancelled(Exception):
    """The user cancelled; the transaction was rolled back and the journal is as it was."""


class UndoRefused(Exception):
    """This import cannot be undone (unknown, or already undone); the message says which."""


@dataclass
class Preview:
    """What an import would do, for the wizard to show before anything is written."""

    file: str
    flavour: str
    encoding: str
    delimiter: str
    headers: tuple[str, ...]
    mapping: dict[int, str]
    rows: list[Row]
    flavours: tuple[str, ...] = (GENERIC, *FLAVOURS, VCARD)


@dataclass
class UndoReport:
    """What undoing an import did."""

    batch_id: int
    file: str
    removed: int = 0
    restored: int = 0
    kept: int = 0  # created contacts with history since: moved to the trash instead
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        line = f"Undid the import of {self.file}: removed {self.removed}, restored {self.restored}"
        if self.kept:
            line += f", moved {self.kept} with later history to the trash"
        return "\n".join([line, *(f"  warning: {w}" for w in self.warnings)])


@dataclass(frozen=True)
class BatchInfo:
    id: int
    file: str
    flavour: str
    encoding: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    created: int
    merged: int
    skipped: int
    refused: int
    undone_at: dt.datetime | None


@dataclass
class _Source:
    file: str
    flavour: str
    encoding: str
    delimiter: str
    headers: tuple[str, ...]
    mapping: dict[int, str]
    total: int
    rows: Callable[[], Iterator[Row]]


def _open(
    path: str | Path,
    *,
    flavour: str | None,
    encoding: str | None,
    delimiter: str | None,
    mapping: dict[int, str] | None,
) -> _Source:
    path = Path(path)
    file = str(path)
    text, found_encoding = read_text(path, encoding)
    is_vcard = flavour == VCARD or (
        flavour is None and (path.suffix.lower() in VCARD_SUFFIXES or vcard.looks_like_vcard(text))
    )
    if is_vcard:
        if "BEGIN:VCARD" not in text[:100_000].upper():
            raise ImportRefused(file, "There is no vCard in this file (no BEGIN:VCARD line).")
        return _Source(
            file=file,
            flavour=VCARD,
            encoding=found_encoding,
            delimiter="",
            headers=(),
            mapping={},
            total=vcard.count_cards(text),
            rows=lambda: vcard.read_cards(text, file),
        )
    layout = csv_import.find_layout(
        text, file, flavour=flavour, delimiter=delimiter, mapping=mapping
    )
    return _Source(
        file=file,
        flavour=layout.flavour,
        encoding=found_encoding,
        delimiter=layout.delimiter,
        headers=layout.headers,
        mapping=layout.mapping,
        total=max(1, text.count("\n") - layout.header_line + 1),
        rows=lambda: csv_import.read_rows(text, file, layout),
    )


def preview(
    path: str | Path,
    *,
    flavour: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    mapping: dict[int, str] | None = None,
    rows: int = 20,
) -> Preview:
    """The detected flavour, encoding, delimiter and mapping, and the first rows as imported."""
    source = _open(path, flavour=flavour, encoding=encoding, delimiter=delimiter, mapping=mapping)
    first: list[Row] = []
    if rows > 0:
        iterator = source.rows()
        try:
            for item in iterator:
                first.append(item)
                if len(first) >= rows:
                    break
        except ImportRefused:
            if not first:
                raise
        finally:
            if hasattr(iterator, "close"):
                iterator.close()
    return Preview(
        source.file,
        source.flavour,
        source.encoding,
        source.delimiter,
        source.headers,
        dict(source.mapping),
        first,
    )


@dataclass
class _Plan:
    creates: list[tuple[int, ContactData] | None] = field(default_factory=list)  # None once written
    merges: dict[int, tuple[ContactData, ContactData]] = field(
        default_factory=dict
    )  # id: before, after
    created_slot: dict[int, int] = field(default_factory=dict)  # file row -> index in creates


def import_file(
    path: str | Path,
    *,
    flavour: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    mapping: dict[int, str] | None = None,
    dry_run: bool = False,
    policy: str = merge.MERGE,
    decisions: dict[str, str] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportReport:
    """Import one address-book file; returns what happened (or, with dry_run, what would).

    Raises ImportRefused when the file cannot be read at all (nothing is written), and
    ImportCancelled when `cancel()` turned true (the journal is left as it was).
    `decisions` maps DuplicateGroup keys ("contact:12", "row:5") to a policy for that group.
    """
    path = Path(path)
    if path.suffix.lower() == ".json":
        from gratitude_desktop.io.archive import import_archive  # another helper's module

        return import_archive(path, dry_run=dry_run)
    if policy not in merge.POLICIES:
        raise ValueError(f"unknown duplicate policy {policy!r}")
    decisions = decisions or {}
    source = _open(path, flavour=flavour, encoding=encoding, delimiter=delimiter, mapping=mapping)
    report = ImportReport(
        file=source.file,
        flavour=source.flavour,
        encoding=source.encoding,
        delimiter=source.delimiter,
        dry_run=dry_run,
    )
    total = source.total * (1 if dry_run else 2)

    def tick(done: int) -> None:
        if cancel is not None and cancel():
            raise ImportCancelled(f"{source.file}: the import was cancelled; nothing was imported.")
        if progress is not None:
            progress(min(done, total), total)

    # The plan holds every incoming contact; the cyclic GC rescanning them all again and
    # again would make a big import quadratic, and nothing here makes cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with database.atomic():
            plan = _plan(source, report, policy, decisions, tick)
            if dry_run:
                report.created = len(plan.creates)
            else:
                _write(source, report, plan, lambda done: tick(source.total + done))
                if mapping is not None and source.headers:
                    # The next file with this header row gets the same columns.
                    remember_mapping(source.headers, mapping)
    finally:
        if collecting:
            gc.enable()
    if progress is not None:
        progress(total, total)
    return report


def _plan(
    source: _Source,
    report: ImportReport,
    policy: str,
    decisions: dict[str, str],
    tick: Callable[[int], None],
) -> _Plan:
    plan = _Plan()
    matcher = merge.Matcher()
    into_journal: list[tuple[int, ContactData]] = []
    for done, (row, item) in enumerate(source.rows(), start=1):
        if done % _POLL == 0:
            tick(done)
        if isinstance(item, RefusedRow):
            report.refused.append(item)
            continue
        keys = merge.keys_of(item)
        hit = matcher.find(keys)
        if hit is None:
            plan.created_slot[row] = len(plan.creates)
            plan.creates.append((row, item))
            matcher.add(("row", row), keys)
            continue
        owner, _reason = hit
        chosen = decisions.get(merge.owner_key(owner), policy)
        if chosen == merge.SKIP:
            report.skipped += 1
        elif chosen == merge.KEEP_BOTH:
            plan.created_slot[row] = len(plan.creates)
            plan.creates.append((row, item))
        else:
            if owner[0] == "row":
                merge.merge_into(plan.creates[plan.created_slot[owner[1]]][1], item)
            else:
                into_journal.append((owner[1], item))
            report.merged += 1
        # Whatever was decided, this row's other emails and phones belong to the same group.
        matcher.add(owner, keys)
    # Contacts already in the journal are loaded together, not one query pair per row.
    existing = load_contacts(contact_id for contact_id, _ in into_journal)
    for contact_id, item in into_journal:
        if contact_id not in plan.merges:
            before = existing[contact_id]
            after = replace(before, methods=list(before.methods))
            plan.merges[contact_id] = (before, after)
        merge.merge_into(plan.merges[contact_id][1], item)
    # Let the matcher's index (a key for every email, phone and name in the journal and
    # the file) go one entry at a time: freed in one C-level cascade when this function
    # returned, half a million keys froze a window for ~90 ms.
    index = matcher.index
    while index:
        index.popitem()
    return plan


def _write(source: _Source, report: ImportReport, plan: _Plan, tick: Callable[[int], None]) -> None:
    was_empty = not Contact.select().exists()
    batch = ImportBatch.create(file=source.file, flavour=source.flavour, encoding=source.encoding)
    report.batch_id = batch.id
    now = dt.datetime.now().replace(microsecond=0)
    next_id = (Contact.select(Contact.id).order_by(Contact.id.desc()).limit(1).scalar() or 0) + 1
    first_id = next_id
    contacts: list[tuple] = []
    methods: list[tuple] = []
    created = 0
    creates = plan.creates
    for done, (row, data) in enumerate(creates, start=1):
        # Let each contact go once written: freeing 100,000 at the end in one C-level
        # cascade would hold the GIL long enough to freeze the window.
        creates[done - 1] = None
        if done % _POLL == 0:
            tick(done)
        try:
            values, method_rows = import_values(data, next_id, batch.id, now)
        except ContactInvalid as invalid:
            first = invalid.problems[0]
            report.refused.append(RefusedRow(row, str(invalid), first.field))
            continue
        next_id += 1
        created += 1
        contacts.append(values)
        methods.extend(method_rows)
        if len(contacts) >= _BATCH:
            _flush(contacts, methods)
    _flush(contacts, methods)
    # What this import created is found again by contact.import_batch (see undo_import).
    for contact_id in list(plan.merges):
        # Popped as they are written, like the creates: tens of thousands of merged
        # contacts freed at once at the end froze the window for ~190 ms.
        before, after = plan.merges.pop(contact_id)
        if _same(before, after):
            continue
        try:
            save_contact(after)
        except ContactInvalid as invalid:
            report.warnings.append(f"{after.display_name}: not merged ({invalid})")
            continue
        ImportChange.create(
            batch=batch.id, contact=contact_id, action="merged", before=merge.snapshot(before)
        )
    if was_empty:
        search.rebuild()
    else:
        search.reindex(range(first_id, next_id))
    report.created = created
    report.refused.sort(key=lambda r: r.row)
    batch.created, batch.merged = report.created, report.merged
    batch.skipped, batch.refused = report.skipped, len(report.refused)
    batch.finished_at = dt.datetime.now().replace(microsecond=0)
    batch.save()


def _flush(contacts: list[tuple], methods: list[tuple]) -> None:
    insert_tuples(Contact, IMPORT_COLUMNS, contacts)
    contacts.clear()
    insert_tuples(ContactMethod, METHOD_COLUMNS, methods)
    methods.clear()


def _same(before: ContactData, after: ContactData) -> bool:
    return before == after


# --- Undo and history -------------------------------------------------------------------------


def list_batches() -> list[BatchInfo]:
    """Every import, newest first."""
    return [
        BatchInfo(
            b.id,
            b.file,
            b.flavour,
            b.encoding,
            b.started_at,
            b.finished_at,
            b.created,
            b.merged,
            b.skipped,
            b.refused,
            b.undone_at,
        )  # fmt: skip
        for b in ImportBatch.select().order_by(ImportBatch.id.desc())
    ]


def _has_history(contact_ids: list[int]) -> set[int]:
    found: set[int] = set()
    for start in range(0, len(contact_ids), _BATCH):
        chunk = contact_ids[start : start + _BATCH]
        for model, column in (
            (Interaction, Interaction.contact),
            (Promise, Promise.contact),
            (Purchase, Purchase.contact),
            (Referral, Referral.person),
        ):
            found.update(
                cid for (cid,) in model.select(column).where(column.in_(chunk)).distinct().tuples()
            )
    return found


def undo_import(batch_id: int, now: dt.datetime | None = None) -> UndoReport:
    """Remove what an import created and restore what it merged; mark the batch undone.

    Created contacts that have gained history since (interactions, promises, purchases,
    referrals) are moved to the trash rather than deleted, so nothing the user wrote is lost.
    """
    now = (now or dt.datetime.now()).replace(microsecond=0)
    batch = ImportBatch.get_or_none(ImportBatch.id == batch_id)
    if batch is None:
        raise UndoRefused(f"There is no import number {batch_id}.")
    if batch.undone_at is not None:
        raise UndoRefused(f"The import of {batch.file} was already undone on {batch.undone_at}.")
    result = UndoReport(batch.id, batch.file)
    with database.atomic():
        # Imports record what they created in contact.import_batch; archive imports (and
        # imports made before that) also wrote a "created" change row per contact.
        created = sorted(
            {
                cid
                for (cid,) in Contact.select(Contact.id)
                .where(Contact.import_batch == batch.id)
                .tuples()
            }
            | {
                cid
                for (cid,) in ImportChange.select(ImportChange.contact)
                .where(
                    (ImportChange.batch == batch.id)
                    & (ImportChange.action == "created")
                    & ImportChange.contact.is_null(False)
                )
                .tuples()
            }
        )
        keep = _has_history(created)
        doomed = [cid for cid in created if cid not in keep]
        for start in range(0, len(doomed), _BATCH):
            chunk = doomed[start : start + _BATCH]
            result.removed += Contact.delete().where(Contact.id.in_(chunk)).execute()
        kept = sorted(keep)
        for start in range(0, len(kept), _BATCH):
            chunk = kept[start : start + _BATCH]
            result.kept += (
                Contact.update(trashed_at=now)
                .where(Contact.id.in_(chunk) & Contact.trashed_at.is_null(True))
                .execute()
            )
        search.reindex(created)
        merged = (
            ImportChange.select()
            .where((ImportChange.batch == batch.id) & (ImportChange.action == "merged"))
            .order_by(ImportChange.id.desc())
        )
        for change in merged:
            if change.contact_id is None or not change.before:
                result.warnings.append("A merged contact was deleted since; nothing to restore.")
                continue
            before = merge.from_snapshot(change.before)
            before.id = change.contact_id
            try:
                save_contact(before)
            except ContactInvalid as invalid:
                result.warnings.append(f"{before.display_name}: not restored ({invalid})")
                continue
            result.restored += 1
        batch.undone_at = now
        batch.save()
    return result


# --- Refused rows -----------------------------------------------------------------------------


def refused_rows_csv(report: ImportReport, path: str | Path) -> int:
    """Write the refused rows (original cells, then row number and reason) for fixing; returns how many.

    The header row is the original file's, so the fixed file can be imported again.
    """
    from gratitude_desktop.io.export import escape_formula, write_private_atomic

    headers: tuple[str, ...] = ()
    if report.flavour != VCARD:
        try:
            found = preview(
                report.file,
                flavour=report.flavour or None,
                encoding=report.encoding or None,
                delimiter=report.delimiter or None,
                rows=0,
            )
            headers = found.headers
        except ImportRefused:
            headers = ()
    if not headers:
        width = max((len(r.raw) for r in report.refused), default=1)
        headers = (
            tuple(f"Column {i + 1}" for i in range(width)) if report.flavour != VCARD else ("Card",)
        )
    width = len(headers)

    def write(fh) -> None:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow([*headers, "Refused row", "Reason"])
        for refused in report.refused:
            cells = list(refused.raw) + [""] * (width - len(refused.raw))
            writer.writerow([escape_formula(c) for c in (*cells, str(refused.row), refused.reason)])

    write_private_atomic(Path(path), write)
    return len(report.refused)
