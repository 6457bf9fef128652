"""Benchmark the Insights overview on a large journal against a bare GROUP BY.

    python bench/insights.py [--data-dir DIR] [--rounds 5]

Without --data-dir a journal of 100,000 contacts and 1,000,000 interactions is
generated (seeded, bench/generate.py) in a temporary folder and removed afterwards.

Each round times, in the same run and connection:
- health(today): the relationship-health overview (within / due / overdue by stage
  and circle) — the figure the issue asks to keep under 1 s;
- compute_insights(today): the overview plus interactions per week and the ladder
  (everything the Insights view shows);
- the baseline: a bare `SELECT stage, COUNT(*) FROM contact GROUP BY stage`.

Measured 2026-11-23 on the shared 2-core build machine (Python 3.11), 100,000 contacts
and 1,000,000 interactions: baseline 47-58 ms; overview 201-230 ms (about 4x the
baseline; target under 1 s: met); everything the view shows 1.7-1.8 s, most of it
the interactions-per-week count, which reads every interaction of the last year
(no index on the moment alone; a bare per-day GROUP BY over them takes ~0.7-0.9 s).
The view computes it on a worker thread, so the window never waits on it.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate import TODAY, generate  # noqa: E402
from gratitude_desktop import paths  # noqa: E402
from gratitude_desktop.journal.insights import compute_insights, health  # noqa: E402
from gratitude_desktop.journal.settings import load_settings  # noqa: E402
from gratitude_desktop.store.db import open_journal  # noqa: E402
from gratitude_desktop.store.models import Contact, Interaction  # noqa: E402

TARGET_MS = 1000.0
BARE = 'SELECT "stage", COUNT(*) FROM "contact" GROUP BY "stage"'


def _ms(fn) -> float:
    began = time.perf_counter()
    fn()
    return (time.perf_counter() - began) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    temporary = args.data_dir is None
    data_dir = Path(tempfile.mkdtemp(prefix="gratitude-bench-")) if temporary else args.data_dir
    try:
        if not paths.database_path(data_dir).exists():
            began = time.perf_counter()
            generate(data_dir, contacts=args.contacts, interactions=args.interactions)
            print(f"generated in {time.perf_counter() - began:.1f} s")
        journal = open_journal(data_dir)
        try:
            settings = load_settings()
            contacts = Contact.select().count()
            interactions = Interaction.select().count()
            health(TODAY, settings)  # warm the page cache
            timings: dict[str, list[float]] = {"overview": [], "everything": [], "bare": []}
            for _ in range(args.rounds):
                timings["overview"].append(_ms(lambda: health(TODAY, settings)))
                timings["everything"].append(_ms(lambda: compute_insights(TODAY, settings)))
                timings["bare"].append(_ms(lambda: journal.db.execute_sql(BARE).fetchall()))
            total = health(TODAY, settings).total
        finally:
            journal.close()
    finally:
        if temporary:
            shutil.rmtree(data_dir, ignore_errors=True)
    med = {k: statistics.median(v) for k, v in timings.items()}
    print(f"journal: {contacts:,} contacts, {interactions:,} interactions; today {TODAY}")
    print(
        f"health: {total.within:,} within, {total.due:,} due, {total.overdue:,} overdue, "
        f"{total.no_cadence:,} without a cadence"
    )
    print(f"baseline (COUNT(*) GROUP BY stage): median {med['bare']:.0f} ms")
    ratio = med["overview"] / med["bare"] if med["bare"] else float("inf")
    print(f"overview (health):   median {med['overview']:.0f} ms ({ratio:.1f}x the baseline)")
    print(f"everything (charts): median {med['everything']:.0f} ms")
    ok = med["overview"] < TARGET_MS
    print(f"target: overview under {TARGET_MS:.0f} ms: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
