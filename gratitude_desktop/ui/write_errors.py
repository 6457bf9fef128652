"""A write that SQLite refused (disk full, read-only file) becomes a clear message.

Every write in journal/ runs inside one transaction, so when SQLite refuses it the
transaction is rolled back and nothing half-written stays behind; the form that was
being saved keeps its text. What is left for the window is to say so plainly and go
on working for reading. `install_write_error_hook` catches such errors wherever a
slot raised them (the contact page's Save, the log dialog…); `describe` words them
for the import and other places that catch errors themselves.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable

import peewee
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gratitude_desktop.ui.errors import plain_message_box

TITLE = "The change was not saved"
_FULL = ("disk is full", "database or disk is full", "no space left")
_READ_ONLY = ("readonly database", "read-only", "attempt to write a readonly")


def is_write_failure(error: BaseException) -> bool:
    """True for SQLite refusing to write: full disk, read-only file or folder, I/O error."""
    if isinstance(error, (peewee.OperationalError, sqlite3.OperationalError)):
        text = str(error).lower()
        return any(k in text for k in (*_FULL, *_READ_ONLY, "disk i/o error", "unable to open"))
    return isinstance(error, OSError) and getattr(error, "errno", None) in (28, 30)  # ENOSPC, EROFS


def describe(error: BaseException) -> tuple[str, str]:
    """(what happened, what to do) for a refused write."""
    text = str(error).lower()
    if any(k in text for k in _FULL) or getattr(error, "errno", None) == 28:
        what = "The disk holding the journal is full, so Gratitude could not write to it."
        advice = "Free some space on that disk and try again."
    elif any(k in text for k in _READ_ONLY) or getattr(error, "errno", None) == 30:
        what = "The journal cannot be written: its file or folder is read-only."
        advice = "Give yourself write permission to the journal's folder and start Gratitude again."
    else:
        what = f"Gratitude could not write to the journal ({error})."
        advice = "Check the disk and try again."
    return (
        f"{what} Nothing was half-saved: the journal is as it was before.",
        f"{advice} You can keep reading the journal meanwhile; what you typed is still there.",
    )


def show_write_failure(error: BaseException, parent: QWidget | None = None) -> str:
    """Show the message for a refused write; returns the text shown (for tests and logs)."""
    what, advice = describe(error)
    box = plain_message_box(QMessageBox.Icon.Warning, TITLE, what, advice, parent)
    box.setObjectName("write-failure")
    if parent is None:
        box.exec()
    else:  # the parent owns it; open() lets the slot that failed return at once
        box.open()
    return f"{what}\n\n{advice}"


def install_write_error_hook(parent: Callable[[], QWidget | None]) -> Callable:
    """Show refused writes raised in Qt slots as a message instead of a traceback.

    Any other exception goes on to the hook that was there before. Returns the
    previous hook (to put back in tests).
    """
    previous = sys.excepthook

    def hook(kind, value, tb):
        if value is not None and is_write_failure(value) and QApplication.instance() is not None:
            show_write_failure(value, parent())
            return
        previous(kind, value, tb)

    sys.excepthook = hook
    return previous
