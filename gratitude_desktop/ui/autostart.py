"""Start at login: the XDG autostart entry (Linux and other freedesktop systems).

Writes or removes `$XDG_CONFIG_HOME/autostart/gratitude-desktop.desktop`
(`~/.config/autostart/` when XDG_CONFIG_HOME is unset or not absolute). Its Exec
line starts this very installation. Windows and macOS are not handled here: the
Settings dialog disables the choice there and says how to do it by hand (a
shortcut in the shell:startup folder; System Settings, Login Items).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from gratitude_desktop.desktop_entry import exec_line, launcher_args

ENTRY_NAME = "gratitude-desktop.desktop"
APP_ID = "org.gratitudejournal.Gratitude"


def supported() -> bool:
    """True where the XDG autostart folder is how programs start at login."""
    return sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd", "dragonfly"))


def config_home() -> Path:
    """$XDG_CONFIG_HOME if it is an absolute path (the spec ignores others), else ~/.config."""
    value = os.environ.get("XDG_CONFIG_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".config"


def entry_path() -> Path:
    return config_home() / "autostart" / ENTRY_NAME


def entry_text(args: Sequence[str]) -> str:
    """The autostart .desktop file that runs `args` at login."""
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.4",
            "Name=Gratitude",
            "Comment=Reminds you whom to reach out to today",
            f"Exec={exec_line(args)}",
            f"Icon={APP_ID}",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


def enable(data_dir: str | os.PathLike | None = None, extra_args: Sequence[str] = ()) -> Path:
    """Write the autostart entry; with `data_dir`, it opens that journal. Returns the path."""
    args = launcher_args()
    if data_dir is not None:
        args += ["--data-dir", str(Path(data_dir).expanduser().resolve())]
    args += list(extra_args)
    path = entry_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".gratitude-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(entry_text(args))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def disable() -> bool:
    """Remove the autostart entry; True if there was one."""
    path = entry_path()
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def is_enabled() -> bool:
    return entry_path().is_file()


def apply(enabled: bool, data_dir: str | os.PathLike | None = None) -> Path | None:
    """Make the autostart entry match the setting; the entry's path when it exists."""
    if not supported():
        return None
    if enabled:
        return enable(data_dir)
    disable()
    return None
