"""Qt Charts for the Insights view, built from journal.insights values (no database here).

Colours: within / due / overdue use fixed green / amber / red that read on light and
dark backgrounds; text, axes and grid take the widget palette (`apply_palette`), and
the chart background is left transparent so the window's own colour shows through.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCharts import (
    QAreaSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QDateTimeAxis,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QColor, QPalette, QPen

from gratitude_desktop.journal.insights import LADDER_RUNGS, Health, StatusCounts
from gratitude_desktop.store.enums import label

STATUS_SETS = (
    ("Within cadence", "within", QColor(46, 160, 67)),
    ("Due this week", "due", QColor(219, 160, 20)),
    ("Overdue", "overdue", QColor(214, 69, 65)),
    ("No cadence", "no_cadence", QColor(128, 128, 128)),
)
RUNG_COLORS = (QColor(66, 133, 244), QColor(156, 94, 220), QColor(0, 160, 160))


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000)


def _nice_max(value: float) -> int:
    """A round axis maximum above `value` (at least 4), a multiple of a round step."""
    value = max(4, int(value) + 1)
    step = next((s for s in _STEPS if value <= s * 5), _STEPS[-1])
    return -(-value // step) * step


def _value_axis(top: float) -> QValueAxis:
    """A whole-number axis from 0 whose ticks fall on round numbers."""
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    high = _nice_max(top)
    step = next((s for s in _STEPS if high <= s * 5), _STEPS[-1])
    axis.setRange(0, high)
    axis.setTickCount(high // step + 1)
    return axis


def health_chart(title: str, groups: dict[str, StatusCounts]) -> QChart:
    """Stacked horizontal bars: one bar per group (stage or circle) split by status.

    Groups nobody is in are left out; bars run top to bottom in the order given.
    """
    shown = [(name, counts) for name, counts in groups.items() if counts.total]
    shown.reverse()  # a horizontal bar axis draws its first category at the bottom
    chart = _chart(title)
    series = QHorizontalStackedBarSeries()
    for text, attr, color in STATUS_SETS:
        bar_set = QBarSet(text)
        bar_set.setColor(color)
        bar_set.setBorderColor(color)
        bar_set.append([float(getattr(counts, attr)) for _, counts in shown])
        series.append(bar_set)
    series.setBarWidth(0.7)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([label(name) for name, _ in shown] or [""])
    values = _value_axis(max((c.total for _, c in shown), default=0))
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    series.attachAxis(values)
    return chart


def _msecs(day: dt.date) -> float:
    return float(QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0)).toMSecsSinceEpoch())


def weekly_chart(weekly: tuple[tuple[dt.date, int], ...] | list) -> QChart:
    """Interactions per week over the last year, as a filled line (x: the week's Monday)."""
    chart = _chart("Interactions per week, last 52 weeks")
    line = QLineSeries()
    line.setName("Interactions")
    for day, n in weekly:
        line.append(_msecs(day), float(n))
    base = QLineSeries()
    for day, _n in weekly:
        base.append(_msecs(day), 0.0)
    area = QAreaSeries(line, base)
    area.setName("Interactions")
    color = QColor(66, 133, 244)
    fill = QColor(color)
    fill.setAlpha(90)
    area.setBrush(fill)
    area.setPen(QPen(color, 2))
    chart.addSeries(area)
    chart.legend().hide()
    x = QDateTimeAxis()
    x.setFormat("MMM yy")
    x.setTickCount(7)
    if weekly:
        x.setRange(
            QDateTime.fromMSecsSinceEpoch(int(_msecs(weekly[0][0]))),
            QDateTime.fromMSecsSinceEpoch(int(_msecs(weekly[-1][0]))),
        )
    y = _value_axis(max((n for _, n in weekly), default=0))
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    area.attachAxis(x)
    area.attachAxis(y)
    chart._line = line  # keep the upper series alive with the chart (the area refers to it)
    chart._base = base
    return chart


def quarter_label(start: dt.date) -> str:
    return f"Q{(start.month - 1) // 3 + 1} {start.year % 100:02d}"


def ladder_chart(ladder: tuple[tuple[dt.date, dict[str, int]], ...] | list) -> QChart:
    """Grouped bars per quarter: how many became networking partners, customers, clients."""
    chart = _chart("The ladder: who reached each rung, per quarter")
    series = QBarSeries()
    for rung, color in zip(LADDER_RUNGS, RUNG_COLORS, strict=True):
        bar_set = QBarSet(f"Became {label(rung).lower()}")
        bar_set.setColor(color)
        bar_set.setBorderColor(color)
        bar_set.append([float(counts.get(rung, 0)) for _, counts in ladder])
        series.append(bar_set)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([quarter_label(s) for s, _ in ladder] or [""])
    values = _value_axis(max((max(c.values()) for _, c in ladder if c), default=0))
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(values)
    return chart


def health_charts(health: Health) -> tuple[QChart, QChart]:
    return (
        health_chart("Cadence by stage", health.by_stage),
        health_chart("Cadence by circle", health.by_circle),
    )


def apply_palette(chart: QChart, palette: QPalette) -> None:
    """Text, axes and grid in the palette's colours: readable in light and dark themes."""
    text = palette.color(QPalette.ColorRole.WindowText)
    grid = QColor(text)
    grid.setAlpha(50)
    chart.setTitleBrush(text)
    chart.legend().setLabelColor(text)
    for axis in chart.axes():
        axis.setLabelsColor(text)
        axis.setLinePenColor(grid)
        axis.setGridLineColor(grid)
        axis.setTitleBrush(text)
