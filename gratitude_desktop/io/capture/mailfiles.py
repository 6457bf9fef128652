"""Mail files as capture reads them: mbox, Maildir, .eml, and where Thunderbird keeps them.

Each reader yields header blocks only; a body is skipped over, never decoded. Readers
take the state the last scan left (an mbox's size, mtime and offset; a Maildir's file
names) and return the new state, so a rescan reads only what is new.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from gratitude_desktop.io.capture.headers import header_block
from gratitude_desktop.io.encoding import open_regular
from gratitude_desktop.io.report import ImportRefused

_CHUNK = 8 << 20
# A "From " line that starts a message: "From sender date" with a time or a year in it.
# Body lines that begin with "From " are quoted (">From ") by mail programs, and those
# that are not are told apart by this shape and by the blank line before them.
_FROM_LINE = re.compile(rb"From \S+ [^\r\n]*?\b\d\d?:\d\d\b[^\r\n]*\r?\n")
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_MAX_HEADER = 1 << 20  # a header block longer than this is not a header block
_TAIL = 4096

# Names of the folders capture reads by default in a Thunderbird account.
DEFAULT_FOLDERS = frozenset(
    {"inbox", "sent", "sent mail", "sent items", "sent messages", "gesendet", "envoyés"}
)
SENT_FOLDERS = frozenset(
    {"sent", "sent mail", "sent items", "sent messages", "gesendet", "envoyés"}
)

Block = tuple[str, bytes]  # (where in the source, for messages without an id; header block)


class MailSourceError(Exception):
    """A path that is not a mail source capture can read; the message says why."""


@dataclass
class MboxState:
    size: int = 0
    mtime_ns: int = 0
    offset: int = 0  # where the next scan starts: the start of the last message read


def is_mbox(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(5)
    except OSError:
        return False
    return head == b"From " or (head == b"" and path.suffix.lower() == ".mbox")


def _starts_message(data: bytes | memoryview, at: int) -> bool:
    return _FROM_LINE.match(data, at) is not None


def read_mbox(
    path: Path, state: MboxState, cancel: Callable[[], bool] = lambda: False
) -> tuple[Iterator[Block], Callable[[], MboxState]]:
    """The header blocks of the messages after `state.offset`, and the state to keep after.

    A message is read only once its header block is complete; the last message's start
    is where the next scan begins (its key is known, so it is not logged twice). An
    mbox that shrank or no longer has a message at the offset (the mail program
    compacted it) is read from the start.
    """
    st = path.stat()
    done = MboxState(st.st_size, st.st_mtime_ns, state.offset)
    if st.st_size == state.size and st.st_mtime_ns == state.mtime_ns:
        return iter(()), lambda: done
    start = state.offset
    if start > st.st_size or (start and not _at_message(path, start)):
        start = 0
    done.offset = start

    def blocks() -> Iterator[Block]:
        with open(path, "rb") as fh:
            fh.seek(start)
            buffer, base, pos = b"", start, 0
            in_body = False  # looking for the next message rather than at one
            eof = False
            while not eof:
                if cancel():
                    return
                more = fh.read(_CHUNK)
                eof = not more
                buffer, base, pos = buffer[pos:] + more, base + pos, 0
                while pos < len(buffer):
                    if in_body:
                        nxt = _next_boundary(buffer, pos)
                        if nxt is None:
                            pos = max(pos, len(buffer) - _TAIL)  # a boundary may straddle
                            break
                        pos, in_body = nxt, False
                    if not _starts_message(buffer, pos):
                        if not eof and b"\n" not in buffer[pos : pos + _TAIL]:
                            break  # the From line is not whole yet
                        pos, in_body = pos + 1, True
                        continue
                    end = _HEADER_END.search(buffer, pos)
                    if end is None:
                        if len(buffer) - pos > _MAX_HEADER:  # not a header block after all
                            pos, in_body = pos + 1, True
                            continue
                        break  # wait for more; at the end, a message half written
                    done.offset = base + pos
                    line_end = buffer.index(b"\n", pos) + 1
                    yield f"{path}@{base + pos}", buffer[line_end : end.start()]
                    pos, in_body = end.start(), True

    return blocks(), lambda: done


def _next_boundary(buffer: bytes, pos: int) -> int | None:
    """Where the next message starts: a From line after a blank line (bytes.find, not a
    regular expression: a body is skipped at memchr speed)."""
    while True:
        f = buffer.find(b"\nFrom ", pos)
        if f < 0:
            return None
        at = f + 1
        blank = buffer[f - 1 : f] == b"\n" or buffer[f - 2 : f] == b"\n\r"
        if blank and (_starts_message(buffer, at) or b"\n" not in buffer[at : at + _TAIL]):
            return at  # a From line, or one not whole yet: the caller waits for the rest
        pos = at


def _at_message(path: Path, offset: int) -> bool:
    with open(path, "rb") as fh:
        fh.seek(offset)
        return _starts_message(fh.read(1024), 0)


# --- Maildir and single messages ---------------------------------------------------------------


def is_maildir(path: Path) -> bool:
    return path.is_dir() and (path / "cur").is_dir() and (path / "new").is_dir()


def maildir_name(file_name: str) -> str:
    """A Maildir message's unique name: the file name without its ':2,FLAGS' info."""
    return file_name.split(":", 1)[0].split("!", 1)[0]


def read_maildir(path: Path, seen: set[str]) -> Iterator[tuple[str, Block]]:
    """(unique name, header block) of each message in new/ and cur/ not in `seen`."""
    for sub in ("new", "cur"):
        try:
            names = sorted(os.listdir(path / sub))
        except OSError:
            continue
        for name in names:
            if name.startswith("."):
                continue
            unique = maildir_name(name)
            if unique in seen:
                continue
            block = _file_headers(path / sub / name)
            if block is not None:
                yield unique, (str(path / sub / name), block)


def _file_headers(path: Path) -> bytes | None:
    """The header block of one message file; None when it cannot be read or is not a
    regular file (a pipe left in a Maildir must not hang the scan)."""
    try:
        with open_regular(path, limit=None) as fh:
            data = fh.read(64 << 10)
            while not _HEADER_END.search(data) and len(data) < _MAX_HEADER:
                more = fh.read(64 << 10)
                if not more:
                    break
                data += more
    except (OSError, ImportRefused):
        return None
    if data.startswith(b"From "):  # a single message saved with its mbox From line
        data = data.split(b"\n", 1)[1] if b"\n" in data else b""
    return header_block(data)


def read_eml(path: Path) -> Block | None:
    block = _file_headers(path)
    return None if block is None else (str(path), block)


# --- Thunderbird -------------------------------------------------------------------------------


def thunderbird_roots(home: Path | None = None) -> list[Path]:
    """Where Thunderbird keeps profiles: the usual place, Flatpak's and Snap's."""
    home = home or Path.home()
    return [
        home / ".thunderbird",
        home / ".var/app/org.mozilla.Thunderbird/.thunderbird",
        home / ".var/app/net.thunderbird.Thunderbird/.thunderbird",
        home / "snap/thunderbird/common/.thunderbird",
        home / "AppData/Roaming/Thunderbird/Profiles",
        home / "Library/Thunderbird/Profiles",
    ]


def is_thunderbird_profile(path: Path) -> bool:
    return path.is_dir() and ((path / "Mail").is_dir() or (path / "ImapMail").is_dir())


def thunderbird_profiles(home: Path | None = None) -> list[Path]:
    found = []
    for root in thunderbird_roots(home):
        if not root.is_dir():
            continue
        for child in sorted(root.iterdir()):
            if is_thunderbird_profile(child):
                found.append(child)
    return found


def profile_folders(profile: Path, *, all_folders: bool = False) -> list[Path]:
    """The mbox files of a profile's accounts (Inbox and Sent unless `all_folders`)."""
    out = []
    for area in ("Mail", "ImapMail"):
        base = profile / area
        if not base.is_dir():
            continue
        for account in sorted(p for p in base.iterdir() if p.is_dir()):
            for item in sorted(account.iterdir()):
                if not item.is_file() or item.suffix in {".msf", ".dat", ".json", ".html"}:
                    continue
                if item.suffix == "" and (all_folders or item.name.casefold() in DEFAULT_FOLDERS):
                    out.append(item)
    return out


_IDENTITY = re.compile(r'user_pref\("mail\.identity\.[^"]+\.useremail",\s*"([^"]+)"\);')


def thunderbird_identities(profile: Path) -> list[str]:
    """The addresses of the profile's identities (prefs.js), in the order written there."""
    try:
        text = (profile / "prefs.js").read_text("utf-8", errors="replace")
    except OSError:
        return []
    return list(dict.fromkeys(m.group(1).strip() for m in _IDENTITY.finditer(text)))
