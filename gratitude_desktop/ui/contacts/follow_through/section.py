"""Section: one titled, foldable block of the follow-through panel (a list and its buttons).

Each section (promises, referrals, purchases) shows plain-text rows read from journal/, and
buttons that act on the selected row. Questions go through QuestionsMixin so tests can
answer them like a user; every outreach call goes through `with_reason`, which asks for a
reason when the contact asked not to be contacted on that channel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.ui.contacts.follow_through.flow_layout import FlowLayout
from gratitude_desktop.ui.plain_text import plain_tooltip
from gratitude_desktop.ui.promises.questions import QuestionsMixin

MUTED = QColor("#6b6b6b")
ALERT = QColor("#b3261e")
MAX_VISIBLE_ROWS = 6


class Section(QuestionsMixin, QWidget):
    """A foldable block: header (title, count), a list of rows, a row of buttons."""

    changed = Signal(int)  # contact id whose follow-through records changed
    logged = Signal(int)  # contact id whose timeline got a new entry

    title = ""
    empty_text = "Nothing yet."

    def __init__(self, status: QLabel, today: Callable[[], dt.date], parent: QWidget | None = None):
        super().__init__(parent)
        self.status = status
        self._today = today
        self.contact_id: int | None = None
        self.toggle = QToolButton(self)
        self.toggle.setObjectName(f"{self.objectName() or type(self).__name__}Toggle")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setAutoRaise(True)
        font = self.toggle.font()
        font.setBold(True)
        self.toggle.setFont(font)
        self.toggle.toggled.connect(self._fold)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.list.setUniformItemSizes(False)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(1)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(lambda _row: self.update_buttons())
        self.empty = QLabel(self.empty_text, self)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(mid);")
        self.body = QWidget(self)
        self.button_row = FlowLayout(spacing=4)
        self.buttons: dict[str, QPushButton] = {}
        body = QVBoxLayout(self.body)
        body.setContentsMargins(18, 0, 0, 4)
        body.setSpacing(4)
        body.addWidget(self.empty)
        body.addWidget(self.list)
        body.addLayout(self.button_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.body)

    # -- building ------------------------------------------------------------------------------

    def add_button(self, key: str, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(key)
        button.setToolTip(tip)
        button.setStatusTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        self.buttons[key] = button
        self.button_row.addWidget(button)
        return button

    def finish_buttons(self) -> None:
        """Called once the buttons are added (they wrap onto a second line when narrow)."""

    def _fold(self, open_: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.body.setVisible(open_)

    # -- rows ------------------------------------------------------------------------------------

    def today(self) -> dt.date:
        return self._today()

    def set_rows(self, rows: list[tuple[str, object, str, bool]]) -> None:
        """Fill the list: (text, value, tooltip, muted) per row; keeps the selected value."""
        keep = self.current_value()
        self.list.clear()
        for text, value, tip, muted in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, value)
            if tip:  # Qt reads a tooltip as HTML when it looks like it: escape user text
                item.setToolTip(plain_tooltip(tip))
            if muted:
                item.setForeground(QBrush(MUTED))
            self.list.addItem(item)
            if keep is not None and value == keep:
                self.list.setCurrentItem(item)
        self.empty.setVisible(not rows)
        self.list.setVisible(bool(rows))
        # With nothing listed, only "add" makes sense: the rest would be disabled noise.
        for key, button in self.buttons.items():
            if key != "add":
                button.setVisible(bool(rows))
        self._fit_list()
        self.update_buttons()

    def _fit_list(self) -> None:
        # The page scrolls as a whole: the list shows its rows instead of a second scroll bar.
        rows = min(self.list.count(), MAX_VISIBLE_ROWS)
        height = sum(self.list.sizeHintForRow(i) for i in range(rows))
        height += 2 * self.list.spacing() * rows
        self.list.setFixedHeight(height + 2 * self.list.frameWidth() + 2 if rows else 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.list.count():
            self.list.doItemsLayout()
            self._fit_list()

    def current_value(self):
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_value(self, value) -> bool:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == value:
                self.list.setCurrentRow(i)
                return True
        return False

    def set_title(self, text: str) -> None:
        self.toggle.setText(text)

    # -- to override -------------------------------------------------------------------------

    def set_contact(self, contact_id: int | None) -> None:
        self.contact_id = contact_id
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def update_buttons(self) -> None:
        """Enable the buttons that make sense for the selected row."""

    def say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
