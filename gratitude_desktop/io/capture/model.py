"""What capture passes between its readers and the scan: sources and touches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from gratitude_desktop.store.enums import Channel


class CaptureSourceError(Exception):
    """A path capture cannot read; the message names it and says why."""


@dataclass(frozen=True)
class Touch:
    """A message or meeting, reduced to what capture logs."""

    key: str
    source: str
    at: dt.datetime
    sender: tuple[tuple[str, str, str], ...]  # (name, address, key)
    others: tuple[tuple[str, str, str], ...]  # recipients / attendees
    subject: str
    channel: str = Channel.EMAIL.value
    bulk: bool = False


@dataclass(frozen=True)
class Source:
    kind: str  # "mbox" | "maildir" | "eml" | "ics", or "imap" (a server, read by sync/)
    path: Path | str  # a file or folder; for a server its address
    # For a server: reader(state, cancel) -> (header blocks, () -> state to keep).
    reader: Callable[[dict, Callable[[], bool]], tuple] | None = field(
        default=None, compare=False, hash=False, repr=False
    )

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.path}"


def checked_file(path: Path, *, whole: bool) -> None:
    """CaptureSourceError (one line naming the file) unless `path` is a regular file: the
    check every import makes (io.encoding.open_regular), so a pipe, a device or a /proc
    file never hangs a scan. `whole`: it is read whole (a calendar), so the imports' size
    limit applies too; mail files are streamed, whatever their size.
    """
    from gratitude_desktop.io.encoding import MAX_FILE_BYTES, open_regular
    from gratitude_desktop.io.report import ImportRefused

    try:
        open_regular(path, limit=MAX_FILE_BYTES if whole else None).close()
    except ImportRefused as refused:
        raise CaptureSourceError(str(refused)) from None


def skipped(path: Path, *, whole: bool) -> str | None:
    """Why a file found in a source folder is skipped (not a regular file), or None."""
    try:
        checked_file(path, whole=whole)
    except CaptureSourceError as problem:
        return f"skipped {problem}"
    return None
