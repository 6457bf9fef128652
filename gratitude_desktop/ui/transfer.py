"""File > Import… and Export…: file dialogs, the import on a worker thread, the report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from gratitude_desktop.io.report import ImportRefused, ImportReport
from gratitude_desktop.paths import absolute
from gratitude_desktop.ui.contacts.list_panel import count_text
from gratitude_desktop.ui.errors import show_error

FILE_TYPES = "Gratitude journal (*.json);;CSV (*.csv);;vCard (*.vcf *.vcard);;All files (*)"
# Import shows every file it reads at first: a CSV must not hide behind the .json filter.
# Outlook and others also write address books as tab-separated .txt.
IMPORT_TYPES = (
    "Address books and journals (*.csv *.tsv *.txt *.vcf *.vcard *.json);;"
    "CSV (*.csv *.tsv *.txt);;vCard (*.vcf *.vcard);;Gratitude journal (*.json);;All files (*)"
)


def format_of(path: Path, chosen_filter: str = "") -> str:
    """'json', 'csv' or 'vcard': from the file's suffix, else from the chosen file type."""
    suffix = path.suffix.lower()
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    if suffix == ".csv":
        return "csv"
    if not suffix and chosen_filter.lower().startswith("vcard"):
        return "vcard"
    if not suffix and chosen_filter.lower().startswith("csv"):
        return "csv"
    return "json"


def import_any(path: Path) -> ImportReport:
    """A Gratitude journal (.json) through the archive; anything else through the importer."""
    if path.suffix.lower() == ".json":
        from gratitude_desktop.io.archive import import_archive

        return import_archive(path)
    from gratitude_desktop.io.importer import import_file

    return import_file(path)


def export_any(
    path: Path,
    chosen_filter: str = "",
    *,
    include_do_not_contact: bool = False,
    for_channel: str | None = None,
) -> tuple[int, list[str]]:
    """Write the journal in the format `format_of` names: (contacts written, what to say)."""
    kind = format_of(path, chosen_filter)
    if not path.suffix:
        path = path.with_suffix({"csv": ".csv", "vcard": ".vcf"}.get(kind, ".json"))
    if kind in ("csv", "vcard"):
        from gratitude_desktop.io.export import export_csv, export_vcard

        if kind == "csv":
            report = export_csv(
                path, include_do_not_contact=include_do_not_contact, for_channel=for_channel
            )
        else:
            report = export_vcard(path, include_do_not_contact=include_do_not_contact)
        return report.written, report.lines()
    from gratitude_desktop.io.archive import export_archive

    count = export_archive(path)
    return count, [f"Exported {count_text(count)} to {path}"]


def import_with_backup(path: Path, journal=None) -> ImportReport:
    """Back up the journal ("before-import"), then import `path` (on a worker thread)."""
    if journal is not None and path.is_file():
        from gratitude_desktop.store import recovery

        recovery.back_up_journal(journal.data_dir, "before-import")
    return import_any(path)


class FileTransfer(QObject):
    """Imports and exports for one window; `finished` after every import, good or not."""

    finished = Signal()
    imported = Signal(object)  # ImportReport

    def __init__(self, window: QMainWindow, settings: QSettings):
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.last_report: ImportReport | None = None
        self.last_export: list[str] = []
        self.export_dialog = None
        self.export_report_box: QMessageBox | None = None
        self._worker = None

    def _start_folder(self) -> str:
        return str(self.settings.value("last_folder", str(Path.home())))

    def choose_import_path(self) -> Path | None:
        """Ask which file to import (File → Import… opens the wizard on it); None: cancelled."""
        name, _ = QFileDialog.getOpenFileName(
            self.window, "Import contacts", self._start_folder(), IMPORT_TYPES
        )
        if not name:
            return None
        self.settings.setValue("last_folder", str(Path(name).parent))
        return absolute(name)

    def run_import(self, path: Path) -> None:
        """Import a file on a worker thread; a report (or the reason for refusal) follows."""
        from gratitude_desktop.ui.workers import run_in_pool

        self.settings.setValue("last_folder", str(path.parent))
        self.window.statusBar().showMessage(f"Importing {path.name}…")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        journal = getattr(self.window, "journal", None)
        self._worker = run_in_pool(
            import_with_backup, path, journal, on_result=self._done, on_error=self._failed
        )

    def busy(self) -> bool:
        return self._worker is not None

    def _done(self, report: ImportReport) -> None:
        QGuiApplication.restoreOverrideCursor()
        self._worker = None
        self.last_report = report
        self.window.statusBar().showMessage(
            f"Imported {report.created:,} new and merged {report.merged:,} contacts.", 10000
        )
        self.finished.emit()
        self.imported.emit(report)
        box = QMessageBox(
            QMessageBox.Icon.Information, "Import finished", report.summary(), parent=self.window
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()

    def _failed(self, problem: BaseException) -> None:
        QGuiApplication.restoreOverrideCursor()
        self._worker = None
        self.window.statusBar().clearMessage()
        self.finished.emit()
        from gratitude_desktop.ui.write_errors import describe, is_write_failure

        if is_write_failure(problem):
            what, advice = describe(problem)
            show_error("Nothing was imported", what, advice, self.window)
            return
        text = (
            str(problem)
            if isinstance(problem, ImportRefused)
            else (f"{type(problem).__name__}: {problem}")
        )
        show_error("Nothing was imported", text, "The journal was left as it was.", self.window)

    def export_file(self) -> None:
        """File → Export…: ExportDialog says what and where; the result is told in words."""
        from gratitude_desktop.ui.export_dialog import ExportDialog

        dialog = ExportDialog(Path(self._start_folder()), self.window)
        self.export_dialog = dialog

        def chosen() -> None:
            choice = dialog.choice()
            filters = {"csv": "CSV", "vcard": "vCard"}.get(choice.format, "Gratitude")
            self.run_export(
                dialog.target(),
                filters,
                include_do_not_contact=dialog.include_do_not_contact(),
                for_channel=choice.channel,
                tell=True,
            )

        dialog.accepted.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def run_export(
        self,
        path: Path,
        chosen_filter: str = "",
        *,
        include_do_not_contact: bool = False,
        for_channel: str | None = None,
        tell: bool = False,
    ) -> int | None:
        """Write the journal to `path`; the count, or None (and a message) when it failed.

        With `tell`, a message box also says what was written and what was left out, and why.
        """
        self.settings.setValue("last_folder", str(path.parent))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            count, lines = export_any(
                path,
                chosen_filter,
                include_do_not_contact=include_do_not_contact,
                for_channel=for_channel,
            )
        except (OSError, ImportError, ValueError) as problem:
            QGuiApplication.restoreOverrideCursor()
            show_error("The journal was not exported", f"{path}: {problem}", "", self.window)
            return None
        QGuiApplication.restoreOverrideCursor()
        self.last_export = lines
        left = [line for line in lines[1:]]
        tail = f" ({'; '.join(left)})" if left else ""
        self.window.statusBar().showMessage(f"Exported {count_text(count)} to {path}.{tail}", 10000)
        if tell:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                "Export finished",
                "\n".join(lines),
                parent=self.window,
            )
            box.setObjectName("exportFinished")
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.open()
            self.export_report_box = box
        return count
