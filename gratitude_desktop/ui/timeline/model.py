"""TimelineModel: one contact's whole history, newest first, fetched in pages.

Interactions come a page at a time (journal.interactions.timeline); the contact's other
events (promises, referrals, purchases, stage changes: journal.history) are few and read
whole, then merged in as the pages reach their dates. A filter (kind, words) narrows both.
"""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from gratitude_desktop.journal.history import ALL, HistoryEvent, history_events
from gratitude_desktop.journal.interactions import (
    GREETING_PURPOSES,
    InteractionData,
    timeline,
    timeline_count,
)
from gratitude_desktop.store.enums import Direction, Purpose, label
from gratitude_desktop.ui.plain_text import plain_tooltip

PAGE_SIZE = 100
_ROOT = QModelIndex()

DIRECTION_TEXT = {
    Direction.OUTBOUND.value: "→ we reached out",
    Direction.INBOUND.value: "← they did",
}
DIRECTION_ARROW = {Direction.OUTBOUND.value: "→", Direction.INBOUND.value: "←"}
HEADER_TIPS = {
    "Channel": "→ we reached out · ← they did",
    "Purpose": "Greetings and thank-yous in green, offers in amber: greetings are not sales",
}


class Column(IntEnum):
    WHEN = 0
    CHANNEL = 1  # with the direction's arrow: "→ Call" (we reached out), "← Email" (they did)
    PURPOSE = 2
    SUMMARY = 3
    NEXT_STEP = 4


HEADERS = {
    Column.WHEN: "When",
    Column.CHANNEL: "Channel",
    Column.PURPOSE: "Purpose",
    Column.SUMMARY: "Summary",
    Column.NEXT_STEP: "Next step",
}

# Greetings are not sales: the purpose tag of a greeting and of an offer never look alike.
KIND_GREETING, KIND_OFFER, KIND_OTHER = "greeting", "offer", "other"
KIND_EVENT = "event"  # a promise, referral, purchase or stage change
TAG_COLORS = {
    KIND_GREETING: (QColor("#1b5e20"), QColor("#e3f3e4")),
    KIND_OFFER: (QColor("#8a4b00"), QColor("#fff0d9")),
    KIND_OTHER: (QColor("#37474f"), QColor("#eceff1")),
    KIND_EVENT: (QColor("#0d47a1"), QColor("#e3f2fd")),
}

InteractionRole = Qt.ItemDataRole.UserRole + 1  # the row's InteractionData
IdRole = Qt.ItemDataRole.UserRole + 2  # the interaction id (int)
KindRole = Qt.ItemDataRole.UserRole + 3  # "greeting" | "offer" | "other"

# data() runs thousands of times per layout (the columns fit their contents): the roles
# are looked up once here. PySide's short forms (Qt.DisplayRole) cost ~5 µs a lookup.
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def purpose_kind(purpose: str) -> str:
    if purpose in GREETING_PURPOSES:
        return KIND_GREETING
    if purpose == Purpose.OFFER:
        return KIND_OFFER
    return KIND_OTHER


def headline(item: InteractionData) -> str:
    """One line about an entry: when, channel, direction in words, purpose."""
    return (
        f"{item.at:%Y-%m-%d %H:%M} · {label(item.channel)} · "
        f"{DIRECTION_TEXT.get(item.direction, item.direction)} · {label(item.purpose)}"
    )


def _when(item: InteractionData | HistoryEvent) -> dt.datetime:
    """Where a row sorts: an interaction at its moment, an event at the end of its day."""
    if isinstance(item, HistoryEvent):
        return dt.datetime.combine(item.on, dt.time(23, 59, 58 + min(item.order, 1)))
    return item.at


class TimelineModel(QAbstractTableModel):
    """Rows of InteractionData and HistoryEvent for one contact; `fetchMore` reads the next page.

    `data()` only reads the rows already fetched; nothing here queries the database
    except `set_contact`, `set_filter`, `reload` and `fetchMore`.
    """

    def __init__(self, parent=None, *, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self._contact_id: int | None = None
        self._rows: list[InteractionData | HistoryEvent] = []
        self._interactions = 0  # interactions fetched so far
        self._interaction_total = 0
        self._events: list[HistoryEvent] = []  # events not merged in yet, newest first
        self._total = 0
        self._page_size = page_size
        self._hide_captured = False
        self._words = ""
        self._kind = ALL

    # -- loading ---------------------------------------------------------------------------

    def contact_id(self) -> int | None:
        return self._contact_id

    def total(self) -> int:
        """How many entries the contact has under the filter (fetched or not)."""
        return self._total

    def hides_captured(self) -> bool:
        return self._hide_captured

    def set_hide_captured(self, hide: bool) -> None:
        """Leave out (or show again) the entries capture logged from mail and calendars."""
        if hide != self._hide_captured:
            self._hide_captured = hide
            self.reload()

    def filtering(self) -> bool:
        return bool(self._words.strip()) or self._kind != ALL

    def set_contact(self, contact_id: int | None) -> None:
        """Show this contact's timeline from the newest entry, unfiltered (None: empty)."""
        self._contact_id = contact_id
        self._words, self._kind = "", ALL
        self._load(self._page_size)

    def set_filter(self, words: str = "", kind: str = ALL) -> None:
        """Show only entries of `kind` (journal.history.KINDS) holding every word of `words`."""
        self._words, self._kind = words, kind
        self._load(self._page_size)

    def reload(self) -> None:
        """Read the timeline again (after an entry was added or edited)."""
        self._load(max(self._interactions, self._page_size))

    def _load(self, wanted: int) -> None:
        self.beginResetModel()
        self._rows, self._events = [], []
        self._interactions = self._interaction_total = self._total = 0
        if self._contact_id is not None:
            self._interaction_total = timeline_count(
                self._contact_id, self._words, self._kind, hide_captured=self._hide_captured
            )
            self._events = history_events(self._contact_id, self._kind, self._words)
            self._total = self._interaction_total + len(self._events)
            self._append(self._page(0, wanted))
        self.endResetModel()

    def _page(self, offset: int, limit: int) -> list[InteractionData]:
        return timeline(
            self._contact_id,
            limit=limit,
            offset=offset,
            words=self._words,
            kind=self._kind,
            hide_captured=self._hide_captured,
        )

    def _merged(self, more: list[InteractionData]) -> list[InteractionData | HistoryEvent]:
        """The next rows: these interactions and the events down to the oldest of them."""
        self._interactions += len(more)
        if self._interactions >= self._interaction_total or not more:
            taken, self._events = self._events, []
        else:
            oldest = more[-1].at
            split = next(
                (i for i, e in enumerate(self._events) if _when(e) < oldest), len(self._events)
            )
            taken, self._events = self._events[:split], self._events[split:]
        return sorted([*more, *taken], key=_when, reverse=True)

    def _append(self, more: list[InteractionData]) -> None:
        self._rows.extend(self._merged(more))

    def remove_interaction(self, interaction_id: int) -> None:
        """Drop an entry already deleted from the journal, keeping the rest in place."""
        row = self.row_of(interaction_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._interactions -= 1
        self._interaction_total = max(0, self._interaction_total - 1)
        self._total = max(0, self._total - 1)
        self.endRemoveRows()

    def interaction_at(self, row: int) -> InteractionData | None:
        """The interaction on `row`; None for an event row or a row not fetched."""
        if 0 <= row < len(self._rows) and isinstance(self._rows[row], InteractionData):
            return self._rows[row]
        return None

    def event_at(self, row: int) -> HistoryEvent | None:
        if 0 <= row < len(self._rows) and isinstance(self._rows[row], HistoryEvent):
            return self._rows[row]
        return None

    def row_of(self, interaction_id: int) -> int:
        """The row showing this interaction, or -1 when it is not fetched."""
        for row, item in enumerate(self._rows):
            if isinstance(item, InteractionData) and item.id == interaction_id:
                return row
        return -1

    # -- Qt model API ----------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        """Rows fetched so far; 0 under any valid parent (a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        """True while older entries remain unread; False under any valid parent."""
        if parent.isValid() or self._contact_id is None:
            return False
        return self._interactions < self._interaction_total or bool(self._events)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        """Append the next page of older entries (and the events down to their dates)."""
        if not self.canFetchMore(parent):
            return
        more = []
        if self._interactions < self._interaction_total:
            more = self._page(self._interactions, self._page_size)
            if not more:  # deleted meanwhile: nothing older to read
                self._interaction_total = self._interactions
        rows = self._merged(more)
        if not rows:
            self._total = len(self._rows)
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY):
        """Column titles; None for anything else."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == _DISPLAY:
            return HEADERS[Column(section)]
        if role == _TOOLTIP:
            return HEADER_TIPS.get(HEADERS[Column(section)])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):
        """The cell's text, tooltip, colours or the row's values; None for an invalid index."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if isinstance(item, HistoryEvent):
            return self._event_data(item, column, role)
        if role == _DISPLAY:
            return self._display(item, column)
        if role == InteractionRole:
            return item
        if role == IdRole:
            return item.id
        if role == KindRole:
            return purpose_kind(item.purpose)
        if role == _TOOLTIP:
            return self._tooltip(item)
        if role == _FOREGROUND and column == Column.PURPOSE:
            return TAG_COLORS[purpose_kind(item.purpose)][0]
        if role == _BACKGROUND and column == Column.PURPOSE:
            return TAG_COLORS[purpose_kind(item.purpose)][1]
        if role == _ALIGNMENT and column in (Column.WHEN, Column.NEXT_STEP):
            return _LEFT
        return None

    @staticmethod
    def _event_data(item: HistoryEvent, column: int, role: int):
        """An event row: its date, its tag in the purpose column, its sentence as summary."""
        if role == _DISPLAY:
            if column == Column.WHEN:
                return item.on.isoformat()
            if column == Column.PURPOSE:
                return item.tag
            if column == Column.SUMMARY:
                return item.text
            return ""
        if role == KindRole:
            return KIND_EVENT
        if role == _TOOLTIP:
            return plain_tooltip(f"{item.on.isoformat()} — {item.text}")
        if role == _FOREGROUND and column == Column.PURPOSE:
            return TAG_COLORS[KIND_EVENT][0]
        if role == _BACKGROUND and column == Column.PURPOSE:
            return TAG_COLORS[KIND_EVENT][1]
        if role == _ALIGNMENT and column in (Column.WHEN, Column.NEXT_STEP):
            return _LEFT
        return None  # InteractionRole, IdRole: not an interaction

    @staticmethod
    def _display(item: InteractionData, column: int) -> str | None:
        if column == Column.WHEN:
            return item.at.strftime("%Y-%m-%d") if item.at else ""
        if column == Column.CHANNEL:
            return f"{DIRECTION_ARROW.get(item.direction, '·')} {label(item.channel)}"
        if column == Column.PURPOSE:
            return label(item.purpose)
        if column == Column.SUMMARY:
            return " ".join(item.summary.split()) if item.summary else "(no summary)"
        if column == Column.NEXT_STEP:
            return item.next_step_on.isoformat() if item.next_step_on else ""
        return None

    @staticmethod
    def _tooltip(item: InteractionData) -> str:
        lines = [headline(item)]
        if item.summary:
            lines.append(item.summary)
        if item.notes:
            lines += ["", item.notes]
        if item.next_step_on:
            lines += ["", f"Next step: {item.next_step_on.isoformat()}"]
        return plain_tooltip("\n".join(lines))
