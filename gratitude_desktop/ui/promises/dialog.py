"""PromiseDialog: add a promise for a contact ("I promised to…" / "They promised to…") or edit one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.promises import (
    PromiseData,
    PromiseInvalid,
    load_promise,
    save_promise,
)
from gratitude_desktop.store.enums import PromiseDirection
from gratitude_desktop.store.models import Contact
from gratitude_desktop.store.queries import contact_names
from gratitude_desktop.ui.dialog_parts import date_edit, problem_label, save_buttons
from gratitude_desktop.ui.undo import undoable

DIRECTION_TEXT = {
    PromiseDirection.WE_OWE.value: "I promised to…",
    PromiseDirection.THEY_OWE.value: "They promised to…",
}
DEFAULT_DUE_DAYS = 7


class PromiseDialog(QDialog):
    """Add a promise to `contact_id`, or edit the promise `promise_id` (what, who owes, dates)."""

    saved = Signal(int)  # the promise id just written

    def __init__(
        self,
        contact_id: int | None = None,
        parent: QWidget | None = None,
        promise_id: int | None = None,
        *,
        today: dt.date | None = None,
        direction: str = PromiseDirection.WE_OWE.value,
    ):
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.promise_id = promise_id
        self.saved_id: int | None = None
        self._data = (
            load_promise(promise_id)
            if promise_id is not None
            else PromiseData(
                contact_id=contact_id,
                what="",
                direction=direction,
                made_on=self.today,
                due_on=self.today + dt.timedelta(days=DEFAULT_DUE_DAYS),
            )
        )
        contact = Contact.get_or_none(Contact.id == self._data.contact_id)
        name = contact.display_name if contact else ""
        self.setWindowTitle(f"Edit promise — {name}" if promise_id else f"New promise — {name}")
        self.setMinimumWidth(460)

        self.who = QLabel(name, self)
        self.who.setTextFormat(Qt.TextFormat.PlainText)
        self.direction = QComboBox(self)
        for value, text in DIRECTION_TEXT.items():
            self.direction.addItem(text, value)
        self.direction.setCurrentIndex(self.direction.findData(self._data.direction))
        self.what = QLineEdit(self._data.what, self)
        self.what.setPlaceholderText("send the link, make the introduction, read their blog…")
        self.has_due = QCheckBox("Due on", self)
        self.due = date_edit(self, QDate(self._data.due_on or self.today))
        self.has_due.setChecked(self._data.due_on is not None)
        self.due.setEnabled(self.has_due.isChecked())
        self.has_due.toggled.connect(self.due.setEnabled)
        self.made = date_edit(self, QDate(self._data.made_on or self.today))
        self.problems = problem_label(self)

        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        form = QFormLayout()
        form.addRow("With", self.who)
        form.addRow("Who owes", self.direction)
        form.addRow("What", self.what)
        form.addRow("", due_row)
        form.addRow("Made on", self.made)

        buttons, self.save_button = save_buttons(self)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.what.setFocus()

    def data(self) -> PromiseData:
        """The promise as the fields say now."""
        return PromiseData(
            contact_id=self._data.contact_id,
            what=self.what.text(),
            direction=self.direction.currentData(),
            made_on=self.made.date().toPython(),
            due_on=self.due.date().toPython() if self.has_due.isChecked() else None,
            status=self._data.status,
            blocked_reason=self._data.blocked_reason,
            done_on=self._data.done_on,
            id=self.promise_id,
        )

    def accept(self) -> None:
        """Save through journal.promises; problems are shown and the dialog stays open."""
        data = self.data()
        name = contact_names([data.contact_id]).get(data.contact_id, "")
        try:
            self.saved_id = undoable(
                f"{'edit' if self.promise_id else 'add'} the promise “{data.what.strip()}” ({name})",
                [data.contact_id],
                lambda: save_promise(data, self.today),
            )
        except PromiseInvalid as invalid:
            self.problems.setText("\n".join(p.message for p in invalid.problems))
            self.problems.show()
            return
        self.saved.emit(self.saved_id)
        super().accept()
