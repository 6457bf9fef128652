"""The first contacts of a file as they will be imported, and the rows that were refused."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from gratitude_desktop.io.report import RefusedRow
from gratitude_desktop.journal.contacts import ContactData, composed_name
from gratitude_desktop.ui.import_wizard.rows_model import Index, RowsModel


def _methods(data: ContactData, kind: str) -> str:
    return ", ".join(m.value for m in data.methods if m.kind == kind)


def preview_row(row: int, item: ContactData | RefusedRow) -> tuple:
    """One table row: row number, name, organisation, email, phone, birthday, notes, problem."""
    if isinstance(item, RefusedRow):
        where = f"{item.field}: " if item.field else ""
        return (row, "", "", "", "", "", "", f"Not imported — {where}{item.reason}")
    return (
        row,
        composed_name(item),
        item.organization,
        _methods(item, "email"),
        _methods(item, "phone"),
        item.birthday,
        item.notes,
        "",
    )


class PreviewModel(RowsModel):
    """Preview rows (from importer.preview) as the contacts they will become.

    A refused row shows why in its Name cell (the view spans it across the row); its
    reason is also the eighth value of `rows()`.
    """

    HEADERS = ("Row", "Name", "Organisation", "Email", "Phone", "Birthday", "Notes")
    PROBLEM = 7

    def set_preview(self, rows: Iterable[tuple[int, ContactData | RefusedRow]]) -> None:
        self.set_rows([preview_row(number, item) for number, item in rows])

    def is_refused(self, row: int) -> bool:
        return bool(self._rows[row][self.PROBLEM])

    def refused_count(self) -> int:
        return sum(1 for values in self._rows if values[self.PROBLEM])

    def display(self, row: int, column: int) -> str:
        if column == 1 and self.is_refused(row):
            return str(self._rows[row][self.PROBLEM])
        return super().display(row, column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and self.is_refused(index.row())
        ):
            return QBrush(QColor("#9b1c1c"))
        return super().data(index, role)


class RefusedModel(RowsModel):
    """The refused rows of an import: row number, field, reason."""

    HEADERS = ("Row", "Field", "Reason")

    def set_refused(self, refused: Iterable[RefusedRow]) -> None:
        self.set_rows([(r.row, r.field, r.reason) for r in refused])
