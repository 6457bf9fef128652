"""PurchaseDialog: record what a customer bought (offering, since, until, recurring)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.purchases import (
    PurchaseData,
    PurchaseInvalid,
    list_offerings,
    load_purchase,
    save_purchase,
)
from gratitude_desktop.store.models import Contact
from gratitude_desktop.store.queries import contact_names
from gratitude_desktop.ui.dialog_parts import date_edit, problem_label, save_buttons
from gratitude_desktop.ui.undo import undoable


class PurchaseDialog(QDialog):
    """Add a purchase for `contact_id`, or edit `purchase_id`; `saved` carries its id."""

    saved = Signal(int)

    def __init__(
        self,
        contact_id: int,
        parent: QWidget | None = None,
        purchase_id: int | None = None,
        *,
        today: dt.date,
    ):
        super().__init__(parent)
        self.today = today
        self._data = (
            load_purchase(purchase_id)
            if purchase_id is not None
            else PurchaseData(contact_id, 0, since=today)
        )
        contact = Contact.get_or_none(Contact.id == self._data.contact_id)
        name = contact.display_name if contact else ""
        self.setWindowTitle(f"{'Edit' if purchase_id else 'Add'} purchase — {name}")
        self.setMinimumWidth(360)
        self.saved_id: int | None = None

        self.offering = QComboBox(self)
        self.offering.addItem("Choose what they bought…", None)
        for o in list_offerings(include_inactive=purchase_id is not None):
            self.offering.addItem(o.name if o.active else f"{o.name} (no longer sold)", o.id)
        if purchase_id is not None:
            self.offering.setCurrentIndex(max(0, self.offering.findData(self._data.offering_id)))
        self.since = date_edit(self, QDate(self._data.since or today))
        self.has_until = QCheckBox("Until", self)
        self.until = date_edit(self, QDate(self._data.until or today + dt.timedelta(days=365)))
        self.has_until.setChecked(self._data.until is not None)
        self.until.setEnabled(self.has_until.isChecked())
        self.has_until.toggled.connect(self.until.setEnabled)
        self.recurring = QCheckBox("Recurring (a subscription, a retainer…)", self)
        self.recurring.setChecked(self._data.recurring)
        self.problems = problem_label(self)
        if self.offering.count() == 1:
            self.problems.setText("No offerings yet: add them with Edit → Offerings….")
            self.problems.show()

        until_row = QHBoxLayout()
        until_row.addWidget(self.has_until)
        until_row.addWidget(self.until, 1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Offering:", self.offering)
        form.addRow("Since:", self.since)
        form.addRow("", until_row)
        form.addRow("", self.recurring)
        buttons, self.save_button = save_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.purchase_id = purchase_id

    def data(self) -> PurchaseData:
        return PurchaseData(
            contact_id=self._data.contact_id,
            offering_id=self.offering.currentData() or 0,
            since=self.since.date().toPython(),
            until=self.until.date().toPython() if self.has_until.isChecked() else None,
            recurring=self.recurring.isChecked(),
            id=self.purchase_id,
        )

    def accept(self) -> None:
        data = self.data()
        name = contact_names([data.contact_id]).get(data.contact_id, "")
        offering = self.offering.currentText()
        try:
            self.saved_id = undoable(
                f"{'edit' if self.purchase_id else 'record'} {offering} for {name}",
                [data.contact_id],
                lambda: save_purchase(data),
            )
        except PurchaseInvalid as invalid:
            self.problems.setText("\n".join(p.message for p in invalid.problems))
            self.problems.show()
            return
        self.saved.emit(self.saved_id)
        super().accept()
