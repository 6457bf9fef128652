"""Journey: point Gratitude at a mail folder in Settings; a quiet contact leaves Today after
the scan; undoing the scan (File → Import history) brings them back."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QTabBar

from gratitude_desktop import app
from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact
from gratitude_desktop.store.models import Captured, Interaction
from gratitude_desktop.ui.settings_dialog import SettingsDialog
from tests.io.capture.mailbuild import mbox, message


def today_names(window) -> list[str]:
    today = window.reminders.today
    return [item.contact_name for item in today.model.items()]


def click(qtbot, widget) -> None:
    assert widget.isVisible(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_menu(qtbot, window, menu_title: str, item_text: str) -> None:
    bar = window.menuBar()
    (menu_action,) = [a for a in bar.actions() if a.text().replace("&", "") == menu_title]
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(menu_action).center())
    menu = menu_action.menu()
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    (item,) = [a for a in menu.actions() if a.text().replace("&", "") == item_text]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(item).center())


def answer_next_message_box(button_text: str) -> None:
    def check():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, check)
            return
        (button,) = [b for b in box.buttons() if b.text().replace("&", "") == button_text]
        button.click()

    QTimer.singleShot(0, check)


def test_a_mail_folder_set_in_settings_logs_a_touch_and_undo_brings_the_quiet_back(
    journal, qtbot, tmp_path
):
    long_ago = dt.date.today() - dt.timedelta(days=200)
    save_contact(
        ContactData(display_name="Quentin Quiet", stage="client", met_on=long_ago,
                    methods=[MethodData("email", "Quentin@Example.com")])
    )  # fmt: skip
    mail = tmp_path / "Mail"
    mail.mkdir()
    yesterday = dt.datetime.now() - dt.timedelta(days=1)
    (mail / "Inbox").write_bytes(
        mbox([
            message(frm="Quentin <quentin@example.com>", to="me@example.org",
                    subject="Lunch next week?", message_id="q1@example.com",
                    date=yesterday.strftime("%a, %d %b %Y %H:%M:%S +0000")),
        ])
    )  # fmt: skip

    window = app.build_window(journal)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "Quentin Quiet" in today_names(window), timeout=10000)

        # Settings (Ctrl+,) → Mail and calendars: the folder and my address.
        qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), SettingsDialog))
        dialog = QApplication.activeModalWidget()
        tabs = dialog.tabs.findChild(QTabBar)
        qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(1).center())
        box = dialog.capture_box
        qtbot.waitUntil(box.mail.edit.isVisible)
        click(qtbot, box.mail.edit)
        qtbot.keyClicks(box.mail.edit, str(mail))
        click(qtbot, box.mail.add_button)
        click(qtbot, box.me.edit)
        qtbot.keyClicks(box.me.edit, "me@example.org")
        click(qtbot, box.me.add_button)
        assert box.mail.list.count() == 1 and box.me.list.count() == 1
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        with qtbot.waitSignal(window.reminders.capture.scanFinished, timeout=20000):
            click(qtbot, ok)

        # The scan logged the email: Quentin is no longer quiet.
        qtbot.waitUntil(lambda: "Quentin Quiet" not in today_names(window), timeout=10000)
        (touch,) = Interaction.select()
        assert (touch.summary, touch.direction, touch.channel) == (
            "Lunch next week?", "inbound", "email",
        )  # fmt: skip
        assert Captured.select().count() == 1

        # File → Import history… → Undo this import → confirm: Quentin is back on Today.
        click_menu(qtbot, window, "File", "Import history…")
        qtbot.waitUntil(lambda: getattr(window, "import_history", None) is not None)
        history = window.import_history
        qtbot.waitUntil(history.isVisible)
        assert history.model.index(0, 0).data().startswith("Capture from")
        answer_next_message_box("Undo the capture")
        click(qtbot, history.undo_button)
        qtbot.waitUntil(lambda: "Undid" in history.status.text(), timeout=10000)
        qtbot.waitUntil(lambda: "Quentin Quiet" in today_names(window), timeout=10000)
        assert Interaction.select().count() == 0
        history.close()
    finally:
        window.reminders.stop()
