"""A combo box inside a scrolling table or form: the mouse wheel scrolls, it does not choose."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QWidget


class WheelSafeComboBox(QComboBox):
    """A QComboBox that takes the wheel only once it has the focus (clicked or tabbed to).

    A plain QComboBox changes its choice when the wheel turns over it, so scrolling a
    page of them silently changed whatever the pointer passed ("Organisation" became
    "Email (work)"). Unfocused, the wheel goes on to the view around it, which scrolls.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel alone does not focus it

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Change the choice only when focused; otherwise ignore, so the parent scrolls."""
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()
