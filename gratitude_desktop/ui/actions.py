"""QAction helpers: one action per command, shared by menus, toolbar and context menus."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QStyle, QToolBar, QWidget

KeySpec = str | QKeySequence | QKeySequence.StandardKey


def standard_icon(pixmap: QStyle.StandardPixmap):
    """An icon from the current Qt style (so it fits every platform theme)."""
    return QApplication.style().standardIcon(pixmap)


def make_action(
    parent: QObject,
    text: str,
    *,
    shortcuts: Iterable[KeySpec] = (),
    tip: str = "",
    icon: QStyle.StandardPixmap | None = None,
    slot: Callable[[], object] | None = None,
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> QAction:
    """A QAction with its shortcuts, status tip (and tooltip naming the first shortcut)."""
    action = QAction(text, parent)
    keys = [
        key
        for k in shortcuts
        for key in (
            # Every key the platform binds (Redo: Ctrl+Y and Ctrl+Shift+Z on Linux).
            QKeySequence.keyBindings(k)
            if isinstance(k, QKeySequence.StandardKey)
            else [QKeySequence(k)]
        )
    ]
    if keys:
        action.setShortcuts(keys)
        action.setShortcutContext(context)
    if tip:
        action.setStatusTip(tip)
        plain = text.replace("&", "").rstrip("…").rstrip(".")
        shown = keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
        action.setToolTip(f"{plain} ({shown})" if shown else plain)
    if icon is not None:
        action.setIcon(standard_icon(icon))
    if slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    return action


def disarm_conflicting_shortcuts(root: QWidget, actions: Iterable[QAction]) -> list[str]:
    """Remove from widgets under `root` the shortcuts that these window actions already own.

    Two shortcuts on the same keys in one window are ambiguous and Qt then fires
    neither; the window's action calls the same method, so the inner one goes.
    Returns the key sequences that were removed (for tests and logging).
    """
    owned = {
        key.toString(QKeySequence.SequenceFormat.PortableText)
        for action in actions
        for key in action.shortcuts()
        if action.shortcutContext() != Qt.ShortcutContext.WidgetShortcut
    }
    removed: list[str] = []
    for shortcut in root.findChildren(QShortcut):
        keys = [k.toString(QKeySequence.SequenceFormat.PortableText) for k in list(shortcut.keys())]
        if any(k in owned for k in keys):
            removed.extend(k for k in keys if k in owned)
            shortcut.setKeys([QKeySequence(k) for k in keys if k not in owned])
            if not shortcut.keys():
                shortcut.setEnabled(False)
    for button in root.findChildren(QAbstractButton):
        key = button.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        if key and key in owned:
            removed.append(key)
            button.setShortcut(QKeySequence())
    for widget in [root, *root.findChildren(QWidget)]:
        for action in widget.actions():
            if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
                continue
            keys = [
                k.toString(QKeySequence.SequenceFormat.PortableText) for k in action.shortcuts()
            ]
            if any(k in owned for k in keys):
                removed.extend(k for k in keys if k in owned)
                action.setShortcuts([QKeySequence(k) for k in keys if k not in owned])
    return removed


SP = QStyle.StandardPixmap
LIST_ONLY = Qt.ShortcutContext.WidgetWithChildrenShortcut

# attribute, text, shortcuts, icon, status tip, window method, shortcut context
MAIN_ACTIONS = [
    ("new_action", "&New contact", ["Ctrl+N"], SP.SP_FileIcon,
     "Start a new contact", "new_contact", None),
    ("save_action", "&Save", [QKeySequence.StandardKey.Save], SP.SP_DialogSaveButton,
     "Save the contact's changes", "save_contact", None),
    ("edit_contact_action", "&Edit contact", ["Ctrl+E"], None,
     "Turn the contact's page into its form", "edit_contact", None),
    ("log_action", "&Log interaction…", ["Ctrl+L"], SP.SP_FileDialogContentsView,
     "Record a call, meeting, email or message with this contact", "log_interaction", None),
    # Only in the list: Delete while typing in the page must delete a character.
    ("trash_action", "Move to &Trash", ["Delete", "Ctrl+Backspace"], SP.SP_TrashIcon,
     "Move the selected contact to the Trash (it can be restored)", "trash_selected", LIST_ONLY),
    # Text fields keep Ctrl+Z for their typing (they take the shortcut first).
    ("undo_action", "&Undo", [QKeySequence.StandardKey.Undo], None,
     "Undo the last change made in this window", "undo", None),
    ("redo_action", "&Redo", [QKeySequence.StandardKey.Redo], None,
     "Make the last undone change again", "redo", None),
    ("find_action", "&Find", [QKeySequence.StandardKey.Find], None,
     "Search names, organisations, emails, phones, notes and what was said", "find", None),
    ("import_action", "&Import…", ["Ctrl+I"], None,
     "Import contacts from a Gratitude journal, CSV or vCard file", "import_file", None),
    ("import_history_action", "Import &history…", [], None,
     "Every past import; undo one of them", "open_import_history", None),
    ("export_action", "&Export…", ["Ctrl+Shift+E"], None,
     "Export the journal as a Gratitude journal, CSV or vCard file", "export_file", None),
    ("backup_action", "&Back up now", ["Ctrl+Shift+B"], None,
     "Copy the journal into the backup folder now", "back_up_now", None),
    ("restore_backup_action", "&Restore from backup…", [], None,
     "List the backups and bring one back (the journal as it is now is backed up first)",
     "open_backups", None),
    ("settings_action", "&Settings…", ["Ctrl+,"], None,
     "Keep-in-touch cadences, reminders, the tray and start at login", "open_settings", None),
    ("quit_action", "&Quit", ["Ctrl+Q"], None,
     "Quit Gratitude (closing the window keeps it in the tray)", "quit_app", None),
    ("shortcuts_action", "&Keyboard shortcuts", [QKeySequence.StandardKey.HelpContents], None,
     "Every keyboard shortcut, where it works", "show_shortcuts", None),
    ("data_folder_action", "Open &data folder", [], None,
     "Show the folder holding the journal and its backups", "open_data_folder", None),
    ("about_action", "&About Gratitude", [], None, "Version and licence", "about", None),
    ("offerings_action", "&Offerings…", [], None,
     "What you sell: add, rename or deactivate offerings", "open_offerings", None),
]  # fmt: skip
WINDOW_WIDE = ["new_action", "save_action", "edit_contact_action", "log_action", "undo_action", "redo_action",
               "find_action",
               "import_action", "export_action", "backup_action", "settings_action", "quit_action",
               "shortcuts_action", "about_action"]  # fmt: skip


def window_actions(window) -> list[QAction]:
    """The actions whose shortcuts work anywhere in the window."""
    return [getattr(window, name) for name in WINDOW_WIDE] + list(window.go_actions.values())


def install_main_actions(window, pages, page_icons) -> None:
    """Create the window's actions (as attributes named in MAIN_ACTIONS), menus and toolbar.

    Each action is created once and shared by the menu bar, the toolbar and the
    contact list's context menu; its slot is the window method of the same row.
    """
    for attr, text, keys, icon, tip, method, context in MAIN_ACTIONS:
        slot = getattr(window, method)
        action = make_action(
            window, text, shortcuts=keys, icon=icon, tip=tip, slot=slot,
            context=context or Qt.ShortcutContext.WindowShortcut,
        )  # fmt: skip
        setattr(window, attr, action)
    window.go_actions = {
        name: make_action(
            window,
            f"&{name}",
            shortcuts=[f"Ctrl+{number}"],
            icon=page_icons[name],
            tip=f"Go to {name}",
            slot=lambda n=name: window.go_to(n),
        )
        for number, name in enumerate(pages, start=1)
    }
    for action in window_actions(window):
        window.addAction(action)
    view = window.contact_list.view
    view.addAction(window.trash_action)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    view.addActions([window.new_action, window.log_action])

    w = window
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([w.new_action, w.save_action])
    file_menu.addSeparator()
    file_menu.addActions([w.import_action, w.import_history_action, w.export_action])
    file_menu.addSeparator()
    file_menu.addActions([w.backup_action, w.restore_backup_action])
    file_menu.addSeparator()
    file_menu.addAction(w.quit_action)
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([w.undo_action, w.redo_action])
    edit_menu.addSeparator()
    edit_menu.addAction(w.edit_contact_action)
    edit_menu.addAction(w.find_action)
    edit_menu.addSeparator()
    edit_menu.addActions([w.log_action, w.trash_action])
    edit_menu.addSeparator()
    edit_menu.addAction(w.offerings_action)
    edit_menu.addAction(w.settings_action)
    bar.addMenu("&Go").addActions(list(w.go_actions.values()))
    help_menu = bar.addMenu("&Help")
    help_menu.addActions([w.shortcuts_action, w.data_folder_action])
    help_menu.addSeparator()
    help_menu.addAction(w.about_action)
    toolbar = QToolBar("Main", window)
    toolbar.setObjectName("main-toolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions([w.new_action, w.save_action, w.log_action, w.trash_action])
    window.addToolBar(toolbar)
