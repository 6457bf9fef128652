"""Questions the Promises view asks: a line of text, a choice of buttons, a problem shown.

Methods of a mixin so a window can restyle them and a test can answer them like a user.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox


class QuestionsMixin:
    """ask_text / ask_choice / show_problem for a QWidget that has a `status` QLabel."""

    def ask_text(self, title: str, label: str, ok_text: str = "OK") -> str | None:
        """Ask for one line of text; None when cancelled or left empty."""
        dialog = QInputDialog(self)
        dialog.setObjectName("promisesAskText")
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setOkButtonText(ok_text)
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        for child in dialog.findChildren(QLabel):
            child.setTextFormat(Qt.TextFormat.PlainText)
        if dialog.exec() != QInputDialog.DialogCode.Accepted:
            return None
        return dialog.textValue().strip() or None

    def ask_broken(self, row) -> str | None:
        """Before marking a promise broken: for one we made, also whether to apologise."""
        if row.we_owe:
            return self.ask_choice(
                "Broken promise",
                f"Mark “{row.what}” for {row.contact_name} as broken.\n\n"
                f"Log an apology to {row.contact_name} on the timeline?",
                ["Break and log apology", "Break only", "Cancel"],
            )
        return self.ask_choice(
            "Broken promise",
            f"{row.contact_name} did not keep “{row.what}”. Mark it broken?",
            ["Break only", "Cancel"],
        )

    def ask_choice(self, title: str, text: str, buttons: list[str]) -> str | None:
        """Ask a question with named buttons; returns the chosen button's text."""
        box = QMessageBox(self)
        box.setObjectName("promisesAskChoice")
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.setIcon(QMessageBox.Icon.Question)
        made = {}
        for name in buttons:
            role = (
                QMessageBox.ButtonRole.RejectRole
                if name == "Cancel"
                else QMessageBox.ButtonRole.AcceptRole
            )
            made[box.addButton(name, role)] = name
        box.setDefaultButton(next(iter(made)))
        box.exec()
        return made.get(box.clickedButton())

    def show_problem(self, text: str) -> None:
        self.status.setText(text)
        box = QMessageBox(self)
        box.setObjectName("promisesProblem")
        box.setWindowTitle("Promises")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(text)
        box.exec()
