"""The main window: navigation, the contact list beside the contact page, the trash.

Long because it wires every page, menu and action of the window in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop import APP_NAME, __version__
from gratitude_desktop.store.queries import (
    ContactFilter,
    contact_names,
    count_contacts,
    live_contact_ids,
)
from gratitude_desktop.ui.actions import (
    disarm_conflicting_shortcuts,
    install_main_actions,
    standard_icon,
    window_actions,
)
from gratitude_desktop.ui.contacts.list_panel import ContactListPanel, count_text
from gratitude_desktop.ui.contacts.page import ContactPage
from gratitude_desktop.ui.undo import UndoHistory, undoable

if TYPE_CHECKING:
    from gratitude_desktop.io.report import ImportReport
    from gratitude_desktop.store.db import Journal
    from gratitude_desktop.ui.transfer import FileTransfer
    from gratitude_desktop.ui.trash import TrashPage

SP = QStyle.StandardPixmap
PAGES = ("Today", "Contacts", "Promises", "Goals", "Insights", "Trash")
PAGE_ICONS = {
    "Today": SP.SP_FileDialogInfoView,
    "Contacts": SP.SP_DirHomeIcon,
    "Promises": SP.SP_DialogApplyButton,
    "Goals": SP.SP_ArrowUp,
    "Insights": SP.SP_FileDialogContentsView,
    "Trash": SP.SP_TrashIcon,
}
# What a page shows until its view is set on the window (app.py sets them all; a window
# built bare, as in some tests, keeps these).
PLACEHOLDERS = {
    "Today": "Today's agenda is not open in this window.",
    "Promises": "Promises are not open in this window.",
    "Goals": "Goals are not open in this window.",
    "Insights": "Insights are not open in this window.",
}
STATUS_SECONDS = 15
DEFAULT_SIZE = QSize(1280, 800)


def placeholder_page(text: str, parent: QWidget | None = None) -> QWidget:
    """A page saying plainly that its view is not open in this window."""
    page = QWidget(parent)
    label = QLabel(text, page)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    layout = QVBoxLayout(page)
    layout.addWidget(label)
    return page


def read_only_banner(parent: QWidget) -> QLabel:
    """The strip across the top of a window on a journal that cannot be written."""
    banner = QLabel(
        "This journal is read-only: Gratitude cannot write to its folder, so you can read "
        "everything but not change it. Give yourself write permission to the folder and "
        "start Gratitude again to make changes.",
        parent,
    )
    banner.setObjectName("read-only-banner")
    banner.setTextFormat(Qt.TextFormat.PlainText)
    banner.setWordWrap(True)
    banner.setMargin(8)
    banner.setStyleSheet("QLabel#read-only-banner { background: #fff3cd; color: #664d03; }")
    return banner


class MainWindow(QMainWindow):
    """Gratitude's window on one open journal."""

    settingsRequested = Signal()
    # An undo or redo wrote to the journal, or reload() read it all again (an import or a
    # capture scan undone): pages that show it read it again.
    journalChanged = Signal()

    def __init__(self, journal: Journal, parent: QWidget | None = None):
        super().__init__(parent)
        self.journal = journal
        self._settings = QSettings(str(Path(journal.data_dir) / "window.ini"), QSettings.IniFormat)
        # The window's one undo history (ui/undo): every change made here is a command on it.
        self.history = UndoHistory(self)
        self.history.install()
        self.setWindowTitle(APP_NAME + (" (read-only)" if self._read_only() else ""))

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        # Built inside the splitter: moving the styled page there afterwards re-polishes
        # every one of its widgets (16 ms at start-up).
        self.contact_list = ContactListPanel(self.splitter)
        self.contact_page = ContactPage(self.splitter)
        self.splitter.addWidget(self.contact_list)
        self.splitter.addWidget(self.contact_page)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        self.navigation = QListWidget(self)
        self.navigation.setAccessibleName("Navigation")
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setSpacing(2)
        self.stack = QStackedWidget(self)
        self._pages: dict[str, QWidget] = {}
        # Pages not built yet: built the first time they are shown or asked for by name.
        self._builders: dict[str, Callable[[], QWidget]] = {"Trash": self._build_trash_page}
        for name in PAGES:
            item = QListWidgetItem(standard_icon(PAGE_ICONS[name]), name)
            self.navigation.addItem(item)
            if name == "Contacts":
                widget = self.splitter
            elif name in self._builders:
                widget = QWidget(self)
            else:
                widget = placeholder_page(PLACEHOLDERS[name])
            self._pages[name] = widget
            self.stack.addWidget(widget)
        width = max(self.navigation.sizeHintForColumn(0), 90) + 24
        self.navigation.setFixedWidth(width)
        self.navigation.currentRowChanged.connect(self._show_row)

        body = QWidget(self)
        row = QHBoxLayout(body)
        row.setContentsMargins(4, 4, 4, 0)
        row.addWidget(self.navigation)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self.read_only_banner = read_only_banner(self) if self._read_only() else None
        self.contact_page.set_read_only(self._read_only())
        if self.read_only_banner is not None:
            body.layout().setContentsMargins(4, 0, 4, 0)
            outer = QWidget(self)
            column = QVBoxLayout(outer)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(self.read_only_banner)
            column.addWidget(body, 1)
            self.setCentralWidget(outer)

        self._transfer: FileTransfer | None = None
        self.setAcceptDrops(True)  # drop an address book on the window to import it
        install_main_actions(self, PAGES, PAGE_ICONS)
        removed = disarm_conflicting_shortcuts(self.contact_page, self.window_actions())
        self._page_shortcuts_removed = removed

        self._wire_history()
        self.count_status = QLabel(self)
        self.statusBar().addPermanentWidget(self.count_status)

        self.contact_list.currentContactChanged.connect(self._on_list_selection)
        self.contact_list.contactActivated.connect(self._focus_page)
        self.contact_page.contactSaved.connect(self._on_contact_saved)
        self.contact_page.contactTrashed.connect(self._on_contact_trashed)
        self.contact_page.interactionLogged.connect(lambda _id: self.contact_list.refresh())
        self.contact_page.openContactRequested.connect(self.open_contact)

        self.navigation.setCurrentRow(PAGES.index("Contacts"))
        first = self.contact_list.model.contact_id(0)
        if first is not None:
            self.contact_list.select_contact(first)
        self._update_actions()
        self._update_count()
        self._restore_geometry()

    # -- pages ---------------------------------------------------------------------------

    def set_page(self, name: str, widget: QWidget) -> None:
        """Put `widget` in place of the navigation page `name` (e.g. "Today", "Promises")."""
        if name not in self._pages:
            raise KeyError(f"no page named {name!r}; pages are {', '.join(PAGES)}")
        self._builders.pop(name, None)
        old = self._pages[name]
        index = self.stack.indexOf(old)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, widget)
        self.stack.removeWidget(old)
        self._pages[name] = widget
        if old is not self.splitter and old.parent() is self.stack:
            old.deleteLater()
        self.stack.setCurrentIndex(current)

    def set_lazy_page(self, name: str, build: Callable[[], QWidget]) -> None:
        """Build the navigation page `name` with `build()` the first time it is needed.

        Needed means shown (navigation, Ctrl+number, go_to) or asked for by `page(name)`;
        the window opens faster for every page it does not build before the first paint.
        """
        if name not in self._pages:
            raise KeyError(f"no page named {name!r}; pages are {', '.join(PAGES)}")
        if name not in self._builders:
            self.set_page(name, QWidget(self))
        self._builders[name] = build

    def is_built(self, name: str) -> bool:
        """False while the page `name` waits to be built (see set_lazy_page)."""
        return name not in self._builders

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.page(PAGES[row])  # a lazy page is built before it is shown
        self.stack.setCurrentIndex(row)
        self._update_actions()

    @property
    def trash_page(self) -> TrashPage:
        """The Trash page (built on first use)."""
        return self.page("Trash")

    def _build_trash_page(self) -> QWidget:
        from gratitude_desktop.ui.trash import TrashPage

        page = TrashPage(self)
        page.changed.connect(self._on_trash_changed)
        return page

    def _refresh_trash(self) -> None:
        """Re-read the Trash if it was built (an unbuilt one reads the journal when built)."""
        if self.is_built("Trash"):
            self.trash_page.refresh()

    def reload(self) -> None:
        """Read the whole journal again (after an import, say): list, trash, counts."""
        self.contact_list.refresh()
        self._refresh_trash()
        self._update_count()
        if (
            self.contact_list.current_contact_id() is None
            and self.contact_page.current_contact_id() is None
        ):
            first = self.contact_list.model.contact_id(0)
            if first is not None:
                self.contact_list.select_contact(first)
        if self.contact_page.current_contact_id() is not None:
            self.contact_page.timeline.reload()
        self._update_actions()
        self.journalChanged.emit()

    def page(self, name: str) -> QWidget:
        """The page `name`, built now if it was waiting to be (see set_lazy_page)."""
        build = self._builders.pop(name, None)
        if build is not None:
            self.set_page(name, build())
        return self._pages[name]

    def go_to(self, name: str) -> None:
        """Show a navigation page by name."""
        self.navigation.setCurrentRow(PAGES.index(name))

    def current_page_name(self) -> str:
        return PAGES[self.navigation.currentRow()]

    def set_badge(self, name: str, count: int) -> None:
        """Show a count beside a navigation entry ("Today (3)"); 0 hides it."""
        item = self.navigation.item(PAGES.index(name))
        item.setText(f"{name} ({count:,})" if count else name)

    def open_contact(self, contact_id: int) -> None:
        """Show a contact on the Contacts page (from Today, Promises, the tray…)."""
        self.go_to("Contacts")
        if self.contact_page.current_contact_id() == contact_id:
            self.contact_list.select_contact(contact_id, quiet=True)
            return
        if not self._may_leave_page():
            return
        if not self.contact_list.select_contact(contact_id, quiet=True):
            self.contact_list.clear_filters()
            self.contact_list.select_contact(contact_id, quiet=True)
        self.contact_page.show_contact(contact_id)
        self._update_actions()

    # -- actions ---------------------------------------------------------------------------

    def window_actions(self) -> list[QAction]:
        """The window-wide actions (the list-only Move to Trash is not among them)."""
        return window_actions(self)

    def _read_only(self) -> bool:
        return bool(getattr(self.journal, "read_only", False))

    def _update_actions(self) -> None:
        writable = not self._read_only()
        has_contact = self.contact_page.current_contact_id() is not None
        on_contacts = self.current_page_name() == "Contacts" if self.navigation.count() else True
        selected = self.contact_list.current_contact_id() is not None
        self.new_action.setEnabled(writable)
        editing = self.contact_page.is_editing()
        self.save_action.setEnabled(writable and on_contacts and editing)
        # A new contact on the page counts: logging saves it first (or says why it cannot).
        can_log = has_contact or self.contact_page.is_editing()
        self.log_action.setEnabled(writable and can_log and on_contacts)
        self.edit_contact_action.setEnabled(writable and has_contact)
        self.trash_action.setEnabled(writable and selected and on_contacts)
        self.import_action.setEnabled(writable)
        self.backup_action.setEnabled(writable)
        self.restore_backup_action.setEnabled(writable)

    # -- the contact list and page -------------------------------------------------------

    def ask_save_changes(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel for the contact page's unsaved edits."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Unsaved changes",
            "This contact has changes that are not saved yet.",
            parent=self,
        )
        box.setInformativeText("Save them before moving on?")
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)  # fmt: skip
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    def _may_leave_page(self) -> bool:
        """True when the page may show something else (saved, discarded, or nothing to lose)."""
        if not self.contact_page.has_unsaved_changes():
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.contact_page.save()
        return answer == QMessageBox.StandardButton.Discard

    def _on_list_selection(self, contact_id: int | None) -> None:
        if contact_id == self.contact_page.current_contact_id():
            self._update_actions()
            return
        if not self._may_leave_page():
            self.contact_list.select_contact(self.contact_page.current_contact_id(), quiet=True)
            return
        if contact_id is not None:
            self.contact_page.show_contact(contact_id)
        self._update_actions()

    def _focus_page(self, contact_id: int) -> None:
        if self.contact_page.current_contact_id() != contact_id:
            self._on_list_selection(contact_id)
        focus = getattr(self.contact_page, "focus_first_field", None)
        if callable(focus):
            focus()
            return
        for widget in self.contact_page.findChildren((QLineEdit, QPlainTextEdit)):
            if widget.isVisibleTo(self) and widget.isEnabled() and not widget.isReadOnly():
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def edit_contact(self) -> None:
        """Ctrl+E: the shown contact's form, from anywhere in the window."""
        if self.contact_page.current_contact_id() is None:
            return
        self.go_to("Contacts")
        self.contact_page.edit()

    def new_contact(self) -> None:
        if not self._may_leave_page():
            return
        self.go_to("Contacts")
        self.contact_list.select_contact(None, quiet=True)
        self.contact_page.show_contact(None)  # the page puts the cursor in the name
        self._update_actions()

    def save_contact(self) -> bool:
        return self.contact_page.save()

    def log_interaction(self) -> None:
        """Ctrl+L: the Log interaction dialog; a new contact is saved first, or told why not."""
        page = self.contact_page
        if not page.is_editing():
            return
        new = page.current_contact_id() is None
        if page.log_interaction() is None and new:
            self.statusBar().showMessage(
                "The interaction cannot be logged until the new contact is saved: "
                "fix what is marked in red, then press Ctrl+L again.",
                15000,
            )

    def find(self) -> None:
        self.go_to("Contacts")
        self.contact_list.focus_search()

    # -- undo -------------------------------------------------------------------------------

    def _wire_history(self) -> None:
        self.history.writable = not self._read_only()
        self.history.attach_actions(self.undo_action, self.redo_action)
        self.history.applied.connect(self._on_history_applied)
        self.history.refused.connect(self._on_history_refused)

    def _may_undo(self) -> bool:
        """Unsaved edits on the page are saved (then nothing is undone), discarded, or kept."""
        if not self.contact_page.has_unsaved_changes():
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            self.contact_page.save()
            return False
        if answer == QMessageBox.StandardButton.Discard:
            self.contact_page.revert()
            return True
        return False

    def undo(self) -> None:
        """Edit → Undo: the last change made in this window, whichever contact it was."""
        if self.history.stack.canUndo() and self._may_undo():
            self.history.stack.undo()

    def redo(self) -> None:
        """Edit → Redo: the last change undone, made again."""
        if self.history.stack.canRedo() and self._may_undo():
            self.history.stack.redo()

    def _on_history_applied(self, contact_id: int, message: str) -> None:
        """After an undo or redo: every page reads the journal again; the contact is shown."""
        self.contact_list.refresh()
        self._refresh_trash()
        self._update_count()
        page = self.contact_page
        live = live_contact_ids([contact_id, page.current_contact_id()])
        alive = contact_id in live
        if page.current_contact_id() is not None and page.current_contact_id() not in live:
            page.clear()
        if alive and self.current_page_name() == "Contacts":
            if page.current_contact_id() == contact_id:
                page.show_contact(contact_id)
            self.open_contact(contact_id)
        elif page.current_contact_id() is not None and page.current_contact_id() == contact_id:
            page.show_contact(contact_id)
        if self.contact_list.current_contact_id() is None and page.current_contact_id() is None:
            first = self.contact_list.model.contact_id(0)
            if first is not None:
                self.contact_list.select_contact(first)
        self._update_actions()
        self.statusBar().showMessage(message, STATUS_SECONDS * 1000)
        self.journalChanged.emit()

    def _on_history_refused(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_SECONDS * 1000)
        box = QMessageBox(QMessageBox.Icon.Warning, "Nothing was undone", message, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.refused_box = box

    # -- trash -------------------------------------------------------------------------------

    def trash_selected(self) -> None:
        contact_id = self.contact_list.current_contact_id()
        if contact_id is None:
            return
        if self.contact_page.current_contact_id() == contact_id and not self._may_leave_page():
            return
        from gratitude_desktop.journal.contacts import trash_contacts

        name = contact_names([contact_id]).get(contact_id, "")
        moved = undoable(
            f"move {name} to the Trash", [contact_id], lambda: trash_contacts([contact_id])
        )
        if not moved:
            return
        self.contact_list.refresh(select_neighbour=True)
        if self.contact_list.current_contact_id() is None:
            self.contact_page.show_contact(None)
        self._after_trash(name)

    def _after_trash(self, name: str) -> None:
        self._announce_trash(name)
        self._refresh_trash()
        self._update_count()
        self._update_actions()
        # Not a text field: there Ctrl+Z would undo typing, not the move (issue 15).
        self.contact_list.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _announce_trash(self, name: str) -> None:
        self.statusBar().showMessage(
            f"Moved “{name}” to the Trash — Undo with Ctrl+Z", STATUS_SECONDS * 1000
        )

    def _on_contact_saved(self, contact_id: int) -> None:
        self.contact_list.refresh()
        self.contact_list.select_contact(contact_id, quiet=True)
        self._update_count()
        self._update_actions()

    def _on_contact_trashed(self, contact_id: int) -> None:
        self.contact_list.refresh(select_neighbour=True)
        self._after_trash(contact_names([contact_id]).get(contact_id, ""))

    def _on_trash_changed(self) -> None:
        self.contact_list.refresh()
        self._update_count()

    def _update_count(self) -> None:
        model = self.contact_list.model
        if model.contact_filter() == ContactFilter():  # the list has just counted them all
            total = model.total()
        else:
            total = count_contacts(ContactFilter())
        self.count_status.setText(count_text(total))

    # -- files -------------------------------------------------------------------------------

    @property
    def transfer(self) -> FileTransfer:
        """Import and export: file dialogs, the worker, the report (made on first use)."""
        if self._transfer is None:
            from gratitude_desktop.ui.transfer import FileTransfer

            self._transfer = FileTransfer(self, self._settings)
            self._transfer.finished.connect(self._import_finished)
        return self._transfer

    def import_file(self) -> None:
        """File → Import…: choose a file, then the import wizard (a .json journal imports directly)."""
        path = self.transfer.choose_import_path()
        if path is not None:
            self.open_import_wizard(path)

    def open_import_wizard(self, path: Path):
        """The import wizard on `path`; the window reloads after an import or an undo."""
        if Path(path).suffix.lower() == ".json":
            self.run_import(Path(path))
            return None
        from gratitude_desktop.ui.import_wizard import ImportWizard

        wizard = ImportWizard(path, self.journal, self)
        wizard.imported.connect(lambda _report: self.reload())
        wizard.undone.connect(lambda _report: self.reload())
        wizard.open()
        self.import_wizard = wizard
        return wizard

    def open_import_history(self):
        """File → Import history…: past imports, each can be undone."""
        from gratitude_desktop.ui.import_history import ImportHistoryDialog

        dialog = ImportHistoryDialog(self)
        dialog.undone.connect(lambda _report: self.reload())
        dialog.open()
        self.import_history = dialog
        return dialog

    @staticmethod
    def _dropped_file(event) -> Path | None:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and Path(url.toLocalFile()).is_file():
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event) -> None:
        """A file dragged over the window may be dropped to import it."""
        if self.import_action.isEnabled() and self._dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        """A file dropped on the window opens the import wizard on it."""
        path = self._dropped_file(event) if self.import_action.isEnabled() else None
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_import_wizard(path)

    def run_import(self, path: Path) -> None:
        """Import a file on a worker thread; the window reloads when it is done."""
        self.import_action.setEnabled(False)
        self.transfer.run_import(path)

    def _import_finished(self) -> None:
        self.import_action.setEnabled(not self._read_only())
        self.reload()

    @property
    def last_import_report(self) -> ImportReport | None:
        return self._transfer.last_report if self._transfer is not None else None

    def export_file(self) -> None:
        self.transfer.export_file()

    def run_export(self, path: Path, chosen_filter: str = "") -> int | None:
        return self.transfer.run_export(path, chosen_filter)

    def back_up_now(self):
        """File → Back up now: a backup in the backup folder; returns its path (None if it failed)."""
        import sqlite3

        from gratitude_desktop.store import recovery
        from gratitude_desktop.ui.errors import backup_failure_text, show_error

        folder = recovery.backup_folder(self.journal.data_dir)
        try:
            made = recovery.back_up_journal(self.journal.data_dir, "manual")
        except (OSError, sqlite3.Error) as problem:
            show_error("The journal was not backed up", backup_failure_text(folder, problem),
                       "Choose another backup folder in File → Restore from backup…, "
                       "or free some space, then try again.", self)  # fmt: skip
            return None
        self.statusBar().showMessage(f"Backed up the journal to {made}.", 10000)
        return made

    def daily_backup_failed(self, problem: BaseException) -> None:
        """The start-up backup (in a worker) failed: say so where the person looks, with why."""
        from gratitude_desktop.store import recovery
        from gratitude_desktop.ui.errors import backup_failure_text

        folder = recovery.backup_folder(self.journal.data_dir)
        self.statusBar().showMessage(
            f"Today's backup failed: {backup_failure_text(folder, problem)}. "
            "File → Back up now tries again."
        )

    def open_backups(self):
        """File → Restore from backup…: the backup list; the window reloads after a restore."""
        from gratitude_desktop.ui.backup_dialog import BackupDialog

        if not self._may_leave_page():
            return None
        dialog = BackupDialog(self.journal, self)
        dialog.restored.connect(lambda _safety: self.reload_everything())
        dialog.open()
        self.backup_dialog = dialog
        return dialog

    def reload_everything(self) -> None:
        """After a restore: every page reads the journal again."""
        self.contact_page.clear()
        self.contact_list.select_contact(None, quiet=True)
        self.reload()
        for name, page in self._pages.items():
            refresh = getattr(page, "refresh", None)
            if callable(refresh) and name != "Trash" and self.is_built(name):
                refresh()
        self.statusBar().showMessage("Restored the backup.", 10000)

    def open_settings(self) -> None:
        """Ask whoever wired the reminders (app.py) to show the Settings dialog."""
        self.settingsRequested.emit()

    def open_offerings(self) -> None:
        """Edit → Offerings…: the list of what the business sells."""
        from gratitude_desktop.ui.offerings_dialog import OfferingsDialog

        dialog = OfferingsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.journalChanged.connect(dialog.reload)  # an undo may change what it lists
        dialog.open()
        self.offerings_dialog = dialog

    def quit_app(self) -> None:
        """Really quit, tray or not (the window still asks about unsaved edits)."""
        QApplication.quit()

    def show_shortcuts(self):
        """Help → Keyboard shortcuts: every shortcut, read from the actions (all pages built)."""
        from gratitude_desktop.ui.shortcuts_dialog import KeyboardShortcutsDialog, shortcut_rows

        pages = {name: self.page(name) for name in PAGES}
        dialog = KeyboardShortcutsDialog(shortcut_rows(self, pages), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.shortcuts_dialog = dialog
        return dialog

    def open_data_folder(self) -> bool:
        """Help → Open data folder: the journal's folder in the file manager."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        folder = Path(self.journal.data_dir)
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            return True
        self.statusBar().showMessage(f"Could not open a file manager; the journal is in {folder}")
        return False

    def about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, f"About {APP_NAME}",
                          f"{APP_NAME} {__version__}\n\nA contact journal for people who live "
                          "by follow-up. Everything stays on this computer.\n\n"
                          f"Journal: {self.journal.path}", parent=self)  # fmt: skip
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()

    # -- window --------------------------------------------------------------------------------

    def _default_geometry(self) -> None:
        """1280 x 800, or less on a smaller screen (a 1366 x 768 laptop), centred on it."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            self.resize(DEFAULT_SIZE)
            return
        room = screen.availableGeometry()
        size = DEFAULT_SIZE.boundedTo(QSize(room.width() * 19 // 20, room.height() * 19 // 20))
        self.resize(size)
        self.move(room.center().x() - size.width() // 2, room.center().y() - size.height() // 2)

    def _restore_geometry(self) -> None:
        geometry = self._settings.value("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self._default_geometry()
        hidden = self._settings.value("hidden_columns")
        if hidden is not None:
            self.contact_list.set_hidden_columns(
                [int(c) for c in str(hidden).split(",") if c.strip().isdigit()]
            )
        splitter = self._settings.value("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([680, 480])

    def restore_page(self) -> str:
        """Show the page the window was closed on (Today the first time); returns its name.

        Called by app.py once every page is wired (lazy pages included), so the page is
        built as it is shown.
        """
        name = str(self._settings.value("page", "Today"))
        self.go_to(name if name in PAGES else "Today")
        return self.current_page_name()

    def save_geometry(self) -> None:
        self._settings.setValue("page", self.current_page_name())
        self._settings.setValue("geometry", self.saveGeometry())
        self._settings.setValue("splitter", self.splitter.saveState())
        self._settings.setValue(
            "hidden_columns", ",".join(str(c) for c in self.contact_list.hidden_columns())
        )
        self._settings.sync()
        from gratitude_desktop.paths import make_private_file

        make_private_file(Path(self._settings.fileName()))  # QSettings writes 0644

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_leave_page():
            event.ignore()
            return
        self.save_geometry()
        super().closeEvent(event)
