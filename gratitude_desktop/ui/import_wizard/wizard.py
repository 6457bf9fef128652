"""ImportWizard: read a file, match its columns, settle duplicates, import, sum up, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QWidget, QWizard
from shiboken6 import isValid

from gratitude_desktop.io.csv.detect import remember_mapping
from gratitude_desktop.io.report import ImportRefused
from gratitude_desktop.ui.import_wizard.pages import (
    ColumnsPage,
    DuplicatesPage,
    FoundPage,
)
from gratitude_desktop.ui.import_wizard.run_page import RunPage
from gratitude_desktop.ui.import_wizard.runner import (
    Found,
    ImportRun,
    Options,
    duplicates,
    read_preview,
)
from gratitude_desktop.ui.import_wizard.summary_page import SummaryPage
from gratitude_desktop.ui.workers import run_in_pool


def problem_text(path: Path, problem: BaseException) -> str:
    """Why a file cannot be read, naming the file; plain text."""
    if isinstance(problem, ImportRefused):
        what = str(problem)
    elif isinstance(problem, LookupError):
        what = f"{path}: the encoding is not one Python knows ({problem})."
    elif isinstance(problem, UnicodeError):
        what = f"{path}: the file is not written in the chosen encoding ({problem})."
    elif isinstance(problem, OSError):
        what = f"{path}: {problem.strerror or problem}"
    else:
        what = f"{path}: {type(problem).__name__}: {problem}"
    return f"Nothing can be imported from this file.\n{what}\nThe journal was not changed."


class ImportWizard(QWizard):
    """The import of one file, page by page. Emits `imported` and `undone` with the reports."""

    imported = Signal(object)  # ImportReport
    undone = Signal(object)  # UndoReport

    FOUND, COLUMNS, DUPLICATES, RUN, SUMMARY = range(5)

    def __init__(self, path: str | Path, journal=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Import {Path(path).name}")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.path = Path(path)
        self.journal = journal
        self.options = Options()
        self.found: Found | None = None
        self.reading = False
        self.report = None
        self.groups = None
        self._generation = 0
        self._dup_generation = 0
        self._close_when_stopped = False
        self.run = ImportRun(self)
        self.found_page = FoundPage(self)
        self.columns_page = ColumnsPage(self)
        self.duplicates_page = DuplicatesPage(self)
        self.run_page = RunPage(self)
        self.summary_page = SummaryPage(self)
        for number, page in enumerate(
            (self.found_page, self.columns_page, self.duplicates_page, self.run_page,
             self.summary_page)
        ):  # fmt: skip
            self.setPage(number, page)
        self.run.progressed.connect(self.run_page.show_progress)
        self.run.succeeded.connect(self._imported)
        self.run.cancelled.connect(self._cancelled)
        self.run.failed.connect(self._import_failed)
        self.reread()

    def sizeHint(self) -> QSize:
        return QSize(860, 600)

    # -- reading the file -------------------------------------------------------------------

    def reread(self, **changes) -> None:
        """Preview the file again (on a worker) with some options changed."""
        for name, value in changes.items():
            setattr(self.options, name, value)
        self._generation += 1
        generation = self._generation
        self.reading = True
        self.found_page.show_reading()
        self.columns_page.completeChanged.emit()
        options = Options(**vars(self.options))
        run_in_pool(
            read_preview,
            self.path,
            options,
            on_result=lambda found: self._read(generation, found),
            on_error=lambda problem: self._unreadable(generation, problem),
        )

    def _read(self, generation: int, found: Found) -> None:
        if generation != self._generation or not isValid(self.found_page.flavour):
            return  # a newer preview was asked for, or the wizard was closed and deleted
        self.reading = False
        self.found = found
        self.found_page.show_found()
        self.columns_page.completeChanged.emit()

    def _unreadable(self, generation: int, problem: BaseException) -> None:
        if generation != self._generation or not isValid(self.found_page):
            return
        self.reading = False
        self.found = None
        self.found_page.show_problem(problem_text(self.path, problem))

    def mapping_edited(self, mapping: dict[int, str]) -> None:
        """The user changed a column: remember it for files like this one, preview again."""
        if self.found is not None and self.found.preview.headers:
            remember_mapping(self.found.preview.headers, mapping)
        self.columns_page._check()
        self.reread(mapping=dict(mapping))

    # -- duplicates --------------------------------------------------------------------------

    def find_duplicates(self) -> None:
        self._dup_generation += 1
        generation = self._dup_generation
        self.groups = None
        run_in_pool(
            duplicates,
            self.path,
            Options(**vars(self.options)),
            on_result=lambda groups: self._duplicates_found(generation, groups),
            on_error=lambda problem: self._duplicates_failed(generation, problem),
        )

    def _duplicates_found(self, generation: int, groups) -> None:
        if generation == self._dup_generation:
            self.groups = groups
            self.duplicates_page.show_groups(groups)

    def _duplicates_failed(self, generation: int, problem: BaseException) -> None:
        if generation == self._dup_generation:
            self.duplicates_page.show_problem(problem_text(self.path, problem))

    def decisions(self) -> dict[str, str]:
        return self.duplicates_page.model.decisions()

    # -- the import --------------------------------------------------------------------------

    def start_import(self) -> None:
        self.run.start(self.path, Options(**vars(self.options)), self.decisions(), self.journal)

    def cancel_import(self) -> None:
        if self.run.running():
            self.run_page.status.setText("Cancelling…")
            self.run_page.cancel_button.setEnabled(False)
            self.run.cancel()

    def _imported(self, report) -> None:
        self.report = report
        self.run_page.show_end(True, "Imported.")
        self.imported.emit(report)
        if self._close_when_stopped:
            super().reject()
            return
        if self.currentId() == self.RUN:
            self.next()

    def _cancelled(self) -> None:
        self.run_page.show_end(
            False,
            "Cancelled. Nothing was imported: the journal is as it was before.",
            "Import cancelled",
        )
        if self._close_when_stopped:
            super().reject()

    def _import_failed(self, problem: BaseException) -> None:
        from gratitude_desktop.ui.write_errors import describe, is_write_failure

        if is_write_failure(problem):
            what, advice = describe(problem)
            text = f"Nothing was imported. {what} {advice}".strip()
        else:
            text = problem_text(self.path, problem).replace(
                "Nothing can be imported from this file.", "Nothing was imported."
            )
        self.run_page.show_end(False, text, "Nothing was imported")
        if self._close_when_stopped:
            super().reject()

    def reject(self) -> None:
        """Cancel (or closing the window) while importing stops the import first."""
        if self.run.running():
            self._close_when_stopped = True
            self.cancel_import()
            return
        super().reject()

    # -- undo --------------------------------------------------------------------------------

    def undo_import(self, batch_id: int) -> None:
        from gratitude_desktop.ui.import_wizard.runner import undo_with_backup

        run_in_pool(undo_with_backup, batch_id, on_result=self._undone, on_error=self._undo_failed)

    def _undone(self, result) -> None:
        self.summary_page.show_undone(result.summary(), True)
        self.undone.emit(result)

    def _undo_failed(self, problem: BaseException) -> None:
        self.summary_page.show_undone(f"The import was not undone: {problem}", False)
