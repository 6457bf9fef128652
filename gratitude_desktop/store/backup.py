"""Backups with SQLite's online backup API: take, rotate, list, check and restore."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from gratitude_desktop import paths

_NAME = re.compile(r"^journal-(\d{8}-\d{6})(?:-(?P<reason>[a-z-]+))?(?:-\d+)?\.sqlite3$")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    contacts: int | None  # None when the file cannot be read


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
    finally:
        dst.close()
        src.close()


def take_backup(
    database: Path, folder: Path, reason: str = "manual", now: dt.datetime | None = None
) -> Path:
    """Copy the live database (consistent, even while in use) into `folder`; returns the file."""
    now = now or dt.datetime.now()
    paths.ensure_private_dir(folder)
    stem = f"journal-{now:%Y%m%d-%H%M%S}-{re.sub(r'[^a-z-]', '', reason.lower()) or 'manual'}"
    target = folder / f"{stem}.sqlite3"
    n = 1
    while target.exists():
        target = folder / f"{stem}-{n}.sqlite3"
        n += 1
    partial = target.with_suffix(".partial")
    try:
        _copy(database, partial)
        paths.make_private_file(partial)
        os.replace(partial, target)
    finally:
        if partial.exists():
            partial.unlink()
    return target


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


def rotate(folder: Path, now: dt.datetime | None = None) -> list[Path]:
    """Keep the newest backup of each of the last 7 days, 4 weeks and 12 months; delete the rest."""
    now = now or dt.datetime.now()
    backups = list_backups(folder)
    keep: set[Path] = set()
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
            b.path.unlink()
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


def restore_into(backup: Path, database: Path, folder: Path) -> Path:
    """Replace the journal's contents with `backup`, after backing up the current state.

    Returns the backup of the state that was replaced. The live file is written
    through SQLite's backup API, so open readers see either the old or the new journal.
    """
    if not integrity_ok(backup):
        raise ValueError(f"{backup}: this backup is damaged; the journal was left as it was.")
    before = take_backup(database, folder, "before-restore")
    src = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(database)
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()
    return before
