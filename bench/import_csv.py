"""Benchmark: import a generated 100,000-row Google Contacts CSV.

    python bench/import_csv.py [--rows 100000] [--runs 3] [--seed 5] [--into-full]

Each run imports the file into a fresh, empty journal (duplicate detection included) and
times it against the same run's bare baseline: Python's csv module reading the file plus a
raw sqlite3 executemany of the same rows into a contact table. --into-full also times an
import into a journal that already holds the file's contacts (every row a duplicate to merge).
Prints the median, the baseline, the ratio and the targets (< 10 s and < 3x the baseline).
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gratitude_desktop.io.importer import import_file  # noqa: E402
from gratitude_desktop.store.db import open_journal  # noqa: E402

HEADER = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
    "Phonetic Middle Name",
    "Phonetic Last Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "File As",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Birthday",
    "Notes",
    "Photo",
    "Labels",
    "E-mail 1 - Label",
    "E-mail 1 - Value",
    "E-mail 2 - Label",
    "E-mail 2 - Value",
    "Phone 1 - Label",
    "Phone 1 - Value",
    "Address 1 - Label",
    "Address 1 - Formatted",
    "Address 1 - Street",
    "Address 1 - City",
    "Address 1 - PO Box",
    "Address 1 - Region",
    "Address 1 - Postal Code",
    "Address 1 - Country",
    "Address 1 - Extended Address",
    "Website 1 - Label",
    "Website 1 - Value",
]
GIVEN = [
    "Ada",
    "Alan",
    "Grace",
    "Jürgen",
    "Marie",
    "José",
    "Hélène",
    "Łukasz",
    "Amara",
    "Kenji",
    "Priya",
    "Omar",
]
FAMILY = [
    "Lovelace",
    "Turing",
    "Hopper",
    "Müller",
    "Curie",
    "Núñez",
    "Dupré",
    "Kowalski",
    "Okafor",
    "Sato",
]
ORGS = ["Analytical Engines", "Bletchley Park", "US Navy", "Beispiel GmbH", "Sorbonne", "", "", ""]


def generate(path: Path, rows: int, seed: int) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(HEADER)
        for i in range(rows):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            cells = dict.fromkeys(HEADER, "")
            cells.update(
                {
                    "First Name": given,
                    "Last Name": f"{family}{i}",
                    "Organization Name": rng.choice(ORGS),
                    "Organization Title": rng.choice(["", "CEO", "Engineer", "Buyer"]),
                    "Birthday": rng.choice(
                        [
                            "",
                            f"19{rng.randint(40, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                            "--04-12",
                        ]
                    ),
                    "Notes": rng.choice(
                        ["", "Met at the fair.\nFollow up in spring.", "Likes tea, not coffee"]
                    ),
                    "Labels": "* myContacts",
                    "E-mail 1 - Label": "* Home",
                    "E-mail 1 - Value": f"{given.lower()}.{i}@example.org",
                    "E-mail 2 - Label": "Work" if i % 3 == 0 else "",
                    "E-mail 2 - Value": f"{family.lower()}{i}@work.example" if i % 3 == 0 else "",
                    "Phone 1 - Label": "Mobile",
                    "Phone 1 - Value": f"+1 {200 + i // 10000:03d}-555-{i % 10000:04d}"
                    if i % 2
                    else "",
                    "Address 1 - Label": "Home" if i % 5 == 0 else "",
                    "Address 1 - Street": f"{i} Main St" if i % 5 == 0 else "",
                    "Address 1 - City": "Springfield" if i % 5 == 0 else "",
                }
            )
            writer.writerow([cells[h] for h in HEADER])


def baseline(path: Path, folder: Path) -> float:
    """csv module read + raw sqlite3 executemany of the same rows: the floor we compare with."""
    db_path = folder / "baseline.sqlite3"
    start = time.perf_counter()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute(
        "CREATE TABLE contact (id INTEGER PRIMARY KEY, given TEXT, family TEXT, org TEXT, title TEXT, "
        "birthday TEXT, notes TEXT)"
    )
    conn.execute(
        "CREATE TABLE method (id INTEGER PRIMARY KEY, contact INTEGER, kind TEXT, label TEXT, value TEXT)"
    )
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        col = {h: i for i, h in enumerate(header)}
        contacts, methods = [], []
        for n, row in enumerate(reader, start=1):
            contacts.append(
                (n, row[col["First Name"]], row[col["Last Name"]], row[col["Organization Name"]],
                 row[col["Organization Title"]], row[col["Birthday"]], row[col["Notes"]])
            )  # fmt: skip
            for kind, column in (
                ("email", "E-mail 1 - Value"),
                ("email", "E-mail 2 - Value"),
                ("phone", "Phone 1 - Value"),
            ):
                if row[col[column]]:
                    methods.append((n, kind, "", row[col[column]]))
    with conn:
        conn.executemany("INSERT INTO contact VALUES (?,?,?,?,?,?,?)", contacts)
        conn.executemany(
            "INSERT INTO method (contact, kind, label, value) VALUES (?,?,?,?)", methods
        )
    conn.close()
    return time.perf_counter() - start


def timed_import(path: Path, data_dir: Path) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds, report): CPU time shows the cost when other work shares the cores."""
    journal = open_journal(data_dir)
    try:
        start, cpu = time.perf_counter(), time.process_time()
        report = import_file(path)
        return time.perf_counter() - start, time.process_time() - cpu, report
    finally:
        journal.close()


def gui_gaps(path: Path, data_dir: Path) -> tuple[float, float]:
    """Import in a worker thread while a Qt event loop ticks every 5 ms.

    Returns (import seconds, longest gap between ticks in ms): how long a window would
    have frozen during the import.
    """
    import threading

    from PySide6.QtCore import QCoreApplication, QTimer

    app = QCoreApplication.instance() or QCoreApplication([])
    journal = open_journal(data_dir)
    gaps: list[float] = []
    last = [time.perf_counter()]
    done = threading.Event()
    took = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now
        if done.is_set():
            app.quit()

    def work() -> None:
        start = time.perf_counter()
        try:
            import_file(path)
        finally:
            took[0] = time.perf_counter() - start
            journal.db.close()  # this thread's connection
            done.set()

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    threading.Thread(target=work, daemon=True).start()
    app.exec()
    timer.stop()
    journal.close()
    return took[0], max(gaps) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--into-full", action="store_true")
    parser.add_argument("--gui", action="store_true", help="also measure event-loop gaps (Qt)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "google.csv"
        generate(path, args.rows, args.seed)
        print(f"file: {args.rows} rows, {path.stat().st_size / 1e6:.1f} MB")
        times, cpus, bases = [], [], []
        for run in range(args.runs):
            run_dir = folder / f"run{run}"
            run_dir.mkdir()
            bases.append(baseline(path, run_dir))
            seconds, cpu, report = timed_import(path, run_dir / "journal")
            times.append(seconds)
            cpus.append(cpu)
            print(
                f"run {run + 1}: import {seconds:.2f} s, CPU {cpu:.2f} s (created {report.created}, merged {report.merged}, "
                f"refused {len(report.refused)}), baseline {bases[-1]:.2f} s"
            )
        median, base = statistics.median(times), statistics.median(bases)
        print(
            f"median import: {median:.2f} s (CPU {statistics.median(cpus):.2f} s)   "
            f"baseline: {base:.2f} s   ratio: {median / base:.1f}x"
        )
        print(
            f"target: < 10 s ({'met' if median < 10 else 'MISSED'}), < 3x ({'met' if median / base < 3 else 'MISSED'})"
        )
        if args.gui:
            seconds, gap = gui_gaps(path, folder / "gui" / "journal")
            print(
                f"import in a worker thread: {seconds:.2f} s; longest event-loop gap: {gap:.0f} ms "
                f"(target < 100 ms: {'met' if gap < 100 else 'MISSED'})"
            )
        if args.into_full:
            seconds, _cpu, report = timed_import(path, folder / "run0" / "journal")
            print(
                f"into a journal already holding {args.rows} contacts: {seconds:.2f} s "
                f"(created {report.created}, merged {report.merged}); target < 20 s "
                f"({'met' if seconds < 20 else 'MISSED'})"
            )


if __name__ == "__main__":
    main()
