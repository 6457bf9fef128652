"""One capture scan: read the new part of each source, match people, log touches in one batch.

A scan is an ImportBatch (flavour "capture") written in one transaction together with
what was read of each source: killed half way, it leaves nothing and the next scan reads
the same messages again. Undoing it (importer.undo_import) removes what it logged.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from peewee import fn

from gratitude_desktop.io.capture import calendar as ics
from gratitude_desktop.io.capture import mailfiles
from gratitude_desktop.io.capture.headers import (
    MessageHeaders,
    decode_words,
    is_machine,
    parse_block,
)
from gratitude_desktop.io.capture.model import (
    CaptureSourceError,
    Source,
    Touch,
    checked_file,
    skipped,
)
from gratitude_desktop.journal import capture as rules
from gratitude_desktop.journal.interactions import refresh_last_touch
from gratitude_desktop.store.bulk import insert_rows
from gratitude_desktop.store.db import only_reading, reading
from gratitude_desktop.store.enums import Channel, Direction, Purpose
from gratitude_desktop.store.models import (
    Captured,
    CaptureSource,
    Contact,
    CorrespondentMessage,
    ImportBatch,
    Interaction,
    database,
)

CAPTURE_FLAVOUR = "capture"
_CHUNK = 500
_WRITE_CHUNK = 5000
_POLL = 512

Progress = Callable[[str, int], None]  # (what is being read, messages read so far)
Cancel = Callable[[], bool]


class ScanCancelled(Exception):
    """The scan was cancelled: nothing was written."""


@dataclass
class CaptureReport:
    """What a scan did (or, dry, would do)."""

    sources: list[str] = field(default_factory=list)
    messages: int = 0  # messages and meetings read
    matched: int = 0  # of them, those with at least one contact in them
    logged: int = 0  # interactions written
    bulk: int = 0  # bulk or automated mail, never logged
    known: int = 0  # touches logged by an earlier scan
    unknown: int = 0  # distinct personal correspondents not in the journal
    flagged: int = 0  # outbound email to someone who asked not to be emailed
    undated: int = 0  # messages without a readable date, not logged
    batch_id: int | None = None
    dry_run: bool = False
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> str:
        verb = "would log" if self.dry_run else "logged"
        line = (
            f"Read {self.messages} messages and meetings from {len(self.sources)} sources: "
            f"{self.matched} matched, {verb} {self.logged}, {self.bulk} skipped as bulk, "
            f"{self.known} already known, {self.unknown} unknown correspondents"
        )
        if self.flagged:
            line += f", {self.flagged} sent to people who asked not to be emailed"
        if self.undated:
            line += f", {self.undated} without a date"
        return "\n".join([line, *(f"  problem: {p}" for p in self.problems)])


# --- Sources ----------------------------------------------------------------------------------


def mail_sources(path: str | Path | Source, notes: list[str] | None = None) -> list[Source]:
    """The mail sources a path names: an mbox, a Maildir, a folder of them or of .eml
    files, or a Thunderbird profile (its Inbox and Sent folders). A Source is itself.

    A path that is not a folder must be a regular file (CaptureSourceError otherwise);
    in a folder, what is neither a folder nor a regular file is skipped, noted in `notes`.
    """
    if isinstance(path, Source):
        return [path]
    if str(path).lower().startswith(("imap://", "imaps://")):
        raise CaptureSourceError(
            f"{path}: the password of this IMAP account is not known: enter it in "
            "Settings → Mail and calendars (or run gratitude-desktop capture --mail in a terminal)."
        )
    path = Path(path).expanduser().absolute()
    if not path.exists():
        raise CaptureSourceError(f"{path}: there is no such file or folder.")
    if not path.is_dir():
        checked_file(path, whole=False)  # a pipe or a device: one line, never a hang
        if path.suffix.lower() == ".eml":
            return [Source("eml", path)]
        if mailfiles.is_mbox(path):
            return [Source("mbox", path)]
        raise CaptureSourceError(f"{path}: not an mbox file nor an .eml message.")
    if mailfiles.is_maildir(path):
        return [Source("maildir", path)]
    if mailfiles.is_thunderbird_profile(path):
        return [Source("mbox", p) for p in mailfiles.profile_folders(path)]
    if any(p.is_dir() and mailfiles.is_thunderbird_profile(p) for p in _children(path)):
        return [
            Source("mbox", f)
            for p in _children(path)
            if mailfiles.is_thunderbird_profile(p)
            for f in mailfiles.profile_folders(p)
        ]
    found: list[Source] = []
    for child in _children(path):
        if child.is_dir():
            if mailfiles.is_maildir(child):
                found.append(Source("maildir", child))
            continue
        problem = skipped(child, whole=False)
        if problem is not None:
            if notes is not None:
                notes.append(problem)
        elif child.suffix.lower() == ".eml":
            found.append(Source("eml", child))
        elif mailfiles.is_mbox(child):
            found.append(Source("mbox", child))
    if not found:
        raise CaptureSourceError(f"{path}: holds no mbox, Maildir, .eml or Thunderbird profile.")
    return found


def _children(path: Path) -> list[Path]:
    try:
        return sorted(path.iterdir())
    except OSError as problem:
        raise CaptureSourceError(f"{path}: cannot be read ({problem.strerror}).") from None


def _load_state(key: str) -> dict:
    row = CaptureSource.get_or_none(CaptureSource.key == key)
    if row is None:
        return {}
    try:
        value = json.loads(row.state)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _touches_of_mail(
    source: Source, state: dict, cancel: Cancel
) -> tuple[Iterator[tuple[str, bytes]], Callable[[], dict]]:
    if source.reader is not None:
        return source.reader(state, cancel)
    if source.kind == "mbox":
        start = mailfiles.MboxState(
            int(state.get("size", 0)), int(state.get("mtime_ns", 0)), int(state.get("offset", 0))
        )
        blocks, after = mailfiles.read_mbox(source.path, start, cancel)
        return blocks, lambda: asdict(after())
    if source.kind == "maildir":
        seen = set(state.get("seen", ()))
        new: list[str] = []

        def maildir_blocks():
            for unique, block in mailfiles.read_maildir(source.path, seen):
                new.append(unique)
                yield block

        return maildir_blocks(), lambda: {"seen": sorted(seen.union(new))}
    # A single .eml: read again only when it changed.
    st = source.path.stat()
    stamp = [st.st_size, st.st_mtime_ns]
    if state.get("stamp") == stamp:
        return iter(()), lambda: {"stamp": stamp}
    block = mailfiles.read_eml(source.path)
    return iter([block] if block else []), lambda: {"stamp": stamp}


def touch_of(headers: MessageHeaders, source: str) -> Touch | None:
    if headers.at is None:
        return None
    return Touch(
        key=headers.key,
        source=source,
        at=headers.at,
        sender=tuple((a.raw_name, a.address, a.key) for a in headers.sender),
        others=tuple((a.raw_name, a.address, a.key) for a in headers.recipients),
        subject=headers.subject,
        bulk=headers.bulk,
    )


# --- Matching and logging ---------------------------------------------------------------------


@dataclass
class _Pending:
    rows: dict[tuple[str, int], dict] = field(default_factory=dict)  # (key, contact) -> row
    strangers: dict[tuple[str, str], dict] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)


class _Collector:
    """Turns touches into pending interactions, by the rules of journal.capture."""

    def __init__(self, me: Iterable[str], report: CaptureReport):
        self.me = {rules.address_key(a) for a in me if a.strip()}
        self._index: dict[str, int] | None = None
        self.report = report
        self.pending = _Pending()

    @property
    def index(self) -> dict[str, int]:
        """Address key -> contact, read at the first touch: a rescan with nothing new
        (the usual case every 15 minutes) does not read 100,000 addresses for nothing."""
        if self._index is None:
            self._index = rules.email_keys_of_contacts()
        return self._index

    def add(self, touch: Touch) -> None:
        report = self.report
        report.messages += 1
        if touch.bulk:
            report.bulk += 1
            return
        sender_keys = [s[2] for s in touch.sender]
        from_me = any(k in self.me for k in sender_keys)
        if from_me or (touch.channel != Channel.EMAIL.value and not touch.sender):
            people = [p for p in touch.others if p[2] not in self.me]
        else:
            people = [p for p in touch.sender if p[2] not in self.me]
            if touch.channel != Channel.EMAIL.value:  # a meeting is with everyone in it
                people += [p for p in touch.others if p[2] not in self.me]
        matched = False
        index = self.index
        for name, address, key in people:
            contact_id = index.get(key)
            if contact_id is None:
                if is_machine(address):
                    continue
                self.pending.unknown.add(key)
                if from_me and touch.channel == Channel.EMAIL.value:
                    self.pending.strangers.setdefault(
                        (key, touch.key),
                        dict(address_key=key, message_key=touch.key, address=address,
                             name=decode_words(name), at=touch.at),
                    )  # fmt: skip
                continue
            matched = True
            direction = Direction.OUTBOUND.value if from_me else Direction.INBOUND.value
            default = (
                Purpose.FOLLOW_UP.value
                if touch.channel == Channel.EMAIL.value
                else Purpose.MEETING.value
            )
            self.pending.rows.setdefault(
                (touch.key, contact_id),
                dict(
                    contact=contact_id,
                    at=touch.at,
                    channel=touch.channel,
                    direction=direction,
                    purpose=rules.purpose_of(touch.subject, default=default),
                    summary=touch.subject[:500],
                    source=touch.source,
                ),
            )
        if matched:
            report.matched += 1

    def finish(self) -> list[tuple[tuple[str, int], dict]]:
        """The pending rows not logged before; counts the others as known."""
        pending = self.pending
        self.report.unknown = len(pending.unknown)
        keys = list(pending.rows)
        known: set[tuple[str, int]] = set()
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            message_keys = list({k for k, _ in chunk})
            known.update(
                Captured.select(Captured.key, Captured.contact)
                .where(Captured.key.in_(message_keys))
                .tuples()
            )
        self.report.known = sum(1 for k in keys if k in known)
        fresh = [(k, pending.rows[k]) for k in keys if k not in known]
        return fresh


def scan(
    mail: Iterable[str | Path | Source] = (),
    calendar: Iterable[str | Path] = (),
    me: Iterable[str] = (),
    *,
    dry_run: bool = False,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> CaptureReport:
    """Read what is new in the sources, log the touches with contacts; one batch.

    Paths that cannot be read are reported in `problems` and the rest is scanned.
    """
    now = (now or dt.datetime.now()).replace(microsecond=0)
    cancel = cancel or (lambda: False)
    report = CaptureReport(dry_run=dry_run)
    sources: list[Source] = []
    for path in mail:
        try:
            sources.extend(mail_sources(path, report.problems))
        except CaptureSourceError as problem:
            report.problems.append(str(problem))
    for path in calendar:
        try:
            sources.extend(ics.calendar_sources(path, report.problems))
        except CaptureSourceError as problem:
            report.problems.append(str(problem))
    sources = list(dict.fromkeys(sources))
    report.sources = [str(s.path) for s in sources]

    states: dict[str, dict] = {}
    with only_reading() if dry_run else reading():  # a dry run blocks no writer
        collector = _Collector(me, report)
        for source in sources:
            before = _load_state(source.key)
            try:
                if source.kind == "ics":
                    touches, after = ics.read_calendar(source.path, before, now, cancel)
                else:
                    blocks, after = _touches_of_mail(source, before, cancel)
                    touches = _mail_touches(blocks, str(source.path), report)
                for n, touch in enumerate(touches, 1):
                    collector.add(touch)
                    if n % _POLL == 0:
                        if cancel():
                            raise ScanCancelled()
                        if progress:
                            progress(str(source.path), report.messages)
                states[source.key] = after()
            except OSError as problem:
                report.problems.append(f"{source.path}: cannot be read ({problem.strerror}).")
            except (ics.CalendarUnreadable, CaptureSourceError) as problem:
                report.problems.append(str(problem))
            if cancel():
                raise ScanCancelled()
            if progress:
                progress(str(source.path), report.messages)
        fresh = collector.finish()
    if dry_run:
        report.logged = len(fresh)
        report.flagged = _count_flags(fresh)
        return report
    _write(fresh, collector.pending, states, report, now)
    return report


def _mail_touches(blocks, source: str, report: CaptureReport) -> Iterator[Touch]:
    for _where, block in blocks:
        touch = touch_of(parse_block(block), source)
        if touch is None:
            report.undated += 1
            continue
        yield touch


def _dnc_of(contact_ids: list[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, tuple[str, ...]] = {}
    for start in range(0, len(contact_ids), _CHUNK):
        chunk = contact_ids[start : start + _CHUNK]
        for cid, channels in (
            Contact.select(Contact.id, Contact.dnc_channels)
            .where(Contact.id.in_(chunk) & (Contact.dnc_channels != ""))
            .tuples()
        ):
            found[cid] = tuple(channels)
    return found


def _flag(row: dict, dnc: dict[int, tuple[str, ...]]) -> bool:
    return row["direction"] == Direction.OUTBOUND.value and rules.refuses(
        dnc.get(row["contact"], ()), row["channel"]
    )


def _count_flags(fresh) -> int:
    dnc = _dnc_of(sorted({row["contact"] for _, row in fresh}))
    return sum(1 for _, row in fresh if _flag(row, dnc))


def _write(fresh, pending: _Pending, states: dict[str, dict], report: CaptureReport, now) -> None:
    with database.atomic():
        dnc = _dnc_of(sorted({row["contact"] for _, row in fresh}))
        batch_id = None
        if fresh:
            batch_id = ImportBatch.insert(
                file=_batch_name(report), flavour=CAPTURE_FLAVOUR, started_at=now,
                finished_at=now, created=0,
            ).execute()  # fmt: skip
        # The ids are given, not read back row by row: this transaction holds the write
        # lock, so nothing else takes an id meanwhile. (Row-by-row inserts took 2 ms a
        # touch, 200 s for a 100,000-message mailbox.)
        next_id = (Interaction.select(fn.MAX(Interaction.id)).scalar() or 0) + 1
        touched: set[int] = set()
        for start in range(0, len(fresh), _WRITE_CHUNK):
            chunk = fresh[start : start + _WRITE_CHUNK]
            interactions, marks = [], []
            for n, ((key, contact_id), row) in enumerate(chunk, next_id + start):
                flagged = _flag(row, dnc)
                interactions.append(
                    {"id": n, "contact": contact_id, "at": row["at"], "channel": row["channel"],
                     "direction": row["direction"], "purpose": row["purpose"],
                     "summary": row["summary"], "notes": "", "created_at": now}
                )  # fmt: skip
                marks.append(
                    {"interaction": n, "contact": contact_id, "batch": batch_id,
                     "source": row["source"], "key": key, "flagged": flagged}
                )  # fmt: skip
                report.flagged += flagged
                touched.add(contact_id)
            insert_rows(Interaction, interactions)
            insert_rows(Captured, marks)
        report.logged = len(fresh)
        strangers = _new_strangers(pending.strangers)
        for start in range(0, len(strangers), _WRITE_CHUNK):
            insert_rows(CorrespondentMessage, strangers[start : start + _WRITE_CHUNK])
        for key, state in states.items():
            text = json.dumps(state, sort_keys=True)
            CaptureSource.insert(key=key, state=text, updated_at=now).on_conflict(
                conflict_target=[CaptureSource.key],
                update={CaptureSource.state: text, CaptureSource.updated_at: now},
            ).execute()
        refresh_last_touch(sorted(touched))
        if batch_id is not None:
            ImportBatch.update(created=report.logged, skipped=report.known + report.bulk).where(
                ImportBatch.id == batch_id
            ).execute()
        report.batch_id = batch_id


def _new_strangers(strangers: dict[tuple[str, str], dict]) -> list[dict]:
    """The (address, message) rows not recorded by an earlier scan."""
    pairs = list(strangers)
    known: set[tuple[str, str]] = set()
    for start in range(0, len(pairs), _CHUNK):
        message_keys = list({m for _a, m in pairs[start : start + _CHUNK]})
        known.update(
            CorrespondentMessage.select(
                CorrespondentMessage.address_key, CorrespondentMessage.message_key
            )
            .where(CorrespondentMessage.message_key.in_(message_keys))
            .tuples()
        )
    return [strangers[p] for p in pairs if p not in known]


def _batch_name(report: CaptureReport) -> str:
    """What the import history calls a scan: 'Capture from Inbox, Sent' (file names)."""
    names = list(dict.fromkeys(Path(p).name for p in report.sources))
    if len(names) > 3:
        return f"Capture from {len(names)} mail and calendar files"
    return "Capture from " + ", ".join(names)
