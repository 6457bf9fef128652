"""LogInteractionDialog: record (or edit) one entry of a contact's timeline in a few keystrokes.

Keyboard first: the summary has the focus, the rest defaults to "a call we made, as a
follow-up, just now", so Ctrl+L, type the summary, Ctrl+Enter logs a call.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.contacts import FieldProblem
from gratitude_desktop.journal.interactions import (
    InteractionData,
    InteractionInvalid,
    load_interaction,
    save_interaction,
)
from gratitude_desktop.store.enums import Channel, Direction, Purpose, label
from gratitude_desktop.store.models import Contact
from gratitude_desktop.ui.contacts.fields import PROBLEM_STYLE, EnumCombo, FieldBox
from gratitude_desktop.ui.timeline.model import DIRECTION_TEXT


def _to_qdatetime(value: dt.datetime) -> QDateTime:
    return QDateTime(
        QDate(value.year, value.month, value.day), QTime(value.hour, value.minute, value.second)
    )


def _from_qdatetime(value: QDateTime) -> dt.datetime:
    d, t = value.date(), value.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())


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
        contact = Contact.get_or_none(Contact.id == contact_id)
        name = contact.display_name if contact else f"#{contact_id}"
        self._dnc_channels = tuple(contact.dnc_channels) if contact else ()
        self.setWindowTitle(
            f"Edit interaction — {name}" if interaction_id else f"Log interaction — {name}"
        )
        self.setStyleSheet(PROBLEM_STYLE)
        self.setMinimumWidth(520)

        self.who = QLabel(name, self)
        self.who.setTextFormat(Qt.PlainText)
        font = self.who.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.who.setFont(font)

        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setDateTime(_to_qdatetime((now or dt.datetime.now()).replace(second=0)))
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
        self.summary = QLineEdit(self)
        self.summary.setPlaceholderText("What happened, in one line")
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText("Anything worth remembering (optional)")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.has_next = QCheckBox("Next step on", self)
        self.next_on = QDateEdit(self)
        self.next_on.setCalendarPopup(True)
        self.next_on.setDisplayFormat("yyyy-MM-dd")
        self.next_on.setDate(QDate.currentDate().addDays(7))
        self.next_on.setEnabled(False)
        self.has_next.toggled.connect(self.next_on.setEnabled)
        self.override = QLineEdit(self)
        self.override.setPlaceholderText("Why reach out although they asked not to be contacted?")

        self.boxes: dict[str, FieldBox] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)

        def add(text: str, name: str, widget: QWidget) -> FieldBox:
            box = FieldBox(widget, name, self)
            self.boxes[name] = box
            form.addRow(text, box)
            return box

        add("&When", "at", self.when)
        add("&Channel", "channel", self.channel)
        add("&Direction", "direction", self.direction)
        add("&Purpose", "purpose", self.purpose)
        add("&Summary", "summary", self.summary)
        add("&Notes", "notes", self.notes)
        next_row = QWidget(self)
        next_layout = QHBoxLayout(next_row)
        next_layout.setContentsMargins(0, 0, 0, 0)
        next_layout.addWidget(self.has_next)
        next_layout.addWidget(self.next_on)
        next_layout.addStretch(1)
        add("", "next_step_on", next_row)

        self.dnc_note = QLabel(self)
        self.dnc_note.setTextFormat(Qt.PlainText)
        self.dnc_note.setWordWrap(True)
        self.dnc_note.setStyleSheet(
            "color: #b3261e; background: #fdecea; border-radius: 3px; padding: 4px;"
        )
        self.override_box = FieldBox(self.override, "override_reason", self)
        self.general = QLabel(self)
        self.general.setTextFormat(Qt.PlainText)
        self.general.setWordWrap(True)
        self.general.setStyleSheet("color: #b3261e;")
        self.general.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.Save)
        self.save_button.setText("Save" if interaction_id else "Log it")
        self.save_button.setToolTip("Save (Ctrl+Enter)")
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.dnc_note)
        layout.addWidget(self.override_box)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.accept)

        self.direction.currentIndexChanged.connect(self._sync_dnc)
        if interaction_id is not None:
            self._load(load_interaction(interaction_id))
        self._sync_dnc()
        self.summary.setFocus()

    def _load(self, data: InteractionData) -> None:
        self.when.setDateTime(_to_qdatetime(data.at))
        self.channel.set_value(data.channel)
        self.direction.set_value(data.direction)
        self.purpose.set_value(data.purpose)
        self.summary.setText(data.summary)
        self.notes.setPlainText(data.notes)
        self.has_next.setChecked(data.next_step_on is not None)
        if data.next_step_on:
            d = data.next_step_on
            self.next_on.setDate(QDate(d.year, d.month, d.day))
        self.override.setText(data.override_reason or "")
        self._offering_id = data.offering_id

    def _outreach_to_dnc(self) -> bool:
        return bool(self._dnc_channels) and self.direction.value() == Direction.OUTBOUND

    def _sync_dnc(self) -> None:
        dnc = bool(self._dnc_channels)
        if dnc:
            channels = ", ".join(label(c) for c in self._dnc_channels)
            self.dnc_note.setText(
                f"Do not contact ({channels}). Contact from them is recorded as usual; "
                "outreach needs a reason."
            )
        self.dnc_note.setVisible(dnc)
        self.override_box.setVisible(self._outreach_to_dnc())

    def interaction(self) -> InteractionData:
        """The interaction as typed in the dialog."""
        next_on = None
        if self.has_next.isChecked():
            d = self.next_on.date()
            next_on = dt.date(d.year(), d.month(), d.day())
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
            offering_id=getattr(self, "_offering_id", None),
            override_reason=self.override.text() if self._outreach_to_dnc() else "",
        )

    def _show_problems(self, problems) -> None:
        for box in [*self.boxes.values(), self.override_box]:
            box.set_problem(None)
        general = []
        for problem in problems:
            box = self.boxes.get(problem.field)
            if problem.field == "override_reason":
                box = self.override_box
            if box is not None:
                box.set_problem(problem.message)
            else:
                general.append(problem.message)
        self.general.setText("\n".join(general))
        self.general.setVisible(bool(general))

    def accept(self) -> None:
        """Save, then close; on a problem, show it beside the field and stay open."""
        data = self.interaction()
        if self._outreach_to_dnc() and not data.override_reason.strip():
            self._show_problems(
                [
                    FieldProblem(
                        "override_reason",
                        "They asked not to be contacted: say why you reached out anyway.",
                    )
                ]
            )
            self.override.setFocus()
            return
        try:
            self.saved_id = save_interaction(data)
        except InteractionInvalid as invalid:
            self._show_problems(invalid.problems)
            return
        self.saved.emit(self.saved_id)
        super().accept()
