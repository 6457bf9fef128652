"""Reminders: the reminder timer, the Today page and the tray icon, wired to the main window."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from gratitude_desktop.ui.tray.close_to_tray import (
    CloseToTray,
    bring_forward,
    install_close_to_tray,
)
from gratitude_desktop.ui.tray.icon import TrayIcon


class Reminders(QObject):
    """The reminder timer, the Today page and the tray, wired to one main window.

    The Today page is built the first time it is shown (or `today` is read) when the
    window builds pages lazily (MainWindow.set_lazy_page); until then the navigation
    badge follows the timer's agenda.
    """

    journalChanged = Signal()  # an action on the Today page wrote to the journal

    def __init__(self, window: QWidget, *, tray_available: bool | None = None, parent=None):
        super().__init__(parent or window)
        from gratitude_desktop.ui.reminder_timer import ReminderTimer

        self.window = window
        self.timer = ReminderTimer(self)
        from gratitude_desktop.ui.capture.scanner import CaptureScanner

        # Capture scans run beside the agenda checks, on a thread of their own.
        self.capture = CaptureScanner(self)
        self.new_people_dialog = None
        self._today = None
        self.tray = TrayIcon(self, available=tray_available)
        self.close_to_tray: CloseToTray | None = None
        self.sync = None  # SyncTimer, once attach_sync gave it the journal's folder

        self.timer.agendaReady.connect(lambda items: window.set_badge("Today", len(items)))
        if hasattr(window, "set_lazy_page"):
            window.set_lazy_page("Today", self._build_today)
        else:
            window.set_page("Today", self._build_today())
        page = getattr(window, "contact_page", None)
        if page is not None:  # the journal changed elsewhere: re-read the agenda
            page.contactSaved.connect(self.timer.check_now)
            page.contactTrashed.connect(self.timer.check_now)
            page.interactionLogged.connect(self.timer.check_now)
        self.capture.journalChanged.connect(self._captured)
        changed = getattr(window, "journalChanged", None)
        if changed is not None:  # an undo, an import or a scan undone, a backup restored
            changed.connect(self.capture.refresh_status)

        self.tray.attach(self.timer)
        self.tray.openRequested.connect(self.show_today)
        self.tray.openContactRequested.connect(self.open_contact)
        if self.tray.available:
            self.close_to_tray = install_close_to_tray(window, self.tray)
        else:  # no tray to tap the user on the shoulder: the taskbar entry asks instead
            self.timer.newItems.connect(self._alert)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    @property
    def today(self):
        """The Today page (TodayView), built now if it was not yet."""
        if self._today is None:
            page = getattr(self.window, "page", None)
            if callable(page):
                page("Today")  # builds it through the window's lazy page
            if self._today is None:
                self.window.set_page("Today", self._build_today())
        return self._today

    def _build_today(self):
        from gratitude_desktop.ui.today import TodayView

        window = self.window
        self._today = today = TodayView(timer=self.timer)
        today.countChanged.connect(lambda n: window.set_badge("Today", n))
        today.openContact.connect(self.open_contact)
        today.logInteraction.connect(self.log_interaction)
        today.journalChanged.connect(self._journal_changed_here)
        today.journalChanged.connect(self.journalChanged)
        from gratitude_desktop.ui.capture.panel import CapturePanel

        panel = CapturePanel(self.capture, today)
        panel.openContact.connect(self.open_contact)
        panel.reviewNewPeople.connect(self.open_new_people)
        today.insert_banner(panel)
        return today

    def start(self) -> None:
        """Show the tray icon and start checking (the first check runs at once)."""
        self.tray.show()
        self.timer.start()
        self.capture.start()
        if self.sync is not None:
            self.sync.start()

    @Slot()
    def stop(self) -> None:
        """Stop the timer and wait for a check in flight: call before closing the journal."""
        if self.sync is not None:
            self.sync.stop()
        self.timer.stop()
        self.capture.stop()
        self.tray.hide()

    def attach_sync(self, data_dir) -> None:
        """Sync with the server set in Settings → Sync on the reminder worker, every N minutes."""
        from gratitude_desktop.ui.sync_timer import SyncTimer

        self.sync = SyncTimer(data_dir, self.timer.run_job, self)
        self.sync.synced.connect(self._synced)
        if self.timer.is_running():
            self.sync.start()

    @Slot(object)
    def _synced(self, result) -> None:
        """A sync finished: when it changed the journal here, the window reads it again —
        the list, the Trash, the count in the status bar, the open timeline (and through
        its journalChanged, Today, Promises and Goals)."""
        if result is None or not result.changed_here():
            return
        reload = getattr(self.window, "reload", None)
        if callable(reload):
            reload()
        else:  # a bare window (tests of the tray alone): the list at least
            self._journal_changed_here()
            self.journalChanged.emit()
        self.timer.check_now()

    @Slot()
    def show_today(self) -> None:
        bring_forward(self.window)
        self.window.go_to("Today")

    @Slot(int)
    def open_contact(self, contact_id: int) -> None:
        bring_forward(self.window)
        self.window.open_contact(contact_id)

    @Slot(int)
    def log_interaction(self, contact_id: int) -> None:
        self.open_contact(contact_id)
        page = getattr(self.window, "contact_page", None)
        if page is not None and page.current_contact_id() == contact_id:
            page.log_interaction()

    @Slot(list)
    def _alert(self, new_items) -> None:
        if new_items and not self.window.isActiveWindow():
            QApplication.alert(self.window)

    @Slot()
    def _journal_changed_here(self) -> None:
        contacts = getattr(self.window, "contact_list", None)
        if contacts is not None and hasattr(contacts, "refresh"):
            contacts.refresh()

    @Slot()
    def _captured(self) -> None:
        """A scan logged touches: the agenda, the lists and the open timeline read again."""
        self.timer.check_now()
        self._journal_changed_here()
        self.journalChanged.emit()
        page = getattr(self.window, "contact_page", None)
        if page is not None and page.current_contact_id() is not None:
            page.timeline.reload()

    def open_new_people(self):
        """The review of correspondents who are not in the journal (one click to add)."""
        from gratitude_desktop.ui.capture.new_people import NewPeopleDialog

        dialog = NewPeopleDialog(self.window)
        dialog.contactAdded.connect(lambda _id: self._journal_changed_here())
        dialog.contactAdded.connect(lambda _id: self.timer.check_now())
        dialog.changed.connect(self.capture.refresh_status)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.new_people_dialog = dialog
        return dialog

    def _capture_saved(self, settings) -> None:
        self.capture.set_interval_minutes(settings.interval_minutes)
        page = getattr(self.window, "contact_page", None)
        if page is not None:
            page.timeline.set_hide_captured(settings.hide_in_timeline)
        self.capture.scan_now()

    @Slot()
    def settings_changed(self) -> None:
        """After the Settings dialog saved: cadences and interval may differ; re-check now."""
        self.timer.check_now()

    def open_settings(self, data_dir=None):
        """Open the Settings dialog (window-modal); the agenda is re-read when it saves."""
        from gratitude_desktop.journal.capture import load_capture_settings
        from gratitude_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            parent=self.window,
            tray_available=self.tray.available,
            data_dir=data_dir,
            capture=load_capture_settings(),
            run_job=self.timer.run_job,
        )
        dialog.captureSaved.connect(self._capture_saved)
        dialog.sync_page.syncFinished.connect(self._synced)
        if self.sync is not None:
            dialog.settingsSaved.connect(lambda _s: self.sync.reschedule())
        dialog.settingsSaved.connect(lambda s: self.timer.set_interval_minutes(s.reminder_minutes))
        dialog.settingsSaved.connect(self.settings_changed)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog


def wire_reminders(
    window: QWidget, *, tray_available: bool | None = None, start: bool = True
) -> Reminders:
    """Put the Today page, the tray and the reminder timer on `window` (a MainWindow).

    Uses the window's set_page/set_badge/go_to/open_contact and contact_page; the
    returned Reminders stops itself when the application quits.
    """
    reminders = Reminders(window, tray_available=tray_available)
    if start:
        reminders.start()
    return reminders
