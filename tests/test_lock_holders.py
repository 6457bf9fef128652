"""Issue 21: every refusal for a journal in use names who holds it, whichever command asks.

The holder is a real second process: the window (what `open_journal` takes by default)
or another command (an `import`). Every command that takes the lock is asked.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gratitude_desktop import cli

HOLD = """
import sys
from pathlib import Path
from gratitude_desktop.store.db import open_journal
journal = open_journal(Path(sys.argv[1]), holder=sys.argv[2])
print("held", flush=True)
sys.stdin.read()
journal.close()
"""


@pytest.fixture
def backup(tmp_path, data_dir) -> Path:
    made = tmp_path / "kept.sqlite3"
    assert cli.main(["--data-dir", str(data_dir), "backup", "-o", str(made)]) == cli.EXIT_OK
    return made


@pytest.fixture
def book(tmp_path) -> Path:
    path = tmp_path / "book.csv"
    path.write_text("Name,E-mail Address\nAda Lovelace,ada@example.org\n", encoding="utf-8")
    return path


def holding(data_dir: Path, who: str) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(data_dir), who],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "held"
    return process


@pytest.mark.parametrize("who", ["window", "import"])
@pytest.mark.parametrize("command", ["import", "restore"])
def test_a_command_refused_for_a_journal_in_use_is_told_who_holds_it(
    who, command, data_dir, book, backup, capsys
):
    argv = ["--data-dir", str(data_dir), command, str(book if command == "import" else backup)]
    holder = holding(data_dir, who)
    try:
        code = cli.main(argv)
    finally:
        holder.communicate("", timeout=60)
    err = capsys.readouterr().err
    assert code == cli.EXIT_JOURNAL and len(err.strip().splitlines()) == 1
    if who == "window":
        assert f"already open in another running Gratitude (process {holder.pid})" in err
        assert "Switch to that window" in err
    else:
        assert f"another gratitude-desktop command (import, process {holder.pid})" in err
        assert "window" not in err
    # Once the holder is gone the same command goes through.
    assert cli.main(argv) == cli.EXIT_OK


def test_a_restore_holds_the_lock_as_restore_to_the_end(data_dir, backup, monkeypatch, capsys):
    """Restore opens the journal twice (to replace it, then to fill the cadences); a
    command refused meanwhile is told a `restore` has it, not a window."""
    from gratitude_desktop.store import db

    said: list[str] = []
    acquire = db._FileLock.acquire

    def watched(lock, journal, who="window"):
        said.append(who)
        return acquire(lock, journal, who)

    monkeypatch.setattr(db._FileLock, "acquire", watched)
    assert cli.main(["--data-dir", str(data_dir), "restore", str(backup)]) == cli.EXIT_OK
    assert said and set(said) == {"restore"}
