"""Backups with SQLite's online backup API: take, rotate, list, check and restore."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from gratitude_desktop import paths

_NAME = re.compile(r"^journal-(\d{8}-\d{6})(?:-(?P<reason>[a-z-]+))?(?:-\d+)?\.sqlite3$")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
KEEP_BEFORE_CHANGE = dt.timedelta(days=7)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    contacts: int | None  # None when the file cannot be read


def _copy(source, target: Path, progress=None) -> None:
    """Copy the database `source` (a path, or an open connection) into the file `target`.

    `target` is expected to exist already, empty and owner-only (`private_temp`): SQLite
    gives its own journal file the database file's permissions, so nothing of the copy is
    ever readable by others, not even for the milliseconds before a chmod.
    """
    own = not isinstance(source, sqlite3.Connection)
    src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True) if own else source
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst, pages=256 if progress else -1, progress=progress)
        dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
    finally:
        dst.close()
        if own:
            src.close()


def private_temp(folder: Path, name: str) -> Path:
    """A new, empty, owner-only (0600) file in `folder` whose name no other process has.

    Its name starts with a dot and ends in ".partial", so listings and rotation never
    take it for a backup while it is being written.
    """
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial", dir=folder)
    os.close(fd)
    return Path(temp)


def _install(partial: Path, folder: Path, stem: str) -> Path:
    """Give the finished `partial` its backup name, never replacing another process's backup."""
    n = 0
    while True:
        target = folder / (f"{stem}.sqlite3" if n == 0 else f"{stem}-{n}.sqlite3")
        try:
            os.link(partial, target)  # fails when the name is taken: exclusive, unlike rename
        except FileExistsError:
            n += 1
            continue
        except OSError:  # a file system without hard links: the name was free a moment ago
            if target.exists():
                n += 1
                continue
            os.replace(partial, target)
            return target
        partial.unlink()
        return target


def take_backup(
    database: Path, folder: Path, reason: str = "manual", now: dt.datetime | None = None
) -> Path:
    """Copy the live database (consistent, even while in use) into `folder`; returns the file.

    Safe beside other processes doing the same: each writes its own temporary file and
    the finished file takes the first free name.
    """
    now = now or dt.datetime.now()
    paths.ensure_private_dir(folder)
    stem = f"journal-{now:%Y%m%d-%H%M%S}-{re.sub(r'[^a-z-]', '', reason.lower()) or 'manual'}"
    partial = private_temp(folder, stem)
    try:
        _copy(database, partial)
        return _install(partial, folder, stem)
    finally:
        partial.unlink(missing_ok=True)
        Path(f"{partial}-journal").unlink(missing_ok=True)


def _taken_at(path: Path) -> dt.datetime | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    return dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in `folder`, newest first, each with its contact count."""
    found = []
    for path in folder.glob("journal-*.sqlite3") if folder.exists() else []:
        taken = _taken_at(path)
        if taken is None:
            continue
        match = _NAME.match(path.name)
        found.append(BackupInfo(path, taken, match.group("reason") or "", _contact_count(path)))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def _contact_count(path: Path) -> int | None:
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM contact WHERE trashed_at IS NULL").fetchone()[
                0
            ]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def latest_backup_time(folder: Path) -> dt.datetime | None:
    times = (
        [t for t in (_taken_at(p) for p in folder.glob("journal-*.sqlite3")) if t]
        if folder.exists()
        else []
    )
    return max(times, default=None)


def _protected(info: BackupInfo, now: dt.datetime) -> bool:
    """A backup taken before a change (an import, a restore, deleting…) stays for a week."""
    return info.reason.startswith("before-") and now - info.taken_at < KEEP_BEFORE_CHANGE


def rotate(folder: Path, now: dt.datetime | None = None) -> list[Path]:
    """Keep the newest backup of each of the last 7 days, 4 weeks and 12 months; delete the rest.

    Backups taken before a change are kept for 7 days whatever else the folder holds.
    Another process may rotate the same folder at the same time: a file it removed first
    is simply gone, and files still being written are never listed.
    """
    now = now or dt.datetime.now()
    backups = list_backups(folder)
    keep: set[Path] = {b.path for b in backups if _protected(b, now)}
    seen_day, seen_week, seen_month = set(), set(), set()
    for b in backups:  # newest first: the first of each bucket is its newest
        day = b.taken_at.date()
        week = day.isocalendar()[:2]
        month = (day.year, day.month)
        if len(seen_day) < KEEP_DAILY and day not in seen_day:
            seen_day.add(day)
            keep.add(b.path)
        if len(seen_week) < KEEP_WEEKLY and week not in seen_week:
            seen_week.add(week)
            keep.add(b.path)
        if len(seen_month) < KEEP_MONTHLY and month not in seen_month:
            seen_month.add(month)
            keep.add(b.path)
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def backup_if_stale(
    database: Path, folder: Path, max_age: dt.timedelta = dt.timedelta(days=1), now=None
) -> Path | None:
    """The start-up backup: only when the newest one is older than `max_age`."""
    now = now or dt.datetime.now()
    if not database.exists():
        return None
    latest = latest_backup_time(folder)
    if latest is not None and now - latest < max_age:
        return None
    made = take_backup(database, folder, "daily", now)
    rotate(folder, now)
    return made


def integrity_ok(database: Path) -> bool:
    """SQLite's quick check on the file, read-only."""
    try:
        conn = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def restore_into(source: Path, database: Path, folder: Path) -> Path:
    """Replace the journal's contents with `source`, after backing up the current state.

    `source` is checked first (store.backup_check: SQLite, intact, the app's own schema
    for a version it knows); a file that fails is refused with BackupRefused and nothing
    is written. Returns the backup of the state that was replaced. The live file is
    written through SQLite's backup API, so open readers see either the old or the new
    journal; a journal of an older version is then brought up to date.
    """
    from gratitude_desktop.store import backup_check

    conn, version = backup_check.open_checked(Path(source))
    try:
        before = take_backup(database, folder, "before-restore")
        dst = sqlite3.connect(database)
        try:
            with dst:
                conn.backup(dst)
        except sqlite3.Error as error:
            raise backup_check.BackupRefused(
                Path(source), f"it could not be copied ({backup_check.one_line(error)})"
            ) from None
        finally:
            dst.close()
    finally:
        conn.close()
    if version < backup_check.latest_version():
        _bring_up_to_date(database)
    return before


def _bring_up_to_date(database: Path) -> None:
    from gratitude_desktop.store import db

    opened = db.connect(database)
    opened.connect()
    try:
        db.migrate(opened)
    finally:
        opened.close()
