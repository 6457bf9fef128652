"""Run every benchmark of issue 7 and print one table: figure, median, baseline, ratio, target.

    python bench/run.py [--quick] [--rounds 5] [--contacts N] [--only NAME ...] [--cache DIR]

The journal (N contacts, 10 interactions each, seeded) is generated once and cached in
DIR (default: <tmp>/gratitude-bench), keyed by seed and size; the first run also fills
the search index, gives contacts an email and most a phone, and gives one contact 1,000
interactions. Every baseline is measured in the same run, interleaved with its figure,
so ratios hold on a busy machine. --quick: 10,000 contacts and 3 rounds.
Benchmarks print figures; they are not tests. Exit status 0 when every target is met.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

SEED = 4
HEAVY_INTERACTIONS = 1_000
NAMES = (
    "startup",
    "memory",
    "search",
    "scroll",
    "agenda",
    "cliagenda",
    "csv",
    "vcard",
    "stall",
    "page",
    "timeline",
)


@dataclass
class Line:
    """One row of the table."""

    figure: str
    median: float
    unit: str
    baseline: float | None = None
    target: str = ""
    ok: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or not self.baseline:
            return None
        return self.median / self.baseline


# -- the journal ---------------------------------------------------------------------------------


def journal_dir(cache: Path, contacts: int) -> Path:
    return cache / f"journal-seed{SEED}-n{contacts}"


def prepare_journal(cache: Path, contacts: int) -> tuple[Path, int, int]:
    """The cached journal for this size (made when missing); (folder, heavy id, other id)."""
    folder = journal_dir(cache, contacts)
    done = folder / "bench-complete"
    heavy, other = 1, 2
    if done.exists():
        return folder, heavy, other
    shutil.rmtree(folder, ignore_errors=True)
    began = time.perf_counter()
    from bench.generate import TODAY, generate

    generate(folder, contacts=contacts, interactions=contacts * 10, seed=SEED, today=TODAY)
    _complete(folder, contacts, heavy)
    done.write_text("ok\n")
    print(f"generated {contacts:,} contacts in {time.perf_counter() - began:.1f} s", flush=True)
    return folder, heavy, other


def _complete(folder: Path, contacts: int, heavy: int) -> None:
    """What generate.py leaves out and these benchmarks need: methods, search, a long timeline."""
    from bench.generate import TODAY
    from gratitude_desktop.journal.methods import match_key
    from gratitude_desktop.store import search
    from gratitude_desktop.store.bulk import insert_rows
    from gratitude_desktop.store.db import open_journal
    from gratitude_desktop.store.models import Contact, ContactMethod, Interaction

    rng = random.Random(SEED + 1)
    journal = open_journal(folder)
    try:
        with journal.db.atomic():
            names = Contact.select(Contact.id, Contact.given_name).order_by(Contact.id).tuples()
            methods = []
            for cid, given in names:
                email = f"{(given or 'someone').casefold()}.{cid}@example.org"
                methods.append(_method(cid, "email", email, match_key("email", email), 0))
                if rng.random() < 0.7:
                    phone = f"+1 {200 + cid // 10000:03d}-555-{cid % 10000:04d}"
                    methods.append(_method(cid, "phone", phone, match_key("phone", phone), 1))
            for start in range(0, len(methods), 20_000):
                insert_rows(ContactMethod, methods[start : start + 20_000])
            # Older than anything generated, so the contact's last touch stays as it was.
            first = dt.datetime.combine(TODAY - dt.timedelta(days=5 * 365), dt.time(10))
            rows = [
                {
                    "contact": heavy,
                    "at": first - dt.timedelta(days=n),
                    "channel": "email",
                    "direction": "outbound",
                    "purpose": "check_in",
                    "summary": f"Catch-up number {n}",
                    "notes": "",
                    "created_at": first,
                }
                for n in range(HEAVY_INTERACTIONS)
            ]
            insert_rows(Interaction, rows)
            search.rebuild()
    finally:
        journal.close()


def _method(cid: int, kind: str, value: str, key: str, position: int) -> dict:
    return {
        "contact": cid,
        "kind": kind,
        "label": "",
        "value": value,
        "match_key": key,
        "primary": True,
        "position": position,
    }


def scratch_copy(folder: Path, into: Path) -> Path:
    """A copy of a journal for benchmarks that write (the cached one stays as generated)."""
    from gratitude_desktop.store.db import open_journal

    journal = open_journal(folder)  # checkpoints the WAL on close
    journal.close()
    target = into / "journal"
    shutil.copytree(
        folder, target, ignore=shutil.ignore_patterns("*-wal", "*-shm", "*.lock", "backups")
    )
    return target


# -- the benchmarks ------------------------------------------------------------------------------


def run_startup(ctx: dict) -> list[Line]:
    import startup

    got = startup.measure(ctx["journal"], ctx["rounds"])
    app_s, bare_s = statistics.median(got["app_s"]), statistics.median(got["bare_s"])
    app_mb, bare_mb = max(got["app_mb"]), max(got["bare_mb"])
    return [
        Line(
            "cold start to first painted window",
            app_s * 1000,
            "ms",
            bare_s * 1000,
            "< 1500 ms, < 2x",
            app_s < 1.5 and app_s < 2 * bare_s,
            "fresh process, offscreen; baseline: bare QMainWindow",
        ),
        Line(
            "peak memory after start",
            app_mb,
            "MB",
            bare_mb,
            "< 250 MB",
            app_mb < 250,
            "VmHWM of the child at first paint (max of rounds)",
        ),
    ]


def run_search(ctx: dict) -> list[Line]:
    import search

    got = search.measure(ctx["journal"], ctx["rounds"])
    app, bare = statistics.median(got["app_ms"]), statistics.median(got["bare_ms"])
    worst = max(got["app_ms"])
    return [
        Line(
            "search keystroke -> first page in model",
            app,
            "ms",
            bare,
            "< 16 ms",
            app < 16,
            f"{len(got['app_ms'])} keystrokes, slowest {worst:.0f} ms; baseline: bare FTS5 prefix",
        )
    ]


def run_scroll(ctx: dict) -> list[Line]:
    import scroll

    got = scroll.measure(ctx["journal"], ctx["rounds"])
    per_row = statistics.median(got["ms_per_row"])
    return [
        Line(
            "scroll the list model, per row",
            per_row,
            "ms",
            None,
            "< 1 ms",
            per_row < 1,
            f"{got['rows'][0]:,} rows (100 pages), fetch + data() for every cell",
        )
    ]


def run_agenda(ctx: dict) -> list[Line]:
    import agenda

    from bench.generate import TODAY

    got = agenda.run(ctx["journal"], ctx["rounds"], TODAY)
    app, bare = statistics.median(got["agenda_ms"]), statistics.median(got["bare_ms"])
    return [
        Line(
            "agenda for today",
            app,
            "ms",
            bare,
            "< 300 ms (aim < 150)",
            app < 300,
            f"{got['items']:,} items; baseline: bare last-interaction subquery",
        )
    ]


def run_cli_agenda(ctx: dict) -> list[Line]:
    """`gratitude-desktop agenda` right after `gratitude-desktop import` of the Google CSV.

    The command line fills the kept cadences after an import (as the window's reminder
    worker does before its first check); without that, this agenda read every contact
    the slow way. Beside it, in the same run and rounds: the agenda as the window
    computes it on a copy of the same journal, after the worker's fill.
    """
    import contextlib
    import io

    import import_csv

    from gratitude_desktop import cli
    from gratitude_desktop.journal.agenda import compute_agenda
    from gratitude_desktop.journal.cadence import fill_effective_cadences_now
    from gratitude_desktop.journal.settings import load_settings
    from gratitude_desktop.store.db import open_journal

    rows = ctx["contacts"]
    path = ctx["tmp"] / "google.csv"
    if not path.exists():
        import_csv.generate(path, rows, 5)
    folder = ctx["tmp"] / "cli-agenda"
    # Half a year on, every imported contact (acquaintances: 180 days) has gone quiet.
    day = dt.date.today() + dt.timedelta(days=200)

    def quietly(*argv: str) -> str:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert cli.main(["--data-dir", str(folder), *argv]) == 0, out.getvalue()
        return out.getvalue()

    began = time.perf_counter()
    quietly("import", str(path))
    import_s = time.perf_counter() - began
    window_copy = scratch_copy(folder, ctx["tmp"] / "cli-agenda-window")
    journal = open_journal(window_copy)
    try:
        fill_effective_cadences_now()  # the reminder worker, before the window's first check
    finally:
        journal.close()
    cli_ms, window_ms, items = [], [], 0
    for _ in range(ctx["rounds"]):  # interleaved, so both see the same machine
        began = time.perf_counter()
        printed = quietly("agenda", "--today", day.isoformat(), "--json")
        cli_ms.append((time.perf_counter() - began) * 1000)
        items = len(json.loads(printed)["items"])  # the check, not the command: untimed
        journal = open_journal(window_copy)
        try:
            settings = load_settings()
            began = time.perf_counter()
            compute_agenda(day, settings)
            window_ms.append((time.perf_counter() - began) * 1000)
        finally:
            journal.close()
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(window_copy, ignore_errors=True)
    median, base = statistics.median(cli_ms), statistics.median(window_ms)
    return [
        Line(
            f"CLI agenda right after a {rows:,}-contact import",
            median,
            "ms",
            base,
            "< 1.5x",
            median < 1.5 * base,
            f"{items:,} items; whole command (open, agenda, JSON); import took "
            f"{import_s:.1f} s; baseline: the window's agenda on the same journal",
        )
    ]


def run_csv(ctx: dict) -> list[Line]:
    import import_csv

    rows = ctx["contacts"]
    path = ctx["tmp"] / "google.csv"
    if not path.exists():
        import_csv.generate(path, rows, 5)
    times, bases = [], []
    into_full = None
    for run in range(ctx["import_rounds"]):
        folder = ctx["tmp"] / f"csv{run}"
        folder.mkdir()
        bases.append(import_csv.baseline(path, folder))
        seconds, _cpu, report = import_csv.timed_import(path, folder / "journal")
        assert report.created == rows, report.summary()
        times.append(seconds)
        if into_full is None:  # once: the same file again, every row a duplicate to merge
            into_full, _cpu, again = import_csv.timed_import(path, folder / "journal")
            assert again.merged == rows and again.created == 0, again.summary()
        shutil.rmtree(folder, ignore_errors=True)
    median, base = statistics.median(times), statistics.median(bases)
    return [
        Line(
            f"import {rows:,}-row Google CSV",
            median * 1000,
            "ms",
            base * 1000,
            "< 10 s, < 3x",
            median < 10 and median < 3 * base,
            "into an empty journal; baseline: csv module + sqlite3 executemany",
        ),
        Line(
            f"the same CSV into a journal holding its {rows:,} contacts",
            into_full * 1000,
            "ms",
            None,
            "< 20 s",
            into_full < 20,
            "every row a duplicate, merged; one run",
        ),
    ]


def run_vcard(ctx: dict) -> list[Line]:
    import import_vcard

    from gratitude_desktop.io.importer import import_file
    from gratitude_desktop.store.db import open_journal

    cards = ctx["contacts"]
    path = ctx["tmp"] / "cards.vcf"
    import_vcard.generate(path, cards, 6)
    abook = shutil.which("abook")
    times, bases = [], []
    for run in range(ctx["import_rounds"]):
        if abook:
            began = time.perf_counter()
            subprocess.run(
                [abook, "--convert", "--informat", "vcard", "--infile", str(path),
                 "--outformat", "csv", "--outfile", str(ctx["tmp"] / f"abook{run}.csv")],
                check=True, capture_output=True,
            )  # fmt: skip
            bases.append(time.perf_counter() - began)
        journal = open_journal(ctx["tmp"] / f"vcf{run}")
        try:
            began = time.perf_counter()
            report = import_file(path)
            times.append(time.perf_counter() - began)
            assert report.created == cards, report.summary()
        finally:
            journal.close()
        shutil.rmtree(ctx["tmp"] / f"vcf{run}", ignore_errors=True)
    median = statistics.median(times)
    return [
        Line(
            f"import {cards:,}-card vCard",
            median * 1000,
            "ms",
            statistics.median(bases) * 1000 if bases else None,
            "< 10 s",
            median < 10,
            "baseline: abook --convert" if abook else "abook not installed: no baseline",
        )
    ]


def run_stall(ctx: dict) -> list[Line]:
    import gui_stall
    import import_csv

    from bench.generate import TODAY

    path = ctx["tmp"] / "google.csv"
    if not path.exists():
        import_csv.generate(path, ctx["contacts"], 5)
    scratch = ctx["tmp"] / "stall"
    scratch.mkdir()
    copy = scratch_copy(ctx["journal"], scratch)
    try:
        got = gui_stall.measure(copy, path, TODAY)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    gap = got["gap_ms"][0]
    return [
        Line(
            "longest GUI-thread stall, import + agenda",
            gap,
            "ms",
            None,
            "< 100 ms",
            gap < 100,
            f"CSV import into the journal (a third of the rows merge) took {got['import_s'][0]:.0f} s; "
            f"{got['agendas'][0]} agendas meanwhile",
        )
    ]


def run_page(ctx: dict) -> list[Line]:
    import contact_page

    got = contact_page.measure(ctx["journal"], ctx["heavy"], ctx["other"], ctx["rounds"])
    median = statistics.median(got["ms"])
    return [
        Line(
            "open a contact page, 1,000 interactions",
            median,
            "ms",
            None,
            "< 100 ms",
            median < 100,
            f"{got['entries'][0]:,} timeline entries; show_contact + repaint",
        )
    ]


def run_timeline(ctx: dict) -> list[Line]:
    import timeline_search

    got = timeline_search.measure(ctx["journal"], ctx["heavy"], ctx["rounds"])
    total = got.pop("_")["interactions"][0]
    lines = []
    for words, figures in got.items():
        app, bare = statistics.median(figures["app_ms"]), statistics.median(figures["bare_ms"])
        lines.append(
            Line(
                f"timeline search “{words}”, {total:,} interactions",
                app,
                "ms",
                bare,
                "< 16 ms",
                app < 16,
                f"{timeline_search.SEARCHES[words]}: {figures['found'][0]:,} found, count + "
                f"first page; baseline: bare FTS5 MATCH, {figures['hits'][0]:,} rowids",
            )
        )
    return lines


# Benchmarks that import into journals of their own.
OWN_JOURNAL = {"csv", "cliagenda"}

RUNNERS: dict[str, Callable[[dict], list[Line]]] = {
    "startup": run_startup,
    "search": run_search,
    "scroll": run_scroll,
    "agenda": run_agenda,
    "cliagenda": run_cli_agenda,
    "csv": run_csv,
    "vcard": run_vcard,
    "stall": run_stall,
    "page": run_page,
    "timeline": run_timeline,
}


# -- the table -----------------------------------------------------------------------------------


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms" and value >= 1000:
        return f"{value / 1000:.2f} s"
    if unit == "ms" and value < 1:
        return f"{value * 1000:.0f} µs"
    if unit == "ms" and value < 10:
        return f"{value:.1f} ms"
    return f"{value:.0f} {unit}"


def table(lines: list[Line]) -> str:
    """A Markdown table, so the output pastes into docs/PERFORMANCE.md as it is."""
    out = [
        "| figure | median | baseline | ratio | target | result | note |",
        "|---|---:|---:|---:|---|---|---|",
    ]
    for line in lines:
        ratio = f"{line.ratio:.1f}x" if line.ratio is not None else "—"
        result = {True: "pass", False: "MISS", None: "—"}[line.ok]
        out.append(
            f"| {line.figure} | {_value(line.median, line.unit)} | "
            f"{_value(line.baseline, line.unit)} | {ratio} | {line.target} | {result} | {line.note} |"
        )
    return "\n".join(out)


def machine() -> str:
    """The machine the figures come from, in one line."""
    cpu = "unknown CPU"
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    import os

    try:
        import PySide6
        from PySide6.QtCore import qVersion

        qt = f"PySide6 {PySide6.__version__} / Qt {qVersion()}"
    except ImportError:
        qt = "no Qt"
    return (
        f"{os.cpu_count()} CPUs ({cpu}){ram}; Python {platform.python_version()}, {qt}, "
        f"SQLite {sqlite3.sqlite_version}; {platform.platform()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 contacts, 3 rounds")
    parser.add_argument("--contacts", type=int)
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--import-rounds", type=int)
    parser.add_argument("--only", nargs="+", choices=list(RUNNERS), help="run only these")
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "gratitude-bench"
    )
    args = parser.parse_args(argv)
    contacts = args.contacts or (10_000 if args.quick else 100_000)
    rounds = args.rounds or (3 if args.quick else 5)
    import_rounds = args.import_rounds or (1 if args.quick else 3)

    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args.cache.mkdir(parents=True, exist_ok=True)
    chosen = args.only or list(RUNNERS)
    if set(chosen) <= OWN_JOURNAL:  # nothing reads the cached journal: do not generate it
        folder, heavy, other = None, 1, 2
    else:
        folder, heavy, other = prepare_journal(args.cache, contacts)
    lines: list[Line] = []
    with tempfile.TemporaryDirectory(prefix="gratitude-bench-run-") as tmp:
        ctx = {
            "journal": folder,
            "heavy": heavy,
            "other": other,
            "contacts": contacts,
            "rounds": rounds,
            "import_rounds": import_rounds,
            "tmp": Path(tmp),
        }
        for name in chosen:
            began = time.perf_counter()
            print(f"running {name}…", file=sys.stderr, flush=True)
            try:
                got = RUNNERS[name](ctx)
            except Exception as error:  # one broken benchmark must not hide the others
                got = [Line(name, float("nan"), "", None, "", False, f"failed: {error!r}"[:200])]
            lines.extend(got)
            for line in got:
                print(
                    f"  {line.figure}: {_value(line.median, line.unit)} "
                    f"({time.perf_counter() - began:.0f} s)",
                    file=sys.stderr,
                    flush=True,
                )
    print(
        f"Gratitude benchmarks, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; "
        f"{contacts:,} contacts, {contacts * 10:,} interactions; {rounds} rounds "
        f"({import_rounds} for imports)"
    )
    print(f"Machine: {machine()}")
    print()
    print(table(lines))
    return 0 if all(line.ok is not False for line in lines) else 1


if __name__ == "__main__":
    raise SystemExit(main())
