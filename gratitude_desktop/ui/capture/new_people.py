"""NewPeopleDialog: "People you correspond with who aren't in your journal", one click to add."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.ui.undo import push_recorded
from gratitude_desktop.ui.workers import run_in_pool

TITLE = "People you correspond with who aren't in your journal"


def _load():
    from gratitude_desktop.journal import capture

    return capture.new_people(set(capture.email_keys_of_contacts()))


class NewPeopleDialog(QDialog):
    """The correspondents capture found; Add puts one in the journal, Not a contact hides them."""

    contactAdded = Signal(int)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New people")
        self.resize(640, 380)
        heading = QLabel(TITLE, self)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.intro = QLabel(
            "You have written to each of them at least twice yourself. Follow up with "
            "everyone you meet: add them, and they join your agenda.",
            self,
        )
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["Name", "Email", "Messages", "Last"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel("Nobody new: everyone you write to is in your journal.", self)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.add_button = QPushButton("&Add to journal", self)
        self.add_button.setObjectName("addNewPerson")
        self.add_button.clicked.connect(self.add_selected)
        self.dismiss_button = QPushButton("&Not a contact", self)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.dismiss_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.people: list = []
        self.table.itemSelectionChanged.connect(self._sync)
        self.refresh()

    def refresh(self) -> None:
        run_in_pool(_load, on_result=self.set_people)

    def set_people(self, people: list) -> None:
        self.people = list(people)
        self.table.setRowCount(len(self.people))
        for row, person in enumerate(self.people):
            cells = (
                person.name,
                person.address,
                str(person.sent),
                person.last_at.strftime("%Y-%m-%d") if person.last_at else "",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))  # items are plain text
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(self.people))
        self.empty.setVisible(not self.people)
        if self.people and not self.table.selectedItems():
            self.table.selectRow(0)
        self._sync()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.people[rows[0].row()] if rows and rows[0].row() < len(self.people) else None

    def _sync(self) -> None:
        has = self.selected() is not None
        self.add_button.setEnabled(has)
        self.dismiss_button.setEnabled(has)

    def add_selected(self) -> None:
        person = self.selected()
        if person is None:
            return
        from gratitude_desktop.io.capture.people import add_correspondent
        from gratitude_desktop.journal.changes import record

        self.add_button.setEnabled(False)
        run_in_pool(
            record,
            [],
            lambda: add_correspondent(person),
            lambda result: [result[0]] if result[1] else [],
            on_result=lambda r, p=person: self._added(p, r),
        )

    def _added(self, person, recorded) -> None:
        (contact_id, created), change = recorded
        shown = person.name or person.address
        if created:  # an undoable command, like every change made in the window
            push_recorded(f"add {shown} from your sent mail", change, contact_id)
        self.status.setText(
            f"Added {shown} to your journal."
            if created
            else f"{shown} was already in your journal."
        )
        self.contactAdded.emit(contact_id)
        self.changed.emit()
        self.refresh()

    def dismiss_selected(self) -> None:
        person = self.selected()
        if person is None:
            return
        from gratitude_desktop.journal.capture import dismiss_correspondent

        run_in_pool(
            dismiss_correspondent, person.address_key, on_result=lambda _r: self._dismissed()
        )

    def _dismissed(self) -> None:
        self.changed.emit()
        self.refresh()
