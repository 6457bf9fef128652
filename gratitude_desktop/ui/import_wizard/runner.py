"""Work the wizard hands to pool threads: previews, duplicate search, the import, undo."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from gratitude_desktop.io import importer
from gratitude_desktop.io.merge import MERGE, find_duplicates
from gratitude_desktop.io.report import ImportReport
from gratitude_desktop.ui.workers import run_in_pool

_SAMPLE_ROWS = 500  # rows looked through for an example of each column


@dataclass
class Options:
    """How to read the file: None means "detect it"."""

    flavour: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    mapping: dict[int, str] | None = None  # only when the user changed it

    def kwargs(self) -> dict:
        return {
            "flavour": self.flavour,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "mapping": self.mapping,
        }


@dataclass
class Found:
    """A preview, and the first value of each column (for the mapping page)."""

    preview: importer.Preview
    samples: list[str] = field(default_factory=list)


def read_preview(path: Path, options: Options, rows: int = 20) -> Found:
    """importer.preview plus a sample cell per column, read from the raw refused/ok rows."""
    found = importer.preview(path, rows=rows, **options.kwargs())
    samples = _samples(path, found)
    return Found(found, samples)


def _samples(path: Path, found: importer.Preview) -> list[str]:
    if not found.headers:
        return []
    try:
        import csv
        import io

        from gratitude_desktop.io.encoding import read_text

        text, _ = read_text(path, found.encoding or None)
    except Exception:  # noqa: BLE001 - samples are a nicety; the preview already read the file
        return []
    samples = [""] * len(found.headers)
    header_seen = False
    looked = 0
    for cells in csv.reader(io.StringIO(text), delimiter=found.delimiter or ","):
        if not header_seen:
            if tuple(c.strip() for c in cells) == tuple(h.strip() for h in found.headers):
                header_seen = True
            continue
        for i, cell in enumerate(cells[: len(samples)]):
            if not samples[i] and cell.strip():
                samples[i] = cell.strip()
        looked += 1
        if all(samples) or looked >= _SAMPLE_ROWS:
            break
    return samples


def read_all(path: Path, options: Options) -> list:
    """Every row of the file; ImportRefused when the file is cut short or unreadable part-way.

    (importer.preview keeps the rows it read before such a fault, which suits a preview but
    would hide a truncated file until the import itself.)
    """
    source = importer._open(path, **options.kwargs())
    return list(source.rows())


def duplicates(path: Path, options: Options):
    """Every duplicate group in the whole file (against the journal and within the file)."""
    return find_duplicates(read_all(path, options))


def back_up_first(journal) -> None:
    """The "before-import" backup the plain File → Import makes too (ui/transfer.py)."""
    if journal is None:
        return
    from gratitude_desktop.store import recovery

    recovery.back_up_journal(journal.data_dir, "before-import")


def undo_with_backup(batch_id: int):
    """Undo an import (a bulk delete) after a "before-undo-import" backup; runs in a worker."""
    from gratitude_desktop.io.importer import undo_import
    from gratitude_desktop.store import recovery
    from gratitude_desktop.store.models import database

    recovery.back_up_journal(Path(database.database).parent, "before-undo-import")
    return undo_import(batch_id)


class ImportRun(QObject):
    """One import on a pool thread, with progress and cancel; signals arrive on the GUI thread."""

    progressed = Signal(int, int)  # done, total
    succeeded = Signal(object)  # ImportReport
    cancelled = Signal()
    failed = Signal(object)  # the exception
    _tick = Signal(int, int)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._stop = threading.Event()
        self._worker = None
        self._tick.connect(self.progressed)
        self.report: ImportReport | None = None

    def running(self) -> bool:
        return self._worker is not None

    def start(self, path: Path, options: Options, decisions: dict[str, str], journal=None) -> None:
        self._stop.clear()
        self.report = None

        def job() -> ImportReport:
            if path.is_file():
                back_up_first(journal)
            return importer.import_file(
                path,
                policy=MERGE,
                decisions=dict(decisions),
                progress=lambda done, total: self._tick.emit(done, total),
                cancel=self._stop.is_set,
                **options.kwargs(),
            )

        self._worker = run_in_pool(job, on_result=self._done, on_error=self._failed)

    def cancel(self) -> None:
        """Ask the import to stop; it rolls back and `cancelled` follows."""
        self._stop.set()

    def _done(self, report: ImportReport) -> None:
        self._worker = None
        self.report = report
        self.succeeded.emit(report)

    def _failed(self, problem: BaseException) -> None:
        self._worker = None
        if isinstance(problem, importer.ImportCancelled):
            self.cancelled.emit()
        else:
            self.failed.emit(problem)
