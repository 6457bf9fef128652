"""Benchmark: a one-line CSV of 16 MB (two million header "columns"), issue 21.

    python bench/wide_csv.py [--megabytes 16] [--runs 3]

Times `import --dry-run` of the file (refused: no column is a name) against the same
run's baseline: reading the file and splitting its line with Python's csv module. The
target is under 2 s and linear in the file (twice the file, about twice the time).
Before issue 21 the header was matched against every flavour column by column: 30 s+.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gratitude_desktop import cli  # noqa: E402


def wide_file(folder: Path, megabytes: float) -> Path:
    path = folder / f"wide-{megabytes:g}.csv"
    columns = int(megabytes * 1_000_000 / 9)
    path.write_text(",".join(f"col{i:05d}"[:8] for i in range(columns)) + "\n", encoding="utf-8")
    return path


def timed(work) -> float:
    began = time.perf_counter()
    work()
    return time.perf_counter() - began


def baseline(path: Path) -> None:
    with open(path, encoding="utf-8", newline="") as fh:
        for _row in csv.reader(fh):
            pass


def dry_run(path: Path, data_dir: Path) -> None:
    with contextlib.redirect_stderr(io.StringIO()):
        code = cli.main(["import", str(path), "--dry-run", "--data-dir", str(data_dir)])
    assert code == cli.EXIT_REFUSED


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=float, default=16)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ok = True
        for size in (args.megabytes / 2, args.megabytes):
            path = wide_file(folder, size)
            figures, bases = [], []
            for _ in range(args.runs):
                bases.append(timed(lambda p=path: baseline(p)))
                figures.append(timed(lambda p=path: dry_run(p, folder / "data")))
            figure, base = statistics.median(figures), statistics.median(bases)
            meets = figure < 2.0
            ok = ok and meets
            print(
                f"one-line CSV {path.stat().st_size / 1e6:5.1f} MB: import --dry-run "
                f"{figure:6.2f} s, baseline (csv split) {base:5.2f} s, ratio {figure / base:4.1f}x, "
                f"target < 2 s: {'met' if meets else 'MISSED'}"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
