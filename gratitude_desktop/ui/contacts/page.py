"""The contact page: every field of one contact, its methods and its timeline.

PLACEHOLDER interface only — being built now; the signatures below are the contract.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ContactPage(QWidget):
    contactSaved = Signal(int)  # id of the contact just saved (new or edited)
    contactTrashed = Signal(int)  # id of the contact just moved to the trash
    interactionLogged = Signal(int)  # contact id whose timeline changed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._contact_id: int | None = None
        layout = QVBoxLayout(self)
        self._label = QLabel("", self)
        layout.addWidget(self._label)

    def show_contact(self, contact_id: int | None) -> None:
        """Load a contact into the page; None starts a new, empty contact."""
        self._contact_id = contact_id

    def current_contact_id(self) -> int | None:
        return self._contact_id

    def has_unsaved_changes(self) -> bool:
        return False

    def save(self) -> bool:
        """Save the edits; False (and problems shown beside the fields) when invalid."""
        return True

    def log_interaction(self) -> None:
        """Open the Log interaction dialog for the current contact (Ctrl+L)."""

    def undo_last_edit(self) -> None:
        """Put back the contact as it was before the last save."""
