"""Kill the importer (SIGKILL) at random moments: the journal is always whole afterwards.

Each round starts a fresh Python process that opens the journal and imports a big CSV,
and kills it at a random point of the import — before it writes, or once it reports
having read a random number of rows (so the kill lands while the write is under way,
however loaded the machine; one that lands after the import finished counts as a
finished round, never as a kill). Then the
database must pass PRAGMA integrity_check, no import batch may be half applied, and
open_journal must work. tests/soak/kill_soak.py runs many more rounds.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gratitude_desktop import paths
from gratitude_desktop.store.db import open_journal

ROUNDS = 20
ROWS = 3000
CHILD = """
import sys
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.io.importer import import_file
journal = open_journal(sys.argv[1])
print("ready", flush=True)
import_file(sys.argv[2], progress=lambda done, total: print("at", done, flush=True))
print("done", flush=True)
journal.close()
"""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")


def write_csv(path: Path, rows: int, tag: str, block: int = 0) -> Path:
    """`rows` new people; each `block` has its own phone numbers, so that a round that
    finishes creates its contacts instead of merging into an earlier round's."""
    lines = ["Name,E-mail Address,Mobile Phone,Company,Notes"]
    for n in range(rows):
        lines.append(
            f"{tag} Person {n},{tag.lower()}{n}@example.org,+1 5{block:02d} {n:07d},Firm {n % 97},"
            f"met at the fair {n}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def start(data_dir: Path, csv: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), str(csv)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )


def run_and_kill(data_dir: Path, csv: Path, rows: int | None) -> bool:
    """Start an import and SIGKILL it once it reports `rows` rows read (0: as soon as
    the journal is open); True if it was still running. None lets it finish."""
    child = start(data_dir, csv)
    try:
        assert child.stdout.readline().strip() == "ready"
        if rows is None:
            child.wait(timeout=120)
            return False
        while rows > 0:  # the import's own progress reports: no timing guess
            line = child.stdout.readline().split()
            if not line or line[0] == "done" or int(line[1]) >= ROWS:  # committed already
                child.wait(timeout=120)
                return False
            if int(line[1]) >= rows:
                break
        killed = child.poll() is None  # a kill after the import finished is no kill
        if killed:
            child.send_signal(signal.SIGKILL)
        child.wait(timeout=120)
        return killed and child.returncode == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def check_journal(data_dir: Path) -> dict:
    """Integrity, whole batches, and that the app can open it; returns counts."""
    database = paths.database_path(data_dir)
    conn = sqlite3.connect(database)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        batches = (
            conn.execute("SELECT id, created, finished_at FROM import_batch").fetchall()
            if _has_table(conn, "import_batch")
            else []
        )
        for batch_id, created, finished in batches:
            contacts = conn.execute(
                "SELECT count(*) FROM contact WHERE import_batch_id = ?", (batch_id,)
            ).fetchone()[0]
            assert finished is not None, f"batch {batch_id} was never finished"
            assert created == contacts, (batch_id, created, contacts)
        total = conn.execute("SELECT count(*) FROM contact").fetchone()[0]
        methods = conn.execute("SELECT count(*) FROM contact_method").fetchone()[0]
    finally:
        conn.close()
    assert total == ROWS * len(batches)  # every batch whole, nothing from a killed one
    assert methods == 2 * total
    journal = open_journal(data_dir)
    journal.close()
    return {"batches": len(batches), "contacts": total}


def _has_table(conn, name: str) -> bool:
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None
    )


def kill_rounds(tmp: Path, rounds: int, seed: int) -> tuple[int, int]:
    """Run `rounds` kill rounds; returns (kills, imports that finished)."""
    rng = random.Random(seed)
    data_dir = tmp / "data"
    open_journal(data_dir).close()
    assert not run_and_kill(data_dir, write_csv(tmp / "first.csv", ROWS, "First"), None)
    check_journal(data_dir)
    kills = finished = 0
    for n in range(rounds):
        csv = write_csv(tmp / f"round{n}.csv", ROWS, f"R{n}x", block=n + 1)
        # Before it writes (0), or once some rows are read: the write is under way.
        if run_and_kill(data_dir, csv, 0 if rng.random() < 0.2 else rng.randrange(1, ROWS)):
            kills += 1
        else:
            finished += 1
        check_journal(data_dir)
    return kills, finished


def test_sigkill_during_imports_never_leaves_a_half_applied_batch(tmp_path):
    kills, finished = kill_rounds(tmp_path, ROUNDS, seed=8)
    assert kills >= ROUNDS // 2  # most rounds really were cut short
    assert kills + finished == ROUNDS
