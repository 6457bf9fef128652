"""CaptureScanner: scans the configured mail and calendar sources off the GUI thread.

At start-up and every `capture.interval_minutes` (Settings, default 15) it runs one scan
(io.capture.scan) on its own pool thread with its own database connection, and reports
progress and the result through signals. Without configured sources it reads nothing;
a network connection is opened only to an IMAP server the user added there.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot

from gratitude_desktop.ui.workers import run_in_pool

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CaptureStatus:
    """What the Today panel shows: unseen flags and how many new people wait for review."""

    flags: list = field(default_factory=list)  # journal.capture.OutreachFlag
    new_people: int = 0
    configured: bool = False


@dataclass(frozen=True)
class ScanResult:
    report: object | None  # io.capture.scan.CaptureReport, None when nothing is configured
    status: CaptureStatus
    interval_minutes: int


def capture_status() -> CaptureStatus:
    """Read the flags and the new people (on a worker thread)."""
    from gratitude_desktop.journal import capture

    settings = capture.load_capture_settings()
    people = capture.new_people(set(capture.email_keys_of_contacts()))
    return CaptureStatus(capture.open_flags(), len(people), settings.configured)


def run_scan(progress=None, cancel=None, now: dt.datetime | None = None) -> ScanResult:
    """One scan of the configured sources, then the status (on a worker thread)."""
    from gratitude_desktop.io.capture.scan import scan
    from gratitude_desktop.journal.capture import load_capture_settings

    settings = load_capture_settings()
    report = None
    if settings.configured:
        from gratitude_desktop.sync.imap_capture import sources_with_passwords

        report = scan(
            sources_with_passwords(settings.mail),
            settings.calendar,
            settings.me,
            now=now,
            progress=progress,
            cancel=cancel,
        )
    return ScanResult(report, capture_status(), settings.interval_minutes)


class CaptureScanner(QObject):
    """Runs capture scans on a schedule, one at a time; emits progress and results."""

    scanStarted = Signal()
    progress = Signal(str, int)  # the source being read, messages read so far
    scanFinished = Signal(object)  # the CaptureReport (None: nothing configured)
    scanFailed = Signal(str)
    statusReady = Signal(object)  # CaptureStatus
    journalChanged = Signal()  # a scan logged something

    def __init__(self, parent: QObject | None = None, *, interval_minutes: int = 15):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._busy = False
        self._pending = False
        self._stopping = threading.Event()
        self.status = CaptureStatus()
        self.last_report = None
        self.scans_done = 0
        self._timer = QTimer(self)
        self._timer.setObjectName("captureInterval")
        self._timer.timeout.connect(self.scan_now)
        self.set_interval_minutes(interval_minutes)

    def start(self) -> None:
        """Scan now (the start-up scan) and then on the interval."""
        self._stopping.clear()
        self._timer.start()
        self.scan_now()

    def stop(self, wait_ms: int = 5000) -> None:
        """Stop the schedule; a scan in flight is cancelled (it writes nothing) and waited for."""
        self._timer.stop()
        self._stopping.set()
        self._pool.waitForDone(wait_ms)

    def is_busy(self) -> bool:
        return self._busy

    def set_interval_minutes(self, minutes: int) -> None:
        """Scan every `minutes`; 0 scans only at start-up and when asked."""
        minutes = int(minutes)
        if minutes <= 0:
            self._timer.stop()
            return
        self._timer.setInterval(minutes * 60_000)
        if not self._stopping.is_set() and not self._timer.isActive() and self.scans_done:
            self._timer.start()

    @Slot()
    def scan_now(self) -> None:
        """Scan the configured sources now (coalesced: one at a time, one more queued)."""
        if self._busy:
            self._pending = True
            return
        self._busy = True
        self._pending = False
        self.scanStarted.emit()
        run_in_pool(
            run_scan,
            self._report_progress,
            self._stopping.is_set,
            on_result=self._on_result,
            on_error=self._on_error,
            pool=self._pool,
        )

    def _report_progress(self, source: str, count: int) -> None:
        # Called on the pool thread: the signal is queued to the GUI thread's receivers.
        if not self._stopping.is_set():
            self.progress.emit(source, count)

    @Slot()
    def refresh_status(self) -> None:
        """Read the flags and new people again (after the user acted on them)."""
        run_in_pool(capture_status, on_result=self._on_status, pool=self._pool)

    def _on_status(self, status: CaptureStatus) -> None:
        self.status = status
        self.statusReady.emit(status)

    def _on_result(self, result: ScanResult) -> None:
        self._busy = False
        self.scans_done += 1
        self.last_report = result.report
        self.set_interval_minutes(result.interval_minutes)
        self._on_status(result.status)
        self.scanFinished.emit(result.report)
        if result.report is not None and result.report.logged:
            self.journalChanged.emit()
        self._follow_up()

    def _on_error(self, exc: BaseException) -> None:
        self._busy = False
        self.scans_done += 1
        from gratitude_desktop.io.capture.scan import ScanCancelled

        if not isinstance(exc, ScanCancelled):
            self.scanFailed.emit(f"Could not read your mail and calendars: {exc}")
        self._follow_up()

    def _follow_up(self) -> None:
        if self._pending and not self._stopping.is_set():
            self._pending = False
            self.scan_now()
