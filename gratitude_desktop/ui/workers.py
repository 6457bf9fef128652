"""Run a function on a QThreadPool thread with its own database connection.

The function's result (or the exception it raised) comes back to the GUI thread
through Qt signals; the GUI thread never waits on it. Peewee gives every thread
its own connection, so the worker opens one for the duration of the call and
closes it afterwards (`connection_context`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from gratitude_desktop.store.models import database

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    """The signals of one Worker, always emitted in the thread that created the worker.

    The pool thread emits the private `_done`; it reaches `_deliver` through a
    queued connection (this object lives in the creating thread), which emits the
    public signals there — so even a plain function or lambda connected to
    `result` runs on the GUI thread, never on the pool thread.
    """

    result = Signal(object)  # whatever the function returned
    error = Signal(object)  # the exception it raised
    finished = Signal()  # after result or error
    _done = Signal(bool, object)

    def __init__(self):
        super().__init__()
        self._done.connect(self._deliver)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        if ok:
            self.result.emit(value)
        else:
            self.error.emit(value)
        self.finished.emit()


class Worker(QRunnable):
    """One call of `fn(*args, **kwargs)` on a pool thread, inside its own connection."""

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any):
        super().__init__()
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.signals = WorkerSignals()
        self.setAutoDelete(False)  # Python keeps it alive until `finished`

    def run(self) -> None:  # noqa: D401 - QRunnable API
        try:
            if database.obj is None:
                value = self.fn(*self.args, **self.kwargs)
            else:
                with database.connection_context():
                    value = self.fn(*self.args, **self.kwargs)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread to show
            log.exception("background job %r failed", getattr(self.fn, "__name__", self.fn))
            self._report(False, exc)
        else:
            self._report(True, value)

    def _report(self, ok: bool, value: object) -> None:
        try:
            self.signals._done.emit(ok, value)
        except RuntimeError:  # the application quit while this ran: nobody is listening
            log.debug("result of %r dropped at exit", getattr(self.fn, "__name__", self.fn))


# Workers that were started and have not finished yet; holding them here keeps the
# Python objects (and their signal objects) alive while the pool runs them.
_running: set[Worker] = set()


def run_in_pool(
    fn: Callable[..., Any],
    *args: Any,
    on_result: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    pool: QThreadPool | None = None,
    **kwargs: Any,
) -> Worker:
    """Start `fn(*args, **kwargs)` on `pool` (the global pool by default); returns the worker.

    `on_result` / `on_error` are called on the thread that called run_in_pool (the GUI
    thread), through queued signal connections.
    """
    worker = Worker(fn, *args, **kwargs)
    if on_result is not None:
        worker.signals.result.connect(on_result)
    if on_error is not None:
        worker.signals.error.connect(on_error)
    _running.add(worker)
    worker.signals.finished.connect(lambda: _running.discard(worker))
    (pool or QThreadPool.globalInstance()).start(worker)
    return worker


def running_count() -> int:
    """How many started workers have not reported back yet (for tests and shutdown)."""
    return len(_running)
