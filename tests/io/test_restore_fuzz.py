"""Property test: whatever a backup file was turned into, restore restores it or refuses it.

Random mutations of a good backup — bytes flipped, the file cut short or lengthened,
schema statements and hand edits of sqlite_master — never get a traceback, and a
refusal leaves the journal exactly as it was. A file that is restored is the app's
own schema afterwards.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact
from gratitude_desktop.store import backup, backup_check, recovery
from gratitude_desktop.store.db import latest_schema_version
from tests.store.test_restore_hostile import snapshot

SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_names = itertools.count()

SQL = st.sampled_from(
    [
        "CREATE TRIGGER t AFTER INSERT ON contact BEGIN DELETE FROM contact_method; END",
        "CREATE TABLE extra (x)",
        "CREATE VIEW v AS SELECT * FROM contact",
        "CREATE INDEX extra_i ON contact (notes)",
        "DROP INDEX contact_sort_key",
        "DROP TABLE snooze",
        "DROP TABLE schema_migration",
        "DROP TRIGGER contact_cadence_changed",
        "ALTER TABLE contact ADD COLUMN evil TEXT",
        "ALTER TABLE promise RENAME COLUMN what TO wat",
        "ALTER TABLE goal RENAME TO goals",
        "DELETE FROM schema_migration WHERE name LIKE '0002%'",
        "INSERT INTO schema_migration (name, applied) VALUES ('9999_future', '2026-01-01')",
        "PRAGMA user_version = 0",
        "PRAGMA user_version = 3",
        "PRAGMA user_version = 999",
        "PRAGMA user_version = -1",
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_master SET sql = replace(sql, 'NOT NULL', '') WHERE name = 'contact'",
        "UPDATE sqlite_master SET rootpage = rootpage + 1 WHERE name = 'promise'",
        "UPDATE sqlite_master SET name = 'x' WHERE name = 'offering_name'",
        "DELETE FROM sqlite_master WHERE type = 'index' AND name = 'contact_trashed_at'",
        "INSERT INTO sqlite_master VALUES ('trigger', 'sqlite_stat1', 'contact', 0, "
        "'CREATE TRIGGER sqlite_stat1 AFTER INSERT ON contact BEGIN DELETE FROM contact; END')",
        "DELETE FROM contact_method",
        "UPDATE contact SET notes = 'changed'",
        "PRAGMA journal_mode = WAL",
        "PRAGMA page_size = 1024",
        "VACUUM",
        "ANALYZE",
    ]
)
MUTATION = st.one_of(
    st.tuples(st.just("sql"), st.lists(SQL, min_size=1, max_size=3)),
    st.tuples(
        st.just("bytes"),
        st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=8),
    ),
    st.tuples(st.just("cut"), st.floats(0, 1)),
    st.tuples(st.just("grow"), st.binary(min_size=1, max_size=5000)),
)


def mutated(good: Path, folder: Path, mutation) -> Path:
    kind, what = mutation
    target = folder / f"mutant-{next(_names)}.sqlite3"
    data = bytearray(good.read_bytes())
    if kind == "bytes":
        for where, value in what:
            data[min(int(where * len(data)), len(data) - 1)] = value
    elif kind == "cut":
        data = data[: int(what * len(data))]
    elif kind == "grow":
        data += what
    target.write_bytes(bytes(data))
    if kind == "sql":
        conn = sqlite3.connect(target, isolation_level=None)
        try:
            for statement in what:
                with contextlib.suppress(sqlite3.Error):  # one that does not apply is skipped
                    conn.execute(statement)
        finally:
            conn.close()
    return target


def test_restore_of_a_mutated_backup_restores_or_refuses_never_crashes(journal, tmp_path):
    for n in range(5):
        save_contact(
            ContactData(
                display_name=f"Person {n}",
                notes="n" * 300,
                methods=[MethodData(kind="email", value=f"p{n}@example.org")],
            )
        )
    good = backup.take_backup(journal.path, tmp_path / "good", "manual")
    save_contact(ContactData(display_name="Only in the journal"))
    seen = {"restored": 0, "refused": 0}

    @SETTINGS
    @given(mutation=MUTATION)
    def run(mutation):
        source = mutated(good, tmp_path, mutation)
        before = snapshot(journal.path)
        try:
            recovery.restore_live(journal, source, tmp_path / "safety")
        except backup_check.BackupRefused as refused:
            assert "\n" not in str(refused) and str(source) in str(refused)
            assert snapshot(journal.path) == before
            seen["refused"] += 1
        else:
            with sqlite3.connect(journal.path) as conn:
                assert (
                    backup_check.schema_of(conn)
                    == backup_check.expected_schema(latest_schema_version())[0]
                )
            seen["restored"] += 1
        finally:
            source.unlink()

    run()
    assert seen["refused"] > 0
