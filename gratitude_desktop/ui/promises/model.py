"""PromiseTableModel: open promises in their groups, read from journal.promises in pages.

Rows are either a group header ("Overdue · 3") or one promise. Promises arrive from
journal.promises.open_promises already in view order (group first, then the sort column),
one page at a time through canFetchMore/fetchMore; a header row is put in front of the
first promise of each group. data() only reads the rows held in memory: no database call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from gratitude_desktop.journal import promises
from gratitude_desktop.journal.promises import VIEW_GROUPS, PromiseRow
from gratitude_desktop.ui.contacts.list_model import dnc_icon
from gratitude_desktop.ui.plain_text import plain_tooltip

PromiseRole = Qt.ItemDataRole.UserRole + 1  # the PromiseRow of a row (None on a header)
GroupRole = Qt.ItemDataRole.UserRole + 2  # the group word of a row (header or promise)
HeaderRole = Qt.ItemDataRole.UserRole + 3  # True on a group header row

COLUMNS = ("Due", "When", "Contact", "Promise", "Made on")
# Which journal sort key each column sorts by (within the groups, which never move).
SORT_BY_COLUMN = ("due", "due", "contact", "what", "made")
GROUP_TITLES = {
    promises.OVERDUE: "Overdue",
    promises.DUE_THIS_WEEK: "Due this week",
    promises.LATER: "Later",
    promises.OWED_TO_US: "Owed to you",  # as Today says it (journal.agenda.KIND_TITLES)
    promises.DONE: "Kept, released or broken",
}
OVERDUE_COLOR = QColor("#b3261e")
DNC_COLOR = QColor("#b3261e")
DONE_COLOR = QColor("#6b6b6b")
HEADER_BACKGROUND = QColor("#ece7df")
HEADER_FOREGROUND = QColor("#3b342c")


@dataclass(frozen=True)
class GroupHeader:
    group: str
    count: int

    @property
    def title(self) -> str:
        return f"{GROUP_TITLES[self.group]} · {self.count}"


def when_words(row: PromiseRow, today: dt.date) -> str:
    """How the due date stands today, in words: '3 days overdue', 'today', 'in 2 days'."""
    if row.status != "open":
        done = f" {row.done_on.isoformat()}" if row.done_on else ""
        return f"{row.status.capitalize()}{done}"
    if row.nudges:  # the whole story is in the tooltip ("nudged twice, last on …")
        return f"{_due_words(row, today)}, nudged {row.nudges}×"
    return _due_words(row, today)


def _due_words(row: PromiseRow, today: dt.date) -> str:
    if row.due_on is None:
        return "no date"
    days = (row.due_on - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "1 day overdue" if row.we_owe else "1 day late"
    if days < 0:
        return f"{-days} days overdue" if row.we_owe else f"{-days} days late"
    return f"in {days} days"


class PromiseTableModel(QAbstractTableModel):
    """Open promises of every contact, grouped: overdue, due this week, later, owed to us."""

    PAGE_SIZE = 200

    def __init__(self, today: Callable[[], dt.date] | None = None, parent=None):
        super().__init__(parent)
        self._today_fn = today or dt.date.today
        self._today = self._today_fn()
        self._text = ""
        self._show_done = False
        self._sort = "due"
        self._descending = False
        self._sort_column = 0
        self._rows: list[GroupHeader | PromiseRow] = []
        self._counts: dict[str, int] = dict.fromkeys(VIEW_GROUPS, 0)
        self._fetched = 0  # promises (not headers) read so far
        self._total = 0
        self.reload()

    # -- what the view changes -------------------------------------------------------

    @property
    def today(self) -> dt.date:
        return self._today

    @property
    def search_text(self) -> str:
        return self._text

    def set_search(self, text: str) -> None:
        """Show only promises whose what or contact name contains `text` (any case)."""
        text = " ".join((text or "").split())
        if text != self._text:
            self._text = text
            self.reload()

    @property
    def show_done(self) -> bool:
        return self._show_done

    def set_show_done(self, show: bool) -> None:
        """Also list kept, released and broken promises, in a last group."""
        if bool(show) != self._show_done:
            self._show_done = bool(show)
            self.reload()

    def reload(self) -> None:
        """Read the groups again from the first page (after a change, or when the day turns)."""
        self.beginResetModel()
        self._today = self._today_fn()
        self._counts = promises.count_open_by_group(
            self._today, self._text, include_done=self._show_done
        )
        self._total = sum(self._counts.values())
        self._rows = []
        self._fetched = 0
        page = self._page()
        self._rows = self._rows_for(page)
        self._fetched = len(page)
        self.endResetModel()

    def total(self) -> int:
        """How many promises match (all pages, headers not counted)."""
        return self._total

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    # -- paging ------------------------------------------------------------------------

    def _page(self) -> list[PromiseRow]:
        return promises.open_promises(
            self._today,
            self._text,
            sort=self._sort,
            descending=self._descending,
            offset=self._fetched,
            limit=self.PAGE_SIZE,
            include_done=self._show_done,
        )

    def _rows_for(self, page: list[PromiseRow]) -> list[GroupHeader | PromiseRow]:
        """The page's rows, with a header in front of each group it starts."""
        last_group = self._rows[-1].group if self._rows else None
        rows: list[GroupHeader | PromiseRow] = []
        for row in page:
            if row.group != last_group:
                rows.append(GroupHeader(row.group, self._counts.get(row.group, 0)))
                last_group = row.group
            rows.append(row)
        return rows

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008 - Qt default
        """True while promises beyond those read so far match (never for a child index)."""
        if parent.isValid():
            return False
        return self._fetched < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008 - Qt default
        """Read the next page and append its rows (and any group header it starts)."""
        if parent.isValid() or not self.canFetchMore():
            return
        page = self._page()
        if not page:
            # Fewer promises than counted (changed since the reload): stop until the next one.
            self._total = self._fetched
            return
        added = self._rows_for(page)
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(added) - 1)
        self._rows.extend(added)
        self._fetched += len(page)
        self.endInsertRows()

    # -- Qt model ----------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt default
        """Rows held so far (headers included); 0 under any valid parent (a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt default
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def flags(self, index):
        """Promise rows are selectable; header rows are not even enabled (the cursor skips them)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], GroupHeader):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        """What one cell shows; None for an invalid index or a role not handled."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if isinstance(item, GroupHeader):
            return self._header_data(item, index.column(), role)
        return self._promise_data(item, index.column(), role)

    def _header_data(self, header: GroupHeader, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            return header.title if column == 0 else ""
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(HEADER_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(HEADER_FOREGROUND)
        if role == GroupRole:
            return header.group
        if role == HeaderRole:
            return True
        if role == PromiseRole:
            return None
        return None

    def _promise_data(self, row: PromiseRow, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.due_on.isoformat() if row.due_on else ""
            if column == 1:
                return when_words(row, self._today)
            if column == 2:
                return (
                    f"{row.contact_name} · do not contact"
                    if row.do_not_contact
                    else (row.contact_name)
                )
            if column == 3:
                return row.what
            if column == 4:
                return row.made_on.isoformat() if row.made_on else ""
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            # The same mark the contact list uses, so do-not-contact reads the same everywhere.
            return dnc_icon() if column == 2 and row.do_not_contact else None
        if role == Qt.ItemDataRole.ToolTipRole:
            # Tooltips are read as HTML when they look like it: user text goes in escaped.
            if column == 2 and row.do_not_contact:
                return plain_tooltip(f"{row.contact_name} asked not to be contacted.")
            if column == 1 and row.blocked_reason:
                return plain_tooltip(f"Could not keep it: {row.blocked_reason}")
            if column == 1 and row.nudged_text:
                return plain_tooltip(row.nudged_text.capitalize())
            if column == 3:
                who = "We owe" if row.we_owe else "They owe us"
                return plain_tooltip(f"{who}: {row.what}")
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.group == promises.DONE:
                return QBrush(DONE_COLOR)
            if column in (0, 1) and row.group == promises.OVERDUE:
                return QBrush(OVERDUE_COLOR)
            if column in (0, 1) and not row.we_owe and row.days_overdue(self._today):
                return QBrush(OVERDUE_COLOR)
            if column == 2 and row.do_not_contact:
                return QBrush(DNC_COLOR)
            return None
        if role == PromiseRole:
            return row
        if role == GroupRole:
            return row.group
        if role == HeaderRole:
            return False
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sort within each group by the column; the groups keep their order."""
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column = column
        self._sort = SORT_BY_COLUMN[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # -- for the view ------------------------------------------------------------------

    def promise_at(self, row: int) -> PromiseRow | None:
        if 0 <= row < len(self._rows):
            item = self._rows[row]
            return item if isinstance(item, PromiseRow) else None
        return None

    def is_header(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and isinstance(self._rows[row], GroupHeader)

    def header_rows(self) -> list[int]:
        return [i for i, item in enumerate(self._rows) if isinstance(item, GroupHeader)]

    def row_of(self, promise_id: int) -> int:
        """The row showing this promise, or -1 when it is not (or not yet) read."""
        for i, item in enumerate(self._rows):
            if isinstance(item, PromiseRow) and item.id == promise_id:
                return i
        return -1

    def persistent(self, row: int) -> QPersistentModelIndex:
        return QPersistentModelIndex(self.index(row, 0))
