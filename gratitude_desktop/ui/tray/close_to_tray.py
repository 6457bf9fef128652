"""Closing the main window hides it to the tray (when the setting says so and a tray
exists), telling the user once; bring_forward shows it again."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from gratitude_desktop.ui.tray.icon import TRAY_TOLD_TEXT, TRAY_TOLD_TITLE, TrayIcon

log = logging.getLogger(__name__)


def should_hide_on_close(settings, tray_available: bool) -> bool:
    """Closing the main window hides it to the tray: only with a tray, and if the user wants."""
    return bool(tray_available and getattr(settings, "close_to_tray", False))


class CloseToTray(QObject):
    """Event filter on the main window: closing it leaves the app running in the tray.

    The close itself goes ahead (a QMainWindow that closes is only hidden, and its own
    closeEvent still runs: geometry saved, unsaved edits asked about); what changes
    is that the app no longer quits when its last window closes. This matters in Qt 6,
    where QApplication.quit() asks every window to close and a window that refuses
    cancels the quit: nothing here refuses, so Quit, from anywhere, really quits.
    """

    hiddenToTray = Signal()

    def __init__(
        self,
        window: QWidget,
        tray: TrayIcon,
        settings_provider: Callable[[], object],
        save_settings: Callable[[object], None] | None = None,
    ):
        super().__init__(window)
        self.window = window
        self.tray = tray
        self._settings = settings_provider
        self._save = save_settings
        self._pending = None  # settings of a close that may hide to the tray
        window.installEventFilter(self)
        tray.quitRequested.connect(self.quit_application)

    @Slot()
    def quit_application(self) -> None:
        """Quit for real (the tray's Quit): the windows close, the event loop ends."""
        QApplication.setQuitOnLastWindowClosed(True)
        QApplication.quit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window or event.type() != QEvent.Type.Close:
            return False
        settings = self._settings()
        hide = should_hide_on_close(settings, self.tray.available and self.tray.is_visible())
        QApplication.setQuitOnLastWindowClosed(not hide)
        if hide:
            # Whether the window really went away is known once its closeEvent has run.
            self._pending = settings
            QTimer.singleShot(0, self._after_close)
        return False  # the window handles its close as usual

    @Slot()
    def _after_close(self) -> None:
        settings, self._pending = self._pending, None
        if settings is None or self.window.isVisible():
            return  # the window said no (e.g. unsaved edits, Cancel)
        self.hiddenToTray.emit()
        self._tell_once(settings)

    def _tell_once(self, settings) -> None:
        if getattr(settings, "tray_told", True):
            return
        self.tray.show_message(TRAY_TOLD_TITLE, TRAY_TOLD_TEXT)
        if self._save is None:
            from gratitude_desktop.journal.settings import save_settings

            self._save = save_settings
        try:
            self._save(replace(settings, tray_told=True))
        except Exception:  # noqa: BLE001 - telling twice is better than failing to hide
            log.exception("could not remember that the tray message was shown")


def install_close_to_tray(
    window: QWidget,
    tray: TrayIcon,
    settings_provider: Callable[[], object] | None = None,
    save_settings: Callable[[object], None] | None = None,
) -> CloseToTray:
    """Make closing `window` hide it to `tray` (see CloseToTray); returns the filter.

    `settings_provider` returns the current Settings (journal.settings.load_settings by
    default); `save_settings` stores them (journal.settings.save_settings by default).
    """
    if settings_provider is None:
        from gratitude_desktop.journal.settings import load_settings

        settings_provider = load_settings
    return CloseToTray(window, tray, settings_provider, save_settings)


# -- wiring the reminders into the main window ----------------------------------------------


def bring_forward(window: QWidget) -> None:
    """Show the window in front (from the tray, or when a second start pings us)."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
