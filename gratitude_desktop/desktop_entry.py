"""Install the freedesktop launcher entry and icons into the user's XDG folders (Linux)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from gratitude_desktop import resources

APP_ID = "org.gratitudejournal.Gratitude"
COMMAND = "gratitude-desktop"  # the launcher's name, and the window's X11 class (StartupWMClass)
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


# Characters that make the Desktop Entry spec require an argument to be quoted.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def launcher_args() -> list[str]:
    """The command that starts this installation (a venv's script is rarely on PATH)."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle
        return [sys.executable]
    beside = Path(sys.executable).with_name(COMMAND)
    if beside.exists():
        return [str(beside)]
    found = shutil.which(COMMAND)
    if found:
        return [found]
    return [sys.executable, "-m", "gratitude_desktop"]


def exec_quote(arg: str) -> str:
    """One argument of an Exec line, quoted as the Desktop Entry spec asks."""
    arg = arg.replace("%", "%%")  # '%' starts a field code
    if arg and not (_RESERVED & set(arg)):
        return arg
    inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
    return f'"{inner}"'


def _escape_value(text: str) -> str:
    """The key-file escapes for a string value, applied after Exec quoting."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def exec_line(args: Sequence[str]) -> str:
    return _escape_value(" ".join(exec_quote(str(a)) for a in args))


def installed_paths(data_home: Path | None = None) -> list[Path]:
    home = data_home or _data_home()
    paths = [
        home / "applications" / f"{APP_ID}.desktop",
        home / "metainfo" / f"{APP_ID}.metainfo.xml",
    ]
    paths += [
        home / "icons" / "hicolor" / f"{s}x{s}" / "apps" / f"{APP_ID}.png" for s in ICON_SIZES
    ]
    paths.append(home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg")
    return paths


def install(data_home: Path | None = None) -> list[Path]:
    """Write the .desktop entry (Exec pointing at this installation), metainfo and icons."""
    home = data_home or _data_home()
    entry_text = resources.path(f"desktop/{APP_ID}.desktop").read_text(encoding="utf-8")
    entry_text = entry_text.replace(f"Exec={COMMAND}", f"Exec={exec_line(launcher_args())}")
    sources = {
        home / "applications" / f"{APP_ID}.desktop": entry_text,
        home / "metainfo" / f"{APP_ID}.metainfo.xml": resources.path(
            f"desktop/{APP_ID}.metainfo.xml"
        ).read_bytes(),
    }
    for size in ICON_SIZES:
        target = home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        sources[target] = resources.path(f"icons/gratitude-{size}.png").read_bytes()
    sources[home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"] = resources.path(
        "icons/gratitude.svg"
    ).read_bytes()
    written = []
    for target, content in sources.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
        written.append(target)
    return written


def uninstall(data_home: Path | None = None) -> list[Path]:
    """Remove what install() wrote; returns what was removed."""
    removed = []
    for path in installed_paths(data_home):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed
