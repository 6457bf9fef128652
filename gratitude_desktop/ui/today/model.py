"""TodayModel: today's agenda as a two-level item model, one section per kind of item.

Top-level rows are the sections ("Gone quiet (3)"), in the order of AGENDA.md's
table; their children are the items, in agenda order (most overdue first). The
rows are plain Python values handed over by `set_items`; nothing here touches
the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from gratitude_desktop.journal.agenda import KIND_TITLES, KINDS
from gratitude_desktop.ui.plain_text import plain_tooltip

COLUMNS = ("Who", "Why", "When")
NAME_COLUMN, REASON_COLUMN, WHEN_COLUMN = range(3)

ItemRole = Qt.ItemDataRole.UserRole + 1  # the AgendaItem of an item row (None on sections)
KeyRole = Qt.ItemDataRole.UserRole + 2  # the item's stable key; the kind on section rows
KindRole = Qt.ItemDataRole.UserRole + 3  # the item's (or section's) kind

_SECTION = 0  # internalId of top-level rows; item rows carry their section's row + 1


def kind_title(kind: str) -> str:
    """The section heading of a kind of item, in words."""
    return KIND_TITLES.get(kind) or kind.replace("-", " ").capitalize()


def short_date(day: dt.date, today: dt.date | None = None) -> str:
    """'1 Nov', or '1 Nov 2025' when the year is not today's."""
    text = f"{day.day} {day.strftime('%b')}"
    if today is not None and day.year != today.year:
        text += f" {day.year}"
    return text


def when_text(item) -> str:
    """Due date and lateness in words: '1 Nov · 21 days overdue', '26 Nov · in 3 days'."""
    days = item.days_overdue
    today = item.due_on + dt.timedelta(days=days)
    if days == 0:
        late = "today"
    elif days == 1:
        late = "1 day overdue"
    elif days > 1:
        late = f"{days} days overdue"
    elif days == -1:
        late = "tomorrow"
    else:
        late = f"in {-days} days"
    return f"{short_date(item.due_on, today)} · {late}"


def reason_text(item) -> str:
    """The reason, plus the channels left open by a partial do-not-contact."""
    if item.channels:
        return f"{item.reason} — only by {', '.join(item.channels)}"
    return item.reason


@dataclass
class _Section:
    kind: str
    items: list = field(default_factory=list)


class TodayModel(QAbstractItemModel):
    """Sections of agenda items; `set_items` replaces them all (a model reset)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._sections: list[_Section] = []
        self._items: list = []
        self._where: dict[str, tuple[int, int, int]] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # -- data in and out --------------------------------------------------------------------

    def set_items(self, items: Sequence) -> None:
        """Show `items` (agenda order), grouped into sections by kind."""
        groups: dict[str, list] = {}
        for item in items:
            groups.setdefault(item.kind, []).append(item)
        order = list(KINDS) + sorted(k for k in groups if k not in KINDS)
        self.beginResetModel()
        self._items = list(items)
        self._sections = [_Section(kind, groups[kind]) for kind in order if kind in groups]
        self._reindex()
        self.endResetModel()

    def _reindex(self) -> None:
        """key -> (section row, item row, position as shown), so lookups are not scans."""
        self._where = {}
        position = 0
        for s_row, section in enumerate(self._sections):
            for i_row, item in enumerate(section.items):
                self._where[item.key] = (s_row, i_row, position)
                position += 1

    def items(self) -> list:
        """Every item, in agenda order."""
        return list(self._items)

    def item_count(self) -> int:
        return len(self._items)

    def remove_key(self, key: str) -> bool:
        """Take one item out at once (after acting on it), before the agenda is re-read."""
        where = self._where.get(key)
        if where is None:
            return False
        s_row, i_row, _ = where
        section = self._sections[s_row]
        last_of_section = len(section.items) == 1
        if last_of_section:
            self.beginRemoveRows(QModelIndex(), s_row, s_row)
            del self._sections[s_row]
        else:
            self.beginRemoveRows(self.index(s_row, 0), i_row, i_row)
            del section.items[i_row]
        self._items = [it for it in self._items if it.key != key]
        self._reindex()
        self.endRemoveRows()
        if not last_of_section:  # the heading's count changed
            heading = self.index(s_row, 0)
            self.dataChanged.emit(heading, heading, [Qt.ItemDataRole.DisplayRole])
        return True

    def item(self, index: QModelIndex | QPersistentModelIndex):
        """The AgendaItem at `index`, or None for a section row or an invalid index."""
        if not index.isValid() or index.internalId() == _SECTION:
            return None
        section = self._sections[index.internalId() - 1]
        return section.items[index.row()]

    def index_of_key(self, key: str, column: int = 0) -> QModelIndex:
        """The index of the item with `key`, or an invalid index."""
        where = self._where.get(key)
        if where is None:
            return QModelIndex()
        return self.createIndex(where[1], column, where[0] + 1)

    def position_of_key(self, key: str) -> int | None:
        """Where the item with `key` is in the list as shown (0 = top), or None."""
        where = self._where.get(key)
        return None if where is None else where[2]

    def item_indexes(self) -> list[QModelIndex]:
        """Column-0 indexes of every item row, top to bottom as shown."""
        return [
            self.createIndex(i_row, 0, s_row + 1)
            for s_row, section in enumerate(self._sections)
            for i_row in range(len(section.items))
        ]

    # -- QAbstractItemModel -----------------------------------------------------------------

    def index(self, row: int, column: int, parent=None) -> QModelIndex:
        """Index of (row, column) under `parent`; invalid when out of range."""
        parent = parent or QModelIndex()
        if column < 0 or column >= len(COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row < len(self._sections):
                return self.createIndex(row, column, _SECTION)
            return QModelIndex()
        if parent.internalId() != _SECTION or parent.column() != 0:
            return QModelIndex()
        s_row = parent.row()
        if s_row < len(self._sections) and row < len(self._sections[s_row].items):
            return self.createIndex(row, column, s_row + 1)
        return QModelIndex()

    def parent(self, index=None):  # type: ignore[override]
        """The section of an item row; invalid for a section row or an invalid index.

        Without an argument this is QObject.parent(), as Qt's overload is.
        """
        if index is None:
            return super().parent()
        if not index.isValid() or index.internalId() == _SECTION:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _SECTION)

    def rowCount(self, parent=None) -> int:
        """Sections at the top; items under a section's first column; 0 elsewhere."""
        if parent is None or not parent.isValid():
            return len(self._sections)
        if parent.internalId() == _SECTION and parent.column() == 0:
            return len(self._sections[parent.row()].items)
        return 0

    def columnCount(self, parent=None) -> int:
        return len(COLUMNS)

    def hasChildren(self, parent=None) -> bool:
        return self.rowCount(parent) > 0

    def flags(self, index) -> Qt.ItemFlag:
        """Sections are headings (enabled, not selectable); items are selectable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _SECTION:
            return Qt.ItemFlag.ItemIsEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        """Plain text for display; the AgendaItem under ItemRole; None for unknown roles."""
        if not index.isValid():
            return None
        column = index.column()
        if index.internalId() == _SECTION:
            section = self._sections[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and column == 0:
                return f"{kind_title(section.kind)} ({len(section.items)})"
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role in (KeyRole, KindRole):
                return section.kind
            return None
        item = self._sections[index.internalId() - 1].items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME_COLUMN:
                return item.contact_name
            if column == REASON_COLUMN:
                return reason_text(item)
            return when_text(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Qt guesses whether a tooltip is rich text: make it rich text on purpose, with
            # the user's words escaped, so a name like "<b>Ann</b>" shows exactly as typed.
            return plain_tooltip("\n".join((item.contact_name, reason_text(item), when_text(item))))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.contact_name}: {reason_text(item)}, {when_text(item)}"
        if role == ItemRole:
            return item
        if role == KeyRole:
            return item.key
        if role == KindRole:
            return item.kind
        return None
