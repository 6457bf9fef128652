"""The system tray: icon with today's count, a small menu, and one notification per new item.

`TrayIcon` wraps a QSystemTrayIcon. Where the platform has no tray
(QSystemTrayIcon.isSystemTrayAvailable() is false) it creates nothing and every
method does nothing: the app is then a plain window app and the Today page shows
what is due. Closing to the tray is close_to_tray.py; what drives the icon (the
reminder timer, the Today page) is ui/reminders.py.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal, Slot
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
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from gratitude_desktop import resources
from gratitude_desktop.journal.agenda import due_summary, things_to_do

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
    return f"Gratitude — {things_to_do(count)} today"


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
        title, who = due_summary(items)
        self.tray.showMessage(
            title,
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
