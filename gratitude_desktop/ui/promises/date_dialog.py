"""DateDialog: one question answered with a date (the new date of a re-dated promise)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from gratitude_desktop.ui.dialog_parts import date_edit


class DateDialog(QDialog):
    """Ask for a date from `first` on (a week later is offered); Enter accepts it."""

    def __init__(self, title: str, label: str, first: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dateDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        text = QLabel(label, self)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        layout.addWidget(text)
        offered = first + dt.timedelta(days=7)
        self.edit = date_edit(self, QDate(offered.year, offered.month, offered.day))
        self.edit.setMinimumDate(QDate(first.year, first.month, first.day))
        layout.addWidget(self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Promise it again")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.edit.setFocus()

    def date(self) -> dt.date:
        return self.edit.date().toPython()
