"""Journey (issue 21): a booby-trapped backup in the backup folder is refused, in words.

A person's backup folder is on a shared disk; someone left a backup there with a
trigger that empties every contact's methods on the next import. The person opens
File → Restore from backup…, picks it, confirms — and is told, on one line, what is
wrong with it; the journal keeps everything it had.
"""

from __future__ import annotations

import shutil
import sqlite3

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact
from gratitude_desktop.store import recovery
from gratitude_desktop.store.models import Contact, ContactMethod
from gratitude_desktop.ui.main_window import MainWindow

SCREENSHOT = "/tmp/hostile-restore-refused.png"


class ModalAnswers:
    """Answers modal message boxes as they open, by clicking the button with the given text."""

    def __init__(self, qtbot, answers: list[str]):
        self.qtbot = qtbot
        self.answers = list(answers)
        self.seen: list[tuple[str, str, str]] = []  # (title, text, informative)
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def _look(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible() or not self.answers:
            return
        self.seen.append((box.windowTitle(), box.text(), box.informativeText()))
        if box.icon() != QMessageBox.Icon.Warning or "not restored" in box.windowTitle():
            box.grab().save(SCREENSHOT)
        wanted = self.answers.pop(0)
        button = next(b for b in box.buttons() if b.text().replace("&", "") == wanted)
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def stop(self) -> None:
        self.timer.stop()


def click_menu(qtbot, window, menu_title: str, action_text: str) -> None:
    bar = window.menuBar()
    menu_action = next(a for a in bar.actions() if a.text().replace("&", "") == menu_title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(menu_action).center())
    menu = menu_action.menu()
    qtbot.waitUntil(menu.isVisible)
    action = next(a for a in menu.actions() if a.text().replace("&", "") == action_text)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def test_a_booby_trapped_backup_is_refused_and_the_journal_keeps_everything(journal, qtbot):
    save_contact(
        ContactData(
            display_name="Ada Lovelace",
            notes="met at the fair",
            methods=[MethodData(kind="email", value="ada@example.org")],
        )
    )
    folder = recovery.backup_folder(journal.data_dir)
    made = recovery.back_up(journal.path, folder, "daily")
    trap = folder / "journal-20260101-090000-daily.sqlite3"  # an older-looking backup
    shutil.copyfile(made, trap)
    with sqlite3.connect(trap) as conn:
        conn.execute(
            "CREATE TRIGGER wipe AFTER INSERT ON contact BEGIN DELETE FROM contact_method; "
            "UPDATE contact SET notes = 'gone'; END"
        )
    window = MainWindow(journal)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    click_menu(qtbot, window, "File", "Restore from backup…")
    qtbot.waitUntil(lambda: getattr(window, "backup_dialog", None) is not None)
    dialog = window.backup_dialog
    qtbot.waitExposed(dialog)
    tree = dialog.tree
    row = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0).startswith("2026-01-01")
    )
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(row).center()
    )
    assert dialog.restore_button.isEnabled()

    answers = ModalAnswers(qtbot, ["Restore", "OK"])
    try:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        qtbot.waitUntil(lambda: not answers.answers, timeout=10_000)
    finally:
        answers.stop()

    (_, confirm, _), (title, text, _) = answers.seen
    assert confirm.startswith("Replace the journal with the backup taken 2026-01-01")
    assert title == "The backup was not restored"
    assert str(trap) in text and "trigger “wipe”" in text
    assert "the journal was left as it was" in text and "\n" not in text
    assert [c.display_name for c in Contact.select()] == ["Ada Lovelace"]
    assert Contact.get().notes == "met at the fair"
    assert ContactMethod.select().count() == 1
    assert sorted(p.name for p in folder.glob("journal-*.sqlite3")) == sorted(
        [made.name, trap.name]
    )  # refused before the safety backup: nothing new
