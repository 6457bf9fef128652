"""SettingsDialog: shows the stored settings, saves them, and writes or removes autostart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from gratitude_desktop.journal.settings import (
    DEFAULT_CADENCES,
    Settings,
    load_settings,
    save_settings,
    with_changes,
)
from gratitude_desktop.ui import autostart
from gratitude_desktop.ui.settings_dialog import NO_TRAY_NOTE, SettingsDialog


@pytest.fixture
def config_home(tmp_path, monkeypatch):
    folder = tmp_path / "xdg-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


@pytest.fixture
def dialog(qtbot, journal, config_home):
    dlg = SettingsDialog(tray_available=True)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def click_ok(qtbot, dlg) -> None:
    ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def set_spin(qtbot, spin, value: int) -> None:
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))
    spin.interpretText()


def test_fields_show_the_stored_settings(qtbot, journal, config_home):
    save_settings(
        with_changes(
            load_settings(),
            cadence_defaults={"client": 21, "friend": None},
            birthday_days_ahead=3,
            reminder_minutes=15,
            close_to_tray=False,
        )
    )
    dlg = SettingsDialog(tray_available=True)
    qtbot.addWidget(dlg)
    assert dlg.cadence["client"].value() == 21
    assert dlg.cadence["friend"].value() == 0
    assert dlg.cadence["friend"].text() == "never"
    assert dlg.cadence["prospect"].value() == 14
    assert dlg.birthday_days.value() == 3
    assert dlg.reminder_minutes.value() == 15
    assert dlg.close_to_tray.isChecked() is False
    assert set(dlg.cadence) == set(DEFAULT_CADENCES)


def test_ok_saves_every_field(qtbot, dialog):
    saved = []
    dialog.settingsSaved.connect(saved.append)
    set_spin(qtbot, dialog.cadence["customer"], 45)
    set_spin(qtbot, dialog.cadence["colleague"], 0)
    set_spin(qtbot, dialog.birthday_days, 10)
    set_spin(qtbot, dialog.reminder_minutes, 30)
    dialog.close_to_tray.setChecked(False)
    click_ok(qtbot, dialog)

    stored = load_settings()
    assert stored.cadence_defaults["customer"] == 45
    assert stored.cadence_defaults["colleague"] is None
    assert stored.cadence_defaults["client"] == 30
    assert stored.birthday_days_ahead == 10
    assert stored.reminder_minutes == 30
    assert stored.close_to_tray is False
    assert saved == [stored]
    assert dialog.result() == dialog.DialogCode.Accepted


def test_cancel_saves_nothing(qtbot, dialog):
    set_spin(qtbot, dialog.cadence["client"], 7)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert load_settings().cadence_defaults["client"] == 30


def test_restore_defaults_puts_back_the_shipped_cadences(qtbot, dialog):
    set_spin(qtbot, dialog.cadence["client"], 7)
    set_spin(qtbot, dialog.cadence["lost-customer"], 99)
    dialog.restore_button.click()
    assert dialog.cadence["client"].value() == 30
    assert dialog.cadence["lost-customer"].value() == 180


def test_start_at_login_writes_then_removes_the_autostart_entry(qtbot, dialog, config_home):
    entry = config_home / "autostart" / "gratitude-desktop.desktop"
    dialog.start_at_login.setChecked(True)
    click_ok(qtbot, dialog)
    assert entry.is_file()
    assert load_settings().start_at_login is True

    again = SettingsDialog(tray_available=True)
    qtbot.addWidget(again)
    assert again.start_at_login.isChecked()
    again.start_at_login.setChecked(False)
    again.accept()
    assert not entry.exists()
    assert load_settings().start_at_login is False


def test_a_custom_journal_folder_goes_into_the_autostart_entry(qtbot, journal, config_home):
    dlg = SettingsDialog(tray_available=True, data_dir=journal.data_dir)
    qtbot.addWidget(dlg)
    dlg.start_at_login.setChecked(True)
    dlg.accept()
    text = (config_home / "autostart" / "gratitude-desktop.desktop").read_text()
    assert f"--data-dir {journal.data_dir.resolve()}" in text


def test_autostart_failure_keeps_the_dialog_open_and_saves_nothing(qtbot, journal, config_home):
    def broken(enabled, data_dir):
        raise PermissionError("read-only folder")

    dlg = SettingsDialog(tray_available=True, apply_autostart=broken)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.start_at_login.setChecked(True)
    dlg.accept()
    assert dlg.isVisible()
    assert "read-only folder" in dlg.error.text()
    assert load_settings().start_at_login is False


def test_without_a_tray_close_to_tray_cannot_be_chosen(qtbot, journal, config_home):
    dlg = SettingsDialog(Settings(close_to_tray=True), tray_available=False, save=lambda s: None)
    qtbot.addWidget(dlg)
    assert not dlg.close_to_tray.isEnabled()
    texts = [w.text() for w in dlg.findChildren(type(dlg.error)) if w.text()]
    assert NO_TRAY_NOTE in texts
    assert dlg.settings().close_to_tray is True  # kept for when a tray appears


def test_start_at_login_is_disabled_where_autostart_is_unsupported(
    qtbot, journal, config_home, monkeypatch
):
    monkeypatch.setattr(autostart, "supported", lambda: False)
    dlg = SettingsDialog(tray_available=True)
    qtbot.addWidget(dlg)
    assert not dlg.start_at_login.isEnabled()
    dlg.start_at_login.setChecked(True)
    dlg.accept()
    assert not (config_home / "autostart" / "gratitude-desktop.desktop").exists()
    assert load_settings().start_at_login is False


def test_where_autostart_is_unsupported_the_dialog_says_how_to_do_it(
    qtbot, journal, config_home, monkeypatch
):
    monkeypatch.setattr(autostart, "supported", lambda: False)
    dlg = SettingsDialog(tray_available=True)
    qtbot.addWidget(dlg)
    notes = [w.text() for w in dlg.findChildren(type(dlg.error)) if "shell:startup" in w.text()]
    assert notes and "Login Items" in notes[0]


def test_the_pester_guard_numbers_are_settings(qtbot, dialog):
    assert (dialog.pester_touches.value(), dialog.pester_days.value()) == (3, 7)
    set_spin(qtbot, dialog.pester_touches, 5)
    set_spin(qtbot, dialog.pester_days, 10)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    saved = load_settings()
    assert (saved.pester_touches, saved.pester_days) == (5, 10)
