"""The system tray: icon with today's count, a small menu, and one notification per new item.

`TrayIcon` wraps a QSystemTrayIcon. Where the platform has no tray
(QSystemTrayIcon.isSystemTrayAvailable() is false) it creates nothing and every
method does nothing: the app is then a plain window app and the Today page shows
what is due. `install_close_to_tray` makes closing the main window hide it to the
tray (when the setting says so and a tray exists), telling the user once.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QIcon,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget

from gratitude_desktop import resources

log = logging.getLogger(__name__)

ICON_SIZES = (16, 22, 24, 32, 48, 64, 128)
MENU_ITEMS = 5  # agenda items listed in the tray menu
SINGLE_MESSAGES = 3  # more new items than this at once: one summary message instead
MUTE_FOR = dt.timedelta(hours=1)
MESSAGE_MS = 10_000

WARM = QColor("#e27a42")
BADGE = QColor("#c62828")

TRAY_TOLD_TITLE = "Gratitude is still running"
TRAY_TOLD_TEXT = (
    "Gratitude is still running in the tray and will remind you when someone is due. "
    "Click the icon to open it again; choose Quit from its menu to end it."
)

# What a notification about one item is titled (our words only: titles are never markup).
MESSAGE_TITLES = {
    "quiet": "Time to get in touch",
    "promise-due": "A promise falls due",
    "promise-owed": "A promise to you is overdue",
    "next-step": "A next step is due",
    "birthday": "A birthday is coming",
    "anniversary": "An anniversary is coming",
    "thank-referral": "A referral to thank",
    "ask-why-lost": "Ask a lost customer why",
    "ask-outcome": "Did your referral help?",
    "ask-feedback": "Ask a customer for feedback",
}


def tray_available() -> bool:
    """True when the desktop has a system tray to put an icon in."""
    return QSystemTrayIcon.isSystemTrayAvailable()


def notifications_use_markup() -> bool:
    """True where the tray's messages go to a freedesktop notification server.

    On Linux, Qt sends tray messages over D-Bus when a StatusNotifierItem host is
    running, and such servers may read the body as (a subset of) HTML; Qt's own
    balloon, used otherwise and on Windows/macOS, shows it as plain text.
    """
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False
    try:
        from PySide6.QtDBus import QDBusConnection

        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return False
        reply = bus.interface().isServiceRegistered("org.kde.StatusNotifierWatcher")
        return bool(reply.value()) if hasattr(reply, "value") else bool(reply)
    except Exception:  # noqa: BLE001 - no D-Bus: Qt draws its own balloon
        return False


def menu_text(text: str, limit: int = 60) -> str:
    """User text made safe for a menu entry: one line, short, '&' not a mnemonic."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text.replace("&", "&&")


# -- the icon -------------------------------------------------------------------------------


def _heart_path(rect: QRectF) -> QPainterPath:
    """The heart of the app icon (the same curve as resources/icons/tray.svg), in `rect`."""
    sx, sy = rect.width() / 64.0, rect.height() / 64.0

    def p(x: float, y: float) -> QPointF:
        return QPointF(rect.x() + x * sx, rect.y() + y * sy)

    path = QPainterPath(p(32, 52))
    path.cubicTo(p(17, 42), p(10, 34), p(10, 25))
    path.cubicTo(p(10, 18), p(15, 13), p(22, 13))
    path.cubicTo(p(27, 13), p(30, 16), p(32, 20))
    path.cubicTo(p(34, 16), p(37, 13), p(42, 13))
    path.cubicTo(p(49, 13), p(54, 18), p(54, 25))
    path.cubicTo(p(54, 34), p(47, 42), p(32, 52))
    path.closeSubpath()
    return path


def draw_base_icon(size: int) -> QPixmap:
    """The app icon at `size` pixels: the shipped SVG if it renders, else painted here."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    svg = resources.path("icons/tray.svg")
    if svg.exists():
        try:
            from PySide6.QtSvg import QSvgRenderer

            renderer = QSvgRenderer(str(svg))
            if renderer.isValid():
                painter = QPainter(pixmap)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                renderer.render(painter, QRectF(0, 0, size, size))
                painter.end()
                return pixmap
        except ImportError:  # pragma: no cover - QtSvg ships with PySide6-Essentials
            pass
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = size / 32.0
    square = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(WARM))
    painter.drawRoundedRect(square, size * 0.22, size * 0.22)
    painter.setBrush(QBrush(QColor("white")))
    painter.drawPath(_heart_path(QRectF(0, 0, size, size)))
    painter.end()
    return pixmap


def badge_text(count: int) -> str:
    return str(count) if count < 10 else "9+"


def draw_icon(size: int, count: int) -> QPixmap:
    """The app icon with a red badge carrying `count` (no badge for 0)."""
    pixmap = draw_base_icon(size)
    if count <= 0:
        return pixmap
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    text = badge_text(count)
    diameter = size * (0.62 if len(text) == 1 else 0.72)
    badge = QRectF(size - diameter, 0, diameter, diameter)
    painter.setPen(QPen(QColor("white"), max(1.0, size / 24.0)))
    painter.setBrush(QBrush(BADGE))
    painter.drawEllipse(badge)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(7, int(diameter * (0.68 if len(text) == 1 else 0.55))))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap


def make_icon(count: int = 0) -> QIcon:
    """The tray icon for `count` items due, at every size a tray may ask for."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addPixmap(draw_icon(size, count))
    return icon


def tooltip_text(count: int) -> str:
    if count == 0:
        return "Gratitude — nobody is due today"
    if count == 1:
        return "Gratitude — 1 thing to do today"
    return f"Gratitude — {count} things to do today"


# -- the tray icon --------------------------------------------------------------------------


class TrayIcon(QObject):
    """The app's tray icon, or nothing at all where the desktop has no tray.

    Connect `openRequested` (show and raise the main window), `openContactRequested`
    (show that contact) and `quitRequested`; feed it with `attach(reminder_timer)`.
    """

    openRequested = Signal()
    openContactRequested = Signal(int)
    quitRequested = Signal()
    muteRequested = Signal(object)  # datetime until which to hold reminders, or None

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        available: bool | None = None,
        markup: bool | None = None,
        now: Callable[[], dt.datetime] | None = None,
    ):
        super().__init__(parent)
        self.available = tray_available() if available is None else bool(available)
        self._now = now or dt.datetime.now
        self._markup = markup
        self._items: list = []
        self._count = 0
        self._muted_until: dt.datetime | None = None
        self._message_contact: int | None = None
        self.tray: QSystemTrayIcon | None = None
        self.menu: QMenu | None = None
        self.agenda_menu: QMenu | None = None
        self.actions: dict[str, QAction] = {}
        if not self.available:
            return
        if self._markup is None:
            self._markup = notifications_use_markup()
        self.tray = QSystemTrayIcon(self)
        self.tray.setIcon(make_icon(0))
        self.tray.setToolTip(tooltip_text(0))
        self.tray.activated.connect(self._on_activated)
        self.tray.messageClicked.connect(self._on_message_clicked)
        self._build_menu()

    def _build_menu(self) -> None:
        menu = QMenu()
        self.menu = menu
        open_action = menu.addAction("&Open Gratitude")
        font = open_action.font()
        font.setBold(True)
        open_action.setFont(font)
        open_action.triggered.connect(self.openRequested)
        self.agenda_menu = menu.addMenu("&Today's agenda")
        menu.addSeparator()
        mute = menu.addAction("&Snooze all for an hour")
        mute.triggered.connect(self.toggle_mute)
        menu.addSeparator()
        quit_action = menu.addAction("&Quit Gratitude")
        quit_action.triggered.connect(self.quitRequested)
        self.actions = {"open": open_action, "mute": mute, "quit": quit_action}
        self._fill_agenda_menu()
        self.tray.setContextMenu(menu)

    # -- showing ------------------------------------------------------------------------------

    def show(self) -> None:
        if self.tray is not None:
            self.tray.show()

    def hide(self) -> None:
        if self.tray is not None:
            self.tray.hide()

    def is_visible(self) -> bool:
        return self.tray is not None and self.tray.isVisible()

    def attach(self, timer) -> None:
        """Follow a ReminderTimer: its agenda, its new items, and muting both ways."""
        timer.agendaReady.connect(self.set_items)
        timer.newItems.connect(self.notify)
        timer.goalsToReview.connect(self.notify_reviews)
        timer.muteChanged.connect(self._on_mute_changed)
        self.muteRequested.connect(
            lambda until: timer.mute_until(until) if until is not None else timer.unmute()
        )

    @Slot(list)
    def set_items(self, items: Sequence) -> None:
        """Today's agenda: the count goes on the icon and in the tooltip, the first few in the menu."""
        self._items = list(items)
        count = len(self._items)
        if self.tray is None:
            self._count = count
            return
        if count != self._count:
            self.tray.setIcon(make_icon(count))
        self._count = count
        self.tray.setToolTip(tooltip_text(count))
        self._fill_agenda_menu()

    def count(self) -> int:
        return self._count

    def tooltip(self) -> str:
        return self.tray.toolTip() if self.tray is not None else ""

    def _fill_agenda_menu(self) -> None:
        menu = self.agenda_menu
        if menu is None:
            return
        menu.clear()
        if not self._items:
            empty = menu.addAction("Nobody is due today")
            empty.setEnabled(False)
            return
        for item in self._items[:MENU_ITEMS]:
            action = menu.addAction(menu_text(f"{item.contact_name} — {item.reason}"))
            action.setStatusTip(menu_text(item.reason, 200))
            action.triggered.connect(
                lambda _=False, cid=item.contact_id: self.openContactRequested.emit(cid)
            )
        if len(self._items) > MENU_ITEMS:
            menu.addSeparator()
            more = menu.addAction(f"All {len(self._items)} on today's agenda…")
            more.triggered.connect(self.openRequested)

    # -- notifications -------------------------------------------------------------------------

    def muted_until(self) -> dt.datetime | None:
        if self._muted_until is not None and self._now() >= self._muted_until:
            self._on_mute_changed(None)
        return self._muted_until

    @Slot()
    def toggle_mute(self) -> None:
        """'Snooze all for an hour', or resume when already snoozed."""
        if self.muted_until() is None:
            until = self._now() + MUTE_FOR
            self._on_mute_changed(until)
            self.muteRequested.emit(until)
        else:
            self._on_mute_changed(None)
            self.muteRequested.emit(None)

    @Slot(object)
    def _on_mute_changed(self, until: dt.datetime | None) -> None:
        self._muted_until = until
        mute = self.actions.get("mute")
        if mute is None:
            return
        if until is None:
            mute.setText("&Snooze all for an hour")
        else:
            mute.setText(f"&Resume reminders (snoozed until {until.strftime('%H:%M')})")

    def _body(self, text: str) -> str:
        return html.escape(text, quote=False) if self._markup else text

    @Slot(list)
    def notify(self, new_items: Sequence) -> None:
        """One message per newly due item (a summary when many fall due at once)."""
        if self.tray is None or not new_items or self.muted_until() is not None:
            return
        items = list(new_items)
        if len(items) <= SINGLE_MESSAGES:
            for item in items:
                self._message_contact = item.contact_id
                self.tray.showMessage(
                    MESSAGE_TITLES.get(item.kind, "Gratitude"),
                    self._body(f"{item.contact_name}: {item.reason}"),
                    self.tray.icon(),
                    MESSAGE_MS,
                )
            return
        self._message_contact = None
        people = list(dict.fromkeys(item.contact_name for item in items))
        named = ", ".join(people[:3])
        others = len(people) - 3
        who = f"{named} and {others} more" if others > 0 else named
        self.tray.showMessage(
            f"{len(items)} new things to do today",
            self._body(f"{who}. Open Gratitude to see them all."),
            self.tray.icon(),
            MESSAGE_MS,
        )

    @Slot(list)
    def notify_reviews(self, titles: Sequence[str]) -> None:
        """Goals whose review date has come: one message naming them (told once each)."""
        if not titles or self.muted_until() is not None:
            return
        named = "; ".join(titles[:3]) + (f" and {len(titles) - 3} more" if len(titles) > 3 else "")
        self.show_message("Goals to review", f"{named}. Open Goals to review them.")

    def show_message(self, title: str, text: str) -> None:
        """A plain-text message from the tray (nothing where there is no tray)."""
        if self.tray is not None:
            self._message_contact = None
            self.tray.showMessage(title, self._body(text), self.tray.icon(), MESSAGE_MS)

    # -- clicks -------------------------------------------------------------------------------

    @Slot(QSystemTrayIcon.ActivationReason)
    def _on_activated(self, reason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.openRequested.emit()

    @Slot()
    def _on_message_clicked(self) -> None:
        if self._message_contact is not None:
            self.openContactRequested.emit(self._message_contact)
        else:
            self.openRequested.emit()


# -- closing the window to the tray --------------------------------------------------------


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
        """A sync finished: when it changed the journal here, the views read it again."""
        contacts = (getattr(result, "contacts", None) or {}) if result is not None else {}
        promises = (getattr(result, "promises", None) or {}) if result is not None else {}
        if any(contacts.get(k) for k in ("created_here", "updated_here", "trashed_here",
                                         "merged_first")) or any(
            promises.get(k) for k in ("kept_here", "moved_here")):  # fmt: skip
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
