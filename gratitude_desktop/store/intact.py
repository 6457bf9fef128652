"""Which state of the journal file is known intact, so a command need not check it again.

SQLite's quick check reads the whole file (0.12 s at 100,000 contacts): every command
would pay it, `agenda` right after an `import` included. A command that found the
journal intact when it opened and then closed it last (its write-ahead log folded in and
removed) notes the file's identity here: inode, size and modification and change
times. The next command skips the check only while the file is still exactly that; any
other writer (the window, another program, a copy over it, a restore) changes the
identity, and a process that dies before its clean close never notes one. The window
does not rely on this: it checks at start-up after a crash, and in the background after
the first paint, every time.
"""

from __future__ import annotations

import os
from pathlib import Path

from gratitude_desktop import paths

STAMP_NAME = "journal.checked"


def _identity(database: Path) -> str | None:
    """The file's identity, or None while a write-ahead log may hold changes not in it."""
    try:
        wal = os.stat(f"{database}-wal")
    except FileNotFoundError:
        wal = None
    except OSError:
        return None
    if wal is not None and wal.st_size > 0:
        return None
    try:
        st = os.stat(database)
    except OSError:
        return None
    return f"{st.st_dev} {st.st_ino} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns}"


def known_intact(database: Path) -> bool:
    """True when the file is exactly as a command that had checked it left it."""
    identity = _identity(database)
    if identity is None:
        return False
    try:
        return (database.parent / STAMP_NAME).read_text("ascii").strip() == identity
    except (OSError, ValueError):
        return False


def note_intact(database: Path) -> None:
    """After a clean close of a journal found intact: note the file as it now is."""
    identity = _identity(database)
    stamp = database.parent / STAMP_NAME
    try:
        if identity is None:
            stamp.unlink(missing_ok=True)
            return
        partial = stamp.with_name(f"{STAMP_NAME}.{os.getpid()}.partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(identity)
        os.replace(partial, stamp)
        paths.make_private_file(stamp)
    except OSError:  # only a shortcut: without it the next command checks again
        pass
