"""SyncTimer: syncs with the server set in Settings → Sync every N minutes (default 15).

The sync runs on the reminder worker (ReminderTimer.run_job: one thread, its own
database connection), never on the GUI thread. Without a server set up the timer
does not run and nothing is sent anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from gratitude_desktop import paths


class SyncTimer(QObject):
    """Starts a sync every `interval_minutes` of the configured account; one at a time."""

    synced = Signal(object)  # the SyncResult, or None when no server is set
    syncFailed = Signal(str)

    def __init__(self, data_dir: str | Path, run_job: Callable[..., object], parent=None):
        super().__init__(parent)
        self._data_dir = Path(data_dir)
        self._run_job = run_job
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setObjectName("syncInterval")
        self._timer.timeout.connect(self.sync_now)

    def start(self) -> None:
        self.reschedule()

    def stop(self) -> None:
        self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()

    @Slot()
    def reschedule(self) -> None:
        """Follow the account's interval: off without a server or with 0 ("only when asked")."""
        from gratitude_desktop.sync.service import load_account

        account = load_account()
        if account is None or account.interval_minutes <= 0:
            self._timer.stop()
            return
        self._timer.start(account.interval_minutes * 60_000)

    @Slot()
    def sync_now(self) -> None:
        if self._busy:
            return
        from gratitude_desktop.sync.service import sync_configured

        self._busy = True
        self._run_job(
            sync_configured,
            self._data_dir,
            paths.database_path(self._data_dir),
            on_result=self._done,
            on_error=self._failed,
        )

    def _done(self, result) -> None:
        self._busy = False
        self.synced.emit(result)

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.syncFailed.emit(f"The sync stopped: {error}")
