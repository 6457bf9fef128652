"""`gratitude-desktop --self-check`: open a journal in a temporary folder, draw the window, exit."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication


def run_self_check() -> int:
    """0 when the bundle or installation can open a journal and paint the main window."""
    from gratitude_desktop import resources
    from gratitude_desktop.io.archive import import_archive
    from gratitude_desktop.store.db import open_journal
    from gratitude_desktop.ui.main_window import MainWindow

    started = time.monotonic()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="gratitude-self-check-"))
    journal = None
    try:
        journal = open_journal(folder)
        report = import_archive(resources.path("sample-journal.json"))
        window = MainWindow(journal)
        window.resize(1100, 700)
        window.show()
        app.processEvents()
        picture = window.grab()
        if picture.isNull() or picture.width() < 100:
            print("self-check FAILED: the main window did not paint", file=sys.stderr)
            return 1
        window.close()
        print(
            f"self-check ok: sample journal with {report.created} contacts, window "
            f"{picture.width()}x{picture.height()}, {time.monotonic() - started:.2f} s"
        )
        return 0
    except Exception as problem:  # the one place where any failure must become an exit code
        print(f"self-check FAILED: {type(problem).__name__}: {problem}", file=sys.stderr)
        return 1
    finally:
        if journal is not None:
            journal.close()
        shutil.rmtree(folder, ignore_errors=True)
