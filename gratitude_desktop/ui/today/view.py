"""TodayView: today's agenda, grouped by kind, each item one keystroke from its action.

Long because each kind of item has its own keyed actions.

Keys (on the selected item): L log an interaction, K mark the promise kept, N send
the nudge, T thank the referrer, S snooze (1 day, 1 week, 1 month, pick a date),
Enter or O open the contact. The agenda comes from the ReminderTimer (computed off
the GUI thread); `refresh()` asks for a fresh one and the selection survives it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import importlib
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.agenda import things_to_do
from gratitude_desktop.ui.today.model import (
    NAME_COLUMN,
    REASON_COLUMN,
    WHEN_COLUMN,
    TodayModel,
)
from gratitude_desktop.ui.undo import undoable
from gratitude_desktop.ui.workers import run_in_pool

log = logging.getLogger(__name__)

EMPTY_TITLE = "Nobody is due today."
EMPTY_LINE = "Everyone has heard from you recently. A good day to thank someone just because."
LOADING_TEXT = "Looking at who is due…"

PAGE_LOADING, PAGE_LIST, PAGE_EMPTY = range(3)

# Which kinds of item each action applies to (None: every kind).
_KINDS_FOR = {
    "log": None,
    "open": None,
    "kept": ("promise-due", "promise-owed"),
    "nudge": ("promise-owed",),
    "thank": ("thank-referral",),
    "snooze": ("quiet",),
}


def _journal_function(module: str, name: str) -> Callable | None:
    """journal.<module>.<name> if it exists in this build, else None (the action hides)."""
    try:
        return getattr(importlib.import_module(f"gratitude_desktop.journal.{module}"), name)
    except (ImportError, AttributeError):
        return None


def _refusals() -> tuple[type[BaseException], ...]:
    """The journal's "no, because…" exceptions an action may raise; shown in words."""
    found = [
        _journal_function("outreach", "OutreachRefused"),
        _journal_function("promises", "PromiseInvalid"),
        _journal_function("referrals", "ReferralInvalid"),
    ]
    return tuple(cls for cls in found if cls is not None)


def _command_text(name: str, item, *args) -> str:
    """What Edit → Undo calls an action taken on a Today item."""
    who = item.contact_name
    if name == "kept":
        return (
            f"mark the promise to {who} kept"
            if item.kind == "promise-due"
            else f"mark {who}'s promise kept"
        )
    if name == "nudge":
        return f"nudge {who}"
    if name == "release":
        return f"release {who} from a promise"
    if name == "thank":
        return f"thank {who} for the referral"
    return f"snooze {who} until {_fmt(args[-1])}"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def snooze_choices(today: dt.date) -> list[tuple[str, dt.date]]:
    """The snooze menu's fixed choices: (label, until)."""
    return [
        ("1 &day", today + dt.timedelta(days=1)),
        ("1 &week", today + dt.timedelta(days=7)),
        ("1 &month", add_months(today, 1)),
    ]


def _fmt(day: dt.date) -> str:
    return f"{day.strftime('%a')} {day.day} {day.strftime('%b')}"


class SnoozeDateDialog(QDialog):
    """Pick the day a contact's "gone quiet" item may come back (tomorrow at the earliest)."""

    def __init__(self, name: str, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Snooze until…")
        layout = QVBoxLayout(self)
        label = QLabel(f"Remind me about {name} again on:", self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(label)
        self.calendar = QCalendarWidget(self)
        tomorrow = today + dt.timedelta(days=1)
        self.calendar.setMinimumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        week = today + dt.timedelta(days=7)
        self.calendar.setSelectedDate(QDate(week.year, week.month, week.day))
        self.calendar.activated.connect(self.accept)
        layout.addWidget(self.calendar)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def date(self) -> dt.date:
        return self.calendar.selectedDate().toPython()

    def set_date(self, day: dt.date) -> None:
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))


class TodayView(QWidget):
    """The Today page: who to reach out to, and why, with one-key actions."""

    logInteraction = Signal(int)  # contact id: open the Log interaction dialog for them
    openContact = Signal(int)  # contact id: show the contact page
    countChanged = Signal(int)  # number of items on today's agenda (navigation badge)
    journalChanged = Signal()  # an action here wrote to the journal (snooze, kept, thanks…)
    statusMessage = Signal(str)  # a short line for the status bar (also shown here)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        timer=None,
        today: Callable[[], dt.date] | None = None,
    ):
        super().__init__(parent)
        self._today = today or dt.date.today
        self._timer = None
        self._count = -1
        self._loaded = False
        self._own_check_running = False
        self.model = TodayModel(self)
        self.date_dialog: SnoozeDateDialog | None = None

        self._title = QLabel("Today", self)
        font = self._title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self._title.setFont(font)
        self._subtitle = QLabel("", self)
        self._subtitle.setTextFormat(Qt.TextFormat.PlainText)

        self.tree = QTreeView(self)
        self.tree.setObjectName("todayTree")
        self.tree.setModel(self.model)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.doubleClicked.connect(self._on_double_click)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(REASON_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(WHEN_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(NAME_COLUMN, 200)

        self._empty = QWidget(self)
        empty_layout = QVBoxLayout(self._empty)
        empty_layout.addStretch(1)
        self.empty_title = QLabel(EMPTY_TITLE, self._empty)
        self.empty_title.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big = self.empty_title.font()
        big.setPointSizeF(big.pointSizeF() * 1.4)
        self.empty_title.setFont(big)
        self.empty_line = QLabel(EMPTY_LINE, self._empty)
        self.empty_line.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_line.setWordWrap(True)
        empty_layout.addWidget(self.empty_title)
        empty_layout.addWidget(self.empty_line)
        empty_layout.addStretch(2)

        self._loading = QLabel(LOADING_TEXT, self)
        self._loading.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.pages = QStackedWidget(self)
        self.pages.insertWidget(PAGE_LOADING, self._loading)
        self.pages.insertWidget(PAGE_LIST, self.tree)
        self.pages.insertWidget(PAGE_EMPTY, self._empty)

        self.hints = QLabel("", self)
        self.hints.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hints, 1)
        bottom.addWidget(self.status, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._subtitle)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)
        self.setFocusProxy(self.tree)

        self._functions = {
            "kept": _journal_function("promises", "mark_kept"),
            "nudge": _journal_function("promises", "nudge"),
            "nudge_question": _journal_function("promises", "nudge_question"),
            "release": _journal_function("promises", "release"),
            "thank": _journal_function("referrals", "thank"),
            "snooze": _journal_function("snoozes", "snooze"),
        }
        self.actions: dict[str, QAction] = {}
        self._make_actions()
        self.snooze_menu = QMenu("Snooze", self)
        self.snooze_menu.aboutToShow.connect(self._fill_snooze_menu)
        self.actions["snooze"].setMenu(self.snooze_menu)
        self.tree.selectionModel().currentChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)
        self.model.rowsRemoved.connect(self._update_actions)

        self._update_subtitle()
        self._update_actions()
        if timer is not None:
            self.attach_timer(timer)

    # -- actions ----------------------------------------------------------------------------

    def _make_actions(self) -> None:
        specs = [
            (
                "log",
                "&Log interaction…",
                ["L"],
                "Log a call, meeting or message",
                self.log_selected,
            ),
            ("kept", "Mark promise &kept", ["K"], "Mark this promise kept", self.mark_kept),
            ("nudge", "Send the &nudge", ["N"], "Log a polite nudge about it", self.send_nudge),
            ("thank", "&Thank the referrer", ["T"], "Log a thank-you", self.thank_referrer),
            ("snooze", "&Snooze", ["S"], "Hide until later", self.show_snooze_menu),
            (
                "open",
                "&Open contact",
                ["Return", "Enter", "O"],
                "Show the contact",
                self.open_selected,
            ),
        ]
        for name, text, keys, tip, slot in specs:
            action = QAction(text, self)
            action.setObjectName(f"today_{name}")
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setStatusTip(tip)
            action.triggered.connect(slot)
            if name in self._functions and self._functions[name] is None:
                action.setVisible(False)  # this build has no such journal action
            self.addAction(action)
            self.actions[name] = action

    def _available(self, name: str, item) -> bool:
        if item is None or not self.actions[name].isVisible():
            return False
        kinds = _KINDS_FOR[name]
        return kinds is None or item.kind in kinds

    @Slot()
    def _update_actions(self, *args) -> None:
        item = self.current_item()
        for name, action in self.actions.items():
            action.setEnabled(self._available(name, item))
        keys = []
        if item is not None:
            for name, key, word in (
                ("log", "L", "log"),
                ("kept", "K", "kept"),
                ("nudge", "N", "nudge"),
                ("thank", "T", "thank"),
                ("snooze", "S", "snooze"),
                ("open", "Enter", "open"),
            ):
                if self._available(name, item):
                    keys.append(f"{key} {word}")
        self.hints.setText("   ".join(keys))

    def _context_menu(self, pos) -> None:
        index = self.tree.indexAt(pos)
        if self.model.item(index) is None:
            return
        self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        for name in ("open", "log", "kept", "nudge", "thank"):
            if self.actions[name].isEnabled():
                menu.addAction(self.actions[name])
        if self.actions["snooze"].isEnabled():
            menu.addMenu(self.snooze_menu)
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    # -- the agenda in --------------------------------------------------------------------

    def insert_banner(self, widget: QWidget) -> None:
        """Show `widget` between the date line and the agenda (capture's findings)."""
        layout = self.layout()
        layout.insertWidget(layout.indexOf(self.pages), widget)

    def attach_timer(self, timer) -> None:
        """Take the agenda from a ReminderTimer; refresh() then asks it for a new check."""
        self._timer = timer
        timer.agendaReady.connect(self.set_items)
        if getattr(timer, "checks_done", 0):
            self.set_items(timer.items)

    @Slot()
    def refresh(self) -> None:
        """Re-read today's agenda (off the GUI thread); the selection is kept."""
        if self._timer is not None:
            self._timer.check_now()
            return
        if self._own_check_running:
            return
        from gratitude_desktop.ui.reminder_timer import check_agenda

        self._own_check_running = True
        now = dt.datetime.combine(self._today(), dt.datetime.now().time())
        run_in_pool(
            check_agenda,
            now,
            False,
            on_result=self._own_result,
            on_error=self._own_error,
        )

    def _own_result(self, found) -> None:
        self._own_check_running = False
        self.set_items(found.items)

    def _own_error(self, exc: BaseException) -> None:
        self._own_check_running = False
        self._say(f"Could not read today's agenda: {exc}")

    @Slot(list)
    def set_items(self, items: Sequence) -> None:
        """Show a new agenda; the selected item stays selected if it is still on it."""
        items = list(items)
        if self._loaded and items == self.model.items():
            self._update_subtitle()  # nothing changed: leave the list (and scroll) alone
            return
        key = self.current_key()
        position = self._current_position()
        scrolled = self.tree.verticalScrollBar().value()
        self.model.set_items(items)
        self._loaded = True
        self._after_change(key, position)
        self.tree.verticalScrollBar().setValue(scrolled)
        if self.tree.currentIndex().isValid():
            self.tree.scrollTo(self.tree.currentIndex())

    def _after_change(self, key: str | None, position: int | None) -> None:
        self.tree.expandAll()
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        count = self.model.item_count()
        self.pages.setCurrentIndex(PAGE_LIST if count else PAGE_EMPTY)
        if key is None or not self.select_key(key):
            rows = self.model.item_indexes()
            if rows:
                at = 0 if position is None else min(position, len(rows) - 1)
                self._select(rows[at])
        if count != self._count:
            self._count = count
            self.countChanged.emit(count)
        self._update_subtitle()
        self._update_actions()

    def _update_subtitle(self) -> None:
        today = self._today()
        day = f"{today.strftime('%A')} {today.day} {today.strftime('%B')}"
        count = max(self._count, 0)
        if not self._loaded and self._count < 0:
            self._subtitle.setText(day)
        elif count == 0:
            self._subtitle.setText(f"{day} · nothing due")
        else:
            self._subtitle.setText(f"{day} · {things_to_do(count)}")

    def count(self) -> int:
        """Items on the agenda as shown (0 before the first agenda arrives)."""
        return self.model.item_count()

    # -- selection --------------------------------------------------------------------------

    def current_item(self):
        """The selected AgendaItem, or None."""
        return self.model.item(self.tree.currentIndex())

    def current_key(self) -> str | None:
        item = self.current_item()
        return item.key if item is not None else None

    def _current_position(self) -> int | None:
        key = self.current_key()
        return None if key is None else self.model.position_of_key(key)

    def select_key(self, key: str) -> bool:
        """Select the item with `key`; False when it is not on the agenda."""
        index = self.model.index_of_key(key)
        if not index.isValid():
            return False
        self._select(index)
        return True

    def _select(self, index: QModelIndex) -> None:
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)

    # -- what the keys do -------------------------------------------------------------------

    @Slot()
    def log_selected(self) -> None:
        item = self.current_item()
        if item is not None:
            self.logInteraction.emit(item.contact_id)

    @Slot()
    def open_selected(self) -> None:
        item = self.current_item()
        if item is not None:
            self.openContact.emit(item.contact_id)

    def _on_double_click(self, index: QModelIndex) -> None:
        item = self.model.item(index)
        if item is not None:
            self.openContact.emit(item.contact_id)

    @Slot()
    def mark_kept(self) -> None:
        item = self.current_item()
        if self._available("kept", item):
            done = "Kept" if item.kind == "promise-due" else "They kept their promise"
            self._run("kept", item, f"{done}: {item.contact_name}", item.ref_id, self._today())

    @Slot()
    def send_nudge(self) -> None:
        """Log a nudge; the third one about a promise asks whether to release it instead."""
        item = self.current_item()
        if not self._available("nudge", item):
            return
        question = self._functions["nudge_question"](item.ref_id, self._today())
        if question is not None:
            box = QMessageBox(QMessageBox.Icon.Question, "Nudge again?", question.text, parent=self)
            box.setObjectName("todayNudgeQuestion")
            box.setTextFormat(Qt.TextFormat.PlainText)
            release = box.addButton("Release it instead", QMessageBox.ButtonRole.AcceptRole)
            again = box.addButton("Nudge anyway", QMessageBox.ButtonRole.AcceptRole)
            box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
            if not question.suggest_release:
                box.removeButton(release)
            box.exec()
            if box.clickedButton() is release:
                name = item.contact_name
                self._run(
                    "release",
                    item,
                    f"Released {name}'s promise",
                    item.ref_id,
                    self._today(),
                )
                return
            if box.clickedButton() is not again:
                return
        self._run(
            "nudge",
            item,
            f"Nudge logged for {item.contact_name}",
            item.ref_id,
            self._today(),
        )

    @Slot()
    def thank_referrer(self) -> None:
        item = self.current_item()
        if self._available("thank", item):
            self._run("thank", item, f"Thanked {item.contact_name}", item.ref_id, self._today())

    def snooze_selected(self, until: dt.date) -> None:
        """Hide the selected contact's "gone quiet" item until `until`."""
        item = self.current_item()
        if self._available("snooze", item):
            self._run(
                "snooze",
                item,
                f"{item.contact_name} snoozed until {_fmt(until)}",
                item.contact_id,
                until,
            )

    def _run(self, name: str, item, done: str, *args) -> None:
        """Do a journal action on `item` (one undoable command); on success drop it and re-read."""
        try:
            undoable(
                _command_text(name, item, *args),
                [item.contact_id],
                lambda: self._functions[name](*args),
            )
        except _refusals() as exc:
            self._say(f"{exc} Press L to log it yourself.")
            self.refresh()
            return
        position = self._current_position()
        self.model.remove_key(item.key)
        self._after_change(None, position)
        self._say(done)
        self.journalChanged.emit()
        self.refresh()

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.statusMessage.emit(text)

    # -- snooze menu ------------------------------------------------------------------------

    def _fill_snooze_menu(self) -> None:
        self.snooze_menu.clear()
        today = self._today()
        for label, until in snooze_choices(today):
            action = self.snooze_menu.addAction(f"{label} (until {_fmt(until)})")
            action.triggered.connect(lambda _=False, u=until: self.snooze_selected(u))
        pick = self.snooze_menu.addAction("&Pick a date…")
        pick.triggered.connect(self.pick_snooze_date)

    @Slot()
    def show_snooze_menu(self) -> None:
        """Pop the snooze choices up beside the selected row (keys D, W, M, P pick one)."""
        if not self._available("snooze", self.current_item()):
            return
        rect = self.tree.visualRect(self.tree.currentIndex())
        self.snooze_menu.popup(self.tree.viewport().mapToGlobal(rect.bottomLeft()))

    @Slot()
    def pick_snooze_date(self) -> None:
        item = self.current_item()
        if not self._available("snooze", item):
            return
        dialog = SnoozeDateDialog(item.contact_name, self._today(), self)
        key = item.key
        dialog.accepted.connect(lambda: self._snooze_picked(key, dialog.date()))
        dialog.finished.connect(dialog.deleteLater)
        self.date_dialog = dialog
        dialog.open()

    def _snooze_picked(self, key: str, until: dt.date) -> None:
        if self.select_key(key):
            self.snooze_selected(until)
