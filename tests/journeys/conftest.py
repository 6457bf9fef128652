"""Journeys: the real window on a real journal in a temporary folder, walked as a person walks.

A journey acts only as a person can — keys, clicks on visible widgets, typed text,
dialogs answered through their buttons — and then checks what the window and the
journal show. The helpers in walk.py act that way too (`open_by_name` types in the
search box); reading private state to *check* is fine, to *act* is not.

- `sample_window`: the main window as app.py builds it, on the sample journal.
- `start_app(body)`: the real start-up (app.run_gui: data folder, journal, window,
  tray, reminders, first-start welcome) on a temporary data folder, calling
  `body(window)` where the event loop would run; the journal is closed afterwards as
  on a real quit.
- `answer(...)`: clicks a button of the next modal dialog that appears.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMessageBox, QWidget

from gratitude_desktop import app
from gratitude_desktop.ui.first_start import open_sample_journal
from tests.journeys.walk import WAIT, visible_button


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


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A home folder of the journey's own: file dialogs open there, so a journey types a name."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.fixture
def journey_dir(tmp_path, home, monkeypatch) -> Path:
    """The data folder of the journey's journal (also in $GRATITUDE_DATA_DIR)."""
    folder = tmp_path / "journal"
    monkeypatch.setenv("GRATITUDE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def start_app(journey_dir, monkeypatch, qtbot):
    """start_app(body, data_dir=None) → what body returned; body(window) runs as the event loop."""

    def start(body: Callable[[QWidget], object], data_dir: str | Path | None = None):
        outcome: dict[str, object] = {}

        def loop(qt_app, window):
            qtbot.waitExposed(window)
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
            try:
                outcome["value"] = body(window)
            finally:
                window.reminders.stop()
                window.close()
            return 0

        monkeypatch.setattr(app, "run_event_loop", loop)
        folder = journey_dir if data_dir is None else data_dir
        code = app.run_gui(SimpleNamespace(command=None, data_dir=str(folder)))
        assert code == 0
        return outcome.get("value")

    return start


@dataclass
class Answered:
    """What the answered dialog said; `done` once its button was clicked."""

    title: str = ""
    text: str = ""
    informative: str = ""
    buttons: list[str] = field(default_factory=list)
    done: bool = False
    error: BaseException | None = None  # the dialog could not be answered (it was closed)


@pytest.fixture
def answer(qtbot):
    """answer(label, title=None, typing=None) → Answered: click `label` in the next modal dialog.

    The dialog may be opened with exec() (the click comes from a timer while it runs)
    or with open(); a dialog whose title does not match `title` is left alone. With
    `typing`, that text is typed into the widget that has the focus first (a file
    dialog's file name, say).
    """
    timers: list[QTimer] = []

    def arm(label: str, title: str | None = None, typing: str | None = None) -> Answered:
        seen = Answered()
        timer = QTimer()
        timer.setInterval(20)

        def look() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QDialog) or not dialog.isVisible():
                return
            if title is not None and dialog.windowTitle() != title:
                return
            timer.stop()
            seen.title = dialog.windowTitle()
            if isinstance(dialog, QMessageBox):
                seen.text, seen.informative = dialog.text(), dialog.informativeText()
            seen.buttons = [
                b.text().replace("&", "")
                for b in dialog.findChildren(QAbstractButton)
                if b.isVisible()
            ]
            try:
                if typing is not None:
                    focused = dialog.focusWidget()  # where the keys go once it is active
                    assert focused is not None, "no text field"
                    qtbot.keyClicks(focused, typing)
                button = visible_button(dialog, label)
            except AssertionError as problem:  # a hung modal dialog would hang the test
                seen.error = problem
                dialog.reject()
                raise
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
            seen.done = True

        timer.timeout.connect(look)
        timer.start()
        timers.append(timer)
        return seen

    yield arm
    for timer in timers:
        timer.stop()
