"""The Trash: contacts moved there can be restored, or deleted for good after asking."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.contacts import delete_forever, empty_trash, restore_contacts
from gratitude_desktop.store.queries import ContactFilter, contact_names
from gratitude_desktop.ui.actions import make_action
from gratitude_desktop.ui.contacts.list_model import ContactListModel
from gratitude_desktop.ui.contacts.list_panel import count_text, make_contact_table
from gratitude_desktop.ui.undo import undoable


class TrashPage(QWidget):
    """Trashed contacts with Restore (Ctrl+R), Delete forever… and Empty trash….

    Emits changed() after anything left the trash, so the contact list can refresh.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ContactListModel(ContactFilter(trashed=True), parent=self)
        self.view = make_contact_table(self.model, self)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAccessibleName("Contacts in the trash")

        self.restore_action = make_action(
            self,
            "&Restore",
            shortcuts=["Ctrl+R"],
            tip="Bring the selected contacts back to the contact list",
            icon=QStyle.StandardPixmap.SP_DialogResetButton,
            slot=self.restore_selected,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.delete_action = make_action(
            self,
            "&Delete forever…",
            shortcuts=[QKeySequence("Shift+Delete")],
            tip="Delete the selected contacts and their history for good",
            icon=QStyle.StandardPixmap.SP_TrashIcon,
            slot=self.delete_selected,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.empty_action = make_action(
            self,
            "&Empty trash…",
            tip="Delete every contact in the trash for good",
            slot=self.empty,
        )
        for action in (self.restore_action, self.delete_action):
            self.addAction(action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions([self.restore_action, self.delete_action])

        title = QLabel("Trash", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hint = QLabel(
            "Contacts moved to the trash stay here, with their whole history, until you "
            "delete them for good.",
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label = QLabel("The trash is empty.", self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.restore_button = QPushButton("Restore (Ctrl+R)", self)
        self.delete_button = QPushButton("Delete forever…", self)
        self.empty_button = QPushButton("Empty trash…", self)
        self.restore_button.clicked.connect(self.restore_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.empty_button.clicked.connect(self.empty)

        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.count_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.empty_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1)
        self.setFocusProxy(self.view)

        self.model.modelReset.connect(self._update)
        self.model.rowsInserted.connect(self._update)
        self.view.selectionModel().selectionChanged.connect(self._update)
        self._update()

    def refresh(self) -> None:
        self.model.refresh()

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [cid for cid in (self.model.contact_id(r) for r in rows) if cid is not None]

    def _update(self, *_args) -> None:
        total = self.model.total()
        self.count_label.setText(count_text(total) + " in the trash" if total else "")
        self.view.setVisible(total > 0)
        self.empty_label.setVisible(total == 0)
        chosen = bool(self.selected_ids())
        for widget in (self.restore_action, self.restore_button):
            widget.setEnabled(chosen)
        for widget in (self.delete_action, self.delete_button):
            widget.setEnabled(chosen)
        for widget in (self.empty_action, self.empty_button):
            widget.setEnabled(total > 0)

    def restore_selected(self) -> int:
        """Restore the selected contacts; returns how many came back."""
        ids = self.selected_ids()
        if not ids:
            return 0
        names = contact_names(ids)
        text = (
            f"restore {names.get(ids[0], 'a contact')} from the Trash"
            if len(ids) == 1
            else f"restore {len(ids):,} contacts from the Trash"
        )
        count = undoable(text, ids, lambda: restore_contacts(ids))
        self._after_change()
        return count

    def delete_selected(self) -> int:
        """Ask, then delete the selected contacts for good; returns how many were deleted."""
        ids = self.selected_ids()
        if not ids:
            return 0
        if len(ids) == 1:
            name = self.model.contact_row(self.model.row_of(ids[0])).display_name
            question = f"Delete “{name}” and their whole history for good?"
        else:
            question = f"Delete {len(ids):,} contacts and their whole history for good?"
        if not self.confirm("Delete forever", question, "Delete forever"):
            return 0
        if not self.back_up_first():
            return 0
        count = delete_forever(ids)
        self._after_change()
        return count

    def empty(self) -> int:
        """Ask, then delete every contact in the trash for good; returns how many."""
        total = self.model.total()
        if not total:
            return 0
        question = (
            f"Delete the {count_text(total)} in the trash and their whole history for good?"
            if total > 1
            else "Delete the 1 contact in the trash and their whole history for good?"
        )
        if not self.confirm("Empty trash", question, "Empty trash"):
            return 0
        if not self.back_up_first():
            return 0
        count = empty_trash()
        self._after_change()
        return count

    def back_up_first(self) -> bool:
        """A "before-delete" backup of the window's journal; False (and why) if it failed."""
        journal = getattr(self.window(), "journal", None)
        if journal is None:
            return True
        from gratitude_desktop.store import recovery
        from gratitude_desktop.ui.errors import show_error

        folder = recovery.backup_folder(journal.data_dir)
        try:
            recovery.back_up_journal(journal.data_dir, "before-delete")
        except OSError as problem:
            show_error("Nothing was deleted", f"The journal could not be backed up first: "
                       f"{problem}", f"Backups go to {folder}.", self)  # fmt: skip
            return False
        return True

    def confirm(self, title: str, question: str, verb: str) -> bool:
        """Ask a yes/no question naming what will be lost; the safe answer is the default."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, question, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText("This cannot be undone.")
        yes = box.addButton(verb, QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is yes

    def _after_change(self) -> None:
        self.model.refresh()
        self.changed.emit()
