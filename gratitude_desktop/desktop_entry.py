"""Install the freedesktop launcher entry and icons into the user's XDG folders (Linux)."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from gratitude_desktop import resources

APP_ID = "org.gratitudejournal.Gratitude"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launcher_command() -> str:
    """How the launcher starts this very installation (a venv is rarely on PATH)."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle
        return shlex.quote(sys.executable)
    found = shutil.which("gratitude-desktop")
    script = Path(sys.executable).with_name("gratitude-desktop")
    if script.exists():
        return shlex.quote(str(script))
    if found:
        return shlex.quote(found)
    return f"{shlex.quote(sys.executable)} -m gratitude_desktop"


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
    entry_text = entry_text.replace("Exec=gratitude-desktop", f"Exec={launcher_command()}")
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
