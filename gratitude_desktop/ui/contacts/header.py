"""ContactHeader: who this is at a glance — avatar, name, work, chips, when met, last touch,
the do-not-contact banner in their own words, and anything due (journal.summary)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from gratitude_desktop.journal.summary import ContactSummary
from gratitude_desktop.ui.contacts.avatar import AvatarLabel
from gratitude_desktop.ui.contacts.chips import ChipRow

BANNER_STYLE = (
    "background: #c62828; color: white; font-weight: bold; border-radius: 4px; padding: 4px 8px;"
)
LOST_STYLE = "background: #fff0d9; color: #8a4b00; border-radius: 4px; padding: 3px 8px;"
DUE_STYLE = "background: #e8f0fe; color: #0d47a1; border-radius: 4px; padding: 4px 8px;"
OVERDUE_COLOR = "#b71c1c"


def plain_label(parent: QWidget, name: str = "", wrap: bool = True) -> QLabel:
    widget = QLabel(parent)
    widget.setTextFormat(Qt.PlainText)
    widget.setWordWrap(wrap)
    if name:
        widget.setObjectName(name)
    # Text the user may want to copy (an organisation, their words).
    widget.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return widget


class ContactHeader(QWidget):
    """The top of a contact's page. `action_row` is a row the page puts its buttons in."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.avatar = AvatarLabel(self, size=72)
        self.name = plain_label(self, "contactName")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name.setFont(font)
        self.work = plain_label(self, "contactWork")
        self.chips = ChipRow(self)
        self.met = plain_label(self, "contactMet")
        self.met.setStyleSheet("color: palette(dark);")
        self.touch = plain_label(self, "lastTouch")
        self.action_row = QHBoxLayout()
        self.action_row.setSpacing(4)
        self.dnc = plain_label(self, "dncBanner")
        self.dnc.setStyleSheet(BANNER_STYLE)
        self.lost = plain_label(self, "lostBanner")
        self.lost.setStyleSheet(LOST_STYLE)
        self.due = plain_label(self, "dueNow")
        self.due.setStyleSheet(DUE_STYLE)
        for banner in (self.dnc, self.lost, self.due):
            banner.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)
            banner.hide()

        facts = QVBoxLayout()
        facts.setSpacing(2)
        facts.addWidget(self.name)
        facts.addWidget(self.work)
        facts.addWidget(self.chips)
        facts.addWidget(self.met)
        facts.addWidget(self.touch)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.avatar, 0, Qt.AlignTop)
        row.addLayout(facts, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addLayout(self.action_row)
        outer.addLayout(buttons)
        outer.addLayout(row)
        outer.addWidget(self.dnc)
        outer.addWidget(self.lost)
        outer.addWidget(self.due)

    def show_summary(self, summary: ContactSummary, photo: bytes | None) -> None:
        self.avatar.set_contact(summary.name, photo)
        self.name.setText(summary.name)
        self.work.setText(summary.work)
        self.work.setVisible(bool(summary.work))
        self.chips.set_chips(summary.stage, summary.circles, summary.tags)
        self.met.setText(summary.met)
        self.met.setVisible(bool(summary.met))
        last = (
            f"Last touch {summary.last_touch.isoformat()}"
            if summary.last_touch
            else "No interaction logged yet"
        )
        self.touch.setText(f"{last} · {summary.quiet}" if summary.quiet else last)
        self.touch.setStyleSheet(f"color: {OVERDUE_COLOR};" if summary.overdue else "")
        self.dnc.setText(summary.dnc)
        self.dnc.setVisible(bool(summary.dnc))
        self.lost.setText(summary.lost)
        self.lost.setVisible(bool(summary.lost))
        self.due.setText("\n".join(summary.due))
        self.due.setVisible(bool(summary.due))

    def show_new(self, name: str) -> None:
        """A contact not saved yet: its name as typed, nothing else."""
        self.avatar.set_contact(name or "?", None)
        self.name.setText(name or "New contact")
        for widget in (self.work, self.met, self.dnc, self.lost, self.due):
            widget.hide()
        self.chips.set_chips("", (), ())
        self.touch.setText("Not saved yet")
