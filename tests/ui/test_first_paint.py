"""AfterFirstPaint: start-up work waits for the window's first paint, then runs once, in order."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from gratitude_desktop.ui.first_paint import AfterFirstPaint


def test_waiting_work_runs_after_the_first_paint_in_order(qtbot):
    window = QMainWindow()
    window.setCentralWidget(QLabel("hello"))
    qtbot.addWidget(window)
    later = AfterFirstPaint(window)
    ran = []
    later.add(lambda: ran.append("agenda"))
    later.add(lambda: ran.append("backup"))
    assert ran == [] and not later.done
    window.show()
    qtbot.waitUntil(lambda: later.done, timeout=5000)
    assert ran == ["agenda", "backup"]
    later.add(lambda: ran.append("late"))  # after the paint: at once
    assert ran == ["agenda", "backup", "late"]
    window.repaint()
    qtbot.wait(10)
    assert ran == ["agenda", "backup", "late"]  # once only


def test_a_window_that_never_paints_still_gets_its_work_done(qtbot):
    window = QMainWindow()  # never shown
    qtbot.addWidget(window)
    later = AfterFirstPaint(window, fallback_ms=50)
    ran = []
    later.add(lambda: ran.append(True))
    qtbot.waitUntil(lambda: ran == [True], timeout=5000)


def test_cancelled_work_never_runs(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    later = AfterFirstPaint(window, fallback_ms=50)
    ran = []
    later.add(lambda: ran.append(True))
    later.cancel()
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(100)
    assert ran == []
