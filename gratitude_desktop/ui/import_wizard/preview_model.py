"""The first contacts of a file as they will be imported, and the rows that were refused."""

from __future__ import annotations

from collections.abc import Iterable

from gratitude_desktop.io.report import RefusedRow
from gratitude_desktop.journal.contacts import ContactData, composed_name
from gratitude_desktop.ui.import_wizard.rows_model import RowsModel


def _methods(data: ContactData, kind: str) -> str:
    return ", ".join(m.value for m in data.methods if m.kind == kind)


def preview_row(row: int, item: ContactData | RefusedRow) -> tuple:
    """One table row: row number, name, organisation, email, phone, birthday, notes, problem."""
    if isinstance(item, RefusedRow):
        where = f"{item.field}: " if item.field else ""
        return (row, "", "", "", "", "", "", f"Refused — {where}{item.reason}")
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
    """Preview rows (from importer.preview) as the contacts they will become."""

    HEADERS = ("Row", "Name", "Organisation", "Email", "Phone", "Birthday", "Notes", "Problem")

    def set_preview(self, rows: Iterable[tuple[int, ContactData | RefusedRow]]) -> None:
        self.set_rows([preview_row(number, item) for number, item in rows])


class RefusedModel(RowsModel):
    """The refused rows of an import: row number, field, reason."""

    HEADERS = ("Row", "Field", "Reason")

    def set_refused(self, refused: Iterable[RefusedRow]) -> None:
        self.set_rows([(r.row, r.field, r.reason) for r in refused])
