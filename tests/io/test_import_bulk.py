"""Big imports into a small journal write in bulk: the same journal, just as atomic.

In bulk the contact and method indexes are dropped and built again at the end, and the
search index gathers its terms 16 MB at a time (store.bulk.indexes_set_aside,
store.search.bulk_indexing). These files are small; the threshold is lowered to reach
the bulk path.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gratitude_desktop import paths
from gratitude_desktop.io import importer
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.models import Contact, database


def write_csv(path: Path, rows: int, tag: str = "P") -> Path:
    """Rows with emails, phones, companies and birthdays; some repeat, one is refused."""
    lines = ["Name,E-mail Address,Mobile Phone,Company,Birthday,Notes"]
    for n in range(rows):
        email = f"{tag.lower()}{n % (rows - 7)}@example.org"  # the last rows repeat the first
        lines.append(
            f"{tag} Persön {n},{email},+1 415 555 {n:04d},Firm {n % 13},"
            f"19{50 + n % 40}-0{1 + n % 9}-1{n % 10},met at the fair {n}"
        )
    lines.append(",,,,,a note and nothing else")  # refused: no name, email or phone
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_vcard(path: Path, cards: int) -> Path:
    out = []
    for n in range(cards):
        out += [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:Müller{n};Jürgen;;;",
            f"FN:Jürgen Müller{n}",
            f"ORG:Firm {n % 5};Research",
            f"item1.EMAIL;type=INTERNET;type=pref:j{n % (cards - 5)}@example.org",
            "item1.X-ABLabel:_$!<Other>!$_",
            f"TEL;type=CELL:+1 415-555-{n:04d}",
            f"ADR;type=HOME:;;{n} Main St;Springfield;IL;62701;USA",
            f"BDAY:19{50 + n % 40}-0{1 + n % 9}-1{n % 10}",
            "NOTE:Met at the fair\\, liked the talk.",
            "END:VCARD",
        ]
    path.write_text("\r\n".join(out) + "\r\n", encoding="utf-8")
    return path


def schema() -> list[tuple]:
    """Every table, index and trigger, and the search index's settings."""
    found = database.execute_sql(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    ).fetchall()
    return found + database.execute_sql("SELECT k, v FROM contact_search_config").fetchall()


def contents() -> dict[str, list[tuple]]:
    """The imported rows as stored (times and batch numbers left out)."""
    contact_columns = [
        row[1]
        for row in database.execute_sql('PRAGMA table_info("contact")')
        if row[1] not in ("created_at", "updated_at", "import_batch_id")
    ]
    names = ", ".join(f'"{c}"' for c in contact_columns)
    return {
        "contacts": database.execute_sql(f"SELECT {names} FROM contact ORDER BY id").fetchall(),
        "methods": database.execute_sql(
            # Not their ids: undoing an import writes the methods of restored contacts anew.
            'SELECT contact_id, kind, label, value, match_key, "primary", confirmed_on, bad,'
            " position FROM contact_method ORDER BY contact_id, position"
        ).fetchall(),
        "search": database.execute_sql(
            "SELECT rowid, names, organization, methods, notes FROM contact_search ORDER BY rowid"
        ).fetchall(),
        "found": database.execute_sql(
            "SELECT rowid FROM contact_search WHERE contact_search MATCH '\"firm\"*' ORDER BY rowid"
        ).fetchall(),
    }


def outcome(report) -> tuple:
    refused = [(r.row, r.reason, r.field) for r in report.refused]
    return report.created, report.merged, report.skipped, refused, report.warnings


@pytest.mark.parametrize("kind", ["csv", "vcard"])
def test_a_bulk_import_writes_what_the_row_by_row_import_writes(
    journal, tmp_path, monkeypatch, kind
):
    path = (
        write_csv(tmp_path / "people.csv", 400)
        if kind == "csv"
        else write_vcard(tmp_path / "people.vcf", 300)
    )
    before = schema()
    monkeypatch.setattr(importer, "_BULK_ROWS", 10**9)
    by_row = importer.import_file(path)
    written_by_row = contents()
    importer.undo_import(by_row.batch_id)
    assert Contact.select().count() == 0

    monkeypatch.setattr(importer, "_BULK_ROWS", 1)
    bulk = importer.import_file(path)
    assert outcome(bulk) == outcome(by_row)
    assert by_row.merged > 0 and by_row.created > 0
    assert contents() == written_by_row
    assert schema() == before  # every index back, the search settings as they were


def test_a_bulk_import_merging_into_the_journal_matches_the_row_by_row_one(
    journal, tmp_path, monkeypatch
):
    """Rows that match journal contacts merge after the indexes are back."""
    importer.import_file(write_csv(tmp_path / "first.csv", 50))
    path = write_csv(tmp_path / "more.csv", 400)
    monkeypatch.setattr(importer, "_BULK_ROWS", 10**9)
    by_row = importer.import_file(path)
    written_by_row = contents()
    importer.undo_import(by_row.batch_id)
    monkeypatch.setattr(importer, "_BULK_ROWS", 1)
    bulk = importer.import_file(path)
    assert outcome(bulk) == outcome(by_row)
    assert contents() == written_by_row


def test_a_cancelled_bulk_import_leaves_the_journal_as_it_was(journal, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "_BULK_ROWS", 1)
    path = write_csv(tmp_path / "people.csv", 3000)
    before = schema()
    seen: list[int] = []
    with pytest.raises(importer.ImportCancelled):
        importer.import_file(
            path, progress=lambda d, t: seen.append(d), cancel=lambda: len(seen) > 8
        )
    assert seen[-1] > 2000  # cancelled after the first batch was written
    assert Contact.select().count() == 0
    assert schema() == before


def test_only_a_file_twice_the_size_of_the_journal_is_written_in_bulk(
    journal, tmp_path, monkeypatch
):
    importer.import_file(write_csv(tmp_path / "first.csv", 100, "A"))
    monkeypatch.setattr(importer, "_BULK_ROWS", 1)
    dropped: list[str] = []
    real = importer.indexes_set_aside

    def watch(model, keep=()):
        dropped.append(model.__name__)
        return real(model, keep)

    monkeypatch.setattr(importer, "indexes_set_aside", watch)
    seen = []
    for name, rows, tag in (("few.csv", 40, "B"), ("more.csv", 150, "C"), ("many.csv", 1200, "D")):
        held = Contact.select().count()
        dropped.clear()
        importer.import_file(write_csv(tmp_path / name, rows, tag))
        # what importer._open counts for this file: its line breaks after the header, plus one
        seen.append((held * 2 < rows + 2, bool(dropped)))
    assert all(expected == did for expected, did in seen), seen
    assert {did for _, did in seen} == {True, False}


CHILD = """
import sys
from gratitude_desktop.io import importer
from gratitude_desktop.store.db import open_journal
importer._BULK_ROWS = 1
journal = open_journal(sys.argv[1])
print("ready", flush=True)
importer.import_file(sys.argv[2])
print("done", flush=True)
journal.close()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_sigkill_during_a_bulk_import_leaves_the_journal_whole(tmp_path):
    """A power cut while the indexes are set aside: they are all there afterwards."""
    data_dir = tmp_path / "data"
    open_journal(data_dir).close()
    database_file = paths.database_path(data_dir)

    def fixed_schema() -> list[tuple]:
        conn = sqlite3.connect(database_file)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            return (
                conn.execute(
                    "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
                ).fetchall()
                + conn.execute("SELECT k, v FROM contact_search_config").fetchall()
            )
        finally:
            conn.close()

    expected = fixed_schema()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    path = write_csv(tmp_path / "people.csv", 6000)
    rng = random.Random(7)
    killed = 0
    for _ in range(4):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data_dir), str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        try:
            assert child.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.05, 0.6))  # the import takes ~1 s here: mostly cut in it
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
                killed += 1
            child.wait(timeout=120)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        assert fixed_schema() == expected
        conn = sqlite3.connect(database_file)
        try:
            count = conn.execute("SELECT count(*) FROM contact").fetchone()[0]
        finally:
            conn.close()
        assert count in (0, 6000 - 7)  # nothing, or the whole file (7 rows repeat others)
    assert killed
