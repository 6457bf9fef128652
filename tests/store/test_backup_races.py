"""Backups beside each other: owner-only from the first byte, unique names, safe rotation.

Also issue 15's point 6: a backup taken before a change lasts the week.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.store import backup, recovery

ROOT = Path(__file__).resolve().parents[2]
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def big_journal(n: int = 400) -> None:
    for i in range(n):
        save_contact(ContactData(display_name=f"Person {i}", notes="x" * 3000))


@pytest.fixture
def watched_copies(monkeypatch):
    """Every file beside a copy in progress, with its mode, after each step of the copy."""
    seen: list[tuple[str, int]] = []
    real = backup._copy

    def watching(source, target, progress=None):
        def look(status, remaining, total):
            for f in Path(target).parent.iterdir():
                if f.is_file():
                    seen.append((f.name, f.stat().st_mode & 0o777))

        real(source, target, progress=look)

    monkeypatch.setattr(backup, "_copy", watching)
    old = os.umask(0o022)  # a usual desktop umask: new files world-readable
    yield seen
    os.umask(old)


@posix_only
def test_a_backup_is_owner_only_from_its_first_byte(journal, tmp_path, watched_copies):
    big_journal()
    made = backup.take_backup(journal.path, tmp_path / "backups", "manual")
    partials = [(name, mode) for name, mode in watched_copies if name.endswith("partial")]
    assert partials, watched_copies  # the copy was watched while it was written
    assert {mode for _, mode in watched_copies} == {0o600}, watched_copies
    assert os.stat(made).st_mode & 0o777 == 0o600


@posix_only
def test_backup_dash_o_is_owner_only_from_its_first_byte(journal, tmp_path, watched_copies):
    big_journal()
    out = tmp_path / "out"
    out.mkdir()
    recovery.write_copy(journal.path, out / "copy.sqlite3")
    assert any(name.endswith("partial") for name, _ in watched_copies)
    assert {mode for _, mode in watched_copies} == {0o600}, watched_copies
    assert os.listdir(out) == ["copy.sqlite3"]


def test_two_backups_in_the_same_second_write_different_temporary_files(journal, tmp_path):
    names = {backup.private_temp(tmp_path, "journal-20260101-000000-manual") for _ in range(20)}
    assert len(names) == 20
    assert backup.list_backups(tmp_path) == []  # never taken for a backup


def test_a_finished_backup_never_replaces_one_another_process_just_finished(journal, tmp_path):
    when = dt.datetime(2026, 1, 1)
    stem = "journal-20260101-000000-manual"
    theirs = tmp_path / f"{stem}.sqlite3"
    theirs.write_bytes(b"their backup")  # finished between our look and our rename
    ours = backup.take_backup(journal.path, tmp_path, "manual", when)
    assert ours.name == f"{stem}-1.sqlite3"
    assert theirs.read_bytes() == b"their backup"


def test_rotation_of_a_file_another_process_removed_first_is_no_error(journal, tmp_path):
    when = dt.datetime(2026, 1, 10, 9)
    for hour in range(6):  # one day: rotation keeps only the newest
        backup.take_backup(journal.path, tmp_path, "daily", when - dt.timedelta(hours=hour))
    real = backup.list_backups

    def listed_then_raced(folder):
        found = real(folder)
        for b in found[1:]:  # the other process removes them just before this one does
            b.path.unlink()
        return found

    backup.list_backups = listed_then_raced
    try:
        removed = backup.rotate(tmp_path, when)
    finally:
        backup.list_backups = real
    assert len(removed) == 5
    assert [b.taken_at for b in backup.list_backups(tmp_path)] == [when]


def test_back_up_now_never_removes_the_backup_taken_before_an_import(journal, tmp_path):
    """Issue 15, point 6: the before-import backup outlived by a manual one the same day."""
    morning = dt.datetime(2026, 11, 23, 9)
    before_import = recovery.back_up(journal.path, tmp_path, "before-import", morning)
    later = recovery.back_up(journal.path, tmp_path, "manual", morning + dt.timedelta(hours=2))
    assert before_import.exists() and later.exists()


@pytest.mark.parametrize(
    "reason",
    ["before-import", "before-restore", "before-undo-import", "before-delete"],
)
def test_rotation_keeps_a_before_change_backup_for_seven_days(journal, tmp_path, reason):
    morning = dt.datetime(2026, 11, 23, 9)
    kept = backup.take_backup(journal.path, tmp_path, reason, morning)
    for hours in range(1, 30):  # many daily backups after it, two of them the same day
        when = morning + dt.timedelta(hours=hours * 5)
        recovery.back_up(journal.path, tmp_path, "daily", when)
        assert kept.exists(), when
    recovery.back_up(journal.path, tmp_path, "daily", morning + dt.timedelta(days=7, hours=1))
    newest_days = {b.taken_at.date() for b in backup.list_backups(tmp_path)}
    assert morning.date() not in newest_days or kept.exists()


def _run_processes(script: str, count: int, data_dir: Path, extra: str = "") -> list[str]:
    """Start `count` Pythons running `script` at once; their outputs, in order."""
    env = {**os.environ, "GRATITUDE_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(script), str(n), extra],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for n in range(count)
    ]
    return [p.communicate(timeout=300)[0] for p in procs]


BACKUPS = """
    import contextlib, io, sys
    from gratitude_desktop import cli
    for _ in range(12):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["backup"])
        print(code, out.getvalue().strip(), err.getvalue().strip(), sep="|")
"""
IMPORTS = """
    import contextlib, io, sys
    from gratitude_desktop import cli
    for i in range(4):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["import", sys.argv[2]])
        # another process may hold the journal for its import: that refusal is fine
        if code == 1 and "is busy" in err.getvalue():
            code = 0
        print(code, "import", err.getvalue().strip(), sep="|")
"""


def test_backups_and_imports_from_several_processes_at_once_all_succeed(journal, tmp_path):
    big_journal(50)
    journal.close()
    book = tmp_path / "book.csv"
    book.write_text(
        "Name,E-mail Address\n" + "".join(f"P{i},p{i}@example.org\n" for i in range(200)),
        encoding="utf-8",
    )
    import threading

    results: list[str] = []
    imports = threading.Thread(
        target=lambda: results.extend(_run_processes(IMPORTS, 2, journal.data_dir, str(book)))
    )
    imports.start()
    results.extend(_run_processes(BACKUPS, 4, journal.data_dir))
    imports.join()
    lines = [line for out in results for line in out.strip().splitlines()]
    failures = [line for line in lines if not line.startswith("0|")]
    assert not failures, failures
    made = [line.split("|")[1].removeprefix("Backed up the journal to ") for line in lines]
    made = [m for m in made if m != "import"]
    assert len(made) == 48
    folder = journal.data_dir / "backups"
    assert not [p for p in folder.iterdir() if p.name.endswith(("partial", "-journal"))]
    for name in made:  # those the imports' rotation left
        assert not Path(name).exists() or backup.integrity_ok(Path(name))
