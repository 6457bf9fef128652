"""File → Import history…: every past import, and "Undo this import" for one of them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.io.capture.scan import CAPTURE_FLAVOUR
from gratitude_desktop.io.importer import BatchInfo, list_batches, undo_preview
from gratitude_desktop.ui.import_wizard.pages import plain_label, table
from gratitude_desktop.ui.import_wizard.rows_model import RowsModel
from gratitude_desktop.ui.import_wizard.runner import undo_with_backup
from gratitude_desktop.ui.import_wizard.summary_page import undo_question
from gratitude_desktop.ui.workers import run_in_pool


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


class HistoryModel(RowsModel):
    """One row per import: file, when, created, merged, skipped, refused, undone."""

    HEADERS = ("File", "When", "Created", "Merged", "Skipped", "Refused", "Undone")

    def set_batches(self, batches: list[BatchInfo]) -> None:
        self._batches = list(batches)
        self.set_rows(
            [
                (
                    b.file if b.flavour == CAPTURE_FLAVOUR else Path(b.file).name,
                    _when(b.started_at),
                    b.created,
                    b.merged,
                    b.skipped,
                    b.refused,
                    _when(b.undone_at) if b.undone_at else "",
                )
                for b in batches
            ]
        )

    def batch(self, row: int) -> BatchInfo | None:
        batches = getattr(self, "_batches", [])
        return batches[row] if 0 <= row < len(batches) else None


class ImportHistoryDialog(QDialog):
    """The list of past imports; `undone` (an UndoReport) after an import was undone."""

    undone = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import history")
        self.resize(760, 420)
        self.model = HistoryModel(parent=self)
        self.view = table(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setToolTip("")
        self.intro = plain_label(
            "Every import into this journal, newest first. Undoing one removes the contacts "
            "it created and restores the contacts it merged into to how they were before."
        )
        self.empty = plain_label("Nothing has been imported into this journal yet.")
        # Alone on the page when there is no import: at the top, not in the middle.
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.status = plain_label()
        self.status.setObjectName("history-status")
        self.undo_button = QPushButton("Undo this import")
        self.undo_button.clicked.connect(self.undo_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.undo_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_button())
        self._busy = False
        self.refresh()

    def refresh(self) -> None:
        self.model.set_batches(list_batches())
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(0, min(max(self.view.columnWidth(0), 200), 320))
        has_any = self.model.rowCount() > 0
        self.empty.setVisible(not has_any)
        self.view.setVisible(has_any)  # no empty table under "nothing has been imported"
        self.undo_button.setVisible(has_any)
        if has_any:
            self.view.selectRow(0)
        self._update_button()

    def selected(self) -> BatchInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.batch(rows[0].row()) if rows else None

    def select_batch(self, batch_id: int) -> None:
        for row in range(self.model.rowCount()):
            batch = self.model.batch(row)
            if batch is not None and batch.id == batch_id:
                self.view.selectRow(row)
                return

    def _update_button(self) -> None:
        batch = self.selected()
        self.undo_button.setEnabled(not self._busy and batch is not None and not batch.undone_at)

    def confirm_undo(self, text: str) -> bool:
        """Ask before undoing (tests replace this)."""
        batch = self.selected()
        what = "capture" if batch is not None and batch.flavour == CAPTURE_FLAVOUR else "import"
        box = QMessageBox(QMessageBox.Icon.Question, f"Undo this {what}?", text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(f"Undo the {what}")
        return box.exec() == QMessageBox.StandardButton.Yes

    def undo_selected(self) -> None:
        batch = self.selected()
        if batch is None or batch.undone_at:
            return
        if batch.flavour == CAPTURE_FLAVOUR:
            n = batch.created
            text = (
                f"Undo the {batch.file[:1].lower()}{batch.file[1:]} of {_when(batch.started_at)}?"
                f"\n\nThe {n:,} {'touch' if n == 1 else 'touches'} it logged from your mail and "
                "calendars will be removed from the timelines."
            )
        else:
            text = undo_question(Path(batch.file).name, undo_preview(batch.id), batch.merged)
            text += f"\n\n(Imported {_when(batch.started_at)} from {batch.file}.)"
        if not self.confirm_undo(text):
            return
        self._busy = True
        self._update_button()
        self.status.setText("Undoing the import…")
        run_in_pool(undo_with_backup, batch.id, on_result=self._undone, on_error=self._failed)

    def _undone(self, result) -> None:
        self._busy = False
        self.status.setText(result.summary())
        self.refresh()
        self.select_batch(result.batch_id)
        self.undone.emit(result)

    def _failed(self, problem: BaseException) -> None:
        self._busy = False
        self.status.setText(f"The import was not undone: {problem}")
        self.refresh()
