"""GoalsView: the ranked goals, each with this period's figure against its target, a small
chart of the last periods and whether it is on track.

Long because the list, the chart and the goal editor's wiring share one view.

Progress is computed on a worker thread (journal.goals.all_progress); reaching a goal
is recorded once per period (journal.goals.announce_reached), shown in a banner here
and emitted as `goalReached(text)` for the tray. Reorder by dragging a goal, or with
Alt+Up / Alt+Down; Insert adds, Enter or a double-click edits, Delete deletes.
A goal tallied by hand is ticked (done or not) or counted (+1) with Space; R reviews the
selected goal (a note); goals due for review say so, and the tray is told once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal import goals
from gratitude_desktop.journal.goals import GoalInvalid, GoalProgress, metric_of, period_label
from gratitude_desktop.ui.goals.dialog import GoalDialog
from gratitude_desktop.ui.goals.model import GoalListModel, ProgressRole
from gratitude_desktop.ui.undo import undoable
from gratitude_desktop.ui.workers import run_in_pool

ROW_HEIGHT = 64
CHART_WIDTH = 150
GOOD = QColor(46, 160, 67)  # readable on light and dark backgrounds
BEHIND = QColor(219, 137, 20)


def _load(today: dt.date, now: dt.datetime) -> tuple[list[GoalProgress], list[GoalProgress]]:
    """On the worker: every goal's progress, and the ones reached for the first time."""
    rows = goals.all_progress(today)
    try:
        fresh = goals.announce_reached(rows, now)
    except Exception:  # noqa: BLE001 - a read-only journal cannot record; just don't celebrate
        fresh = []
    return rows, fresh


def milestone_text(p: GoalProgress) -> str:
    """' · next milestone: 20 by 2027-03-31 (12 so far)', or '' when none is ahead."""
    metric = metric_of(p.metric)
    ahead = [m for m in p.milestones if not m.reached]
    if not ahead:
        return " · every milestone reached" if p.milestones else ""
    m = ahead[0]
    so_far = "" if m.value is None else f" ({metric.format(m.value)} so far)"
    return f" · next milestone: {metric.format(m.target)} by {m.due_on:%Y-%m-%d}{so_far}"


class GoalDelegate(QStyledItemDelegate):
    """Paints one goal: title and figure on the left, the last periods as bars on the right."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(400, ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        p: GoalProgress | None = index.data(ProgressRole)
        if p is None:
            return super().paint(painter, option, index)
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        text = pal.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = QColor(text)
        muted.setAlphaF(0.65)
        r = option.rect.adjusted(10, 6, -10, -6)
        chart = QRect(r.right() - CHART_WIDTH, r.top(), CHART_WIDTH, r.height())
        left = QRect(r.left() + 18, r.top(), r.width() - CHART_WIDTH - 30, r.height())

        # on-track dot
        state = GOOD if (p.reached or p.on_track) else BEHIND
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(state)
        painter.drawEllipse(r.left(), r.top() + 5, 10, 10)

        font = option.font
        bold = painter.font()
        bold.setPointSizeF(font.pointSizeF() * 1.05)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text)
        line = left.height() // 2
        title = painter.fontMetrics().elidedText(p.title, Qt.TextElideMode.ElideRight, left.width())
        painter.drawText(
            QRect(left.left(), left.top(), left.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            title,
        )
        painter.setFont(font)
        painter.setPen(muted)
        if p.reached:
            state_text = "reached"
        elif p.on_track:
            state_text = "on track"
        else:
            state_text = "behind"
        if p.checked:
            detail = f"{p.text}{milestone_text(p)}"
        else:
            detail = f"{p.text} this {p.period} · {state_text}{milestone_text(p)}"
        if p.due_for_review:
            detail += f" · due for review since {p.review_on:%Y-%m-%d}"
        elif p.review_on is not None:
            detail += f" · review on {p.review_on:%Y-%m-%d}"
        detail = painter.fontMetrics().elidedText(detail, Qt.TextElideMode.ElideRight, left.width())
        painter.drawText(
            QRect(left.left(), left.top() + line, left.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            detail,
        )

        self._paint_history(painter, chart, p, text, muted, pal, selected)
        painter.restore()

    def _paint_history(
        self, painter, rect: QRect, p: GoalProgress, text, muted, pal, selected: bool = False
    ) -> None:
        """Bars for the last periods (this one last), the target as a line."""
        metric = metric_of(p.metric)
        values = [v for _, v in p.history]
        top = max([v for v in values if v is not None] + [p.target, 1e-9])
        label_h = painter.fontMetrics().height()
        area = rect.adjusted(0, 2, 0, -label_h)
        n = max(1, len(values))
        slot = area.width() / n
        small = painter.font()
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
        painter.setFont(small)
        for i, ((start, value), _) in enumerate(zip(p.history, values, strict=True)):
            x = area.left() + int(i * slot) + 3
            w = max(2, int(slot) - 6)
            if value is not None and value > 0:
                h = max(2, int(area.height() * value / top))
                good = (value <= p.target) if metric.at_most else (value >= p.target)
                other = text if selected else pal.color(QPalette.ColorRole.Highlight)
                color = QColor(GOOD if good else other)
                if i < n - 1:
                    color.setAlphaF(0.7)
                painter.fillRect(x, area.bottom() - h + 1, w, h, color)
            painter.setPen(muted)
            painter.drawText(
                QRect(x - 4, area.bottom() + 1, w + 8, label_h),
                Qt.AlignmentFlag.AlignHCenter,
                period_label(p.period, start)[:3],
            )
        # target line
        y = area.bottom() - int(area.height() * p.target / top)
        painter.setPen(text)
        painter.drawLine(area.left(), y, area.right(), y)


class GoalsView(QWidget):
    goalReached = Signal(str)  # plain text for the tray: "Goal reached: …"
    refreshed = Signal()  # the list shows fresh figures
    goalsChanged = Signal()  # a goal was added, edited, deleted or moved

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
        self._generation = 0
        self.model = GoalListModel(self)
        self.model.orderChanged.connect(self._save_order)

        title = QLabel("Goals", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.summary = QLabel("", self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.banner = QLabel(self)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Celebration")
        self.banner.setAutoFillBackground(True)
        pal = self.banner.palette()
        pal.setColor(QPalette.ColorRole.Window, GOOD)
        pal.setColor(QPalette.ColorRole.WindowText, QColor("white"))
        self.banner.setPalette(pal)
        self.banner.setMargin(8)
        self.banner.hide()
        self.banner_close = QPushButton("Dismiss", self)
        self.banner_close.clicked.connect(self.dismiss_banner)
        self.banner_close.hide()

        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(GoalDelegate(self.list))
        self.list.setAccessibleName("Goals")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setDragEnabled(True)
        self.list.setAcceptDrops(True)
        self.list.setDropIndicatorShown(True)
        self.list.setUniformItemSizes(True)
        self.list.setSpacing(2)
        self.list.doubleClicked.connect(lambda _i: self.edit_selected())

        self.empty = QLabel(
            "No goals yet. Goals that are not written down are just wishes: add one.", self
        )
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()

        self.add_button = QPushButton("Add goal…", self)
        self.edit_button = QPushButton("Edit…", self)
        self.delete_button = QPushButton("Delete", self)
        self.up_button = QPushButton("Move up", self)
        self.down_button = QPushButton("Move down", self)
        self.tick_button = QPushButton("&Done", self)
        self.tick_button.setObjectName("tickGoal")
        self.review_button = QPushButton("&Review…", self)
        self.review_button.setObjectName("reviewGoal")
        for button, slot, tip in (
            (self.add_button, self.add_goal, "Write down a new goal (Insert)"),
            (self.edit_button, self.edit_selected, "Change the selected goal (Enter)"),
            (self.delete_button, self.delete_selected, "Delete the selected goal (Del)"),
            (self.up_button, lambda: self.move_selected(-1), "Rank it higher (Alt+Up)"),
            (self.down_button, lambda: self.move_selected(1), "Rank it lower (Alt+Down)"),
            (self.tick_button, self.tick_selected, "Tick it done, or count one more (Space)"),
            (self.review_button, self.review_selected, "Look back at it and write a note (R)"),
        ):
            button.clicked.connect(slot)
            button.setToolTip(tip)
            button.setStatusTip(tip)
        self.list.installEventFilter(self)

        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.summary)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.banner_close)
        buttons = QHBoxLayout()
        for b in (
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.tick_button,
            self.review_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(banner_row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def eventFilter(self, watched, event) -> bool:
        """Keys on the list: Insert adds, Enter edits, Delete deletes, Alt+Up/Down move."""
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            key, mods = event.key(), event.modifiers()
            alt = mods == Qt.KeyboardModifier.AltModifier
            if key == Qt.Key.Key_Insert and not mods:
                self.add_goal()
            elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods:
                self.edit_selected()
            elif key == Qt.Key.Key_Delete and not mods:
                self.delete_selected()
            elif key == Qt.Key.Key_Space and not mods:
                self.tick_selected()
            elif key == Qt.Key.Key_R and not mods:
                self.review_selected()
            elif key == Qt.Key.Key_Up and alt:
                self.move_selected(-1)
            elif key == Qt.Key.Key_Down and alt:
                self.move_selected(1)
            else:
                return False
            return True
        return super().eventFilter(watched, event)

    # -- loading ----------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Recompute every goal's figures on a worker; `refreshed` when they are shown."""
        self._generation += 1
        generation = self._generation
        run_in_pool(
            _load,
            self._today_fn(),
            self._now_fn(),
            on_result=lambda result: self._loaded(generation, result),
        )

    def _loaded(self, generation: int, result) -> None:
        if generation != self._generation:
            return  # a newer refresh is on its way
        rows, fresh = result
        current = self.selected_goal_id()
        self.model.set_rows(rows)
        if current is not None and self.model.row_of(current) >= 0:
            self.select_goal(current)
        elif rows:
            self.list.setCurrentIndex(self.model.index(0))
        self.list.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        reached = sum(1 for r in rows if r.reached)
        behind = sum(1 for r in rows if not r.reached and not r.on_track)
        review = sum(1 for r in rows if r.due_for_review)
        text = f"{len(rows)} goals · {reached} reached · {behind} behind" if rows else ""
        self.summary.setText(text + (f" · {review} due for review" if review else ""))
        if fresh:
            self.celebrate(fresh)
        self._update_buttons()
        self.refreshed.emit()

    def celebrate(self, reached: list[GoalProgress]) -> None:
        """Show the banner and tell the tray, once per goal and period (the caller made sure)."""
        texts = [goals.celebration_text(p) for p in reached]
        self.banner.setText("\n".join(texts))
        self.banner.show()
        self.banner_close.show()
        for text in texts:
            self.goalReached.emit(text)

    def dismiss_banner(self) -> None:
        self.banner.hide()
        self.banner_close.hide()

    # -- selection --------------------------------------------------------------------------

    def selected_goal_id(self) -> int | None:
        index = self.list.currentIndex()
        p = index.data(ProgressRole) if index.isValid() else None
        return p.goal_id if p else None

    def select_goal(self, goal_id: int) -> None:
        row = self.model.row_of(goal_id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))

    def _update_buttons(self) -> None:
        row = self.list.currentIndex().row() if self.list.currentIndex().isValid() else -1
        has = row >= 0
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        p = self.list.currentIndex().data(ProgressRole) if has else None
        manual = p is not None and p.metric == goals.MANUAL
        self.tick_button.setEnabled(manual)
        if p is not None and p.checked:
            self.tick_button.setText("Not done" if p.reached else "&Done")
        else:
            self.tick_button.setText("+&1" if manual else "&Done")
        self.review_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.model.rowCount() - 1)

    # -- actions ----------------------------------------------------------------------------

    def open_dialog(self, dialog: GoalDialog) -> bool:
        """Run the dialog modally (a seam tests replace)."""
        return dialog.exec() == GoalDialog.DialogCode.Accepted

    def confirm_delete(self, title: str) -> bool:
        """Ask before deleting (a seam tests replace)."""
        answer = QMessageBox.question(
            self, "Delete goal", f"Delete the goal “{title}”? Its milestones go with it."
        )
        return answer == QMessageBox.StandardButton.Yes

    def add_goal(self) -> int | None:
        dialog = GoalDialog(None, self)
        if not self.open_dialog(dialog):
            return None
        return self._save(dialog)

    def edit_selected(self) -> int | None:
        goal_id = self.selected_goal_id()
        if goal_id is None:
            return None
        dialog = GoalDialog(goals.load_goal(goal_id), self)
        if not self.open_dialog(dialog):
            return None
        return self._save(dialog)

    def _save(self, dialog: GoalDialog) -> int | None:
        data = dialog.goal_data()
        try:
            goal_id = undoable(
                f"{'edit' if data.id is not None else 'add'} the goal “{data.title.strip()}”",
                [],
                lambda: goals.save_goal(data),
                goals=True,
            )
        except GoalInvalid as error:
            QMessageBox.warning(self, "Goal not saved", str(error))
            return None
        self.goalsChanged.emit()
        self.refresh()
        self._after_refresh_select(goal_id)
        return goal_id

    def _after_refresh_select(self, goal_id: int) -> None:
        def select() -> None:
            self.refreshed.disconnect(select)
            self.select_goal(goal_id)

        self.refreshed.connect(select)

    def delete_selected(self) -> bool:
        goal_id = self.selected_goal_id()
        if goal_id is None:
            return False
        title = self.list.currentIndex().data(ProgressRole).title
        if not self.confirm_delete(title):
            return False
        undoable(f"delete the goal “{title}”", [], lambda: goals.delete_goal(goal_id), goals=True)
        self.goalsChanged.emit()
        self.refresh()
        return True

    def _selected(self) -> GoalProgress | None:
        index = self.list.currentIndex()
        return index.data(ProgressRole) if index.isValid() else None

    def tick_selected(self) -> None:
        """A goal tallied by hand: tick it done (or not done again), or count one more."""
        p = self._selected()
        if p is None or p.metric != goals.MANUAL or p.goal_id is None:
            return
        try:
            if p.checked:
                done = not p.reached
                verb = "tick" if done else "untick"
                undoable(
                    f"{verb} “{p.title}”",
                    [],
                    lambda: goals.set_done(p.goal_id, done),
                    goals=True,
                )
            else:
                tally = (p.value or 0) + 1
                undoable(
                    f"count one more for “{p.title}”",
                    [],
                    lambda: goals.set_tally(p.goal_id, tally),
                    goals=True,
                )
        except GoalInvalid as error:
            QMessageBox.warning(self, "Goal not changed", str(error))
            return
        self.goalsChanged.emit()
        self.refresh()

    def ask_review_note(self, p: GoalProgress) -> str | None:
        """Ask what the review found (a seam tests replace); None when cancelled."""
        from PySide6.QtWidgets import QInputDialog

        dialog = QInputDialog(self)
        dialog.setObjectName("goalReview")
        dialog.setWindowTitle("Review goal")
        dialog.setLabelText(f"“{p.title}”: {p.text}. How did it go, and what next?")
        dialog.setOkButtonText("Record review")
        for label_widget in dialog.findChildren(QLabel):
            label_widget.setTextFormat(Qt.TextFormat.PlainText)
        if dialog.exec() != QInputDialog.DialogCode.Accepted:
            return None
        return dialog.textValue().strip() or None

    def review_selected(self) -> int | None:
        """Review the selected goal: a note is recorded, the next review date is set."""
        p = self._selected()
        if p is None or p.goal_id is None:
            return None
        note = self.ask_review_note(p)
        if note is None:
            return None
        today = self._today_fn()
        review_id = undoable(
            f"review “{p.title}”",
            [],
            lambda: goals.review_goal(p.goal_id, note, today),
            goals=True,
        )
        self.goalsChanged.emit()
        self.refresh()
        return review_id

    def move_selected(self, step: int) -> None:
        row = self.list.currentIndex().row()
        if row < 0:
            return
        target = row + step
        if not 0 <= target < self.model.rowCount():
            return
        dest = target + 1 if step > 0 else target
        self.model.moveRows(QModelIndex(), row, 1, QModelIndex(), dest)
        self.list.setCurrentIndex(self.model.index(target))
        self._update_buttons()

    def _save_order(self, goal_ids: list[int]) -> None:
        undoable("reorder the goals", [], lambda: goals.reorder_goals(goal_ids), goals=True)
        self.goalsChanged.emit()
