"""PromisesView: every open promise, grouped, searchable, sortable and keyboard-driven.

Keys (on the list or the search box): Ctrl+K or Space marks the selected promise kept (it is
logged on the timeline), C can't keep it…, B broken…, R released, N nudge (a promise owed to
us that is overdue), O reopen (a closed one, when they are shown), E edit…, Enter opens the
contact; Ctrl+Z is the window's undo. The rules live in journal.promises; outreach to a
do-not-contact person is refused by journal.outreach unless the user gives a reason, which
this view asks for. The action slots are in follow_through.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal import promises
from gratitude_desktop.journal.promises import PromiseRow
from gratitude_desktop.ui.promises.follow_through import FollowThroughMixin
from gratitude_desktop.ui.promises.model import PromiseTableModel
from gratitude_desktop.ui.promises.questions import QuestionsMixin

SEARCH_DELAY_MS = 150
KEYS_HINT = (
    "Ctrl+K or Space: kept · C: can't keep it · B: broken · R: released · "
    "N: nudge · O: reopen · E: edit · Ctrl+Z: undo · Enter: open contact"
)


class PromisesView(FollowThroughMixin, QuestionsMixin, QWidget):
    """All open promises of the journal in four groups, with one-key actions."""

    openContact = Signal(int)  # contact id to show
    promisesChanged = Signal(int)  # contact id whose promises (and maybe timeline) changed

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] | None = None,
        now: Callable[[], dt.datetime] | None = None,
    ):
        super().__init__(parent)
        self._today_fn = today or dt.date.today
        self._now_fn = now or (lambda: dt.datetime.now().replace(microsecond=0))
        self.model = PromiseTableModel(self._today_fn, self)

        title = QLabel("Promises", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.summary = QLabel("", self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search promises and names…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search promises")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_search_and_focus_list)
        self.show_done = QCheckBox("Show kept, released and broken", self)
        self.show_done.setToolTip("Also list the promises that are no longer open")
        self.show_done.toggled.connect(self._toggle_done)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        for column, width in ((0, 100), (1, 165), (2, 210), (4, 100)):
            self.table.setColumnWidth(column, width)

        self.empty = QLabel(self)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.keys_hint = QLabel(KEYS_HINT, self)
        self.keys_hint.setEnabled(False)  # drawn muted: a reminder, not content

        self._make_actions()
        toolbar = QToolBar(self)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in self.actions_in_order():
            toolbar.addAction(action)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_done)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(toolbar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.keys_hint)

        self.model.modelReset.connect(self._after_reset)
        self.model.rowsInserted.connect(lambda *_: self._update_spans())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.table.doubleClicked.connect(lambda _i: self.open_contact())
        self.table.customContextMenuRequested.connect(self._context_menu)
        self._after_reset()
        self.select_first()

    # -- actions -----------------------------------------------------------------------

    def _action(self, text, keys, tip, slot, icon=None, owner=None) -> QAction:
        # Letters and Space are safe view-wide: the search box takes typed text first.
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
            if owner is None
            else Qt.ShortcutContext.WidgetShortcut
        )
        shown = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
        action.setStatusTip(tip)
        action.setToolTip(f"{tip} ({shown})")
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(lambda _checked=False: slot())
        (owner or self).addAction(action)
        return action

    def _make_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.kept_action = self._action(
            "Mark &kept",
            ["Ctrl+K", "Space"],
            "Mark the promise kept and log it on the timeline",
            self.mark_kept,
            sp.SP_DialogApplyButton,
        )
        self.cant_keep_action = self._action(
            "&Can't keep it…",
            ["C"],
            "Something beyond your control is in the way: record why and tell them",
            self.cant_keep,
            sp.SP_MessageBoxWarning,
        )
        self.broken_action = self._action(
            "&Broken…",
            ["B"],
            "Mark the promise broken, and log an apology if you like",
            self.mark_broken,
            sp.SP_DialogCancelButton,
        )
        self.release_action = self._action(
            "&Released",
            ["R"],
            "They let us (or them) off this promise",
            self.release,
            sp.SP_DialogResetButton,
        )
        self.nudge_action = self._action(
            "&Nudge",
            ["N"],
            "Log a polite nudge for an overdue promise owed to you",
            self.nudge,
            sp.SP_MessageBoxInformation,
        )
        self.reopen_action = self._action(
            "Re&open",
            ["O"],
            "Open a kept, released or broken promise again",
            self.reopen,
            sp.SP_BrowserReload,
        )
        self.edit_action = self._action(
            "&Edit…",
            ["E", "F2"],
            "Change what was promised, who owes it, or its dates",
            self.edit,
            sp.SP_FileDialogDetailedView,
        )
        self.open_action = self._action(
            "&Open contact",
            ["Return", "Enter"],
            "Show the contact of this promise",
            self.open_contact,
            sp.SP_ArrowForward,
            owner=self.table,  # Return in the search box goes to the list instead
        )

    def actions_in_order(self) -> list[QAction]:
        return [
            self.kept_action,
            self.cant_keep_action,
            self.broken_action,
            self.release_action,
            self.nudge_action,
            self.reopen_action,
            self.edit_action,
            self.open_action,
        ]

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        for action in self.actions_in_order():
            menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _update_actions(self) -> None:
        row = self.current_promise()
        is_open = row is not None and row.status == "open"
        self.reopen_action.setEnabled(row is not None and not is_open)
        self.reopen_action.setVisible(self.model.show_done)
        for action in (self.kept_action, self.broken_action, self.release_action):
            action.setEnabled(is_open)
        self.open_action.setEnabled(row is not None)
        self.edit_action.setEnabled(row is not None)
        self.cant_keep_action.setEnabled(is_open and row.we_owe)
        self.nudge_action.setEnabled(is_open and promises.can_nudge(row, self.model.today))

    # -- the list ----------------------------------------------------------------------

    def _toggle_done(self, show: bool) -> None:
        self.model.set_show_done(show)
        self.select_first()

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search.text())
        self.select_first()

    def _apply_search_and_focus_list(self) -> None:
        self._apply_search()
        self.table.setFocus()

    def _after_reset(self) -> None:
        self._update_spans()
        total = self.model.total()
        counts = self.model.counts()
        open_count = total - counts.get(promises.DONE, 0)
        if total:
            overdue = counts[promises.OVERDUE]
            parts = [f"{open_count} open"]
            if overdue:
                parts.append(f"{overdue} overdue")
            if counts[promises.OWED_TO_US]:
                parts.append(f"{counts[promises.OWED_TO_US]} owed to you")
            self.summary.setText(" · ".join(parts))
        else:
            self.summary.setText("")
        searching = bool(self.model.search_text)
        self.empty.setText(
            f"No open promise matches “{self.model.search_text}”."
            if searching
            else "No open promises. Promises you make, and promises made to you, "
            "show up here until they are kept."
        )
        self.table.setVisible(total > 0)
        self.empty.setVisible(total == 0)
        self._update_actions()

    def _update_spans(self) -> None:
        self.table.clearSpans()
        columns = self.model.columnCount()
        for row in self.model.header_rows():
            self.table.setSpan(row, 0, 1, columns)

    def showEvent(self, event) -> None:
        """Coming back to the page shows the promises as they are now (and today's groups)."""
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()

    def refresh(self) -> None:
        """Read the promises again (the journal changed elsewhere, or the day turned)."""
        self._reload_keeping_place(self.table.currentIndex().row())

    def current_promise(self) -> PromiseRow | None:
        return self.model.promise_at(self.table.currentIndex().row())

    def _current_open(self) -> PromiseRow | None:
        row = self.current_promise()
        return row if row is not None and row.status == "open" else None

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self._update_actions()

    def select_promise(self, promise_id: int) -> bool:
        row = self.model.row_of(promise_id)
        if row >= 0:
            self.select_row(row)
        return row >= 0

    def select_first(self) -> None:
        self._select_near(0)

    def _select_near(self, row: int) -> None:
        count = self.model.rowCount()
        if not count:
            self._update_actions()
            return
        row = max(0, min(row, count - 1))
        for candidate in [*range(row, count), *range(row - 1, -1, -1)]:
            if self.model.promise_at(candidate) is not None:
                self.select_row(candidate)
                return
        self._update_actions()

    def _reload_keeping_place(self, row: int) -> None:
        self.model.reload()
        self._select_near(row)

    def open_contact(self) -> None:
        row = self.current_promise()
        if row is not None:
            self.openContact.emit(row.contact_id)
