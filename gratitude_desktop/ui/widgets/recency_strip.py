"""RecencyStrip: 52 weekly cells showing when we were in touch with one contact.

The counts come in through `set_weeks` (journal.insights.recency_weeks, oldest week
first, this week last); paintEvent only draws them. An empty cell is a faint outline,
a week with touches is filled in the palette's highlight colour, stronger for more.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

CELL = 7
GAP = 2
MIN_PITCH = 4  # cell + gap on a narrow page: 52 weeks still fit in ~210 pixels


class RecencyStrip(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._weeks: list[int] = [0] * 52
        self.setAccessibleName("Recency over the last year")
        # As wide as the full-size cells when there is room, narrower cells when not: a
        # fixed width here set the contact page's minimum width (and so the window's).
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self._describe()

    def weeks(self) -> list[int]:
        return list(self._weeks)

    def set_weeks(self, weeks: list[int]) -> None:
        """Interactions per week, oldest first (this week last)."""
        self._weeks = list(weeks)
        self._describe()
        self.updateGeometry()
        self.update()

    def _describe(self) -> None:
        total = sum(self._weeks)
        n = len(self._weeks)
        if not total:
            text = f"No interactions in the last {n} weeks"
        else:
            last = next(i for i, c in enumerate(reversed(self._weeks)) if c)
            when = "this week" if last == 0 else ("last week" if last == 1 else f"{last} weeks ago")
            noun = "interaction" if total == 1 else "interactions"
            text = f"{total} {noun} in the last {n} weeks; the last one {when}"
        self.setToolTip(text)
        self.setAccessibleDescription(text)

    def sizeHint(self) -> QSize:
        n = max(1, len(self._weeks))
        return QSize(n * (CELL + GAP) - GAP + 2, CELL + 6)

    def minimumSizeHint(self) -> QSize:
        n = max(1, len(self._weeks))
        return QSize(n * MIN_PITCH + 2, CELL + 6)

    def cell_rects(self) -> list[QRectF]:
        """Where each week's cell is drawn at the strip's present width."""
        n = max(1, len(self._weeks))
        pitch = min(CELL + GAP, (self.width() - 2) / n)
        size = min(CELL, pitch - min(GAP, pitch / 4))
        top = (self.height() - size) / 2
        return [QRectF(1 + i * pitch, top, size, size) for i in range(len(self._weeks))]

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fill = pal.color(QPalette.ColorRole.Highlight)
        outline = QColor(pal.color(QPalette.ColorRole.WindowText))
        outline.setAlpha(60)
        for rect, count in zip(self.cell_rects(), self._weeks, strict=True):
            if count:
                color = QColor(fill)
                color.setAlphaF(min(1.0, 0.45 + 0.2 * count))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(color)
            else:
                painter.setPen(outline)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 1.5, 1.5)
        painter.end()
