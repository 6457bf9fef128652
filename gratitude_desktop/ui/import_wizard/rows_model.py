"""Read-only table models over plain rows (tuples of text and numbers)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from gratitude_desktop.ui.plain_text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """A table of plain rows under fixed headers; cells are shown as plain text."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, rows: Sequence[Sequence[Any]] = (), parent=None):
        super().__init__(parent)
        self._rows: list[list[Any]] = [list(r) for r in rows]

    def set_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        self.beginResetModel()
        self._rows = [list(r) for r in rows]
        self.endResetModel()

    def rows(self) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self._rows]

    def row(self, number: int) -> tuple[Any, ...]:
        return tuple(self._rows[number])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def display(self, row: int, column: int) -> str:
        value = self._rows[row][column]
        if value is None:
            return ""
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}"
        return str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.display(index.row(), index.column())
            if role == Qt.ItemDataRole.DisplayRole:
                return " ".join(text.split()) if "\n" in text else text
            return plain_tooltip(text) or None  # a file's cells, never read as HTML
        if role == Qt.ItemDataRole.EditRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.is_number(
            index.row(), index.column()
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def is_number(self, row: int, column: int) -> bool:
        """Whether a cell holds a count (shown right-aligned)."""
        value = self._rows[row][column]
        return isinstance(value, int) and not isinstance(value, bool)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None
