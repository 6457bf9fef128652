"""First start on an empty journal: open the sample journal, or start empty."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from gratitude_desktop import resources
from gratitude_desktop.journal.settings import get_setting, set_setting
from gratitude_desktop.store.models import Contact

if TYPE_CHECKING:
    from gratitude_desktop.io.report import ImportReport

SETTING_KEY = "first_start_done"
SAMPLE = "sample"
EMPTY = "empty"
SAMPLE_NAME = "sample-journal.json"


def needs_first_start() -> bool:
    """True when the journal holds no contact (not even in the trash) and nobody chose yet."""
    if get_setting(SETTING_KEY):
        return False
    # One probe, not two counts: at start-up on 100,000 contacts the counts took 4 ms.
    return not Contact.select(Contact.id).exists()


def record_choice(choice: str) -> None:
    """Remember the choice so the welcome is not offered again."""
    set_setting(SETTING_KEY, choice)


def open_sample_journal() -> ImportReport:
    """Import the shipped sample journal into this (empty) journal."""
    from gratitude_desktop.io.archive import import_archive

    return import_archive(resources.path(SAMPLE_NAME))


class WelcomeDialog(QDialog):
    """ "Welcome to Gratitude": open the sample journal or start empty; `choice` tells which."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.choice: str | None = None
        self.setWindowTitle("Welcome to Gratitude")
        self.setModal(True)
        title = QLabel("Welcome to Gratitude", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            "Your journal is empty. You can look around a sample journal first — a "
            "bookkeeping consultant's contacts, conversations, promises and referrals — "
            "or start with an empty journal and add or import your own contacts.\n\n"
            "The sample lives in this journal like any other contacts; you can move them "
            "to the Trash later.",
            self,
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(self)
        self.sample_button = QPushButton("Open the sample journal", self)
        self.empty_button = QPushButton("Start empty", self)
        self.sample_button.setDefault(True)
        self.sample_button.setAutoDefault(True)
        buttons.addButton(self.sample_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.sample_button.clicked.connect(lambda: self._choose(SAMPLE))
        self.empty_button.clicked.connect(lambda: self._choose(EMPTY))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.sample_button.setFocus()

    def _choose(self, choice: str) -> None:
        self.choice = choice
        if choice == SAMPLE:
            self.accept()
        else:
            self.reject()

    def reject(self) -> None:
        # Escape or closing the window also means "start empty".
        if self.choice is None:
            self.choice = EMPTY
        super().reject()


def offer_first_start(parent: QWidget | None = None) -> str | None:
    """Ask once, on an empty journal; returns the choice made, or None when not asked.

    When the sample cannot be read the person is told why and the question is asked
    again next time.
    """
    if not needs_first_start():
        return None
    dialog = WelcomeDialog(parent)
    dialog.exec()
    choice = dialog.choice or EMPTY
    if choice == SAMPLE:
        from gratitude_desktop.io.report import ImportRefused
        from gratitude_desktop.ui.errors import show_error

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            open_sample_journal()
        except (ImportRefused, ImportError, OSError) as problem:
            QGuiApplication.restoreOverrideCursor()
            show_error(
                "The sample journal could not be opened",
                str(problem),
                "Your journal is still empty. You can add or import contacts yourself.",
                parent,
            )
            return None
        QGuiApplication.restoreOverrideCursor()
    record_choice(choice)
    return choice
