"""Dialogs for errors a person can act on: the journal cannot be opened, a file was refused."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from gratitude_desktop.store.errors import JournalError

JOURNAL_ERROR_TITLE = "Gratitude cannot open the journal"


def journal_error_text(error: JournalError) -> tuple[str, str]:
    """(what happened, what to do) for a journal that cannot be opened, naming the file."""
    return (
        f"{error.problem}\n\nFile: {error.path}",
        error.advice,
    )


def folder_error_text(folder: Path, error: OSError) -> tuple[str, str]:
    """(what happened, what to do) when the data folder itself cannot be used."""
    reason = error.strerror or str(error)
    return (
        f"Gratitude cannot use its data folder: {reason}.\n\nFolder: {folder}",
        "Check that the folder exists and that you may write to it, or start Gratitude "
        "with --data-dir pointing at another folder.",
    )


def backup_failure_text(folder: Path, problem: BaseException) -> str:
    """Why a backup into `folder` failed, in words ("…/backups: Not a directory")."""
    reason = getattr(problem, "strerror", None) or str(problem) or type(problem).__name__
    where = getattr(problem, "filename", None) or folder
    return f"{where}: {reason}"


def plain_message_box(
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
    parent: QWidget | None = None,
) -> QMessageBox:
    """A message box whose texts are shown literally (file names may look like HTML)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if informative:
        box.setInformativeText(informative)
    return box


def show_journal_error(error: JournalError, parent: QWidget | None = None) -> str:
    """Tell the person the journal cannot be opened and what to do; returns the text shown."""
    text, advice = journal_error_text(error)
    plain_message_box(QMessageBox.Icon.Critical, JOURNAL_ERROR_TITLE, text, advice, parent).exec()
    return f"{text}\n\n{advice}"


def show_folder_error(folder: Path, error: OSError, parent: QWidget | None = None) -> str:
    text, advice = folder_error_text(folder, error)
    plain_message_box(QMessageBox.Icon.Critical, JOURNAL_ERROR_TITLE, text, advice, parent).exec()
    return f"{text}\n\n{advice}"


def show_error(title: str, text: str, informative: str = "", parent: QWidget | None = None) -> None:
    """A plain-text warning, e.g. a file that could not be imported."""
    plain_message_box(QMessageBox.Icon.Warning, title, text, informative, parent).exec()
