"""The wizard's fourth page: the import on a worker thread, a progress bar and Cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWizardPage

from gratitude_desktop.ui.import_wizard.pages import plain_label


class RunPage(QWizardPage):
    """Page 4: the import on a worker thread, a progress bar and Cancel."""

    def __init__(self, wizard):
        super().__init__()
        self.w = wizard
        self.setTitle("Importing")
        self.status = plain_label()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.cancel_button = QPushButton("Cancel the import")
        self.cancel_button.clicked.connect(self.w.cancel_import)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        self.note = note = plain_label(
            "The import is written all at once when it is complete: cancelling leaves the "
            "journal as it was. The journal is backed up before anything is written."
        )
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addStretch(1)
        self.done = False
        self.succeeded = False

    def initializePage(self) -> None:
        self.done = False
        self.succeeded = False
        self.setTitle("Importing")
        self.setFinalPage(False)
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.note.show()
        self.status.setText(f"Importing {Path(self.w.path).name}…")
        self.w.start_import()

    def show_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)

    def show_end(self, succeeded: bool, text: str, title: str = "Imported") -> None:
        self.setTitle(title)
        self.done = True
        self.succeeded = succeeded
        self.cancel_button.setEnabled(False)
        self.cancel_button.hide()
        self.note.hide()
        self.setFinalPage(not succeeded)
        if self.bar.maximum() == 0:
            self.bar.setRange(0, 1)
        self.bar.setValue(self.bar.maximum() if succeeded else 0)
        self.status.setText(text)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.done

    def nextId(self) -> int:
        return -1 if self.done and not self.succeeded else super().nextId()
