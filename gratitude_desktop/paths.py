"""Where the journal, its backups and its logs live on this machine."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_DATA_DIR = "GRATITUDE_DATA_DIR"
DATABASE_NAME = "journal.sqlite3"
LOCK_NAME = "journal.lock"


def default_data_dir() -> Path:
    """The platform's user data folder for Gratitude."""
    return Path(platformdirs.user_data_dir("Gratitude", appauthor=False, roaming=True))


def absolute(value: str | os.PathLike) -> Path:
    """A path as typed (on the command line, in the environment, in a dialog), made absolute.

    `~` is expanded and a relative path is taken from the current folder, once, where it
    comes in: SQLite URIs, backups and the single-instance key need absolute paths, and
    the meaning of "rel" must not change if the working folder does later.
    """
    return Path(os.path.abspath(Path(value).expanduser()))


def resolve_data_dir(cli_value: str | os.PathLike | None = None) -> Path:
    """--data-dir wins, then $GRATITUDE_DATA_DIR, then the platform folder; always absolute."""
    if cli_value:
        return absolute(cli_value)
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return absolute(env)
    return absolute(default_data_dir())


def ensure_private_dir(path: Path) -> Path:
    """Create the folder (and parents) owner-only; tighten it if it exists."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def make_private_file(path: Path) -> None:
    """Owner-only read/write for a file we created (POSIX only).

    Left alone when it already is: a chmod changes the file's change time, which
    store.intact reads as "the journal may have changed since it was checked".
    """
    if os.name != "posix":
        return
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if mode & 0o777 != 0o600:
        os.chmod(path, 0o600)


def backups_dir(data_dir: Path) -> Path:
    return data_dir / "backups"


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_NAME
