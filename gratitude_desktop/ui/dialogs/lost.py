"""LostDialog: mark a customer lost — the reason and a note — then propose ONE listening talk.

Step one asks since when, why (LostReason) and a note, and saves through
journal.lost.mark_lost. Step two shows the ListeningProposal it returns: "Log it now" opens
LogInteractionDialog prefilled as a feedback conversation (asked what went wrong, listened;
the notes start "What we learned: ", as journal.lost.log_listening writes them), "Later"
closes — the agenda's ask-why-lost item reminds until a conversation is logged.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.contacts import load_contact
from gratitude_desktop.journal.lost import ListeningProposal, LostInvalid, mark_lost
from gratitude_desktop.store.enums import Channel, LostReason, Purpose
from gratitude_desktop.store.models import Contact
from gratitude_desktop.store.queries import contact_names
from gratitude_desktop.ui.contacts.fields import PROBLEM_STYLE, EnumCombo, FieldBox
from gratitude_desktop.ui.dialog_parts import date_edit
from gratitude_desktop.ui.dialogs.log_interaction import LogInteractionDialog
from gratitude_desktop.ui.undo import undoable

LISTENING_SUMMARY = "Asked what went wrong and listened"
LEARNED_PREFIX = "What we learned: "


def _plain(text: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    return label


def open_listening_dialog(
    contact_id: int, parent: QWidget | None, *, now: dt.datetime | None = None
) -> LogInteractionDialog:
    """LogInteractionDialog prefilled for the listening conversation with a lost customer."""
    dialog = LogInteractionDialog(contact_id, parent, now=now)
    dialog.setWindowTitle(f"Listening conversation — {dialog.who.text()}")
    dialog.purpose.set_value(Purpose.FEEDBACK.value)
    dialog.channel.set_value(Channel.CALL.value)
    dialog.summary.setText(LISTENING_SUMMARY)
    dialog.notes.setPlainText(LEARNED_PREFIX)
    dialog.notes.moveCursor(QTextCursor.MoveOperation.End)
    dialog.notes.setFocus()
    return dialog


class LostDialog(QDialog):
    """Mark `contact_id` a lost customer, then propose one listening conversation."""

    marked = Signal(int)  # contact id, once marked lost
    listening = Signal(object)  # the LogInteractionDialog opened by "Log it now"

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
        self.proposal: ListeningProposal | None = None
        self.listening_dialog: LogInteractionDialog | None = None
        self.choice: str | None = None  # "now" or "later" once the proposal was answered
        contact = Contact.get_or_none(Contact.id == contact_id)
        self.name = contact.display_name if contact else f"#{contact_id}"
        self.setWindowTitle(f"Lost customer — {self.name}")
        self.setStyleSheet(PROBLEM_STYLE)
        self.setMinimumWidth(400)
        data = load_contact(contact_id) if contact else None

        self.stack = QStackedWidget(self)
        ask = QWidget(self.stack)
        self.since = date_edit(ask)
        since = (data.lost_since if data else None) or today
        self.since.setDate(QDate(since))
        self.reason = EnumCombo([r.value for r in LostReason], ask, blank="Choose the reason…")
        if data and data.lost_reason:
            self.reason.set_value(data.lost_reason)
        self.note = QLineEdit((data.lost_note if data else "") or "", ask)
        self.note.setPlaceholderText("What happened, as far as you know")
        self.boxes = {
            "lost_since": FieldBox(self.since, "lost_since", ask),
            "lost_reason": FieldBox(self.reason, "lost_reason", ask),
            "lost_note": FieldBox(self.note, "lost_note", ask),
        }
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Lost since:", self.boxes["lost_since"])
        form.addRow("&Reason:", self.boxes["lost_reason"])
        form.addRow("&Note:", self.boxes["lost_note"])
        self.general = _plain("", ask)
        self.general.setStyleSheet("color: #b3261e;")
        self.general.hide()
        self.mark_button = QPushButton("Mark lost", ask)
        self.mark_button.setDefault(True)
        self.mark_button.clicked.connect(self.mark)
        self.cancel_button = QPushButton("Cancel", ask)
        self.cancel_button.clicked.connect(self.reject)
        ask_buttons = QHBoxLayout()
        ask_buttons.addStretch(1)
        ask_buttons.addWidget(self.cancel_button)
        ask_buttons.addWidget(self.mark_button)
        ask_layout = QVBoxLayout(ask)
        ask_layout.setContentsMargins(0, 0, 0, 0)
        ask_layout.addWidget(_plain(f"Why did we lose {self.name}?", ask))
        ask_layout.addLayout(form)
        ask_layout.addWidget(self.general)
        ask_layout.addStretch(1)
        ask_layout.addLayout(ask_buttons)

        propose = QWidget(self.stack)
        self.proposal_text = _plain("", propose)
        self.proposal_text.setObjectName("proposal")
        font = self.proposal_text.font()
        font.setBold(True)
        self.proposal_text.setFont(font)
        self.proposal_hint = _plain(
            "One conversation to ask why — not to sell. What you learn is written down.",
            propose,
        )
        self.now_button = QPushButton("Log it now", propose)
        self.now_button.setDefault(True)
        self.now_button.clicked.connect(self.log_now)
        self.later_button = QPushButton("Later", propose)
        self.later_button.clicked.connect(self.later)
        propose_buttons = QHBoxLayout()
        propose_buttons.addStretch(1)
        propose_buttons.addWidget(self.later_button)
        propose_buttons.addWidget(self.now_button)
        propose_layout = QVBoxLayout(propose)
        propose_layout.setContentsMargins(0, 0, 0, 0)
        propose_layout.addWidget(self.proposal_text)
        propose_layout.addWidget(self.proposal_hint)
        propose_layout.addStretch(1)
        propose_layout.addLayout(propose_buttons)

        self.stack.addWidget(ask)
        self.stack.addWidget(propose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.reason.setFocus()

    def since_date(self) -> dt.date:
        d = self.since.date()
        return d.toPython()

    def mark(self) -> None:
        """Save through journal.lost.mark_lost, then show the listening proposal."""
        for box in self.boxes.values():
            box.set_problem(None)
        self.general.hide()
        since, reason, note = self.since_date(), self.reason.value(), self.note.text().strip()
        name = contact_names([self.contact_id]).get(self.contact_id, "")
        try:
            self.proposal = undoable(
                f"mark {name} lost",
                [self.contact_id],
                lambda: mark_lost(self.contact_id, since, reason, note, self.today),
            )
        except LostInvalid as invalid:
            for problem in invalid.problems:
                box = self.boxes.get(problem.field)
                if box is not None:
                    box.set_problem(problem.message)
                else:
                    self.general.setText(problem.message)
                    self.general.show()
            return
        self.proposal_text.setText(f"{self.proposal.what}, by {self.proposal.due_on:%Y-%m-%d}.")
        self.stack.setCurrentIndex(1)
        self.now_button.setFocus()
        self.marked.emit(self.contact_id)

    def log_now(self) -> LogInteractionDialog:
        """Open the listening conversation in LogInteractionDialog (window-modal) and close."""
        self.choice = "now"
        self.listening_dialog = open_listening_dialog(self.contact_id, self.parentWidget(),
                                                      now=self._now)  # fmt: skip
        self.listening_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.listening.emit(self.listening_dialog)
        self.accept()
        self.listening_dialog.open()
        return self.listening_dialog

    def later(self) -> None:
        """Not now: Today's "ask why lost" item reminds until a conversation is logged."""
        self.choice = "later"
        self.accept()
