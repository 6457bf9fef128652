"""The wizard's last page: what the import did, its refused rows, and undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from gratitude_desktop.io.importer import UndoPreview, undo_preview
from gratitude_desktop.paths import absolute
from gratitude_desktop.ui.import_wizard.pages import flavour_title, plain_label, table
from gratitude_desktop.ui.import_wizard.preview_model import RefusedModel


class SummaryPage(QWizardPage):
    """Page 5: created, merged, skipped, refused; the refused rows; undo."""

    def __init__(self, wizard):
        super().__init__()
        self.w = wizard
        self.setTitle("Done")
        self.setFinalPage(True)
        self.counts = {}
        self.headline = plain_label()
        self.headline.setObjectName("import-headline")
        form = QFormLayout()
        for word in ("created", "merged", "skipped", "refused"):
            label = plain_label(wrap=False)
            label.setObjectName(f"count-{word}")
            self.counts[word] = label
            form.addRow(f"{word.capitalize()}:", label)
        self.model = RefusedModel(parent=self)
        self.view = table(self.model)
        self.save_button = QPushButton("Save the refused rows as CSV…")
        self.save_button.clicked.connect(self.save_refused)
        self.undo_button = QPushButton("Undo this import")
        self.undo_button.clicked.connect(self.undo)
        self.status = plain_label()
        self.refused_note = plain_label(
            "These rows were not imported. Save them as CSV, fix them and import that file again."
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(form)
        layout.addWidget(self.refused_note)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        # Without refused rows the table is hidden: this keeps the rest at the top.
        layout.addStretch(0)
        self._layout = layout

    def initializePage(self) -> None:
        report = self.w.report
        if report is None:
            return
        # The flavour as page 1 names it ("Google"), not the word the report keeps.
        flavour = flavour_title(report.flavour, short=True) if report.flavour else ""
        details = ", ".join(w for w in (flavour, report.encoding) if w)
        self.headline.setText(
            f"Imported {Path(report.file).name}" + (f" ({details})." if details else ".")
        )
        self.counts["created"].setText(f"{report.created:,}")
        self.counts["merged"].setText(f"{report.merged:,}")
        self.counts["skipped"].setText(f"{report.skipped:,}")
        self.counts["refused"].setText(f"{len(report.refused):,}")
        self.model.set_refused(report.refused)
        self.view.resizeColumnsToContents()
        has_refused = bool(report.refused)
        self.view.setVisible(has_refused)
        self._layout.setStretch(self._layout.count() - 1, 0 if has_refused else 1)
        self.refused_note.setVisible(has_refused)
        self.save_button.setEnabled(has_refused)
        self.undo_button.setEnabled(report.batch_id is not None and not report.dry_run)
        self.status.setText("\n".join(f"Warning: {w}" for w in report.warnings))

    # -- hooks tests replace ----------------------------------------------------------------

    def choose_refused_path(self) -> Path | None:
        base = Path(self.w.path)
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the refused rows", str(base.with_name(f"{base.stem}-refused.csv")),
            "CSV (*.csv)",
        )  # fmt: skip
        return absolute(name) if name else None

    def confirm_undo(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "Undo this import?", text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText("Undo the import")
        return box.exec() == QMessageBox.StandardButton.Yes

    # -- actions ---------------------------------------------------------------------------

    def save_refused(self) -> Path | None:
        from gratitude_desktop.io.importer import refused_rows_csv

        path = self.choose_refused_path()
        if path is None:
            return None
        if not path.suffix:
            path = path.with_suffix(".csv")
        try:
            count = refused_rows_csv(self.w.report, path)
        except OSError as problem:
            self.status.setText(f"The refused rows were not saved: {path}: {problem}")
            return None
        self.status.setText(f"Saved {count} refused {'row' if count == 1 else 'rows'} to {path}.")
        return path

    def undo(self) -> None:
        report = self.w.report
        if report is None or report.batch_id is None:
            return
        preview = undo_preview(report.batch_id)
        text = undo_question(Path(report.file).name, preview, report.merged)
        if not self.confirm_undo(text):
            return
        self.undo_button.setEnabled(False)
        self.status.setText("Undoing the import…")
        self.w.undo_import(report.batch_id)

    def show_undone(self, text: str, ok: bool) -> None:
        self.status.setText(text)
        self.undo_button.setEnabled(not ok)


def undo_question(file: str, preview: UndoPreview, merged_rows: int) -> str:
    """The confirmation text naming what an undo removes and restores.

    `preview` counts as the undo will (io.importer.undo_preview): contacts the file made
    apart from contacts that were in the journal before it, so a row merged into another
    row of the same file is not promised a restore.
    """
    created, restored = preview.created, preview.restored
    parts = [f"Undo the import of {file}?"]
    if created:
        parts.append(
            f"The {created:,} {'contact' if created == 1 else 'contacts'} it created will be "
            "removed (any you have since logged an interaction, promise, purchase or referral "
            "with go to the Trash instead)."
        )
    else:
        parts.append("It created no contact, so none is removed.")
    if restored:
        parts.append(
            f"The {restored:,} existing {'contact' if restored == 1 else 'contacts'} it merged "
            f"into will be restored to how {'it was' if restored == 1 else 'they were'} before "
            "the import."
        )
    elif merged_rows:
        parts.append(
            "The rows it merged went into contacts this same file created, so they go with "
            "them; no contact that was in your journal before the import is changed."
        )
    return "\n\n".join(parts)
