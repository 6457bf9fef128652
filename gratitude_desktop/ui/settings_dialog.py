"""SettingsDialog: default cadences, birthdays ahead, reminders, tray, start at login, capture;
the Sync tab (ui.sync_page) sets up the user's own CardDAV server."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.store.enums import label
from gratitude_desktop.ui import autostart

# How the cadence defaults are laid out: the ladder on the left, the circles on the right.
STAGE_WORDS = (
    "client",
    "customer",
    "prospect",
    "networking-partner",
    "acquaintance",
    "lost-customer",
)
CIRCLE_WORDS = ("family", "friend", "mentor", "mentee", "referral-source", "colleague")
MAX_CADENCE = 3650

NO_TRAY_NOTE = "This desktop has no system tray: closing the window quits Gratitude."
NO_AUTOSTART_NOTE = (
    "To start Gratitude at login here: on Windows, put a shortcut to it in the Startup "
    "folder (press Win+R, type shell:startup); on macOS, add it under System Settings, "
    "General, Login Items."
)


class SettingsDialog(QDialog):
    """Edit the Settings; OK saves them (journal.settings) and writes or removes autostart."""

    settingsSaved = Signal(object)  # the Settings just saved
    captureSaved = Signal(object)  # the CaptureSettings just saved (with a capture page)

    def __init__(
        self,
        settings=None,
        parent: QWidget | None = None,
        *,
        tray_available: bool | None = None,
        data_dir: str | os.PathLike | None = None,
        save: Callable[[object], None] | None = None,
        apply_autostart: Callable[[bool, object], object] | None = None,
        capture=None,
        save_capture: Callable[[object], None] | None = None,
        run_job: Callable[..., object] | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Settings")
        if settings is None:
            from gratitude_desktop.journal.settings import load_settings

            settings = load_settings()
        if save is None:
            from gratitude_desktop.journal.settings import save_settings as save
        if tray_available is None:
            from gratitude_desktop.ui.tray import tray_available as has_tray

            tray_available = has_tray()
        self._original = settings
        self._save = save
        self._apply_autostart = apply_autostart or autostart.apply
        self._data_dir = data_dir

        outer = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        general = QWidget(self.tabs)
        layout = QVBoxLayout(general)

        cadence_box = QGroupBox("Keep in touch every… (0 = never)", self)
        grid = QGridLayout(cadence_box)
        grid.addWidget(self._heading("Stage"), 0, 0, 1, 2)
        grid.addWidget(self._heading("Circle"), 0, 2, 1, 2)
        self.cadence: dict[str, QSpinBox] = {}
        for column, words in ((0, STAGE_WORDS), (2, CIRCLE_WORDS)):
            for row, word in enumerate(words, start=1):
                spin = QSpinBox(cadence_box)
                spin.setObjectName(f"cadence_{word}")
                spin.setRange(0, MAX_CADENCE)
                spin.setSuffix(" days")
                spin.setSpecialValueText("never")
                spin.setAccessibleName(f"{label(word)}: days between touches")
                name = QLabel(f"{label(word)}:", cadence_box)
                name.setBuddy(spin)
                grid.addWidget(name, row, column)
                grid.addWidget(spin, row, column + 1)
                self.cadence[word] = spin
        restore = QDialogButtonBox(cadence_box)
        self.restore_button = restore.addButton(
            "Restore defaults", QDialogButtonBox.ButtonRole.ResetRole
        )
        self.restore_button.clicked.connect(self.restore_default_cadences)
        grid.addWidget(restore, len(STAGE_WORDS) + 1, 0, 1, 4)
        layout.addWidget(cadence_box)

        reminders = QGroupBox("Reminders", self)
        form = QFormLayout(reminders)
        self.birthday_days = QSpinBox(reminders)
        self.birthday_days.setRange(0, 60)
        self.birthday_days.setSuffix(" days ahead")
        self.birthday_days.setSpecialValueText("on the day")
        form.addRow("Show &birthdays and anniversaries:", self.birthday_days)
        self.reminder_minutes = QSpinBox(reminders)
        self.reminder_minutes.setRange(1, 240)
        self.reminder_minutes.setSuffix(" min")
        form.addRow("&Check for reminders every:", self.reminder_minutes)
        layout.addWidget(reminders)

        # The pester guard (journal.outreach): reaching out again after this many outbound
        # touches within these days, with no answer since, asks first.
        pester = QGroupBox("Never pester", self)
        pester_form = QFormLayout(pester)
        self.pester_touches = QSpinBox(pester)
        self.pester_touches.setObjectName("pesterTouches")
        self.pester_touches.setRange(1, 50)
        self.pester_touches.setSuffix(" times without an answer")
        self.pester_days = QSpinBox(pester)
        self.pester_days.setObjectName("pesterDays")
        self.pester_days.setRange(1, 90)
        self.pester_days.setSuffix(" days")
        pester_form.addRow("&Ask before reaching out after:", self.pester_touches)
        pester_form.addRow("… &within:", self.pester_days)
        layout.addWidget(pester)

        app_box = QGroupBox("When Gratitude runs", self)
        app_layout = QVBoxLayout(app_box)
        self.close_to_tray = QCheckBox("Closing the window keeps Gratitude in the &tray", app_box)
        app_layout.addWidget(self.close_to_tray)
        if not tray_available:
            self.close_to_tray.setEnabled(False)
            app_layout.addWidget(self._note(NO_TRAY_NOTE, app_box))
        self.start_at_login = QCheckBox("Start Gratitude when I &log in", app_box)
        app_layout.addWidget(self.start_at_login)
        if not autostart.supported():
            self.start_at_login.setEnabled(False)
            app_layout.addWidget(self._note(NO_AUTOSTART_NOTE, app_box))
        layout.addWidget(app_box)
        layout.addStretch(1)
        self.tabs.addTab(general, "&General")

        # Mail and calendars (capture) on a page of their own, when the caller gives them.
        self.capture_box = None
        self._save_capture = save_capture
        if capture is not None:
            from gratitude_desktop.ui.capture.settings_box import CaptureSettingsBox

            self.capture_box = CaptureSettingsBox(capture, self)
            capture_page = QWidget(self)
            capture_layout = QVBoxLayout(capture_page)
            capture_layout.addWidget(self.capture_box)
            capture_layout.addStretch(1)
            self.tabs.addTab(capture_page, "&Mail and calendars")
        from gratitude_desktop.ui.sync_page import SyncPage

        self.sync_page = SyncPage(data_dir, self.tabs, run_job=run_job)
        self.tabs.addTab(self.sync_page, "S&ync")
        outer.addWidget(self.tabs)

        self.error = QLabel("", self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        outer.addWidget(self.error)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        self.load(settings)

    @staticmethod
    def _heading(text: str) -> QLabel:
        heading = QLabel(text)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        return heading

    @staticmethod
    def _note(text: str, parent: QWidget) -> QLabel:
        note = QLabel(text, parent)
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        note.setEnabled(False)
        return note

    # -- values in and out ------------------------------------------------------------------

    def load(self, settings) -> None:
        """Show `settings` in the fields."""
        for word, spin in self.cadence.items():
            spin.setValue(settings.cadence_defaults.get(word) or 0)
        self.birthday_days.setValue(settings.birthday_days_ahead)
        self.reminder_minutes.setValue(settings.reminder_minutes)
        self.pester_touches.setValue(settings.pester_touches)
        self.pester_days.setValue(settings.pester_days)
        self.close_to_tray.setChecked(bool(settings.close_to_tray))
        self.start_at_login.setChecked(bool(settings.start_at_login))

    def settings(self):
        """The Settings as the fields say (unknown cadence words kept as they were)."""
        cadences = dict(self._original.cadence_defaults)
        for word, spin in self.cadence.items():
            cadences[word] = spin.value() or None
        return replace(
            self._original,
            cadence_defaults=cadences,
            birthday_days_ahead=self.birthday_days.value(),
            reminder_minutes=self.reminder_minutes.value(),
            pester_touches=self.pester_touches.value(),
            pester_days=self.pester_days.value(),
            close_to_tray=self.close_to_tray.isChecked()
            if self.close_to_tray.isEnabled()
            else self._original.close_to_tray,
            start_at_login=self.start_at_login.isChecked()
            if self.start_at_login.isEnabled()
            else self._original.start_at_login,
        )

    def restore_default_cadences(self) -> None:
        from gratitude_desktop.journal.settings import DEFAULT_CADENCES

        for word, spin in self.cadence.items():
            spin.setValue(DEFAULT_CADENCES.get(word) or 0)

    def _autostart_data_dir(self):
        """The journal folder to open at login, when it is not the default one."""
        if self._data_dir is None:
            return None
        from gratitude_desktop import paths

        chosen = Path(self._data_dir).expanduser().resolve()
        return None if chosen == paths.default_data_dir().resolve() else chosen

    def accept(self) -> None:
        """Save, then write or remove the autostart entry; stay open if that fails."""
        settings = self.settings()
        problem = self.sync_page.problem()
        if problem:
            self.tabs.setCurrentWidget(self.sync_page)
            self.error.setText(problem)
            self.error.show()
            return
        try:
            if self.start_at_login.isEnabled() and (
                settings.start_at_login != self._original.start_at_login
                or settings.start_at_login != autostart.is_enabled()
            ):
                self._apply_autostart(settings.start_at_login, self._autostart_data_dir())
        except OSError as problem:
            where = autostart.entry_path()
            self.error.setText(f"Could not change the start-at-login entry {where}: {problem}")
            self.error.show()
            return
        self._save(settings)
        self.sync_page.save()
        self._original = settings
        if self.capture_box is not None:
            captured = self.capture_box.settings()
            from gratitude_desktop.sync.imap_capture import remember_password

            for url, password in self.capture_box.passwords.items():
                if url in captured.mail:
                    remember_password(url, password)
            if self._save_capture is None:
                from gratitude_desktop.journal.capture import save_capture_settings

                save_capture_settings(captured)
            else:
                self._save_capture(captured)
            self.captureSaved.emit(captured)
        self.settingsSaved.emit(settings)
        super().accept()
