"""GoalListModel: the ranked goals with this period's progress, one row per goal.

Rows are `journal.goals.GoalProgress` values computed elsewhere (a worker); the
model never queries the database. Rows move by drag (QListView InternalMove calls
`moveRows`) or by the view's up/down buttons; either way `orderChanged` carries the
new order of goal ids so the view can save the ranks.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from gratitude_desktop.journal.goals import GoalProgress, metric_of

ProgressRole = Qt.ItemDataRole.UserRole + 1
GoalIdRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class GoalListModel(QAbstractListModel):
    orderChanged = Signal(list)  # goal ids in their new rank order

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[GoalProgress] = []

    # -- rows -----------------------------------------------------------------------------

    def set_rows(self, rows: list[GoalProgress]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[GoalProgress]:
        return list(self._rows)

    def goal_ids(self) -> list[int]:
        return [r.goal_id for r in self._rows]

    def row_of(self, goal_id: int) -> int:
        """The row showing `goal_id`, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.goal_id == goal_id), -1)

    # -- Qt API ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt default
        """Number of goals; 0 under any valid parent (a flat list)."""
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        """Title (display), the full text (tooltip), the GoalProgress, the goal id; None off range."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            state = "reached" if row.reached else ("on track" if row.on_track else "behind")
            return f"{row.title}: {row.text}, {state}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{metric_of(row.metric).title}, per {row.period}\n{metric_of(row.metric).description}"
        if role == ProgressRole:
            return row
        if role == GoalIdRole:
            return row.goal_id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable and draggable rows; dropping is allowed between rows only."""
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def moveRows(
        self, source_parent: Index, source_row: int, count: int, dest_parent: Index, dest_child: int
    ) -> bool:
        """Move `count` rows from `source_row` to before `dest_child`; emits orderChanged."""
        if source_parent.isValid() or dest_parent.isValid() or count < 1:
            return False
        end = source_row + count - 1
        if source_row < 0 or end >= len(self._rows) or not 0 <= dest_child <= len(self._rows):
            return False
        if source_row <= dest_child <= end + 1:
            return False  # onto itself
        if not self.beginMoveRows(QModelIndex(), source_row, end, QModelIndex(), dest_child):
            return False
        moving = self._rows[source_row : end + 1]
        del self._rows[source_row : end + 1]
        at = dest_child - count if dest_child > source_row else dest_child
        self._rows[at:at] = moving
        self.endMoveRows()
        self.orderChanged.emit(self.goal_ids())
        return True
