"""The column mapping of a CSV file: each header, a sample value and what it becomes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QStyledItemDelegate, QWidget

from gratitude_desktop.io.csv.flavours import ADDRESS_PARTS, FIELDS, parse_target
from gratitude_desktop.ui.import_wizard.rows_model import Index, RowsModel
from gratitude_desktop.ui.widgets.combo import WheelSafeComboBox

IGNORE = ""
IGNORE_TEXT = "(not imported)"

# What a column can become, in the order the combo lists them.
TARGETS: tuple[str, ...] = (
    IGNORE,
    "display_name",
    "full_name",
    "prefix",
    "given_name",
    "middle_name",
    "family_name",
    "suffix",
    "nickname",
    "organization",
    "department",
    "title",
    "email",
    "email:home",
    "email:work",
    "phone",
    "phone:mobile",
    "phone:home",
    "phone:work",
    "website",
    "social",
    "address",
    *(f"address/{part}" for part in ADDRESS_PARTS if part != "formatted"),
    "birthday",
    "anniversary",
    "birth_year",
    "birth_month",
    "birth_day",
    "met_on",
    "notes",
    "labels",
    *sorted(FIELDS - {"display_name", "full_name", "prefix", "given_name", "middle_name",
                      "family_name", "suffix", "nickname", "organization", "department", "title",
                      "birthday", "anniversary", "birth_year", "birth_month", "birth_day",
                      "met_on", "notes", "labels"}),
)  # fmt: skip

_WORDS = {
    "display_name": "Name (as shown)",
    "full_name": "Full name",
    "prefix": "Name prefix",
    "given_name": "Given name",
    "middle_name": "Middle name",
    "family_name": "Family name",
    "suffix": "Name suffix",
    "nickname": "Nickname",
    "organization": "Organisation",
    "department": "Department",
    "title": "Job title",
    "email": "Email",
    "phone": "Phone",
    "website": "Website",
    "social": "Social profile",
    "address": "Address",
    "birthday": "Birthday",
    "anniversary": "Anniversary",
    "birth_year": "Birth year",
    "birth_month": "Birth month",
    "birth_day": "Birth day",
    "met_on": "Met on",
    "notes": "Notes",
    "labels": "Labels (circles)",
    "extra": "Extra (kept in notes)",
}


def target_text(target: str) -> str:
    """A target word for people: "phone:work" -> "Phone (work)"."""
    if not target:
        return IGNORE_TEXT
    parsed = parse_target(target)
    if parsed is None:
        return target
    text = _WORDS.get(parsed.kind, parsed.kind.replace("_", " ").capitalize())
    extra = [w for w in (parsed.label, parsed.part.replace("street2", "street 2")) if w]
    if parsed.kind == "label" and parsed.group:
        return f"Label “{parsed.group}”"
    return f"{text} ({', '.join(extra)})" if extra else text


class MappingModel(RowsModel):
    """Rows (column index, header, sample, target); the target column is editable."""

    HEADERS = ("Column", "Example", "Imported as")
    TARGET = 2
    mappingEdited = Signal(int, str)  # column index, new target

    def set_mapping(
        self, headers: Sequence[str], mapping: dict[int, str], samples: Sequence[str] = ()
    ) -> None:
        self.set_rows(
            [
                (i, header, samples[i] if i < len(samples) else "", mapping.get(i, IGNORE))
                for i, header in enumerate(headers)
            ]
        )

    def mapping(self) -> dict[int, str]:
        return {row[0]: row[3] for row in self._rows if row[3]}

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def display(self, row: int, column: int) -> str:
        index, header, sample, target = self._rows[row]
        if column == 0:
            return header or f"Column {index + 1}"
        if column == 1:
            return sample
        return target_text(target)

    def is_number(self, row: int, column: int) -> bool:
        return False

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            return self._rows[index.row()][3] if index.column() == self.TARGET else None
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.TARGET:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.TARGET:
            return False
        if role != Qt.ItemDataRole.EditRole:
            return False
        target = str(value or "")
        if target and parse_target(target) is None:
            return False
        row = self._rows[index.row()]
        if row[3] == target:
            return True
        row[3] = target
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        self.mappingEdited.emit(row[0], target)
        return True


class TargetDelegate(QStyledItemDelegate):
    """A combo of TARGETS (plus the current word if it is not one of them)."""

    def createEditor(self, parent: QWidget, option, index) -> QWidget:
        combo = WheelSafeComboBox(parent)
        current = index.data(Qt.ItemDataRole.EditRole) or ""
        choices = list(TARGETS)
        if current not in choices:
            choices.insert(1, current)
        for word in choices:
            combo.addItem(target_text(word), word)
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index) -> None:
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
