"""Groups of likely duplicates found in a file, each with the user's choice."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyledItemDelegate, QWidget

from gratitude_desktop.io.merge import KEEP_BOTH, MERGE, POLICIES, SKIP, DuplicateGroup
from gratitude_desktop.ui.import_wizard.rows_model import Index, RowsModel
from gratitude_desktop.ui.widgets.combo import WheelSafeComboBox

CHOICE_TEXT = {MERGE: "Merge", KEEP_BOTH: "Keep both", SKIP: "Skip"}


def group_row(group: DuplicateGroup, choice: str = MERGE) -> tuple:
    """(key, matches, incoming, rows, reason, choice) for one group."""
    if group.existing_id is not None:
        matches = f"{group.existing_name} (in your journal)"
        incoming = group.names
        rows = group.rows
    else:  # two rows of the file: the first is made by this import, not already there
        matches = (
            f"{group.names[0]} (row {group.rows[0]} of this file)" if group.names else "(this file)"
        )
        incoming = group.names[1:]
        rows = group.rows[1:]
    return (
        group.key,
        matches,
        "; ".join(incoming),
        ", ".join(str(r) for r in rows),
        group.reason,
        choice,
    )


class DuplicatesModel(RowsModel):
    """One row per DuplicateGroup; the Choice column is editable (merge, keep both, skip)."""

    # "Same person as": a contact in the journal, or an earlier row of the same file.
    HEADERS = ("Same person as", "Incoming", "Rows", "Why", "Choice")
    CHOICE = 4

    def set_groups(self, groups: Iterable[DuplicateGroup], default: str = MERGE) -> None:
        self.set_rows([group_row(g, default) for g in groups])

    def display(self, row: int, column: int) -> str:
        values = self._rows[row]
        if column == self.CHOICE:
            return CHOICE_TEXT[values[5]]
        return str(values[column + 1])

    def is_number(self, row: int, column: int) -> bool:
        return False

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            return self._rows[index.row()][5] if index.column() == self.CHOICE else None
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.CHOICE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != self.CHOICE
            or role != Qt.ItemDataRole.EditRole
            or value not in POLICIES
        ):
            return False
        self._rows[index.row()][5] = value
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        return True

    def choose(self, row: int, choice: str) -> bool:
        return self.setData(self.index(row, self.CHOICE), choice)

    def apply_to_all(self, choice: str) -> None:
        if choice not in POLICIES or not self._rows:
            return
        for values in self._rows:
            values[5] = choice
        self.dataChanged.emit(
            self.index(0, self.CHOICE), self.index(len(self._rows) - 1, self.CHOICE)
        )

    def decisions(self) -> dict[str, str]:
        """What import_file's `decisions` wants: {group key: policy}."""
        return {values[0]: values[5] for values in self._rows}


class ChoiceDelegate(QStyledItemDelegate):
    """A combo of Merge / Keep both / Skip."""

    def createEditor(self, parent: QWidget, option, index) -> QWidget:
        combo = WheelSafeComboBox(parent)
        for word in POLICIES:
            combo.addItem(CHOICE_TEXT[word], word)
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index) -> None:
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
