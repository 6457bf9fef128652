"""A multi-process soak: `python tests/soak/process_soak.py [SECONDS] [WORKERS] [SEED]`.

Several processes share one journal for a set time (default 600 s, 4 workers), each
running the command line in a loop: imports (good files, hostile files, dry runs),
backups (to the folder and with -o), agendas (text and JSON), exports and re-imports
of the JSON archive, and restores (good backups and hostile files). Every command's
outcome is sorted into a kind: the expected ones ("ok", a refusal of a hostile file,
"the journal is busy" while another process holds it) and the errors (a traceback, an
exit code or message nobody should see). At the end the journal must pass SQLite's
integrity check and be the app's own schema. Errors are reported by kind; the exit
status is 1 if there was any.

Not collected by pytest (the name does not start with test_);
tests/store/test_process_soak.py runs a few seconds of it in the normal suite.
"""

from __future__ import annotations

import collections
import contextlib
import io
import multiprocessing
import os
import random
import sqlite3
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

BUSY = ("already open", "busy", "being used")  # another process holds the journal: try later


def _book(path: Path, rows: int, seed: int) -> Path:
    rnd = random.Random(seed)
    lines = ["Name,E-mail Address,Mobile Phone,Company,Notes"]
    for i in range(rows):
        who = f"Person {seed}-{i}"
        lines.append(
            f"{who},p{seed}.{i}@example.org,+44 113 496 {rnd.randint(1000, 9999)},"
            f"Firm {rnd.randint(1, 30)},met at the {rnd.choice(['fair', 'club', 'school'])}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _hostile_imports(folder: Path) -> list[Path]:
    made = {
        "nul.csv": b"Name,Notes\nAda,a\x00b\n",
        "escape.csv": b"Name\n\x1b]0;owned\x07\x1b[2J\n",
        "binary.csv": os.urandom(4096),
        "empty.csv": b"",
        "broken.vcf": b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=rot13;ENCODING=QUOTED-PRINTABLE:=C3=A9\r\n",
        "wide.csv": b"a," * 200_000 + b"\n",
        "bad.json": b'{"format": "gratitude-journal", "version": 1, "contacts": [1, 2]}',
    }
    paths = []
    for name, data in made.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


def _hostile_restores(good: Path, folder: Path) -> list[Path]:
    def edited(name: str, *sql: str) -> Path:
        target = folder / name
        target.write_bytes(good.read_bytes())
        conn = sqlite3.connect(target)
        for statement in sql:
            conn.execute(statement)
        conn.commit()
        conn.close()
        return target

    garbage = folder / "garbage.sqlite3"
    garbage.write_bytes(os.urandom(8192))
    empty = folder / "empty.sqlite3"
    empty.write_bytes(b"")
    return [
        edited(
            "trigger.sqlite3",
            "CREATE TRIGGER t AFTER INSERT ON contact BEGIN DELETE FROM contact_method; END",
        ),  # fmt: skip
        edited("dropped.sqlite3", "DROP TABLE snooze"),
        edited("future.sqlite3", "PRAGMA user_version = 9999"),
        garbage,
        empty,
        folder,
    ]


def _run(argv: list[str]) -> tuple[int | None, str, str, str]:
    """(exit code, stdout, stderr, traceback) of one command, run in this process."""
    from gratitude_desktop import cli

    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(argv)
        return code, out.getvalue(), err.getvalue(), ""
    except BaseException:  # the soak's very question: did anything escape?
        return None, out.getvalue(), err.getvalue(), traceback.format_exc()


def _kind(action: str, code, out: str, err: str, trace: str, refusal_expected: bool) -> str:
    if trace:
        last = trace.strip().splitlines()[-1]
        return f"traceback: {last[:120]}"
    if err.count("\n") > 1:
        return "error: refusal on more than one line"
    if any(ch in err for ch in "\x1b\x07"):
        return "error: control characters in a message"
    if code == 0:
        return "refused-but-ok" if refusal_expected and action.startswith("restore") else "ok"
    if code == 1 and any(word in err for word in BUSY):
        return "busy (expected)"
    if code == 2 and refusal_expected:
        return "refused (expected)"
    return f"error: exit {code}: {err.strip()[:140]}"


def worker(n: int, seconds: float, data_dir: str, files: dict, seed: int, results) -> None:
    os.environ["GRATITUDE_DATA_DIR"] = data_dir
    rnd = random.Random(seed * 1000 + n)
    counts: collections.Counter = collections.Counter()
    examples: dict[str, str] = {}
    out_dir = Path(files["out"]) / f"w{n}"
    out_dir.mkdir(parents=True, exist_ok=True)
    end = time.monotonic() + seconds
    step = 0
    while time.monotonic() < end:
        step += 1
        action = rnd.choice(
            ["import", "import", "import-dry", "import-hostile", "backup", "backup", "backup-o",
             "agenda", "agenda-json", "export-reimport", "restore", "restore-hostile"]
        )  # fmt: skip
        refusal = False
        if action == "import":
            argv = ["import", rnd.choice(files["books"])]
        elif action == "import-dry":
            argv = ["import", rnd.choice(files["books"]), "--dry-run"]
        elif action == "import-hostile":
            refusal = True
            argv = ["import", rnd.choice(files["hostile_imports"])]
            if rnd.random() < 0.3:
                argv += ["--encoding", rnd.choice(["rot13", "hex", "zlib", "undefined", "utf-8"])]
        elif action == "backup":
            argv = ["backup"]
        elif action == "backup-o":
            argv = ["backup", "-o", str(out_dir / f"copy-{step % 3}.sqlite3")]
        elif action == "agenda":
            argv = ["agenda", "--today", rnd.choice(["2026-12-06", "9999-12-31", "0001-01-01"])]
            refusal = True  # the far dates are refused with a message
        elif action == "agenda-json":
            argv = ["agenda", "--json"]
        elif action == "export-reimport":
            target = out_dir / "export.json"
            code, out, err, trace = _run(["export", "--format", "json", "-o", str(target)])
            kind = _kind("export", code, out, err, trace, False)
            counts[("export", kind)] += 1
            examples.setdefault(f"export {kind}", err or trace)
            argv = ["import", str(target)]
        elif action == "restore":
            argv = ["restore", files["good_backup"]]
        else:
            refusal = True
            argv = ["restore", rnd.choice(files["hostile_restores"])]
        code, out, err, trace = _run(argv)
        kind = _kind(action, code, out, err, trace, refusal)
        counts[(action, kind)] += 1
        examples.setdefault(f"{action} {kind}", (err or trace).strip()[-400:])
    results.put((n, dict(counts), examples))


def soak(seconds: float, workers: int, seed: int, folder: Path) -> tuple[dict, dict, list[str]]:
    """Run the soak in `folder`; (counts by (action, kind), an example per kind, final problems)."""
    from gratitude_desktop import cli, paths
    from gratitude_desktop.store import backup_check

    data_dir = folder / "data"
    inputs = folder / "inputs"
    inputs.mkdir()
    books = [str(_book(inputs / f"book{i}.csv", 150 + 50 * i, seed + i)) for i in range(4)]
    good = folder / "good.sqlite3"
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["import", books[0], "--data-dir", str(data_dir)]) == 0
        assert cli.main(["backup", "-o", str(good), "--data-dir", str(data_dir)]) == 0
    files = {
        "books": books,
        "hostile_imports": [str(p) for p in _hostile_imports(inputs)],
        "hostile_restores": [str(p) for p in _hostile_restores(good, inputs)],
        "good_backup": str(good),
        "out": str(folder / "out"),
    }
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    procs = [
        ctx.Process(target=worker, args=(n, seconds, str(data_dir), files, seed, results))
        for n in range(workers)
    ]
    for p in procs:
        p.start()
    counts: collections.Counter = collections.Counter()
    examples: dict[str, str] = {}
    for _ in procs:
        _n, got, ex = results.get(timeout=seconds + 600)
        counts.update(got)
        for key, value in ex.items():
            examples.setdefault(key, value)
    problems = []
    for p in procs:
        p.join(timeout=60)
        if p.exitcode != 0:
            problems.append(f"worker {p.pid} exited with {p.exitcode}")
    database = paths.database_path(data_dir)
    conn = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("the journal fails SQLite's integrity check")
    finally:
        conn.close()
    try:
        backup_check.check_file(database)
    except backup_check.BackupRefused as refused:
        problems.append(f"the journal is no longer the app's own: {refused}")
    leftovers = [
        p.name for p in (data_dir / "backups").iterdir() if p.name.endswith(("partial", "-journal"))
    ]
    if leftovers:
        problems.append(f"temporary files left in the backup folder: {leftovers}")
    return dict(counts), examples, problems


def report(counts: dict, examples: dict, problems: list[str], seconds: float, workers: int) -> str:
    lines = [f"{workers} processes for {seconds:.0f} s: {sum(counts.values())} commands"]
    by_action: dict[str, list[str]] = collections.defaultdict(list)
    for (action, kind), count in sorted(counts.items()):
        by_action[action].append(f"{kind} {count}")
    for action, kinds in sorted(by_action.items()):
        lines.append(f"  {action:16} " + ", ".join(kinds))
    errors = {
        k: v for k, v in counts.items() if k[1].startswith(("error", "traceback", "refused-"))
    }
    lines.append(f"errors by kind: {len(errors)} kinds, {sum(errors.values())} commands")
    for (action, kind), count in sorted(errors.items()):
        lines.append(f"  {count:5} × {action}: {kind}")
        lines.append("        " + examples.get(f"{action} {kind}", "").replace("\n", "\n        "))
    lines.append(
        "final checks: "
        + (
            "; ".join(problems)
            if problems
            else "journal whole, own schema, no temporary files left"
        )
    )
    return "\n".join(lines)


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 600
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else int(time.time())
    with tempfile.TemporaryDirectory() as tmp:
        began = time.monotonic()
        counts, examples, problems = soak(seconds, workers, seed, Path(tmp))
        print(f"seed {seed}; took {time.monotonic() - began:.0f} s")
        print(report(counts, examples, problems, seconds, workers))
    errors = [k for k in counts if k[1].startswith(("error", "traceback", "refused-"))]
    return 1 if errors or problems else 0


if __name__ == "__main__":
    sys.exit(main())
