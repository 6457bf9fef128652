"""The cold-start yardstick: a bare PySide6 script that opens an empty QMainWindow.

    python bench/baseline_window.py

Prints one JSON line: when the window was first painted (time.monotonic(), a clock
shared by every process on the machine, so the parent can subtract its own start
time) and the peak resident memory in MB. bench/startup.py measures the app the same way.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    """Quits the application right after the first paint event reaches `window`."""

    def __init__(self, window, app) -> None:
        super().__init__()
        self.window = window
        self.app = app
        self.painted_at: float | None = None

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if (
            self.painted_at is None
            and event.type() == QEvent.Type.Paint
            and hasattr(watched, "window")
            and watched.window() is self.window
        ):
            self.painted_at = time.monotonic()
            QTimer.singleShot(0, self.app.quit)
        return False


def peak_mb() -> float:
    """This process's peak resident memory in MB.

    VmHWM, not ru_maxrss: on Linux ru_maxrss survives exec, so a child would report
    its parent's peak (the benchmark runner holding a generated journal).
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def report(painted_at: float | None) -> None:
    """The one JSON line both cold-start children print."""
    print(json.dumps({"painted_at": painted_at, "peak_mb": peak_mb()}), flush=True)


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1000, 700)
    watcher = FirstPaint(window, app)
    app.installEventFilter(watcher)
    window.show()
    QTimer.singleShot(30_000, app.quit)  # never hang a benchmark run
    app.exec()
    report(watcher.painted_at)
    return 0 if watcher.painted_at is not None else 1


if __name__ == "__main__":
    raise SystemExit(main())
