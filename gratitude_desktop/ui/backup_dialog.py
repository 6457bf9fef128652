"""File → Restore from backup…, and the dialog for a journal found damaged at start-up."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop import paths
from gratitude_desktop.journal.settings import set_setting
from gratitude_desktop.store import backup, recovery
from gratitude_desktop.ui.errors import backup_failure_text, plain_message_box, show_error
from gratitude_desktop.ui.plain_text import plain_label, plain_tooltip

BACKUP_SUBFOLDER = "Gratitude backups"
REASONS = {
    "daily": "Daily",
    "manual": "Backed up by you",
    "before-import": "Before an import",
    "before-migration": "Before an update",
    "before-restore": "Before a restore",
    "before-delete": "Before deleting for good",
}


def reason_text(reason: str) -> str:
    return REASONS.get(reason, reason.replace("-", " ").capitalize() or "Backup")


def when_text(info: backup.BackupInfo) -> str:
    return info.taken_at.strftime("%Y-%m-%d %H:%M")


def contacts_text(info: backup.BackupInfo) -> str:
    if info.contacts is None:
        return "unreadable"
    return f"{info.contacts:,} contact{'s' if info.contacts != 1 else ''}"


class BackupDialog(QDialog):
    """The backups of one journal, newest first; restore one after a confirmation.

    Emits restored(path of the safety copy) after the journal's contents were replaced,
    so the window reloads everything.
    """

    restored = Signal(object)

    def __init__(self, journal, parent: QWidget | None = None):
        super().__init__(parent)
        self.journal = journal
        self.setWindowTitle("Restore from backup")
        self.resize(620, 420)
        self.intro = plain_label(
            "Gratitude backs up the journal every day it is used, before every import and "
            "before deleting contacts for good. It keeps one backup for each of the last 7 "
            "days, 4 weeks and 12 months, and every backup taken before a change for at "
            "least a week. Restoring one replaces the journal; the journal "
            "as it is now is backed up first, so a restore can be undone.",
            self,
        )
        self.folder_label = plain_label("", self)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change_folder_button = QPushButton("Change folder…", self)
        self.change_folder_button.clicked.connect(self.choose_folder)

        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Taken", "Why", "Contacts"])
        self.tree.headerItem().setTextAlignment(
            2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName("Backups")
        self.tree.itemSelectionChanged.connect(self._update)
        self.tree.itemDoubleClicked.connect(lambda *_: self.restore_selected())
        self.empty_label = plain_label("There are no backups in this folder yet.", self)
        # In the table's place when there is none: at the top, the lines above kept together.
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.back_up_button = QPushButton("Back up now", self)
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton("Restore…", self)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.back_up_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.change_folder_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(folder_row)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(buttons)
        writable = not getattr(journal, "read_only", False)
        for widget in (self.back_up_button, self.restore_button, self.change_folder_button):
            widget.setVisible(writable)
        self.refresh()

    def folder(self) -> Path:
        return recovery.backup_folder(self.journal.data_dir)

    def refresh(self) -> None:
        folder = self.folder()
        self.folder_label.setText(f"Backups are kept in: {folder}")
        self.backups = backup.list_backups(folder)
        self.tree.clear()
        for info in self.backups:
            item = QTreeWidgetItem([when_text(info), reason_text(info.reason), contacts_text(info)])
            item.setToolTip(0, plain_tooltip(str(info.path)))  # a folder may be named anything
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(item)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self.tree.setVisible(bool(self.backups))
        self.empty_label.setVisible(not self.backups)
        if self.backups:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update()

    def selected(self) -> backup.BackupInfo | None:
        item = self.tree.currentItem()
        if item is None or not item.isSelected():
            return None
        return self.backups[self.tree.indexOfTopLevelItem(item)]

    def _update(self) -> None:
        chosen = self.selected()
        self.restore_button.setEnabled(chosen is not None and chosen.contacts is not None)

    def back_up_now(self) -> Path | None:
        try:
            made = recovery.back_up(self.journal.path, self.folder(), "manual")
        except (OSError, sqlite3.Error) as problem:
            text = backup_failure_text(self.folder(), problem)
            show_error("The journal was not backed up", text, "", self)
            return None
        self.refresh()
        return made

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "Keep backups in", str(self.folder()))
        if name:
            self.set_folder(Path(name))

    def set_folder(self, folder: Path) -> Path:
        """Keep backups in a "Gratitude backups" folder inside `folder` from now on.

        Backups live in a folder of their own because it is made owner-only: the
        folder the person picked (their home, a shared disk) keeps its permissions.
        Returns the folder used (stored as the "backup_dir" setting in the journal).
        """
        folder = paths.absolute(folder)
        if folder.name != BACKUP_SUBFOLDER:
            folder = folder / BACKUP_SUBFOLDER
        set_setting(recovery.BACKUP_DIR_KEY, str(folder))
        self.refresh()
        return folder

    def confirm(self, info: backup.BackupInfo) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Restore from backup",
            f"Replace the journal with the backup taken {when_text(info)} ({contacts_text(info)})?",
            parent=self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            "Changes made since then leave the journal. The journal as it is now is "
            "backed up first, so you can come back to it from this list."
        )
        yes = box.addButton("Restore", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is yes

    def restore_selected(self) -> Path | None:
        """Ask, then restore the selected backup; returns the safety copy, or None."""
        info = self.selected()
        if info is None or not self.confirm(info):
            return None
        return self.restore(info.path)

    def restore(self, path: Path) -> Path | None:
        try:
            safety = recovery.restore_live(self.journal, path, self.folder())
        except (ValueError, OSError) as problem:
            show_error("The backup was not restored", str(problem), "", self)
            return None
        self.refresh()
        self.restored.emit(safety)
        return safety


class DamagedJournalDialog(QDialog):
    """The journal failed SQLite's check at start-up: restore the latest good backup, or quit.

    `result_path` holds where the damaged file was moved after a restore.
    """

    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.database = paths.database_path(self.data_dir)
        self.good = recovery.latest_good_backup(recovery.backup_folder(self.data_dir))
        self.moved_to: Path | None = None
        self.setWindowTitle("The journal is damaged")
        self.setMinimumWidth(520)
        title = plain_label("Gratitude's journal file is damaged.", self)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        self.message = plain_label(
            f"SQLite's integrity check failed on {self.database}. This can happen after a "
            "power cut or a failing disk.",
            self,
        )
        if self.good is not None:
            offer = (
                f"The latest good backup was taken {when_text(self.good)} "
                f"({contacts_text(self.good)}). Restoring it replaces the journal; the "
                "damaged file is kept beside it as journal.damaged\u2011<date>.sqlite3, never "
                "deleted. Changes made after the backup are not in it."
            )
        else:
            offer = (
                f"No good backup was found in {recovery.backup_folder(self.data_dir)}. "
                "The damaged file was left untouched; copy it somewhere safe before trying "
                "to repair it."
            )
        self.offer = plain_label(offer, self)
        buttons = QDialogButtonBox(self)
        self.restore_button = None
        if self.good is not None:
            self.restore_button = buttons.addButton(
                "Restore the latest good backup", QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.restore_button.clicked.connect(self.restore)
            self.restore_button.setDefault(True)
        self.quit_button = buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.message)
        layout.addWidget(self.offer)
        layout.addSpacing(8)
        layout.addWidget(buttons)

    def restore(self) -> bool:
        try:
            self.moved_to, _ = recovery.recover_from_backup(self.data_dir, self.good.path)
        except (OSError, ValueError) as problem:
            plain_message_box(
                QMessageBox.Icon.Critical, "The backup was not restored", str(problem), "", self
            ).exec()
            return False
        self.accept()
        return True


def offer_recovery(data_dir: Path) -> bool:
    """When the journal in `data_dir` is damaged, ask; True when it may be opened now."""
    if not recovery.is_damaged(paths.database_path(Path(data_dir))):
        return True
    dialog = DamagedJournalDialog(Path(data_dir))
    return dialog.exec() == QDialog.DialogCode.Accepted


def watch_integrity(window: QWidget, journal) -> None:
    """Run the quick check in the background; if it fails, say so and check at next start."""
    from gratitude_desktop.ui.workers import run_in_pool

    def done(damaged: bool) -> None:
        if not damaged:
            return
        journal.damaged = True  # app.py keeps the marker: the next start offers a restore
        plain_message_box(
            QMessageBox.Icon.Critical,
            "The journal is damaged",
            f"SQLite's integrity check failed on {journal.path}.",
            "Quit Gratitude and start it again: it will offer to restore the latest good "
            "backup (the damaged file is kept). Avoid making changes until then.",
            window,
        ).open()

    window.integrity_check = run_in_pool(recovery.is_damaged, journal.path, on_result=done)
