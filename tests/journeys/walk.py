"""What a person does in a journey: keys, clicks on visible widgets, typed text; what they see."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
WAIT = 10_000


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier, widget: QWidget | None = None):
    """A key as the person presses it: to the widget that has the focus."""
    target = widget or QApplication.focusWidget() or QApplication.activeWindow()
    qtbot.keyClick(target, key, modifier)


def click(qtbot, widget: QWidget) -> None:
    """A left click in the middle of a widget the person can see."""
    assert widget.isVisible() and widget.isEnabled(), f"{widget!r} cannot be clicked"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def visible_button(dialog: QWidget, label: str) -> QAbstractButton:
    """The visible button of `dialog` whose text (without &) is `label`."""
    found = [
        b
        for b in dialog.findChildren(QAbstractButton)
        if b.isVisible() and b.text().replace("&", "") == label
    ]
    if not found:
        names = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
        raise AssertionError(f"no button {label!r} in {dialog.windowTitle()!r}: {names}")
    return found[0]


def open_by_name(qtbot, window, name: str) -> None:
    """Ctrl+F, type the name, Down into the list, Ctrl+Home, Down until that name shows.

    (Other contacts may match too: a story that mentions the name.)
    """
    press(qtbot, Qt.Key.Key_F, CTRL)
    search = window.contact_list.search
    assert QApplication.focusWidget() is search
    search.selectAll()
    qtbot.keyClicks(search, name)
    press(qtbot, Qt.Key.Key_Down, widget=search)
    view = window.contact_list.view
    press(qtbot, Qt.Key.Key_Home, CTRL, widget=view)  # the first match
    for _ in range(window.contact_list.model.rowCount()):
        if window.contact_page.name_label.text() == name:
            break
        press(qtbot, Qt.Key.Key_Down, widget=view)
    qtbot.waitUntil(lambda: window.contact_page.name_label.text() == name, timeout=WAIT)


def badge_count(window, page: str = "Today") -> int:
    """The number beside a navigation entry ("Today (26)" → 26; no number → 0)."""
    from gratitude_desktop.ui.main_window import PAGES

    text = window.navigation.item(PAGES.index(page)).text()
    found = re.search(r"\(([\d,]+)\)", text)
    return int(found.group(1).replace(",", "")) if found else 0


def settled_today(qtbot, window, count: int) -> None:
    """Wait until the reminder worker's Today count is `count`."""
    qtbot.waitUntil(lambda: badge_count(window) == count, timeout=WAIT)


def answer_next_box(button) -> None:
    """Click `button` (a StandardButton, or a button's text) of the next modal message box.

    For a box the window opens with exec() (the call does not return until answered):
    a timer looks for it while its event loop runs, as a person's eyes would.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            if isinstance(button, str):
                [b for b in box.buttons() if b.text().replace("&", "") == button][0].click()
            else:
                box.button(button).click()
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)


def back_to(qtbot, window) -> None:
    """After a modal box closed: the window is active again (as the window manager does)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
