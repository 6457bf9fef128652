"""ConfirmedLabel: one line under a contact's methods — when their details were last confirmed.

"Still the right number?" lives here and in Insights, never on Today (issue 16).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from gratitude_desktop.journal.insights import UNCONFIRMED_YEARS, details_last_confirmed

OLD_STYLE = "color: #8a5300;"


class ConfirmedLabel(QLabel):
    """'Details last confirmed on 2025-03-02', with a nudge to ask when it is two years old."""

    def __init__(self, parent: QWidget | None = None, today: Callable[[], dt.date] | None = None):
        super().__init__(parent)
        self.setObjectName("detailsConfirmed")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._today = today or dt.date.today
        self.hide()

    def show_for(self, contact_id: int | None) -> None:
        """Say when `contact_id`'s details were last confirmed; hidden for no contact."""
        when = details_last_confirmed(contact_id) if contact_id is not None else None
        if when is None:
            self.hide()
            return
        today = self._today()
        old = (today - when).days >= 365 * UNCONFIRMED_YEARS
        text = f"Details last confirmed on {when:%Y-%m-%d}"
        if old:
            text += " — over two years ago: still the right number? Ask when you next talk."
        self.setText(text)
        self.setStyleSheet(OLD_STYLE if old else "color: palette(mid);")
        self.show()
