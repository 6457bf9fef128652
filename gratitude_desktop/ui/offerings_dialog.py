"""OfferingsDialog (Edit → Offerings…): the small editable list of what the business sells.

Add a name, rename in place (double-click or F2), deactivate what is no longer sold (kept
for the purchases that name it) or bring it back. Every change is saved at once through
journal.purchases; a refused name (empty, already there) is shown and the old one stays.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.purchases import (
    PurchaseInvalid,
    add_offering,
    list_offerings,
    rename_offering,
    set_offering_active,
)
from gratitude_desktop.ui.undo import undoable

INACTIVE = QColor("#8a8a8a")
ID_ROLE = Qt.ItemDataRole.UserRole
ACTIVE_ROLE = Qt.ItemDataRole.UserRole + 1


class OfferingsDialog(QDialog):
    """Edit the offerings list; `changed` fires after every saved change."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Offerings")
        self.setMinimumSize(360, 380)
        self._filling = False

        intro = QLabel("What you sell. Offers and purchases name one of these.", self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list.itemChanged.connect(self._renamed)
        self.list.currentItemChanged.connect(lambda *_a: self._sync())
        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText("New offering, e.g. Monthly bookkeeping")
        self.new_name.returnPressed.connect(self.add)
        self.add_button = QPushButton("Add", self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.rename_button = QPushButton("Rename", self)
        self.rename_button.setAutoDefault(False)
        self.rename_button.clicked.connect(self.rename)
        self.active_button = QPushButton("Deactivate", self)
        self.active_button.setAutoDefault(False)
        self.active_button.clicked.connect(self.toggle_active)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.add_button)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.rename_button)
        edit_row.addWidget(self.active_button)
        edit_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(add_row)
        layout.addWidget(self.list, 1)
        legend = QLabel("Grey and italic: no longer sold (kept for past purchases).", self)
        legend.setWordWrap(True)
        legend.setStyleSheet("color: palette(mid);")
        layout.addWidget(legend)
        layout.addLayout(edit_row)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.reload()
        self.new_name.setFocus()

    def reload(self, select: int | None = None) -> None:
        self._filling = True
        try:
            self.list.clear()
            for row in list_offerings(include_inactive=True):
                item = QListWidgetItem(row.name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                item.setData(ID_ROLE, row.id)
                item.setData(ACTIVE_ROLE, row.active)
                if not row.active:
                    item.setForeground(QBrush(INACTIVE))
                    font = item.font()
                    font.setItalic(True)
                    item.setFont(font)
                    item.setToolTip("No longer sold (kept for the purchases that name it)")
                self.list.addItem(item)
                if row.id == select:
                    self.list.setCurrentItem(item)
        finally:
            self._filling = False
        self._sync()

    def names(self) -> list[tuple[str, bool]]:
        """(name, active) per row, as shown: for tests and screen readers."""
        return [
            (self.list.item(i).text(), bool(self.list.item(i).data(ACTIVE_ROLE)))
            for i in range(self.list.count())
        ]

    def select(self, name: str) -> bool:
        for i in range(self.list.count()):
            if self.list.item(i).text() == name:
                self.list.setCurrentRow(i)
                return True
        return False

    def _sync(self) -> None:
        item = self.list.currentItem()
        self.rename_button.setEnabled(item is not None)
        self.active_button.setEnabled(item is not None)
        active = item is None or bool(item.data(ACTIVE_ROLE))
        self.active_button.setText("Deactivate" if active else "Sell again")

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def add(self) -> None:
        try:
            name = self.new_name.text().strip()
            new_id = undoable(
                f"add the offering “{name}”", [], lambda: add_offering(name), offerings=True
            )
        except PurchaseInvalid as invalid:
            self._say(" ".join(p.message for p in invalid.problems))
            return
        self._say("")
        self.new_name.clear()
        self.reload(select=new_id)
        self.changed.emit()

    def rename(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    def _renamed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        offering_id = item.data(ID_ROLE)
        try:
            undoable(
                f"rename an offering to “{item.text().strip()}”",
                [],
                lambda: rename_offering(offering_id, item.text()),
                offerings=True,
            )
        except PurchaseInvalid as invalid:
            self._say(" ".join(p.message for p in invalid.problems))
            self.reload(select=offering_id)
            return
        self._say("")
        self.reload(select=offering_id)
        self.changed.emit()

    def toggle_active(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        offering_id = item.data(ID_ROLE)
        active, name = not bool(item.data(ACTIVE_ROLE)), item.text()
        undoable(
            f"sell “{name}” again" if active else f"stop selling “{name}”",
            [],
            lambda: set_offering_active(offering_id, active),
            offerings=True,
        )
        self._say("")
        self.reload(select=offering_id)
        self.changed.emit()
