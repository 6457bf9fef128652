"""Work that waits until the main window has painted once, so the window shows first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

# A window that is never painted (hidden, minimised, a test without an event loop
# that runs long enough) still gets its deferred work done after this long.
FALLBACK_MS = 3000


class AfterFirstPaint(QObject):
    """Runs queued callbacks once, right after the first paint event of `window`.

    The callbacks run from the event loop (a zero timer after the paint), in the order
    they were added; `run_now()` runs whatever is still waiting at once.
    """

    def __init__(self, window: QObject, fallback_ms: int = FALLBACK_MS):
        super().__init__(window)
        self._window = window
        self._waiting: list[Callable[[], object]] = []
        self.done = False
        window.installEventFilter(self)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self.run_now)
        self._fallback.start(fallback_ms)

    def add(self, callback: Callable[[], object]) -> None:
        """Run `callback` after the first paint (at once if that has already happened)."""
        if self.done:
            callback()
        else:
            self._waiting.append(callback)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._window and event.type() == QEvent.Type.Paint and not self.done:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self.run_now)
        return False

    def cancel(self) -> None:
        """Drop whatever still waits (the window closed before it painted)."""
        self._waiting = []
        self.done = True
        self._fallback.stop()
        self._window.removeEventFilter(self)

    def run_now(self) -> None:
        """Run every waiting callback now (once); later `add` calls run at once."""
        if self.done:
            return
        self.done = True
        self._fallback.stop()
        self._window.removeEventFilter(self)
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            callback()
