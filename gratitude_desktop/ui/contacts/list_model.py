"""The contact list as a Qt table model: plain rows fetched from the store in pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPen, QPixmap

from gratitude_desktop.store.enums import label
from gratitude_desktop.store.queries import (
    ContactFilter,
    ContactRow,
    contact_page,
    contact_position,
    count_contacts,
)
from gratitude_desktop.ui.plain_text import plain_tooltip

PAGE_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

NAME, ORGANIZATION, STAGE, EMAIL, PHONE, LAST_CONTACT = range(6)
HEADERS = ("Name", "Organisation", "Stage", "Email", "Phone", "Last contact")
# In the Trash, the last column says when each contact was moved there instead.
TRASH_HEADERS = (*HEADERS[:LAST_CONTACT], "Trashed on")

AnyIndex = QModelIndex | QPersistentModelIndex

_dnc_icon: QIcon | None = None


def dnc_icon() -> QIcon:
    """A red no-entry sign, the marker of a do-not-contact person (drawn once)."""
    global _dnc_icon
    if QGuiApplication.instance() is None:  # pixmaps need the GUI; nothing is shown anyway
        return QIcon()
    if _dnc_icon is None:
        pixmap = QPixmap(32, 32)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#c62828"))
        painter.drawEllipse(2, 2, 28, 28)
        pen = QPen(QColor("white"))
        pen.setWidth(5)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawLine(9, 16, 23, 16)
        painter.end()
        _dnc_icon = QIcon(pixmap)
    return _dnc_icon


def dnc_words(row: ContactRow) -> str:
    """'Do not contact (email, phone)' or 'Do not contact (any channel)'."""
    channels = [c for c in row.dnc_channels if c != "all"]
    if "all" in row.dnc_channels or not channels:
        return "Do not contact (any channel)"
    return "Do not contact (" + ", ".join(label(c).lower() for c in channels) + ")"


def _last_contact(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if value else ""


class ContactListModel(QAbstractTableModel):
    """Contacts matching a ContactFilter, name order, loaded PAGE_SIZE rows at a time.

    The database is read only in set_filter/refresh/fetchMore/ensure_loaded;
    data(), rowCount() and headerData() answer from the rows already fetched.
    """

    def __init__(self, flt: ContactFilter | None = None, parent=None, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self._filter = flt or ContactFilter()
        self._page_size = page_size
        self._rows: list[ContactRow] = []
        self._total = 0
        self._fetching = False
        self._load(self._page_size)

    # -- reading the store -------------------------------------------------------------

    def _load(self, at_least: int) -> None:
        """Count the matches and fetch the first `at_least` rows (no signals sent)."""
        self._total = count_contacts(self._filter)
        self._rows = contact_page(self._filter, 0, max(at_least, self._page_size))
        if len(self._rows) < min(self._total, max(at_least, self._page_size)):
            self._total = len(self._rows)  # rows vanished between count and fetch

    def contact_filter(self) -> ContactFilter:
        return self._filter

    def set_filter(self, flt: ContactFilter) -> None:
        """Show the contacts matching `flt`, starting again from the first page."""
        self.beginResetModel()
        self._filter = flt
        self._load(self._page_size)
        self.endResetModel()

    def refresh(self, at_least: int | None = None) -> None:
        """Read the journal again: `at_least` rows (default: as many as were loaded)."""
        self.beginResetModel()
        self._load(len(self._rows) if at_least is None else at_least)
        self.endResetModel()

    def total(self) -> int:
        """How many contacts match the filter (loaded or not)."""
        return self._total

    def ensure_loaded(self, contact_id: int) -> int:
        """Fetch rows until this contact is loaded; its row, or -1 if the filter excludes it."""
        row = self.row_of(contact_id)
        if row >= 0:
            return row
        position = contact_position(self._filter, contact_id)
        if position is None or position < len(self._rows):
            return -1
        more = contact_page(self._filter, len(self._rows), position + 1 - len(self._rows))
        if more:
            self._append(more)
        return self.row_of(contact_id)

    # -- lookups without the database --------------------------------------------------

    def row_of(self, contact_id: int) -> int:
        """The row showing this contact among the loaded rows, or -1."""
        for number, row in enumerate(self._rows):
            if row.id == contact_id:
                return number
        return -1

    def contact_id(self, row: int) -> int | None:
        """The id of the contact on this row, or None for a row that is not loaded."""
        if 0 <= row < len(self._rows):
            return self._rows[row].id
        return None

    def contact_row(self, row: int) -> ContactRow | None:
        """The plain values of this row, or None for a row that is not loaded."""
        if 0 <= row < len(self._rows):
            return self._rows[row]
        return None

    # -- QAbstractItemModel --------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Rows loaded so far under the invisible root; 0 for any valid parent (a flat table)."""
        if parent.isValid():
            return 0
        return len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """The six columns of HEADERS under the root; 0 for any valid parent."""
        if parent.isValid():
            return 0
        return len(HEADERS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        """Column titles for horizontal DisplayRole; None for anything else or a bad section."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return (TRASH_HEADERS if self._filter.trashed else HEADERS)[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The value of a cell for a role, from the loaded rows; None on an invalid index.

        DisplayRole: the text; ToolTipRole: the full text as literal rich text (see
        plain_tooltip), with the do-not-contact channels on the name; DecorationRole: the
        do-not-contact sign on the name; ID_ROLE: the contact id; ROW_ROLE: the ContactRow.
        """
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._text(row, column)
            if column == NAME and row.do_not_contact:
                text = f"{text}\n{dnc_words(row)}"
            return plain_tooltip(text)
        if role == Qt.ItemDataRole.DecorationRole and column == NAME and row.do_not_contact:
            return dnc_icon()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._text(row, column)
            if column == NAME and row.do_not_contact:
                text = f"{text} ({dnc_words(row)})"
            return text
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        return None

    def _text(self, row: ContactRow, column: int) -> str:
        if column == NAME:
            return row.display_name
        if column == ORGANIZATION:
            return row.organization
        if column == STAGE:
            return label(row.stage) if row.stage else ""
        if column == EMAIL:
            return row.primary_email
        if column == PHONE:
            return row.primary_phone
        if column == LAST_CONTACT:
            when = row.trashed_at if self._filter.trashed else row.last_interaction_on
            return _last_contact(when.date() if isinstance(when, dt.datetime) else when)
        return ""

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Selectable and enabled for a valid cell (never editable); NoItemFlags otherwise."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def canFetchMore(self, parent: AnyIndex) -> bool:
        """True under the root while matching contacts remain unloaded; False for a valid parent."""
        if parent.isValid() or self._fetching:
            return False
        return len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex) -> None:
        """Load the next page under the root; does nothing for a valid parent or when all loaded."""
        if parent.isValid() or self._fetching or len(self._rows) >= self._total:
            return
        more = contact_page(self._filter, len(self._rows), self._page_size)
        if not more:
            self._total = len(self._rows)  # the journal shrank meanwhile
            return
        self._append(more)

    def _append(self, more: list[ContactRow]) -> None:
        # Views may call back into canFetchMore/fetchMore while rows are being inserted.
        self._fetching = True
        try:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self._total = max(self._total, len(self._rows))
            self.endInsertRows()
        finally:
            self._fetching = False
