"""Files shipped with the app (sample journal, icons), found from a checkout or a bundle."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """The absolute path of a shipped resource, e.g. path("sample-journal.json")."""
    return _HERE / name
