"""Benchmark: read and import a generated 100,000-card vCard 3.0 file.

    python bench/import_vcard.py [--cards 100000] [--runs 3] [--seed 6] [--parse-only]
                                 [--vobject] [--abook]

Times our parser alone (io/vcard.read_cards) and the whole import into a fresh journal;
--parse-only times the parser alone (target < 1.2 s for 100,000 cards).
--vobject also times the vobject package parsing the same file (if installed), and --abook
times abook converting it (if installed: apt-get install abook), for scale.
Target: the whole import under 10 s.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gratitude_desktop.io.importer import import_file  # noqa: E402
from gratitude_desktop.io.vcard import reader as vcard  # noqa: E402
from gratitude_desktop.store.db import open_journal  # noqa: E402

GIVEN = ["Ada", "Alan", "Grace", "Jürgen", "Marie", "José", "Hélène", "Łukasz", "Amara", "Kenji"]
FAMILY = ["Lovelace", "Turing", "Hopper", "Müller", "Curie", "Núñez", "Dupré", "Kowalski", "Okafor"]


def generate(path: Path, cards: int, seed: int) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for i in range(cards):
            given, family = rng.choice(GIVEN), f"{rng.choice(FAMILY)}{i}"
            lines = [
                "BEGIN:VCARD",
                "VERSION:3.0",
                f"N:{family};{given};;;",
                f"FN:{given} {family}",
                f"ORG:{rng.choice(['Analytical Engines', 'US Navy', 'Sorbonne'])};Research",
                "TITLE:Engineer",
                f"item1.EMAIL;type=INTERNET;type=pref:{given.lower()}.{i}@example.org",
                "item1.X-ABLabel:_$!<Other>!$_",
                f"TEL;type=CELL;type=VOICE:+1 {200 + i // 10000:03d}-555-{i % 10000:04d}",
                f"ADR;type=HOME:;;{i} Main St;Springfield;IL;62701;USA",
                f"BDAY:19{rng.randint(40, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                "NOTE:Met at the fair\\, liked the talk.\\nFollow up in spring; bring the"
                " brochure and the price list for the new",
                " season.",
                "END:VCARD",
            ]
            fh.write("\r\n".join(lines) + "\r\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--vobject", action="store_true")
    parser.add_argument("--abook", action="store_true")
    parser.add_argument("--parse-only", action="store_true", help="time read_cards alone")
    parser.add_argument("--gui", action="store_true", help="also measure event-loop gaps (Qt)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "cards.vcf"
        generate(path, args.cards, args.seed)
        print(f"file: {args.cards} cards, {path.stat().st_size / 1e6:.1f} MB")
        text = path.read_text(encoding="utf-8")
        parse_times, import_times, cpus = [], [], []
        for run in range(args.runs):
            start = time.perf_counter()
            count = sum(1 for _ in vcard.read_cards(text, str(path)))
            parse_times.append(time.perf_counter() - start)
            if args.parse_only:
                print(f"run {run + 1}: parse {parse_times[-1]:.2f} s ({count} cards)")
                continue
            journal = open_journal(folder / f"run{run}")
            try:
                start, cpu = time.perf_counter(), time.process_time()
                report = import_file(path)
                import_times.append(time.perf_counter() - start)
                cpus.append(time.process_time() - cpu)
            finally:
                journal.close()
            print(
                f"run {run + 1}: parse {parse_times[-1]:.2f} s ({count} cards), import "
                f"{import_times[-1]:.2f} s, CPU {cpus[-1]:.2f} s (created {report.created}, refused {len(report.refused)})"
            )
        if args.parse_only:
            print(f"median parse: {statistics.median(parse_times):.2f} s (target < 1.2 s)")
            return
        median = statistics.median(import_times)
        print(
            f"median parse: {statistics.median(parse_times):.2f} s   median import: {median:.2f} s "
            f"(CPU {statistics.median(cpus):.2f} s)"
        )
        print(f"target: import < 10 s ({'met' if median < 10 else 'MISSED'})")
        if args.gui:
            from import_csv import gui_gaps

            seconds, gap = gui_gaps(path, folder / "gui" / "journal")
            print(
                f"import in a worker thread: {seconds:.2f} s; longest event-loop gap: {gap:.0f} ms "
                f"(target < 100 ms: {'met' if gap < 100 else 'MISSED'})"
            )
        if args.vobject:
            try:
                import vobject
            except ImportError:
                print("vobject: not installed (pip install vobject to compare)")
            else:
                start = time.perf_counter()
                n = sum(1 for _ in vobject.readComponents(text))
                print(f"vobject parse alone: {time.perf_counter() - start:.2f} s ({n} cards)")
        if args.abook:
            abook = shutil.which("abook")
            if abook is None:
                print("abook: not installed (apt-get install abook to compare)")
            else:
                start = time.perf_counter()
                subprocess.run(
                    [abook, "--convert", "--informat", "vcard", "--infile", str(path),
                     "--outformat", "csv", "--outfile", str(folder / "abook.csv")],
                    check=True, capture_output=True,
                )  # fmt: skip
                print(f"abook convert: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
