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
