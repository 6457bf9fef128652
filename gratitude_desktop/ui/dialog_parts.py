"""The pieces every small dialog is made of: a date field, a row of fields, a problem line,
Save/Cancel."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

PROBLEM_COLOUR = "#b3261e"


def date_edit(parent: QWidget, day: QDate | None = None) -> QDateEdit:
    """A date field with a calendar, written the journal's way (2026-11-23)."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if day is not None:
        edit.setDate(day)
    return edit


def inline_row(parent: QWidget, *widgets: QWidget, grow: QWidget | None = None) -> QWidget:
    """Widgets side by side as one form field ("☐ due [2026-11-30]"); `grow` takes the
    spare width, else it is left empty at the end."""
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is grow else 0)
    if grow is None:
        layout.addStretch(1)
    return row


def problem_label(parent: QWidget) -> QLabel:
    """A red line for what is wrong, as plain text; hidden until it has something to say."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {PROBLEM_COLOUR};")
    label.hide()
    return label


def save_buttons(dialog: QDialog, text: str = "Save") -> tuple[QDialogButtonBox, QPushButton]:
    """Save (named `text`) and Cancel, wired to accept and reject; Ctrl+Return saves too."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setText(text)
    save.setToolTip(f"{text.replace('&', '')} (Ctrl+Return)")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog, activated=dialog.accept)
    return buttons, save
