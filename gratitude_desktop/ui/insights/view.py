"""InsightsView: relationship health by stage and circle, interactions per week and the
ladder, as Qt Charts.

The figures are computed on a worker (journal.insights.compute_insights) when the
view is shown and when the journal changes while it is shown (`journal_changed`);
a change while hidden only marks the figures stale until the next show. A result
that arrives after a newer request is dropped. `refreshed` is emitted once the
charts show fresh figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.agenda import QUIET
from gratitude_desktop.journal.insights import Insights, compute_insights
from gratitude_desktop.store.enums import label
from gratitude_desktop.ui.insights.charts import (
    apply_palette,
    health_chart,
    ladder_chart,
    weekly_chart,
)
from gratitude_desktop.ui.workers import run_in_pool


class InsightsView(QWidget):
    refreshed = Signal()
    openContact = Signal(int)  # a contact in "Still the right number?" was opened

    def __init__(
        self, parent: QWidget | None = None, *, today: Callable[[], dt.date] | None = None
    ):
        super().__init__(parent)
        self._today_fn = today or dt.date.today
        self._generation = 0
        self._stale = True
        self.insights: Insights | None = None
        self._quiet: int | None = None  # "gone quiet" items on today's agenda, once known

        title = QLabel("Insights", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.summary = QLabel("Counting…", self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)

        self.stage_view = self._chart_view("Cadence by stage")
        self.circle_view = self._chart_view("Cadence by circle")
        self.weekly_view = self._chart_view("Interactions per week")
        self.ladder_view = self._chart_view("The ladder")

        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        head.addWidget(self.summary, 1)
        grid = QGridLayout()
        grid.addWidget(self.stage_view, 0, 0)
        grid.addWidget(self.circle_view, 0, 1)
        grid.addWidget(self.weekly_view, 1, 0)
        grid.addWidget(self.ladder_view, 1, 1)
        # Lost customers by reason, and contacts whose details may be out of date.
        self.lost_box = QGroupBox("Why customers were lost", self)
        self.lost_text = QLabel("", self.lost_box)
        self.lost_text.setObjectName("lostReasons")
        self.lost_text.setTextFormat(Qt.TextFormat.PlainText)
        self.lost_text.setWordWrap(True)
        self.lost_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        QVBoxLayout(self.lost_box).addWidget(self.lost_text)
        self.unconfirmed_box = QGroupBox("Still the right number?", self)
        self.unconfirmed_note = QLabel("", self.unconfirmed_box)
        self.unconfirmed_note.setTextFormat(Qt.TextFormat.PlainText)
        self.unconfirmed_note.setWordWrap(True)
        self.unconfirmed = QListWidget(self.unconfirmed_box)
        self.unconfirmed.setObjectName("unconfirmed")
        self.unconfirmed.setAccessibleName("Details not confirmed for two years")
        self.unconfirmed.itemActivated.connect(
            lambda item: self.openContact.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        box = QVBoxLayout(self.unconfirmed_box)
        box.addWidget(self.unconfirmed_note)
        box.addWidget(self.unconfirmed, 1)
        lists = QHBoxLayout()
        lists.addWidget(self.lost_box, 1)
        lists.addWidget(self.unconfirmed_box, 1)
        for group in (self.lost_box, self.unconfirmed_box):
            group.setMaximumHeight(190)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(grid, 1)
        layout.addLayout(lists)

    def _chart_view(self, name: str) -> QChartView:
        view = QChartView(self)
        view.setAccessibleName(name)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumSize(280, 220)
        view.setChart(QChart())
        view.chart().setBackgroundVisible(False)
        return view

    # -- charts the tests and others can look at --------------------------------------------

    @property
    def stage_chart(self) -> QChart:
        return self.stage_view.chart()

    @property
    def circle_chart(self) -> QChart:
        return self.circle_view.chart()

    @property
    def weekly_chart(self) -> QChart:
        return self.weekly_view.chart()

    @property
    def ladder_chart(self) -> QChart:
        return self.ladder_view.chart()

    # -- loading ----------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def journal_changed(self, *_args) -> None:
        """Something in the journal changed: recount now if shown, else on the next show."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Recount on a worker; the charts change when the result arrives."""
        self._stale = False
        self._generation += 1
        generation = self._generation
        run_in_pool(
            compute_insights,
            self._today_fn(),
            on_result=lambda result: self._loaded(generation, result),
            on_error=lambda error: self._failed(generation, error),
        )

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._stale = True
            self.summary.setText(f"Could not count: {error}")

    def set_agenda(self, items) -> None:
        """Today's agenda (the reminder timer's): its gone-quiet items are named beside ours."""
        self._quiet = sum(1 for item in items if item.kind == QUIET)
        if self.insights is not None:
            self.summary.setText(self._summary_text(self.insights))

    def _summary_text(self, insights: Insights) -> str:
        """The totals in words; "past their cadence" says how it differs from Today's list."""
        t = insights.health.total
        with_cadence = t.within + t.due + t.overdue
        share = f" ({round(100 * t.within / with_cadence)}% within)" if with_cadence else ""
        week = sum(n for _, n in insights.weekly[-1:])
        year = sum(n for _, n in insights.weekly)
        return (
            f"{t.total:,} contacts: {t.within:,} within cadence{share}, {t.due:,} due this "
            f"week, {t.overdue:,} past their cadence{self._quiet_text(t.overdue)}, "
            f"{t.no_cadence:,} without a cadence · "
            f"{week:,} interactions this week, {year:,} in the last year"
        )

    def _quiet_text(self, overdue: int) -> str:
        if self._quiet is None or not overdue:
            return ""
        if self._quiet == overdue:
            return " (all on Today as gone quiet)"
        return (
            f" (Today lists {self._quiet:,} as gone quiet: it leaves out the snoozed, "
            "those who asked not to be contacted and lost customers to ask why first)"
        )

    def _loaded(self, generation: int, insights: Insights) -> None:
        if generation != self._generation:
            return
        self.insights = insights
        self.summary.setText(self._summary_text(insights))
        self._set(self.stage_view, health_chart("Cadence by stage", insights.health.by_stage))
        self._set(self.circle_view, health_chart("Cadence by circle", insights.health.by_circle))
        self._set(self.weekly_view, weekly_chart(insights.weekly))
        self._set(self.ladder_view, ladder_chart(insights.ladder))
        self._show_lists(insights)
        self.refreshed.emit()

    def _show_lists(self, insights: Insights) -> None:
        if insights.lost_reasons:
            self.lost_text.setText(
                "\n".join(
                    f"{label(r.reason)}: {r.lost} lost · {r.asked} asked why since · "
                    f"{r.won_back} won back"
                    for r in insights.lost_reasons
                )
            )
        else:
            self.lost_text.setText("No customer marked lost.")
        total = insights.unconfirmed_total
        shown = len(insights.unconfirmed)
        more = f" (the {shown} oldest below)" if total > shown else ""
        self.unconfirmed_note.setText(
            f"{total:,} contacts' details were not confirmed for two years{more}: ask when "
            "you next talk."
            if total
            else "Every contact's details were confirmed lately."
        )
        self.unconfirmed.clear()
        for row in insights.unconfirmed:
            item = QListWidgetItem(f"{row.name} — last confirmed {row.last_confirmed:%Y-%m-%d}")
            item.setData(Qt.ItemDataRole.UserRole, row.contact_id)
            self.unconfirmed.addItem(item)

    def _set(self, view: QChartView, chart: QChart) -> None:
        apply_palette(chart, self.palette())
        old = view.chart()
        view.setChart(chart)
        if old is not None:
            old.deleteLater()

    def changeEvent(self, event) -> None:
        """Follow a switch between light and dark themes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            for view in (self.stage_view, self.circle_view, self.weekly_view, self.ladder_view):
                apply_palette(view.chart(), self.palette())
