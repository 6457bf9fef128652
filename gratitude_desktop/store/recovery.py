"""Keeping the journal safe around backups: where they go, restoring live, damaged files.

store/backup.py copies and rotates files; this module knows about the open journal:
the backup folder the person chose (the "backup_dir" setting), restoring while a
window holds the journal (the connection is closed and reopened around the copy), and
a damaged journal found at start-up (moved aside — never deleted — and replaced by
the newest backup that passes SQLite's check).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

from gratitude_desktop import paths
from gratitude_desktop.store import backup, backup_check
from gratitude_desktop.store.errors import JournalError

BACKUP_DIR_KEY = "backup_dir"


class DamagedJournal(JournalError):
    def __init__(self, path: Path):
        super().__init__(
            path,
            "This journal file is damaged: SQLite's integrity check failed.",
            "Open Gratitude's window to restore the latest good backup (the damaged file "
            "is kept aside), or run `gratitude-desktop restore FILE` with a backup.",
        )


def backup_folder(data_dir: Path) -> Path:
    """The folder backups go to: the "backup_dir" setting, else <data folder>/backups.

    Read straight from the file (read-only), so it also works for a journal that is
    damaged or not open yet; anything unreadable means the default.
    """
    data_dir = Path(data_dir)
    default = paths.backups_dir(data_dir)
    database = paths.database_path(data_dir)
    if not database.exists():
        return default
    try:
        conn = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute(
                "SELECT value FROM setting WHERE key = ?", (BACKUP_DIR_KEY,)
            ).fetchone()
        finally:
            conn.close()
        value = json.loads(row[0]) if row else None
    except (sqlite3.Error, ValueError, TypeError):
        return default
    if isinstance(value, str) and value.strip():
        return Path(value).expanduser()
    return default


def back_up(database: Path, folder: Path, reason: str, now: dt.datetime | None = None) -> Path:
    """Take one backup and rotate the folder; returns the new file.

    A backup the person asked for ("manual": Back up now, `backup`) removes nothing:
    it must never cost them the backup taken before this morning's import.
    """
    made = backup.take_backup(database, folder, reason, now)
    if reason != "manual":
        backup.rotate(folder, now)
    return made


def back_up_journal(data_dir: Path, reason: str, now: dt.datetime | None = None) -> Path:
    """Back up the journal in `data_dir` into its backup folder (backup_folder), as back_up does.

    The one call the window, the tray and the CLI make before a risky change ("manual",
    "before-import", "before-undo-import", "before-delete"); raises OSError when the copy
    cannot be written. Returns the new file.
    """
    return back_up(paths.database_path(data_dir), backup_folder(data_dir), reason, now)


def write_copy(database, target: Path) -> Path:
    """A consistent, owner-only copy of `database` (a path or an open connection) at `target`.

    E.g. `backup -o FILE`. The copy is written to a temporary file of its own beside
    `target`, owner-only from its first byte, then renamed into place.
    """
    target = Path(target)
    if target.is_dir():
        raise IsADirectoryError(21, "is a folder, not a file", str(target))
    partial = backup.private_temp(target.parent, target.name)
    try:
        backup._copy(database, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
        Path(f"{partial}-journal").unlink(missing_ok=True)
    return target


def restore_live(journal, source: Path, folder: Path) -> Path:
    """Restore `source` into an open journal; returns the backup of the replaced state.

    This thread's connection is closed around the copy (other threads must have
    closed theirs) and opened again afterwards, so the journal is usable at once.
    Raises backup_check.BackupRefused (a ValueError) for a file that may not be
    restored; the journal is then left as it was.
    """
    journal.db.close()
    try:
        return backup.restore_into(Path(source), journal.path, folder)
    finally:
        journal.db.connect(reuse_if_open=True)


def is_damaged(database: Path) -> bool:
    """True for an SQLite file that fails SQLite's quick check.

    A file that is not SQLite at all is not "damaged": opening it says it is not a
    journal (store.errors.NotADatabase) and leaves it alone.
    """
    database = Path(database)
    try:
        with open(database, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return False
    except OSError:
        return False
    return not backup.integrity_ok(database)


def latest_good_backup(folder: Path) -> backup.BackupInfo | None:
    """The newest backup in `folder` that may be restored (store.backup_check)."""
    for info in backup.list_backups(Path(folder)):
        if info.contacts is None:
            continue
        try:
            backup_check.check_file(info.path)
        except backup_check.BackupRefused:
            continue
        return info
    return None


def move_aside(database: Path, now: dt.datetime | None = None) -> Path:
    """Rename a damaged journal (and its -wal/-shm) to journal.damaged-<time>.sqlite3."""
    now = now or dt.datetime.now()
    database = Path(database)
    stem = f"{database.stem}.damaged-{now:%Y%m%d-%H%M%S}"
    target = database.with_name(stem + database.suffix)
    n = 1
    while target.exists():
        target = database.with_name(f"{stem}-{n}{database.suffix}")
        n += 1
    os.replace(database, target)
    for suffix in ("-wal", "-shm"):
        side = Path(str(database) + suffix)
        if side.exists():
            os.replace(side, Path(str(target) + suffix))
    return target


def recover_from_backup(
    data_dir: Path, source: Path | None = None, now: dt.datetime | None = None
) -> tuple[Path, Path]:
    """Move the damaged journal aside and put a good backup in its place.

    `source` defaults to the newest good backup in the backup folder. Returns
    (where the damaged file now is, the backup restored). Raises FileNotFoundError
    when there is no good backup (nothing is moved then).
    """
    data_dir = Path(data_dir)
    database = paths.database_path(data_dir)
    if source is None:
        found = latest_good_backup(backup_folder(data_dir))
        if found is None:
            raise FileNotFoundError(2, "no good backup was found", str(backup_folder(data_dir)))
        source = found.path
    conn, _version = backup_check.open_checked(Path(source))  # BackupRefused: nothing moved
    try:
        aside = move_aside(database, now)
        write_copy(conn, database)
    finally:
        conn.close()
    return aside, Path(source)


# A full check reads the whole file (0.4 s for 100,000 contacts), too slow for every
# start. The window leaves this marker beside the journal while it is open and removes
# it on a clean exit: a marker found at start-up means the last session crashed or the
# power went, so the journal is checked before it is opened. Otherwise the check runs
# in the background and, if it fails, leaves the marker so the next start checks first.
SESSION_MARKER = "journal.unchecked"


def check_before_opening(data_dir: Path) -> bool:
    """True when the last session did not end cleanly (check before opening)."""
    return (Path(data_dir) / SESSION_MARKER).exists()


def session_started(data_dir: Path) -> None:
    marker = Path(data_dir) / SESSION_MARKER
    marker.touch()
    paths.make_private_file(marker)


def session_ended(data_dir: Path, *, clean: bool = True) -> None:
    marker = Path(data_dir) / SESSION_MARKER
    if clean and marker.exists():
        marker.unlink()
