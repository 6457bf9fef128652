"""Import an address book (CSV of any flavour, or vCard) into the journal, and undo an import.

Long because the import's stages (open, read, match, write in batches, merge, undo) share state.

One import is one ImportBatch, written in one transaction: it all happens or none of it does.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gratitude_desktop.io import merge
from gratitude_desktop.io.csv import rows as csv_import
from gratitude_desktop.io.csv.detect import remember_mapping
from gratitude_desktop.io.csv.flavours import FLAVOURS, GENERIC
from gratitude_desktop.io.encoding import read_text
from gratitude_desktop.io.report import ImportRefused, ImportReport, RefusedRow
from gratitude_desktop.io.vcard import reader as vcard
from gratitude_desktop.journal.contacts import (
    CONTACT_COLUMNS,
    METHOD_COLUMNS,
    ContactData,
    ContactInvalid,
    contact_rows,
    load_contacts,
    update_contacts,
)
from gratitude_desktop.journal.interactions import refresh_last_touch
from gratitude_desktop.journal.photos import add_photos
from gratitude_desktop.journal.tags import add_tags
from gratitude_desktop.store import search
from gratitude_desktop.store.bulk import indexes_set_aside, insert_rows, insert_tuples
from gratitude_desktop.store.db import only_reading
from gratitude_desktop.store.models import (
    Captured,
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
# A file with this many rows, into a journal holding fewer than half as many contacts,
# is written in bulk: indexes built once at the end, search terms gathered in bigger
# pieces. (Into a fuller journal, building the indexes again costs more than it saves.)
_BULK_ROWS = 10_000

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
        if self.file.startswith("Capture from"):
            return (
                f"Undid the {self.file[:1].lower()}{self.file[1:]}: removed {self.removed} touches"
            )
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
    warnings: tuple[str, ...] = ()


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
            warnings=tuple(vcard.charset_warnings(text)),
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
        from gratitude_desktop.io.archive import import_archive  # loaded only for an archive

        return import_archive(path, dry_run=dry_run)
    if policy not in merge.POLICIES:
        raise ValueError(f"unknown duplicate policy {policy!r}")
    source = _open(path, flavour=flavour, encoding=encoding, delimiter=delimiter, mapping=mapping)
    report = ImportReport(
        file=source.file,
        flavour=source.flavour,
        encoding=source.encoding,
        delimiter=source.delimiter,
        dry_run=dry_run,
        warnings=list(source.warnings),
    )
    total = source.total

    def tick(done: int) -> None:
        if cancel is not None and cancel():
            raise ImportCancelled(f"{source.file}: the import was cancelled; nothing was imported.")
        if progress is not None:
            progress(min(done, total), total)

    # The import holds many incoming contacts; the cyclic GC rescanning them all again
    # and again would make a big import quadratic, and nothing here makes cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        # A dry run only reads: it must not hold the write lock while the window saves.
        with only_reading() if dry_run else database.atomic():
            _import(source, report, policy, decisions or {}, tick)
            if not dry_run and mapping is not None and source.headers:
                # The next file with this header row gets the same columns.
                remember_mapping(source.headers, mapping)
    finally:
        if collecting:
            gc.enable()
    if progress is not None:
        progress(total, total)
    return report


@dataclass
class _Batch:
    """New contacts ready to insert: rows for Contact and ContactMethod, ids low..high."""

    contacts: list[tuple]
    methods: list[tuple]
    low: int
    high: int


class _Reader:
    """Reads the file, matches duplicates and hands new contacts on in prepared batches.

    New contacts are written a batch at a time while the file is read, so an import
    never holds the whole file's contacts at once. A row that matches a contact already
    written, or one in the journal, is merged at the end (`into_written`,
    `into_journal`). The reader never queries the database; `sink` writes each batch.
    """

    def __init__(
        self,
        source: _Source,
        report: ImportReport,
        policy: str,
        decisions: dict[str, str],
        tick: Callable[[int], None],
        sink: Callable[[_Batch], None],
    ):
        self.source, self.report, self.policy, self.decisions = source, report, policy, decisions
        self.tick, self.sink = tick, sink
        self.batch_id: int | None = None
        self.now = dt.datetime.now().replace(microsecond=0)
        self.next_id = 1
        self.created = 0
        self.pending: dict[int, ContactData] = {}  # file row -> new contact, not yet prepared
        self.written: dict[int, int] = {}  # file row -> id of the contact made from it
        self.into_journal: list[tuple[int, ContactData]] = []  # journal contact id, incoming
        self.into_written: list[tuple[int, ContactData]] = []  # new contact id, incoming
        self.tagged: list[tuple[int, ContactData]] = []  # new contacts with tags or a photo

    def run(self, matcher: merge.Matcher) -> None:
        report, decisions = self.report, self.decisions
        keys_of, find, add, create = merge.keys_of, matcher.find, matcher.add, self._create
        for done, (row, item) in enumerate(self.source.rows(), start=1):
            if done % _POLL == 0:
                self.tick(done)
            if isinstance(item, RefusedRow):
                report.refused.append(item)
                continue
            keys = keys_of(item)
            hit = find(keys)
            if hit is None:
                create(row, item)
                add(("row", row), keys)
                continue
            owner, _reason = hit
            chosen = decisions.get(merge.owner_key(owner), self.policy)
            if chosen == merge.SKIP:
                report.skipped += 1
            elif chosen == merge.KEEP_BOTH:
                self._create(row, item)
            elif owner[0] == "contact":
                self.into_journal.append((owner[1], item))
                report.merged += 1
            elif owner[1] in self.pending:
                self.pending[owner[1]] = merge.merge(self.pending[owner[1]], item)
                report.merged += 1
            elif owner[1] in self.written:
                self.into_written.append((self.written[owner[1]], item))
                report.merged += 1
            else:  # the row it matches was refused: this one stands on its own
                self._create(row, item)
            # Whatever was decided, this row's other emails and phones belong to the same group.
            matcher.add(owner, keys)
        # Let the matcher's index (a key for every email, phone and name in the journal and
        # the file) go one entry at a time: freed in one C-level cascade when the import
        # returned, half a million keys froze a window for ~90 ms.
        index = matcher.index
        while index:
            index.popitem()
        self._prepare()

    def _create(self, row: int, item: ContactData) -> None:
        self.pending[row] = item
        if len(self.pending) >= _BATCH:
            self._prepare()

    def _prepare(self) -> None:
        """Validate and clean the pending contacts, and hand their rows to the sink."""
        contacts: list[tuple] = []
        methods: list[tuple] = []
        low = self.next_id
        pending, self.pending = self.pending, {}
        for row, data in pending.items():
            try:
                # The readers keep only methods that pass method_problem (held by
                # tests/io/csv/test_csv_rows.py and vcard/test_vcard_paths.py): not checked twice.
                values, method_rows = contact_rows(
                    data, self.next_id, self.now, batch_id=self.batch_id, methods_checked=True
                )
            except ContactInvalid as invalid:
                first = invalid.problems[0]
                self.report.refused.append(RefusedRow(row, str(invalid), first.field))
                continue
            self.written[row] = self.next_id
            if data.tags or data.photo is not None:
                self.tagged.append((self.next_id, data))
            self.next_id += 1
            contacts.append(values)
            methods.extend(method_rows)
        # Let the contacts go batch by batch: freeing 100,000 at the end in one C-level
        # cascade would hold the GIL long enough to freeze the window.
        pending.clear()
        if contacts:
            self.created += len(contacts)
            self.sink(_Batch(contacts, methods, low, self.next_id - 1))


def _import(
    source: _Source,
    report: ImportReport,
    policy: str,
    decisions: dict[str, str],
    tick: Callable[[int], None],
) -> None:
    """Read the file and write what it brings (nothing on a dry run)."""
    dry_run = report.dry_run

    def write(ready: _Batch) -> None:
        if not dry_run:
            insert_tuples(Contact, CONTACT_COLUMNS, ready.contacts)
            insert_tuples(ContactMethod, METHOD_COLUMNS, ready.methods)
            search.index_prepared(CONTACT_COLUMNS, ready.contacts, METHOD_COLUMNS, ready.methods)

    reader = _Reader(source, report, policy, decisions, tick, write)
    if not dry_run:
        batch = ImportBatch.create(
            file=source.file, flavour=source.flavour, encoding=source.encoding
        )
        report.batch_id = reader.batch_id = batch.id
    last = Contact.select(Contact.id).order_by(Contact.id.desc()).limit(1).scalar() or 0
    reader.next_id = last + 1
    matcher = merge.Matcher()
    with contextlib.ExitStack() as bulk:
        total = source.total
        if not dry_run and total >= _BULK_ROWS and Contact.select().count() * 2 < total:
            bulk.enter_context(search.bulk_indexing())
            bulk.enter_context(indexes_set_aside(Contact))
            # The search index reads each new contact's methods through this one.
            bulk.enter_context(indexes_set_aside(ContactMethod, keep={"contact_method_contact_id"}))
        reader.run(matcher)
    report.created = reader.created
    report.refused.sort(key=lambda r: r.row)
    if dry_run:
        return
    # Rows that matched a contact this import had already written: merged into it now.
    made = load_contacts(contact_id for contact_id, _ in reader.into_written)
    for contact_id, item in reader.into_written:
        made[contact_id] = merge.merge(made[contact_id], item)
    for contact_id, invalid in update_contacts(made.values()).items():
        report.warnings.append(f"{made[contact_id].display_name}: not merged ({invalid})")
    made.clear()
    # Before the merge, which lets its list go as it works.
    _add_tags_and_photos([*reader.tagged, *reader.into_written, *reader.into_journal], report)
    _merge_into_journal(reader.into_journal, report)
    batch.created, batch.merged = report.created, report.merged
    batch.skipped, batch.refused = report.skipped, len(report.refused)
    batch.finished_at = dt.datetime.now().replace(microsecond=0)
    batch.save()


def _add_tags_and_photos(items: list[tuple[int, ContactData]], report: ImportReport) -> None:
    """The tags and photos the file gave each contact: added to what it has, never removed."""
    add_tags((contact_id, tag) for contact_id, item in items for tag in item.tags)
    photos = {cid: item.photo for cid, item in items if item.photo is not None}
    names = {cid: item.display_name for cid, item in items}
    for contact_id, problem in add_photos(photos):
        report.warnings.append(f"{names[contact_id]}: photo not kept ({problem})")


def _merge_into_journal(into_journal: list[tuple[int, ContactData]], report: ImportReport) -> None:
    """Merge incoming rows into the journal contacts they matched, noting each for undo."""
    # Contacts already in the journal are loaded together, not one query pair per row.
    existing = load_contacts(contact_id for contact_id, _ in into_journal)
    merges: dict[int, tuple[ContactData, ContactData]] = {}  # id: before, after
    # Everything here is let go one contact at a time (popped), never in one cascade at
    # the end: freeing tens of thousands of contacts at once holds the GIL (a window
    # froze for ~190 ms).
    into_journal.reverse()
    while into_journal:
        contact_id, item = into_journal.pop()
        if contact_id not in merges:
            before = existing.pop(contact_id)
            merges[contact_id] = (before, before)
        before, after = merges[contact_id]
        merges[contact_id] = (before, merge.merge(after, item))
    changed: list[tuple[ContactData, ContactData]] = []
    for contact_id in list(merges):
        before, after = merges.pop(contact_id)
        if before != after:
            changed.append((before, after))
        if len(changed) >= 500 or (changed and not merges):
            refused = update_contacts(after for _, after in changed)
            notes = []
            for before, after in changed:
                if after.id in refused:
                    report.warnings.append(
                        f"{after.display_name}: not merged ({refused[after.id]})"
                    )
                    continue
                notes.append(
                    {
                        "batch": report.batch_id,
                        "contact": after.id,
                        "action": "merged",
                        "before": merge.snapshot(before),
                    }
                )
            insert_rows(ImportChange, notes)
            changed.clear()


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


def _remove_captured(batch_id: int) -> int:
    """Delete the interactions a capture scan (a batch too) logged; returns how many."""
    rows = (
        Captured.select(Captured.interaction, Captured.contact)
        .where(Captured.batch == batch_id)
        .tuples()
    )
    pairs = list(rows)
    removed = 0
    ids = [iid for iid, _ in pairs]
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        removed += Interaction.delete().where(Interaction.id.in_(chunk)).execute()
    refresh_last_touch(cid for _, cid in pairs)
    return removed


def _created_by(batch_id: int) -> list[int]:
    """The ids of the contacts an import created (still in the journal), sorted."""
    # Imports record what they created in contact.import_batch; archive imports (and
    # imports made before that) also wrote a "created" change row per contact.
    return sorted(
        {
            cid
            for (cid,) in Contact.select(Contact.id)
            .where(Contact.import_batch == batch_id)
            .tuples()
        }
        | {
            cid
            for (cid,) in ImportChange.select(ImportChange.contact)
            .where(
                (ImportChange.batch == batch_id)
                & (ImportChange.action == "created")
                & ImportChange.contact.is_null(False)
            )
            .tuples()
        }
    )


def _merged_notes(batch_id: int):
    """The "merged" notes of an import: one per contact that was in the journal before it."""
    return ImportChange.select().where(
        (ImportChange.batch == batch_id) & (ImportChange.action == "merged")
    )


@dataclass(frozen=True)
class UndoPreview:
    """What undoing an import would touch, counted as undo_import counts it."""

    created: int  # contacts the import made: removed (or trashed, with later history)
    restored: int  # contacts in the journal before the import that it changed: restored


def undo_preview(batch_id: int) -> UndoPreview:
    """What undo_import(batch_id) would remove and restore, for the question asked first.

    Rows merged into a contact the same file created are not counted as restored: they
    go with that contact. Only contacts that were in the journal before the import are.
    """
    restorable = _merged_notes(batch_id).where(
        ImportChange.contact.is_null(False) & ImportChange.before.is_null(False)
    )
    return UndoPreview(len(_created_by(batch_id)), restorable.count())


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
        created = _created_by(batch.id)
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
        result.removed += _remove_captured(batch.id)
        merged = _merged_notes(batch.id).order_by(ImportChange.id.desc())
        restore: list[ContactData] = []
        for change in merged.iterator():
            if change.contact_id is None or not change.before:
                result.warnings.append("A merged contact was deleted since; nothing to restore.")
                continue
            before = merge.from_snapshot(change.before)
            before.id = change.contact_id
            restore.append(before)
        refused = update_contacts(restore)
        for before in restore:
            if before.id in refused:
                result.warnings.append(
                    f"{before.display_name}: not restored ({refused[before.id]})"
                )
            else:
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
