"""The XDG autostart entry: written and removed in XDG_CONFIG_HOME, Exec quoted per spec."""

from __future__ import annotations

import configparser
import stat

import pytest

from gratitude_desktop import desktop_entry
from gratitude_desktop.ui import autostart


@pytest.fixture
def config_home(tmp_path, monkeypatch):
    folder = tmp_path / "config home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


def read_entry(path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def exec_args(value: str) -> list[str]:
    """Read an Exec value as the Desktop Entry spec says: key-file escapes, then quoting."""
    text = value.replace("\\\\", "\\")
    args, current, quoted, started, i = [], [], False, False, 0
    while i < len(text):
        ch = text[i]
        if quoted and ch == "\\" and i + 1 < len(text) and text[i + 1] in '"`$\\':
            current.append(text[i + 1])
            i += 2
            continue
        if ch == '"':
            quoted, started = not quoted, True
        elif ch == " " and not quoted:
            if started or current:
                args.append("".join(current))
            current, started = [], False
        else:
            current.append(ch)
        i += 1
    if started or current:
        args.append("".join(current))
    return [arg.replace("%%", "%") for arg in args]


def test_enable_writes_the_entry_in_xdg_config_home(config_home):
    path = autostart.enable()
    assert path == config_home / "autostart" / "gratitude-desktop.desktop"
    entry = read_entry(path)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Gratitude"
    assert entry["X-GNOME-Autostart-enabled"] == "true"
    assert exec_args(entry["Exec"]) == desktop_entry.launcher_args()
    assert autostart.is_enabled()
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_disable_removes_the_entry(config_home):
    autostart.enable()
    assert autostart.disable() is True
    assert not (config_home / "autostart" / "gratitude-desktop.desktop").exists()
    assert autostart.is_enabled() is False
    assert autostart.disable() is False


def test_apply_follows_the_setting(config_home):
    assert autostart.apply(True) == config_home / "autostart" / "gratitude-desktop.desktop"
    assert autostart.is_enabled()
    assert autostart.apply(False) is None
    assert not autostart.is_enabled()


def test_data_dir_with_awkward_characters_survives_the_exec_line(config_home, tmp_path):
    data = tmp_path / 'My "journal" $HOME 100% \\ `x`'
    path = autostart.enable(data_dir=data)
    args = exec_args(read_entry(path)["Exec"])
    assert args[-2:] == ["--data-dir", str(data.resolve())]


def test_exec_quote_follows_the_desktop_entry_spec():
    assert desktop_entry.exec_quote("/usr/bin/gratitude-desktop") == "/usr/bin/gratitude-desktop"
    assert desktop_entry.exec_quote("/opt/My App/run") == '"/opt/My App/run"'
    assert desktop_entry.exec_quote('a"b') == '"a\\"b"'
    assert desktop_entry.exec_quote("50%") == "50%%"
    assert desktop_entry.exec_line(["a\\b"]) == '"a\\\\\\\\b"'  # four backslashes in the file


def test_relative_xdg_config_home_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert (
        autostart.entry_path() == tmp_path / ".config" / "autostart" / "gratitude-desktop.desktop"
    )


def test_unset_xdg_config_home_means_dot_config(tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    path = autostart.enable()
    assert path == tmp_path / ".config" / "autostart" / "gratitude-desktop.desktop"
    assert path.is_file()


def test_elsewhere_apply_does_nothing(config_home, monkeypatch):
    monkeypatch.setattr(autostart.sys, "platform", "win32")
    assert autostart.supported() is False
    assert autostart.apply(True) is None
    assert not autostart.is_enabled()
