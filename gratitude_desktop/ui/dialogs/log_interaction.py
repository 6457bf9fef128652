"""LogInteractionDialog: record (or edit) one entry of a contact's timeline in a few keystrokes.

Keyboard first: the summary has the focus, the rest defaults to "a call we made, as a
follow-up, just now", so Ctrl+L, type the summary, Ctrl+Enter logs a call.

The journal's outreach guard (journal.outreach) decides what may be logged: outreach on a
do-not-contact channel needs a reason, a greeting never carries an offer, an offer for
something they already have needs a confirmation, and so do a fourth unanswered touch in a
week and an offer right after a first purchase; an offer to a lost customer nobody asked
why needs a reason; a greeting that reads as an offer may be logged as an offer instead.
The dialog shows its answers beside the fields and saves through `journal.promises.log_with_promises`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.contacts import FieldProblem
from gratitude_desktop.journal.interactions import (
    InteractionData,
    InteractionInvalid,
    load_interaction,
)
from gratitude_desktop.journal.outreach import OutreachRefused, check_interaction
from gratitude_desktop.journal.promises import PromiseInvalid, log_with_promises
from gratitude_desktop.store.enums import Channel, Direction, PromiseDirection, Purpose, label
from gratitude_desktop.store.models import Contact, Offering
from gratitude_desktop.ui.contacts.fields import PROBLEM_STYLE, EnumCombo, FieldBox
from gratitude_desktop.ui.dialog_parts import date_edit, inline_row
from gratitude_desktop.ui.timeline.model import DIRECTION_TEXT
from gratitude_desktop.ui.undo import undoable

WARNING_STYLE = "color: #8a4b00; background: #fff4e0; border-radius: 3px; padding: 4px;"
DNC_STYLE = "color: #b3261e; background: #fdecea; border-radius: 3px; padding: 4px;"


def _to_qdatetime(value: dt.datetime) -> QDateTime:
    return QDateTime(QDate(value.date()), QTime(value.hour, value.minute, value.second))


def _from_qdatetime(value: QDateTime) -> dt.datetime:
    d, t = value.date(), value.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())


def _note_label(style: str, parent: QWidget) -> QLabel:
    note = QLabel(parent)
    note.setTextFormat(Qt.PlainText)
    note.setWordWrap(True)
    note.setStyleSheet(style)
    note.hide()
    return note


class LogInteractionDialog(QDialog):
    """Log a new interaction with a contact, or edit one (`interaction_id`)."""

    saved = Signal(int)  # the interaction id just written

    def __init__(
        self,
        contact_id: int,
        parent: QWidget | None = None,
        interaction_id: int | None = None,
        *,
        now: dt.datetime | None = None,
    ):
        super().__init__(parent)
        self.contact_id = contact_id
        self.interaction_id = interaction_id
        self.saved_id: int | None = None
        self._now = (now or dt.datetime.now()).replace(second=0, microsecond=0)
        # The guard's questions (pestering, already has it, just bought) answered "Log anyway".
        self._confirmed: set[str] = set()
        self._asked: set[str] = set()
        contact = Contact.get_or_none(Contact.id == contact_id)
        name = contact.display_name if contact else f"#{contact_id}"
        self.contact_name = name
        self._dnc_channels = tuple(contact.dnc_channels) if contact else ()
        self.setWindowTitle(
            f"Edit interaction — {name}" if interaction_id else f"Log interaction — {name}"
        )
        self.setStyleSheet(PROBLEM_STYLE)
        self.setMinimumWidth(540)

        self.who = QLabel(self)
        self.who.setTextFormat(Qt.PlainText)
        self.who.setText(name)
        font = self.who.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.who.setFont(font)

        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setDateTime(_to_qdatetime(self._now))
        self.channel = EnumCombo([c.value for c in Channel], self)
        self.channel.set_value(Channel.CALL.value)
        self.direction = EnumCombo([d.value for d in Direction], self)
        for i in range(self.direction.count()):
            self.direction.setItemText(
                i, DIRECTION_TEXT.get(self.direction.itemData(i), self.direction.itemText(i))
            )
        self.direction.set_value(Direction.OUTBOUND.value)
        self.purpose = EnumCombo([p.value for p in Purpose], self)
        self.purpose.set_value(Purpose.FOLLOW_UP.value)
        self.offering = QComboBox(self)
        self.offering.addItem("Choose what is offered…", None)
        for offering in Offering.select().where(Offering.active).order_by(Offering.name):
            self.offering.addItem(offering.name, offering.id)
        self.summary = QLineEdit(self)
        self.summary.setPlaceholderText("What happened, in one line")
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText("Anything worth remembering (optional)")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.has_next = QCheckBox("on", self)  # the row reads "Next step: ☐ on [date]"
        self.next_on = date_edit(self, QDate(self._now.date()).addDays(7))
        self.next_on.setEnabled(False)
        self.has_next.toggled.connect(self.next_on.setEnabled)
        self.override = QLineEdit(self)
        self.override.setPlaceholderText("Why reach out although they asked not to be contacted?")

        self.boxes: dict[str, FieldBox] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignTop)
        self._form = form

        def add(text: str, name: str, widget: QWidget) -> FieldBox:
            box = FieldBox(widget, name, self)
            self.boxes[name] = box
            form.addRow(text, box)
            return box

        add("&When:", "at", self.when)
        add("&Channel:", "channel", self.channel)
        add("&Direction:", "direction", self.direction)
        add("&Reason:", "override_reason", self.override)
        add("&Purpose:", "purpose", self.purpose)
        add("&Offering:", "offering", self.offering)
        add("&Summary:", "summary", self.summary)
        add("&Notes:", "notes", self.notes)
        add("Next step:", "next_step_on", inline_row(self, self.has_next, self.next_on))
        self.promise_rows: dict[str, tuple[QLineEdit, QCheckBox, QDateEdit]] = {}
        if interaction_id is None:
            self._add_promise_rows(add)

        self.dnc_note = _note_label(DNC_STYLE, self)
        self.warnings = _note_label(WARNING_STYLE, self)
        self.warnings.setObjectName("warnings")
        self.general = _note_label("color: #b3261e;", self)
        self.as_offer = QPushButton("Log as an &offer instead", self)
        self.as_offer.setObjectName("asOffer")
        self.as_offer.setToolTip("A greeting never carries an offer: make this entry an offer")
        self.as_offer.clicked.connect(self.log_as_offer)
        self.as_offer.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.Save)
        self._save_text = "Save" if interaction_id else "Log it"
        self.save_button.setText(self._save_text)
        self.save_button.setToolTip("Save (Ctrl+Enter)")
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.dnc_note)
        layout.addLayout(form)
        layout.addWidget(self.warnings)
        layout.addWidget(self.as_offer, 0, Qt.AlignLeft)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.accept)

        if self._dnc_channels:
            channels = ", ".join(label(c) for c in self._dnc_channels)
            words = f" — “{contact.dnc_reason}”" if contact.dnc_reason else ""
            self.dnc_note.setText(
                f"Do not contact ({channels}){words}. Contact from them is recorded as usual; "
                "reaching out on those channels needs a reason."
            )
            self.dnc_note.show()

        if interaction_id is not None:
            self._load(load_interaction(interaction_id))
        for combo in (self.channel, self.direction, self.purpose, self.offering):
            combo.currentIndexChanged.connect(self._refresh)
        self.summary.textChanged.connect(self._refresh)
        self.notes.textChanged.connect(self._refresh)
        self._refresh()
        self.summary.setFocus()
        self._typed_at_start = self.typed_text()

    def typed_text(self) -> tuple[str, ...]:
        """Everything typed into the dialog's text fields (compared to ask before discarding)."""
        return (
            self.summary.text(),
            self.notes.toPlainText(),
            self.override.text(),
            *(what.text() for what, _has_due, _due in self.promise_rows.values()),
        )

    def reject(self) -> None:
        """Esc, Cancel or closing: with text typed since the dialog opened, ask first."""
        typed = self.saved_id is None and self.typed_text() != self._typed_at_start
        if typed and not self.confirm_discard():
            return
        super().reject()

    def confirm_discard(self) -> bool:
        """'Discard what you typed?': True to close without saving."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Discard what you typed?",
            f"What you typed about {self.contact_name} is not logged yet.",
            parent=self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText("Close without logging it, or go back to it?")
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard

    def _add_promise_rows(self, add) -> None:
        """Quick add: "I promised to…" / "They promised to…", each with an optional due date."""
        for direction, caption, hint in (
            (PromiseDirection.WE_OWE.value, "I promised to:", "send the link (optional)"),
            (PromiseDirection.THEY_OWE.value, "They promised to:", "read my proposal (optional)"),
        ):
            what = QLineEdit(self)
            what.setObjectName(f"promise-{direction}")
            what.setPlaceholderText(hint)
            has_due = QCheckBox("due", self)
            due = date_edit(self, QDate(self._now.date()).addDays(7))
            due.setEnabled(False)
            has_due.toggled.connect(due.setEnabled)
            add(caption, f"promise_{direction}", inline_row(self, what, has_due, due, grow=what))
            self.promise_rows[direction] = (what, has_due, due)

    def promises_typed(self) -> list[tuple[str, str, dt.date | None]]:
        """The quick-add promises filled in: (direction, what, due on or None)."""
        typed = []
        for direction, (what, has_due, due) in self.promise_rows.items():
            if what.text().strip():
                d = due.date()
                when = d.toPython() if has_due.isChecked() else None
                typed.append((direction, what.text().strip(), when))
        return typed

    def _load(self, data: InteractionData) -> None:
        self.when.setDateTime(_to_qdatetime(data.at))
        self.channel.set_value(data.channel)
        self.direction.set_value(data.direction)
        self.purpose.set_value(data.purpose)
        if data.offering_id is not None:
            index = self.offering.findData(data.offering_id)
            if index < 0:
                offering = Offering.get_or_none(Offering.id == data.offering_id)
                self.offering.addItem(offering.name if offering else "?", data.offering_id)
                index = self.offering.count() - 1
            self.offering.setCurrentIndex(index)
        self.summary.setText(data.summary)
        self.notes.setPlainText(data.notes)
        self.has_next.setChecked(data.next_step_on is not None)
        if data.next_step_on:
            d = data.next_step_on
            self.next_on.setDate(QDate(d))
        self.override.setText(data.override_reason or "")

    def _set_row_visible(self, name: str, visible: bool) -> None:
        self._form.setRowVisible(self.boxes[name], visible)

    def _refresh(self, *_args) -> None:
        """Ask the outreach guard about the entry as typed; show what it says."""
        check = check_interaction(self.interaction(), self._now.date())
        self._set_row_visible("override_reason", check.needs_reason)
        if check.reason_asked:
            self.override.setPlaceholderText(check.reason_asked)
        self.as_offer.setVisible(check.suggest_offer)
        self._set_row_visible(
            "offering", self.purpose.value() == Purpose.OFFER or self.offering_id() is not None
        )
        # The do-not-contact warning comes first; the banner at the top already says it.
        warnings = check.warnings[1:] if check.blocked else check.warnings
        self.warnings.setText("\n".join(warnings))
        self.warnings.setVisible(bool(warnings))
        asked = {key for key, _ in check.questions}
        self._asked &= asked
        self._confirmed &= asked
        self.save_button.setText("Log anyway" if self._asked else self._save_text)
        self._fit()

    def _fit(self) -> None:
        # Wrapped notes are height-for-width: a dialog's minimum height does not count them,
        # so grow it by hand or the fixed-height notes box gets squeezed.
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        needed = max(needed, layout.totalMinimumSize().height())
        self.setMinimumHeight(needed)
        if self.height() < needed:
            self.resize(self.width(), needed)

    def log_as_offer(self) -> None:
        """The entry reads as an offer: make it one (of the offering it names, if any)."""
        check = check_interaction(self.interaction(), self._now.date())
        self.purpose.set_value(Purpose.OFFER.value)
        if check.suggested_offering_id is not None:
            index = self.offering.findData(check.suggested_offering_id)
            if index >= 0:
                self.offering.setCurrentIndex(index)
        self.offering.setFocus()

    def offering_id(self) -> int | None:
        return self.offering.currentData()

    def interaction(self) -> InteractionData:
        """The interaction as typed in the dialog."""
        next_on = None
        if self.has_next.isChecked():
            d = self.next_on.date()
            next_on = d.toPython()
        return InteractionData(
            id=self.interaction_id,
            contact_id=self.contact_id,
            at=_from_qdatetime(self.when.dateTime()),
            channel=self.channel.value(),
            direction=self.direction.value(),
            purpose=self.purpose.value(),
            summary=self.summary.text(),
            notes=self.notes.toPlainText(),
            next_step_on=next_on,
            offering_id=self.offering_id(),
            override_reason=self.override.text(),
        )

    def _show_problems(self, problems: list[FieldProblem]) -> None:
        for box in self.boxes.values():
            box.set_problem(None)
        general = []
        for problem in problems:
            box = self.boxes.get(problem.field)
            if box is not None and not box.isHidden():
                box.set_problem(problem.message)
            else:
                general.append(problem.message)
        self.general.setText("\n".join(general))
        self.general.setVisible(bool(general))
        self._fit()

    def accept(self) -> None:
        """Save, then close; on a problem, show it beside the field and stay open."""
        data = self.interaction()
        check = check_interaction(data, self._now.date())
        if not check.needs_reason:
            data = replace(data, override_reason="")
        problems = []
        for error in check.errors:
            field = "offering" if "offer" in error else "purpose"
            problems.append(FieldProblem(field, error))
        if check.needs_reason and not data.override_reason.strip():
            because = (
                "They asked not to be contacted this way: say why you reach out anyway."
                if check.blocked
                else "Ask them why first — don't woo them back: say why you offer anyway."
            )
            problems.append(FieldProblem("override_reason", because))
        # Each question is shown once with "Log anyway"; pressing it again is the yes.
        self._confirmed |= self._asked
        unanswered = check.unconfirmed(self._confirmed)
        if unanswered and not check.errors:
            self._asked = {key for key, text in check.questions if text in unanswered}
            self.save_button.setText("Log anyway")
            for text in unanswered:
                field = "offering" if check.already_has and "already has" in text else "general"
                problems.append(FieldProblem(field, f"{text} Press “Log anyway” to log it."))
        if problems:
            self._show_problems(problems)
            return
        promised = self.promises_typed()

        def write() -> int:
            return log_with_promises(
                data,
                promised,
                self._now.date(),
                reason=data.override_reason if check.needs_reason else None,
                confirmed=self._confirmed,
            )

        what = {"in person": "meeting"}.get(
            label(data.channel).lower(), label(data.channel).lower()
        )
        text = (
            f"edit the {what} with {self.contact_name}"
            if self.interaction_id is not None
            else f"log {'an' if what[0] in 'aeiou' else 'a'} {what} with {self.contact_name}"
        )
        try:
            self.saved_id = undoable(text, [self.contact_id], write)
        except PromiseInvalid as invalid:
            self._show_problems([replace(p, field=f"promise_{p.field}") for p in invalid.problems])
            return
        except InteractionInvalid as invalid:
            self._show_problems(invalid.problems)
            return
        except OutreachRefused as refused:
            self._show_problems([FieldProblem("general", str(refused))])
            return
        self.saved.emit(self.saved_id)
        super().accept()
