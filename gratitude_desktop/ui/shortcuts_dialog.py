"""Help → Keyboard shortcuts: every shortcut of the window, read from its QActions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

WINDOW = "Anywhere in the window"


def action_text(action: QAction) -> str:
    """'&Log interaction…' → 'Log interaction' (a mnemonic '&&' stays one '&')."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


# Keys of special keyboards (Save, Undo, Find, Help…) that the platform binds besides the
# typed ones; listing them would read as if "Save" were a key to press.
_SPECIAL_FROM = Qt.Key.Key_Back.value


def keys_text(action: QAction) -> str:
    """The action's key sequences as the platform writes them: 'Ctrl+Z, Ctrl+Shift+Z'."""
    native = QKeySequence.SequenceFormat.NativeText
    typed = []
    for keys in action.shortcuts():
        if keys.isEmpty():
            continue
        key = keys[0].key().value
        if key >= _SPECIAL_FROM or key == Qt.Key.Key_Help.value:
            continue
        typed.append(keys.toString(native))
    return ", ".join(typed)


def shortcut_rows(window, pages: dict[str, QWidget]) -> list[tuple[str, str, str]]:
    """(where, what, keys) for every action with a shortcut in `window`, from the actions.

    An action whose shortcut works in the whole window is listed once, under
    WINDOW; one bound to a widget (a list, a page) under the page holding that widget.
    Nothing is listed by hand, so a new action with a shortcut shows here by itself.
    """
    whole = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)

    def where(action: QAction) -> str:
        if action.shortcutContext() in whole:
            return WINDOW
        for owner in action.associatedObjects():
            if not isinstance(owner, QWidget) or isinstance(owner, QMenu):
                continue
            for name, page in pages.items():
                if page is owner or page.isAncestorOf(owner):
                    return name
        return WINDOW

    actions: dict[int, QAction] = {}
    for widget in [window, *window.findChildren(QWidget)]:
        for action in QWidget.actions(widget):  # (a view may name a dict "actions")
            actions.setdefault(id(action), action)
    rows = []
    for action in actions.values():
        keys = keys_text(action)
        if keys and action.isVisible():
            rows.append((where(action), action_text(action), keys))
    order = [WINDOW, *pages]
    rows.sort(key=lambda r: order.index(r[0]) if r[0] in order else len(order))
    return rows


class KeyboardShortcutsDialog(QDialog):
    """The shortcuts, grouped by where they work; plain text, read-only."""

    def __init__(self, rows: list[tuple[str, str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(640, 640)
        intro = QLabel(
            "Every keyboard shortcut, taken from the commands themselves. On the Today "
            "page a single key acts on the selected item.",
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Command", "Keys"])
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setRootIsDecorated(False)
        groups: dict[str, QTreeWidgetItem] = {}
        for place, what, keys in rows:
            group = groups.get(place)
            if group is None:
                group = groups[place] = QTreeWidgetItem(self.tree, [place])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            QTreeWidgetItem(group, [what, keys])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, max(self.tree.columnWidth(0) + 24, 260))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the dialog lists: (where, command, keys)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                child = group.child(j)
                out.append((group.text(0), child.text(0), child.text(1)))
        return out
