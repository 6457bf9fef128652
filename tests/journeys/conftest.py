"""Journeys: the real window on a real journal (the sample) in a temporary folder.

A journey acts only as a person can — keys, clicks on visible widgets, typed text,
dialogs answered through their buttons — and then checks what the window and the
journal show. The helpers in walk.py act that way too (`open_by_name` types in the
search box); reading private state to *check* is fine, to *act* is not.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from gratitude_desktop import app
from gratitude_desktop.ui.first_start import open_sample_journal
from tests.journeys.walk import WAIT


@pytest.fixture
def sample_window(journal, qtbot):
    """The main window as app.py builds it (tray, reminders, lazy pages) on the sample journal,
    shown and active, with the first agenda check done."""
    open_sample_journal()
    window = app.build_window(journal)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    timer = window.reminders.timer
    qtbot.waitUntil(lambda: timer.checks_done >= 1, timeout=WAIT)
    yield window
    window.reminders.stop()
