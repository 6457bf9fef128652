"""Errors about the journal file that a person can act on."""

from __future__ import annotations

from pathlib import Path


class JournalError(Exception):
    """The journal file cannot be used; the message says what to do."""

    def __init__(self, path: Path, problem: str, advice: str):
        self.path = Path(path)
        self.problem = problem
        self.advice = advice
        super().__init__(f"{self.path}: {problem} {advice}")


class NotADatabase(JournalError):
    def __init__(self, path: Path):
        super().__init__(
            path,
            "This file is not a Gratitude journal (it is not an SQLite database).",
            "It was left untouched. Move it aside, or start Gratitude with "
            "--data-dir pointing at another folder.",
        )


class SchemaTooNew(JournalError):
    def __init__(self, path: Path, found: int, known: int):
        self.found, self.known = found, known
        super().__init__(
            path,
            f"This journal was written by a newer Gratitude (schema {found}; "
            f"this version knows up to {known}).",
            "It was left untouched. Install the newer Gratitude to open it.",
        )


class JournalLocked(JournalError):
    """Another process holds the journal's lock: the window, or a command such as import.

    `holder` is what the lock file says: "<process id> <who>", where who is "window" or
    the command's name (a bare process id, from an older version, means the window).
    """

    def __init__(self, path: Path, holder: str = ""):
        pid, _, who = holder.strip().partition(" ")
        self.pid, self.who = pid, who.strip() or "window"
        process = f" (process {pid})" if pid else ""
        if self.who == "window":
            problem = f"This journal is already open in another running Gratitude{process}."
            advice = "Switch to that window, or close it and try again."
        else:
            problem = (
                f"This journal is busy: another gratitude-desktop command "
                f"({self.who}{', process ' + pid if pid else ''}) is using it."
            )
            advice = "Try again when that command has finished."
        super().__init__(path, problem, advice)


class ReadOnlyFolder(JournalError):
    def __init__(self, path: Path):
        super().__init__(
            path,
            "Gratitude cannot write to this folder, and the journal there is missing or "
            "needs an update before it can be read.",
            "Give yourself write permission to the folder, or start Gratitude with "
            "--data-dir pointing at another folder.",
        )
