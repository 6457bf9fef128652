"""FollowThroughPanel: the contact page's promises, referrals and purchases, and the
"Mark lost…" and "Log a mistake…" buttons.

The page mounts it and listens to three signals; the panel never edits the page's form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gratitude_desktop.journal.lost import can_be_lost
from gratitude_desktop.ui.contacts.follow_through.promises_section import PromisesSection
from gratitude_desktop.ui.contacts.follow_through.purchases_section import PurchasesSection
from gratitude_desktop.ui.contacts.follow_through.referrals_section import ReferralsSection

if TYPE_CHECKING:
    from gratitude_desktop.ui.dialogs.lost import LostDialog
    from gratitude_desktop.ui.dialogs.mistake import MistakeDialog


class FollowThroughPanel(QFrame):
    """What we owe each other, who sent whom, what they have — and the two admissions."""

    changed = Signal(int)  # contact id whose promises / referrals / purchases changed
    logged = Signal(int)  # contact id whose timeline got a new entry
    contactChanged = Signal(int)  # contact id whose own fields changed (lost, referred by)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("followThrough")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.today_fn: Callable[[], dt.date] = dt.date.today
        self.now_fn: Callable[[], dt.datetime | None] = lambda: None
        # Asked before a change to the contact itself (mark lost): the page saves its edits.
        self.before_contact_change: Callable[[], bool] = lambda: True
        self.contact_id: int | None = None
        self.dialog = None

        self.status = QLabel(self)
        self.status.setObjectName("followThroughStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #0d47a1;")
        self.status.hide()

        today = lambda: self.today_fn()  # noqa: E731 - tests swap today_fn after building
        self.promises = PromisesSection(self.status, today, self)
        self.referrals = ReferralsSection(self.status, today, self)
        self.purchases = PurchasesSection(self.status, today, self)
        self.sections = (self.promises, self.referrals, self.purchases)
        for section in self.sections:
            section.changed.connect(self.changed)
            section.logged.connect(self.logged)
        self.referrals.changed.connect(self.contactChanged)

        self.lost_button = QPushButton("Mark lost…", self)
        self.lost_button.setObjectName("markLost")
        self.lost_button.setToolTip("This customer was lost: say why, then ask them (don't woo)")
        self.lost_button.setAutoDefault(False)
        self.lost_button.clicked.connect(lambda: self.mark_lost())
        self.mistake_button = QPushButton("Log a mistake…", self)
        self.mistake_button.setObjectName("logMistake")
        self.mistake_button.setToolTip("What went wrong, the apology, how you made it right")
        self.mistake_button.setAutoDefault(False)
        self.mistake_button.clicked.connect(lambda: self.log_mistake())
        heading = QLabel("Follow-through", self)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        heading.setFont(font)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.lost_button)
        top.addWidget(self.mistake_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.status)
        for section in self.sections:
            layout.addWidget(section)
        layout.addStretch(1)

    def set_contact(self, contact_id: int | None) -> None:
        """Show this contact's follow-through (None: hide — a new contact has none yet)."""
        if contact_id != self.contact_id:
            self.status.hide()
            self.status.clear()
        self.contact_id = contact_id
        self.setVisible(contact_id is not None)
        self.reload()

    def reload(self) -> None:
        for section in self.sections:
            section.set_contact(self.contact_id)
        self.lost_button.setVisible(can_be_lost(self.contact_id))

    def mark_lost(self) -> LostDialog | None:
        """Open LostDialog (window-modal); the page saves unsaved edits first."""
        if self.contact_id is None or not self.before_contact_change():
            return None
        contact_id = self.contact_id
        from gratitude_desktop.ui.dialogs.lost import LostDialog

        dialog = LostDialog(contact_id, self, today=self.today_fn(), now=self.now_fn())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.marked.connect(self.contactChanged)
        dialog.marked.connect(lambda _cid: self.reload())
        dialog.listening.connect(
            lambda listening: listening.saved.connect(lambda _id: self._logged(contact_id))
        )
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def log_mistake(self) -> MistakeDialog | None:
        """Open MistakeDialog (window-modal)."""
        if self.contact_id is None:
            return None
        contact_id = self.contact_id
        from gratitude_desktop.ui.dialogs.mistake import MistakeDialog

        dialog = MistakeDialog(contact_id, self, today=self.today_fn(), now=self.now_fn())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _id: self._mistake_logged(contact_id))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _mistake_logged(self, contact_id: int) -> None:
        self.status.setText("Mistake logged as an apology on the timeline.")
        self.status.show()
        self._logged(contact_id)
        self.changed.emit(contact_id)

    def _logged(self, contact_id: int) -> None:
        if contact_id == self.contact_id:
            self.reload()
        self.logged.emit(contact_id)
