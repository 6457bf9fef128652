"""The longest GUI-thread stall while an import and the agenda run in workers.

measure(data_dir, csv_path, today) opens the journal in DATA_DIR (a scratch copy: the
import writes to it), starts the CSV import in a worker of the app's pool
(ui/workers.run_in_pool) and computes the agenda again and again in another worker
until the import is done, while a QTimer ticks every 5 ms on the GUI thread. The
longest gap between two ticks is how long a window would have frozen.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

TICK_MS = 5


def measure(data_dir: Path, csv_path: Path, today: dt.date) -> dict[str, list[float]]:
    from PySide6.QtCore import QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from gratitude_desktop.io.importer import import_file
    from gratitude_desktop.journal.agenda import compute_agenda
    from gratitude_desktop.journal.settings import load_settings
    from gratitude_desktop.store.db import open_journal
    from gratitude_desktop.ui.workers import run_in_pool

    app = QApplication.instance() or QApplication([])
    journal = open_journal(data_dir)
    settings = load_settings()
    importing = threading.Event()
    importing.set()
    result: dict[str, list[float]] = {"import_s": [], "agendas": [0], "errors": []}
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    def do_import() -> float:
        began = time.perf_counter()
        try:  # the worker opens and closes this thread's own connection
            import_file(csv_path)
        finally:
            importing.clear()
        return time.perf_counter() - began

    def do_agendas() -> int:
        count = 0
        while importing.is_set():
            compute_agenda(today, settings)
            count += 1
        return count

    pool = QThreadPool()
    pool.setMaxThreadCount(2)
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    timer.start()
    pending = [2]

    def finished(*_args) -> None:
        pending[0] -= 1
        if pending[0] == 0:
            app.quit()

    def failed(error: BaseException) -> None:
        result["errors"].append(repr(error))
        finished()

    run_in_pool(
        do_import,
        pool=pool,
        on_result=lambda s: (result["import_s"].append(s), finished()),
        on_error=failed,
    )
    run_in_pool(
        do_agendas,
        pool=pool,
        on_result=lambda n: (result["agendas"].__setitem__(0, n), finished()),
        on_error=failed,
    )
    app.exec()
    timer.stop()
    pool.waitForDone()
    journal.close()
    if result["errors"]:
        raise RuntimeError("; ".join(result["errors"]))
    result["gap_ms"] = [max(gaps) * 1000 if gaps else float("nan")]
    return result
