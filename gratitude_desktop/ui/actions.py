"""QAction helpers: one action per command, shared by menus, toolbar and context menus."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QStyle, QWidget

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
    keys = [QKeySequence(k) for k in shortcuts]
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
