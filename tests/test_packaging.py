"""Shipped resources resolve, and the desktop entry and metainfo pass the freedesktop validators."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from gratitude_desktop import desktop_entry, resources

DESKTOP = resources.path(f"desktop/{desktop_entry.APP_ID}.desktop")
METAINFO = resources.path(f"desktop/{desktop_entry.APP_ID}.metainfo.xml")


def test_every_shipped_resource_resolves():
    for name in [
        "icons/gratitude.svg",
        "icons/tray.svg",
        "icons/tray-due.svg",
        "icons/gratitude.ico",
    ]:
        assert resources.path(name).is_file(), name
    for size in desktop_entry.ICON_SIZES:
        png = resources.path(f"icons/gratitude-{size}.png").read_bytes()
        assert png.startswith(b"\x89PNG"), size
    assert DESKTOP.is_file() and METAINFO.is_file()


@pytest.mark.skipif(
    not shutil.which("desktop-file-validate"), reason="desktop-file-utils not installed"
)
def test_desktop_entry_is_valid():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream not installed")
def test_metainfo_is_valid():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_install_and_uninstall_desktop_entry(tmp_path):
    written = desktop_entry.install(tmp_path)
    entry = tmp_path / "applications" / f"{desktop_entry.APP_ID}.desktop"
    assert entry in written and entry.is_file()
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    assert exec_line != "Exec=gratitude-desktop"  # points at this installation
    assert (tmp_path / "icons/hicolor/48x48/apps" / f"{desktop_entry.APP_ID}.png").is_file()
    if shutil.which("desktop-file-validate"):
        assert subprocess.run(["desktop-file-validate", str(entry)]).returncode == 0
    removed = desktop_entry.uninstall(tmp_path)
    assert sorted(removed) == sorted(written)
    assert not entry.exists()


def test_an_installation_path_with_spaces_is_quoted_the_desktop_entry_way(tmp_path, monkeypatch):
    monkeypatch.setattr(desktop_entry, "launcher_args", lambda: ["/opt/My Apps/gratitude-desktop"])
    desktop_entry.install(tmp_path)
    entry = tmp_path / "applications" / f"{desktop_entry.APP_ID}.desktop"
    assert 'Exec="/opt/My Apps/gratitude-desktop"' in entry.read_text().splitlines()
