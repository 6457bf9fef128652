"""Open the journal: check the file, lock it, set the pragmas, migrate it."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from peewee import OperationalError, SqliteDatabase

from gratitude_desktop import paths
from gratitude_desktop.store.errors import JournalLocked, NotADatabase, ReadOnlyFolder, SchemaTooNew
from gratitude_desktop.store.models import database

T = TypeVar("T")
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_HEADER = b"SQLite format 3\x00"
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 5000,
    "cache_size": -32000,
    "temp_store": "memory",
}


def _migration_names() -> list[str]:
    """The numbered migration scripts, as playhouse.migrations names them."""
    return sorted(p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py"))


def latest_schema_version() -> int:
    return max(int(re.match(r"\d+", name).group()) for name in _migration_names())


def is_current(db: SqliteDatabase) -> bool:
    """True when every migration script is recorded as applied (no runner needed).

    A cheap look at the open database: playhouse.migrations and the scripts are
    only imported when something is left to do.
    """
    if db.execute_sql("PRAGMA user_version").fetchone()[0] != latest_schema_version():
        return False
    try:
        applied = {name for (name,) in db.execute_sql("SELECT name FROM schema_migration")}
    except OperationalError:  # no history table: a new or foreign file
        return False
    return applied.issuperset(_migration_names())


class _FileLock:
    """An advisory lock on a file beside the journal, released when the process ends."""

    def __init__(self, path: Path):
        self.path = path
        self._fh = None

    def acquire(self, journal: Path, who: str = "window") -> None:
        """Take the lock, writing "<pid> <who>" into the file; JournalLocked naming the holder."""
        fh = open(self.path, "a+")  # noqa: SIM115 - held for the life of the journal
        paths.make_private_file(self.path)
        try:
            if os.name == "nt":
                import msvcrt

                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.seek(0)
            holder = fh.read().strip()
            fh.close()
            raise JournalLocked(journal, holder) from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()} {who}")
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


@dataclass
class Journal:
    """An open journal: its folder, its database file and the connection factory."""

    data_dir: Path
    path: Path
    db: SqliteDatabase
    read_only: bool = False
    # Found intact by SQLite's check when it was opened (store.intact): a clean close
    # then notes the file, so the next command need not check it again.
    checked: bool = False
    _lock: _FileLock | None = field(default=None, repr=False)

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()
            if self.checked and not self.read_only:
                from gratitude_desktop.store.intact import note_intact

                note_intact(self.path)
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def check_file(path: Path) -> int:
    """Refuse, without writing a byte, a file that is not ours or is too new.

    Returns the file's schema version (0 for a new or empty file).
    """
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with open(path, "rb") as fh:
        if fh.read(16) != SQLITE_HEADER:
            raise NotADatabase(path)
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            found = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise NotADatabase(path) from None
    known = latest_schema_version()
    if found > known:
        raise SchemaTooNew(path, found, known)
    return found


def migrate(db: SqliteDatabase, target: str | None = None) -> list[str]:
    """Apply pending migrations (up to `target`) and record the schema version."""
    from playhouse.migrations import Runner

    runner = Runner(db, directory=str(MIGRATIONS_DIR), table_name="schema_migration")
    applied = runner.up(target)
    done = [m for m in runner.status() if m.applied]
    version = max((m.idx for m in done), default=0)
    db.execute_sql(f"PRAGMA user_version = {int(version)}")
    return applied


@contextmanager
def database_waits(ms: int) -> Iterator[None]:
    """This thread's connection waits at most `ms` for another writer, then back as it was."""
    (before,) = database.execute_sql("PRAGMA busy_timeout").fetchone()
    database.execute_sql(f"PRAGMA busy_timeout = {int(ms)}")
    try:
        yield
    finally:
        database.execute_sql(f"PRAGMA busy_timeout = {int(before)}")


def unless_busy(work: Callable[[], T], wait_ms: int = 0) -> T | None:
    """`work()`, or None when the journal cannot take a write now.

    That is when another connection (an import) holds it for longer than `wait_ms`, or
    when it is read-only. For writes that only add to what a read found (announcements,
    kept cadences): they are left for the next time. Any other error is raised.
    """
    try:
        with database_waits(wait_ms):
            return work()
    except OperationalError as problem:
        words = str(problem)
        if "locked" in words or "readonly" in words:
            return None
        raise


def connect(path: Path) -> SqliteDatabase:
    """A peewee database for `path`; each thread gets its own connection.

    Transactions begin IMMEDIATE: they take the write lock first, waiting for it up to
    the busy timeout. A transaction that began by reading and then wrote after another
    connection (the reminder worker, say) had committed would fail at once with
    "database is locked", whatever the timeout: WAL cannot move its snapshot forward.
    Transactions that only read say so with `reading()`.
    """
    return SqliteDatabase(str(path), pragmas=PRAGMAS, lock_type="IMMEDIATE")


def reading():
    """A transaction that only reads: one consistent snapshot, no write lock taken."""
    return database.atomic("DEFERRED")


@contextmanager
def only_reading() -> Iterator[None]:
    """`reading()`, and SQLite refuses any write in it ("attempt to write a readonly
    database") instead of waiting for the lock: for dry runs, which must block nobody."""
    (before,) = database.execute_sql("PRAGMA query_only").fetchone()
    database.execute_sql("PRAGMA query_only = 1")
    try:
        with reading():
            yield
    finally:
        database.execute_sql(f"PRAGMA query_only = {int(before)}")


@contextmanager
def private_copy() -> Iterator[None]:
    """For this thread, within the block, the journal is a private in-memory copy of itself.

    The journal file is only read (one snapshot, no lock that would block a writer) and
    the copy is thrown away at the end, whatever was written to it. Work done inside
    goes through the same models and journal functions as always, so a dry run can do
    the real import here and report exactly what it would do. Other threads (the
    window's workers) keep their own connections to the journal, untouched.
    """
    db = database.obj
    state = db._state  # peewee's per-thread connection state
    if state.transactions:
        raise RuntimeError("private_copy() cannot begin inside a transaction")
    copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        db.connection().backup(copy)  # one read of one snapshot
        db._add_conn_hooks(copy)  # the pragmas and functions every connection gets
        kept = (state.conn, state.closed, state.ctx, state.transactions)
        state.conn, state.closed, state.ctx, state.transactions = copy, False, [], []
        try:
            yield
        finally:
            state.conn, state.closed, state.ctx, state.transactions = kept
    finally:
        copy.close()


def connect_read_only(path: Path) -> SqliteDatabase:
    """A database that can only be read: for a folder we may not write to.

    `immutable=1` lets SQLite read a WAL journal without creating its -shm file.
    """
    uri = f"{path.as_uri()}?mode=ro&immutable=1"
    return SqliteDatabase(uri, uri=True, pragmas={"foreign_keys": 1, "query_only": 1})


def writable(data_dir: Path) -> bool:
    path = paths.database_path(data_dir)
    if not os.access(data_dir, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def open_journal(
    data_dir: Path, *, lock: bool = True, read_only: bool | None = None, holder: str = "window"
) -> Journal:
    """Open (creating if needed) the journal in `data_dir`, migrated and bound to the models.

    A folder we cannot write to opens the journal read-only (`read_only=None`
    decides from the folder's permissions), so it can still be read. `holder` names
    who holds the lock (the window, or a command), for the refusal another process gets.
    """
    data_dir = Path(data_dir)
    if read_only is None:
        read_only = data_dir.exists() and not writable(data_dir)
    if read_only:
        return _open_read_only(data_dir)
    data_dir = paths.ensure_private_dir(data_dir)
    path = paths.database_path(data_dir)
    found = check_file(path)
    file_lock = None
    if lock:
        file_lock = _FileLock(data_dir / paths.LOCK_NAME)
        file_lock.acquire(path, holder)
    try:
        if 0 < found < latest_schema_version():
            from gratitude_desktop.store import backup

            backup.take_backup(path, paths.backups_dir(data_dir), "before-migration")
        db = connect(path)
        database.initialize(db)
        db.connect(reuse_if_open=True)
        if not (found and is_current(db)):
            migrate(db)
        for suffix in ("", "-wal", "-shm"):
            paths.make_private_file(Path(str(path) + suffix))
    except BaseException:
        if file_lock is not None:
            file_lock.release()
        raise
    return Journal(data_dir=data_dir, path=path, db=db, _lock=file_lock)


def _open_read_only(data_dir: Path) -> Journal:
    path = paths.database_path(data_dir)
    found = check_file(path)
    if found < latest_schema_version():
        raise ReadOnlyFolder(path)
    db = connect_read_only(path)
    database.initialize(db)
    db.connect(reuse_if_open=True)
    return Journal(data_dir=data_dir, path=path, db=db, read_only=True)
