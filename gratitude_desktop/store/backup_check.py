"""Is a file a journal we may restore? Checked read-only, before anything is replaced.

A file restored over the journal becomes the journal: a trigger in it fires on the next
import, a missing table breaks every command, a newer schema locks the person out. So a
file is restored only when it is SQLite, passes `integrity_check`, has a schema version
this app knows, and has exactly the schema the app's own migrations build for that
version — every table, column, index, trigger and view, and nothing else. The expected
schema is built by running the migrations into an in-memory database (never a list kept
by hand), so a new migration is covered the day it is written.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from pathlib import Path

from gratitude_desktop.store import db as store_db
from gratitude_desktop.store.errors import SchemaTooNew

# Statistics tables written by ANALYZE / PRAGMA optimize: they steer the planner, hold no
# records and run nothing, so a journal that has them is still the app's own.
_STATISTICS = re.compile(r"^sqlite_stat\d$")
_ORDER = {"table": 0, "view": 1, "trigger": 2, "index": 3}  # named in this order: a missing
# table is the news, not the indexes that went with it


class BackupRefused(ValueError):
    """The file may not be restored; the message is one line naming the file and why."""

    def __init__(self, path: Path, why: str):
        self.path = Path(path)
        self.why = why
        super().__init__(f"{self.path}: {why}; the journal was left as it was.")


def _normal_sql(sql: str | None) -> str:
    return " ".join((sql or "").split())


def schema_of(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[str, str]]:
    """(type, name) -> (table, SQL with whitespace collapsed) for every entry of sqlite_master."""
    found = {}
    for kind, name, table, sql in conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master"
    ):
        if not (kind == "table" and _STATISTICS.match(name)):
            found[(kind, name)] = (table, _normal_sql(sql))
    return found


def known_versions() -> dict[int, str]:
    """Schema version -> the name of the migration that brings a journal to it."""
    names = store_db._migration_names()
    return {int(re.match(r"\d+", name).group()): name for name in names}


@functools.cache
def expected_schema(version: int) -> tuple[dict[tuple[str, str], tuple[str, str]], frozenset]:
    """The schema and migration history the app's own migrations build for `version`."""
    from peewee import SqliteDatabase

    target = known_versions()[version]
    scratch = SqliteDatabase(":memory:")
    scratch.connect()
    try:
        store_db.migrate(scratch, target)
        conn = scratch.connection()
        history = frozenset(name for (name,) in conn.execute("SELECT name FROM schema_migration"))
        return schema_of(conn), history
    finally:
        scratch.close()


def _differences(path: Path, found: dict, expected: dict) -> None:
    """BackupRefused naming the first way `found` differs from `expected`, if any."""

    def ordered(keys):
        return sorted(keys, key=lambda key: (_ORDER.get(key[0], 9), key))

    for kind, name in ordered(found.keys() - expected.keys()):
        raise BackupRefused(path, f"it has a {kind} “{name}” that Gratitude does not make")
    for kind, name in ordered(expected):
        if (kind, name) in found and found[(kind, name)] != expected[(kind, name)]:
            raise BackupRefused(path, f"its {kind} “{name}” is not the one Gratitude makes")
    for kind, name in ordered(expected.keys() - found.keys()):
        raise BackupRefused(path, f"its {kind} “{name}” is missing")


def _is_gratitude_history(conn: sqlite3.Connection, first: str) -> bool:
    try:
        row = conn.execute("SELECT 1 FROM schema_migration WHERE name = ?", (first,)).fetchone()
    except sqlite3.Error:
        return False
    return row is not None


def check(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of the database open on `conn`; BackupRefused when it may not be restored.

    `conn` should be read-only; nothing is written. Records are read only from the
    migration history, and only after the schema was found to be the app's own.
    """
    conn.execute("PRAGMA trusted_schema = OFF")  # nothing in the file runs while we look
    conn.text_factory = _lenient  # names and messages from a damaged file still read
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check(3)")]
    if problems != ["ok"]:
        first = " ".join(str(problems[0]).split())[:120] if problems else "no answer"
        raise BackupRefused(path, f"it is damaged (SQLite's integrity check says: {first})")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    found = schema_of(conn)
    versions = known_versions()
    if not found:
        raise BackupRefused(path, "it is an empty database, not a Gratitude backup")
    if version not in versions:
        if version > max(versions) and _is_gratitude_history(conn, versions[min(versions)]):
            problem = SchemaTooNew(path, version, max(versions)).problem.rstrip(".")
            raise BackupRefused(path, problem.replace("This journal", "it"))
        raise BackupRefused(path, "it is not a Gratitude backup (an unknown schema version)")
    expected, history = expected_schema(version)
    if not found.keys() & expected.keys():
        raise BackupRefused(
            path, "it is not a Gratitude backup (it has none of Gratitude's tables)"
        )
    _differences(path, found, expected)
    recorded = {name for (name,) in conn.execute("SELECT name FROM schema_migration")}
    if recorded != history:
        raise BackupRefused(path, "its record of schema updates does not match its schema version")
    _text_is_utf8(conn, path, found)
    return version


def _text_is_utf8(conn: sqlite3.Connection, path: Path, found: dict) -> None:
    """BackupRefused when a text value is not UTF-8: integrity_check does not look at text,
    and such a value stops every read of its row (a flipped byte in a mailed file)."""
    for (kind, name), (_table, sql) in sorted(found.items()):
        if kind != "table" or sql.upper().startswith("CREATE VIRTUAL"):
            continue
        conn.text_factory = str
        try:
            for _row in conn.execute(f'SELECT * FROM "{name}"'):
                pass
        except (sqlite3.OperationalError, UnicodeDecodeError) as error:
            if "decode" not in str(error).lower():
                raise
            raise BackupRefused(
                path, f"it is damaged (the table “{name}” holds text that is not UTF-8)"
            ) from None
        finally:
            conn.text_factory = _lenient


def _lenient(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def open_checked(path: Path) -> tuple[sqlite3.Connection, int]:
    """A read-only connection to `path`, checked, inside a read transaction; and its version.

    The transaction holds SQLite's shared lock, so what was checked is what a backup
    copied from this connection reads. The caller closes the connection.
    """
    path = Path(path)
    if not path.exists():
        raise BackupRefused(path, "there is no such file")
    if not path.is_file():
        raise BackupRefused(path, "it is not a regular file")
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            header = fh.read(16)
    except OSError as error:
        raise BackupRefused(path, f"it cannot be read ({error.strerror or error})") from None
    if size == 0:
        raise BackupRefused(path, "it is empty (0 bytes)")
    if header != store_db.SQLITE_HEADER:
        raise BackupRefused(path, "it is not a Gratitude backup (not an SQLite database)")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error as error:
        raise BackupRefused(path, f"it cannot be opened ({error})") from None
    try:
        conn.execute("BEGIN")
        version = check(conn, path)
    except BackupRefused:
        conn.close()
        raise
    except sqlite3.Error as error:
        conn.close()
        raise BackupRefused(path, f"it cannot be read as a journal ({one_line(error)})") from None
    except UnicodeDecodeError:  # SQLite's own message quoted bytes of a damaged schema
        conn.close()
        raise BackupRefused(path, "it is damaged (its schema is not readable text)") from None
    return conn, version


def check_file(path: Path) -> int:
    """The schema version of a file that may be restored; BackupRefused otherwise."""
    conn, version = open_checked(path)
    conn.close()
    return version


def one_line(error: object) -> str:
    """An error's words on one line, cut short."""
    return " ".join(str(error).split())[:160]


def latest_version() -> int:
    return max(known_versions())
