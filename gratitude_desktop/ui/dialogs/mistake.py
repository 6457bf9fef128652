"""MistakeDialog: admit a mistake — what went wrong, the apology, how we made it right.

Saved through journal.mistakes.log_mistake as an apology on the timeline, with an optional
promise we now owe them. Apologising on a do-not-contact channel needs a reason, as any
outreach does (the reason row appears when the chosen channel is blocked).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.mistakes import MistakeInvalid, MistakeLogged, log_mistake
from gratitude_desktop.journal.outreach import OutreachRefused, is_reachable
from gratitude_desktop.store.enums import Channel
from gratitude_desktop.store.models import Contact
from gratitude_desktop.store.queries import contact_names
from gratitude_desktop.ui.contacts.fields import PROBLEM_STYLE, EnumCombo, FieldBox
from gratitude_desktop.ui.dialog_parts import date_edit, inline_row, problem_label, save_buttons
from gratitude_desktop.ui.undo import undoable

DEFAULT_DUE_DAYS = 7


class MistakeDialog(QDialog):
    """Log a mistake with `contact_id`; `saved` carries the apology interaction's id."""

    saved = Signal(int)

    def __init__(
        self,
        contact_id: int,
        parent: QWidget | None = None,
        *,
        today: dt.date,
        now: dt.datetime | None = None,
    ):
        super().__init__(parent)
        self.contact_id = contact_id
        self.today = today
        self._now = now
        self.result_logged: MistakeLogged | None = None
        self._contact = Contact.get_or_none(Contact.id == contact_id)
        name = self._contact.display_name if self._contact else f"#{contact_id}"
        self.setWindowTitle(f"Log a mistake — {name}")
        self.setStyleSheet(PROBLEM_STYLE)
        self.setMinimumWidth(400)

        intro = QLabel(
            f"Admit it, apologise, make {name} whole. This is logged as an apology.", self
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.what = QLineEdit(self)
        self.what.setPlaceholderText("The invoice went to the wrong address")
        self.apology = QPlainTextEdit(self)
        self.apology.setTabChangesFocus(True)
        self.apology.setPlaceholderText("What you said to them")
        self.apology.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.made_whole = QLineEdit(self)
        self.made_whole.setPlaceholderText("Sent a corrected invoice, waived the fee")
        self.channel = EnumCombo([c.value for c in Channel], self)
        self.channel.set_value(Channel.CALL.value)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("Why reach out although they asked not to be contacted?")
        self.has_promise = QCheckBox("I promised to…", self)
        self.promise = QLineEdit(self)
        self.promise.setPlaceholderText("call back on Friday with the refund")
        self.has_due = QCheckBox("due", self)
        self.due = date_edit(self)
        due = today + dt.timedelta(days=DEFAULT_DUE_DAYS)
        self.due.setDate(QDate(due))
        self.has_due.setChecked(True)
        self.has_promise.toggled.connect(self._sync)
        self.has_due.toggled.connect(self._sync)
        self.promise.textEdited.connect(
            lambda text: text.strip() and self.has_promise.setChecked(True)
        )

        self.boxes: dict[str, FieldBox] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._form = form

        def add(text: str, name: str, widget: QWidget) -> None:
            box = FieldBox(widget, name, self)
            self.boxes[name] = box
            form.addRow(text, box)

        add("What went &wrong:", "what_went_wrong", self.what)
        add("The &apology:", "apology", self.apology)
        add("Made &whole by:", "made_whole", self.made_whole)
        add("&Channel:", "channel", self.channel)
        add("&Reason:", "reason", self.reason)
        form.addRow(self.has_promise, self.promise)
        add("", "promise_what", inline_row(self, self.has_due, self.due))
        self.general = problem_label(self)

        buttons, self.save_button = save_buttons(self, "Log apology")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(buttons)
        self.channel.currentIndexChanged.connect(self._sync)
        self._sync()
        self.what.setFocus()

    def _needs_reason(self) -> bool:
        return self._contact is not None and not is_reachable(self._contact, self.channel.value())

    def _sync(self, *_args) -> None:
        self._form.setRowVisible(self.boxes["reason"], self._needs_reason())
        self.promise.setEnabled(True)
        self.due.setEnabled(self.has_promise.isChecked() and self.has_due.isChecked())
        self.has_due.setEnabled(self.has_promise.isChecked())

    def _show(self, problems) -> None:
        for box in self.boxes.values():
            box.set_problem(None)
        general = []
        for field, message in problems:
            box = self.boxes.get(field)
            if box is not None and not box.isHidden():
                box.set_problem(message)
            else:
                general.append(message)
        self.general.setText("\n".join(general))
        self.general.setVisible(bool(general))

    def accept(self) -> None:
        """Log through journal.mistakes; problems are shown and the dialog stays open."""
        with_promise = self.has_promise.isChecked() and self.promise.text().strip()
        if self.has_promise.isChecked() and not self.promise.text().strip():
            self._show([("promise_what", "Say what you promised, or untick “I promised to…”.")])
            return
        d = self.due.date()
        due = d.toPython() if self.has_due.isChecked() else None
        name = contact_names([self.contact_id]).get(self.contact_id, "")
        try:
            self.result_logged = undoable(
                f"log the apology to {name}",
                [self.contact_id],
                lambda: log_mistake(
                    self.contact_id,
                    self.what.text(),
                    self.apology.toPlainText(),
                    self.made_whole.text(),
                    self.promise.text() if with_promise else None,
                    due if with_promise else None,
                    today=self.today,
                    at=self._now,
                    channel=self.channel.value(),
                    reason=self.reason.text() if self._needs_reason() else None,
                ),
            )
        except MistakeInvalid as invalid:
            self._show([(p.field, p.message) for p in invalid.problems])
            return
        except OutreachRefused as refused:
            field = "reason" if refused.check.needs_reason else "general"
            self._show([(field, str(refused))])
            return
        self.saved.emit(self.result_logged.interaction_id)
        super().accept()
