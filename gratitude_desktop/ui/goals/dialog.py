"""GoalDialog: add or edit a goal — title, metric (with its description), target, period,
review date and optional milestones (a target to reach by a date).

Besides the journal's metrics, a goal may be tallied by hand: a count toward the target,
or done or not (no target)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.goals import (
    MANUAL,
    METRICS,
    GoalData,
    MilestoneData,
    metric_of,
    period_bounds,
    validate_goal,
)
from gratitude_desktop.store.enums import GoalPeriod, label
from gratitude_desktop.ui.dialog_parts import date_edit

TALLY, CHECK = "manual:tally", "manual:done"  # the two ways a goal is tallied by hand
MANUAL_CHOICES = (
    (TALLY, "Counted by hand", "A number you add to yourself, toward the target "
     "(“Speak at the Chamber twice this year”)."),
    (CHECK, "Done or not, ticked by hand", "No target: tick it when it is done "
     "(“Find a mentor”)."),
)  # fmt: skip


class GoalDialog(QDialog):
    """Edit one GoalData; `goal_data()` returns what the user entered (shares as fractions)."""

    def __init__(self, goal: GoalData | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Edit goal" if goal and goal.id else "New goal")
        self._goal = goal
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("Meet four new people a month")
        self.title.setAccessibleName("Title")
        # Not `metric`: that name is QPaintDevice.metric(), which painting calls.
        self.metric_choice = QComboBox(self)
        self.metric_choice.setAccessibleName("Metric")
        for key, metric in METRICS.items():
            self.metric_choice.addItem(metric.title, key)
            self.metric_choice.setItemData(
                self.metric_choice.count() - 1, metric.description, Qt.ItemDataRole.ToolTipRole
            )
        self._about = {key: m.description for key, m in METRICS.items()}
        for key, title, about in MANUAL_CHOICES:
            self.metric_choice.addItem(title, key)
            self.metric_choice.setItemData(
                self.metric_choice.count() - 1, about, Qt.ItemDataRole.ToolTipRole
            )
            self._about[key] = about
        self.description = QLabel(self)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.description.setEnabled(False)  # muted
        self.target = QDoubleSpinBox(self)
        self.target.setAccessibleName("Target")
        self.target.setDecimals(0)
        self.target.setRange(0, 100000)
        self.period = QComboBox(self)
        self.period.setAccessibleName("Period")
        for p in GoalPeriod:
            self.period.addItem(label(p.value), p.value)
        self.review_on = date_edit(self)
        self.review_on.setAccessibleName("Review on")
        self.review_on.setToolTip("When to look back at this goal (the end of its period)")
        self.period.currentIndexChanged.connect(self._period_changed)

        self.milestones = QTableWidget(0, 3, self)
        self.milestones.setAccessibleName("Milestones")
        self.milestones.setHorizontalHeaderLabels(["By", "Target", "Note"])
        self.milestones.verticalHeader().hide()
        self.milestones.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.milestones.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.milestones.setMinimumHeight(110)
        add = QPushButton("Add milestone", self)
        add.clicked.connect(lambda: self.add_milestone())
        remove = QPushButton("Remove", self)
        remove.clicked.connect(self.remove_milestone)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(add)
        buttons_row.addWidget(remove)
        buttons_row.addStretch(1)

        self.problems = QLabel(self)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setWordWrap(True)
        self.problems.hide()

        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Metric:", self.metric_choice)
        form.addRow("", self.description)
        form.addRow("T&arget:", self.target)
        form.addRow("&Period:", self.period)
        form.addRow("&Review on:", self.review_on)
        self._form = form
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Milestones toward it (optional):", self))
        layout.addWidget(self.milestones)
        layout.addLayout(buttons_row)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

        self.metric_choice.currentIndexChanged.connect(self._metric_changed)
        self._metric_changed()
        self._period_changed()
        if goal is not None:
            self._fill(goal)
        self.resize(520, 440)

    # -- values ----------------------------------------------------------------------------

    def _share(self) -> bool:
        return metric_of(self.metric_choice.currentData()).share

    def _metric_changed(self) -> None:
        key = self.metric_choice.currentData()
        metric = metric_of(key)
        self.description.setText(self._about.get(key, metric.description))
        self.target.setSuffix(" %" if metric.share else "")
        self.target.setMaximum(100 if metric.share else 100000)
        self._form.setRowVisible(self.target, key != CHECK)

    def _period_changed(self, *_args) -> None:
        """A new goal is reviewed at the end of its period (until the user says otherwise)."""
        if self._goal is None or self._goal.review_on is None:
            end = period_bounds(self.period.currentData(), dt.date.today())[1]
            self.review_on.setDate(QDate(end.year, end.month, end.day))

    def _shown(self, value: float) -> float:
        return value * 100 if self._share() else value

    def _stored(self, value: float) -> float:
        return value / 100 if self._share() else value

    def _fill(self, goal: GoalData) -> None:
        self.title.setText(goal.title)
        key = (CHECK if goal.checked else TALLY) if goal.manual else goal.metric
        index = self.metric_choice.findData(key)
        if index >= 0:
            self.metric_choice.setCurrentIndex(index)
        self.period.setCurrentIndex(max(0, self.period.findData(goal.period)))
        self.target.setValue(self._shown(goal.target))
        if goal.review_on is not None:
            day = goal.review_on
            self.review_on.setDate(QDate(day.year, day.month, day.day))
        for m in goal.milestones:
            self.add_milestone(m)

    def add_milestone(self, milestone: MilestoneData | None = None) -> int:
        """Append a milestone row (today + 3 months by default); returns its row."""
        row = self.milestones.rowCount()
        self.milestones.insertRow(row)
        when = date_edit(self.milestones)
        day = milestone.due_on if milestone else dt.date.today() + dt.timedelta(days=91)
        when.setDate(QDate(day.year, day.month, day.day))
        target = QDoubleSpinBox(self.milestones)
        target.setDecimals(0)
        target.setRange(0, 100 if self._share() else 100000)
        target.setValue(self._shown(milestone.target) if milestone else 0)
        self.milestones.setCellWidget(row, 0, when)
        self.milestones.setCellWidget(row, 1, target)
        self.milestones.setItem(row, 2, QTableWidgetItem(milestone.note if milestone else ""))
        return row

    def remove_milestone(self) -> None:
        row = self.milestones.currentRow()
        if row >= 0:
            self.milestones.removeRow(row)

    def goal_data(self) -> GoalData:
        """The goal as entered (id and rank of the goal being edited kept)."""
        milestones = []
        for row in range(self.milestones.rowCount()):
            day = self.milestones.cellWidget(row, 0).date()
            note = self.milestones.item(row, 2)
            milestones.append(
                MilestoneData(
                    self._stored(self.milestones.cellWidget(row, 1).value()),
                    dt.date(day.year(), day.month(), day.day()),
                    note.text().strip() if note else "",
                )
            )
        key = self.metric_choice.currentData()
        old = self._goal
        tally = done = None
        if key == TALLY:
            tally = old.tally if old and old.tally is not None else 0.0
        elif key == CHECK:
            done = bool(old.done) if old and old.done is not None else False
        return GoalData(
            self.title.text().strip(),
            MANUAL if key in (TALLY, CHECK) else key,
            1.0 if key == CHECK else self._stored(self.target.value()),
            self.period.currentData(),
            tuple(sorted(milestones, key=lambda m: m.due_on)),
            old.id if old else None,
            old.rank if old else 0,
            tally,
            done,
            self.review_on.date().toPython(),
        )

    def accept(self) -> None:
        """Close only when the goal is valid; otherwise say what is wrong."""
        problems = validate_goal(self.goal_data())
        if problems:
            self.problems.setText("\n".join(p.message for p in problems))
            self.problems.show()
            if any(p.field == "title" for p in problems):
                self.title.setFocus()
            return
        super().accept()
