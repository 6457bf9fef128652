"""ReferralDialog: record a referral received or given, from either contact's page.

The shown contact plays one of four parts, the picked one the other:

- they referred someone to us     (received: by = shown, person = picked)
- someone referred them to us     (received: by = picked, person = shown)
- we referred them to a partner   (given:    person = shown, to = picked)
- we sent someone to them         (given:    person = picked, to = shown)
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.referrals import (
    ReferralAsk,
    ReferralInvalid,
    record_given,
    record_received,
)
from gratitude_desktop.store.models import Contact
from gratitude_desktop.store.queries import contact_names
from gratitude_desktop.ui.contacts.fields import ContactPicker, FieldTextProblem
from gratitude_desktop.ui.dialog_parts import date_edit, problem_label, save_buttons
from gratitude_desktop.ui.undo import undoable

THEY_REFERRED = "they-referred"
REFERRED_THEM = "referred-them"
WE_SENT_THEM = "we-sent-them"
WE_SENT_TO_THEM = "we-sent-to-them"

# kind: (choice text, caption of the picked person, what happens)
KINDS = {
    THEY_REFERRED: ("{name} referred someone to us", "Whom they referred:"),
    REFERRED_THEM: ("Someone referred {name} to us", "Referred by:"),
    WE_SENT_THEM: ("We referred {name} to a partner", "Partner:"),
    WE_SENT_TO_THEM: ("We sent someone to {name}", "Whom we sent:"),
}


class ReferralDialog(QDialog):
    """Record one referral involving `contact_id`; `saved` carries the new referral's id."""

    saved = Signal(int)

    def __init__(
        self,
        contact_id: int,
        parent: QWidget | None = None,
        *,
        today: dt.date,
        kind: str = THEY_REFERRED,
    ):
        super().__init__(parent)
        self.contact_id = contact_id
        self.today = today
        self.saved_id: int | None = None
        contact = Contact.get_or_none(Contact.id == contact_id)
        self.name = contact.display_name if contact else f"#{contact_id}"
        self.setWindowTitle(f"Record a referral — {self.name}")
        self.setMinimumWidth(400)

        self.kind = QComboBox(self)
        for key, (text, _caption) in KINDS.items():
            self.kind.addItem(text.format(name=self.name), key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.other = ContactPicker(self)
        self.other.set_excluded(contact_id)
        self.other_caption = QLabel(self)
        self.other_caption.setBuddy(self.other.edit)
        self.on = date_edit(self, QDate(today))
        self.hint = QLabel(self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(dark);")
        self.problems = problem_label(self)
        self.problems.setObjectName("problems")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("What:", self.kind)
        form.addRow(self.other_caption, self.other)
        form.addRow("On:", self.on)
        buttons, self.save_button = save_buttons(self, "Record")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.other.edit.setFocus()

    def _kind_changed(self, *_args) -> None:
        kind = self.kind.currentData()
        self.other_caption.setText(KINDS[kind][1])
        self.hint.setText(
            {
                THEY_REFERRED: f"We will remind you to thank {self.name} until you have.",
                REFERRED_THEM: "Their “referred by” is set if empty; "
                "we will remind you to thank the referrer.",
                WE_SENT_THEM: "Later, ask them “did it help?” and note how it went.",
                WE_SENT_TO_THEM: "Later, ask the person “did it help?” and note how it went.",
            }[kind]
        )

    def on_date(self) -> dt.date:
        d = self.on.date()
        return d.toPython()

    def _show(self, messages: list[str]) -> None:
        self.problems.setText("\n".join(messages))
        self.problems.setVisible(bool(messages))

    def ask_anyway(self, question: str) -> bool:
        """Ask before a referral that may cost face (a partner out of reach): True for yes."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, "Refer anyway?", question, parent=self)
        box.setObjectName("referAnyway")
        box.setTextFormat(Qt.TextFormat.PlainText)
        yes = box.addButton("Refer anyway", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is yes

    def accept(self) -> None:
        """Record through journal.referrals; problems are shown and the dialog stays open."""
        try:
            other = self.other.value()
        except FieldTextProblem as problem:
            self._show([str(problem)])
            return
        if other is None:
            self._show([f"Pick the other person: {self.other_caption.text().rstrip(':')}."])
            return
        kind, me, on = self.kind.currentData(), self.contact_id, self.on_date()

        confirmed = False

        def record() -> int:
            if kind == THEY_REFERRED:
                return record_received(me, other, on)
            if kind == REFERRED_THEM:
                return record_received(other, me, on)
            person, partner = (me, other) if kind == WE_SENT_THEM else (other, me)
            return record_given(person, partner, on, confirmed=confirmed)

        names = contact_names([me, other])
        text = f"record a referral between {names.get(me, '')} and {names.get(other, '')}"
        try:
            try:
                self.saved_id = undoable(text, [me, other], record)
            except ReferralAsk as ask:  # a partner out of reach: nothing was written
                if not self.ask_anyway(ask.question):
                    self._show(["Not recorded: " + ask.question.rsplit(" Refer", 1)[0]])
                    return
                confirmed = True
                self.saved_id = undoable(text, [me, other], record)
        except ReferralInvalid as invalid:
            self._show([p.message for p in invalid.problems])
            return
        self.saved.emit(self.saved_id)
        super().accept()
