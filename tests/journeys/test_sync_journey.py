"""Journey: Settings → Sync → Sync now against a real Radicale, as a person does it."""

from __future__ import annotations

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from gratitude_desktop import app
from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact
from gratitude_desktop.store.models import Contact
from gratitude_desktop.ui.settings_dialog import SettingsDialog
from tests.sync.radicale import Radicale

USER = "ann"


@pytest.fixture
def phone_server(tmp_path):
    """A Radicale whose address book "Contacts" already holds Grace, put there by a phone."""
    server = Radicale(tmp_path / "radicale").start()
    book = f"{server.url}{USER}/contacts/"
    httpx.request(
        "MKCOL",
        book,
        auth=(USER, "pw"),
        content=(
            '<?xml version="1.0"?><d:mkcol xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav">'
            "<d:set><d:prop><d:resourcetype><d:collection/><c:addressbook/></d:resourcetype>"
            "<d:displayname>Contacts</d:displayname></d:prop></d:set></d:mkcol>"
        ),
    ).raise_for_status()
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:grace\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\n"
        "EMAIL:grace@navy.mil\r\nEND:VCARD\r\n"
    )
    httpx.put(book + "grace.vcf", content=card, auth=(USER, "pw")).raise_for_status()
    yield server
    server.stop()


def _dialog() -> SettingsDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, SettingsDialog) and widget.isVisible():
            return widget
    return None


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _type(qtbot, field, text: str) -> None:
    _click(qtbot, field)
    qtbot.keyClicks(field, text)


def test_set_up_sync_and_sync_now_brings_the_phone_contact_and_sends_ours(
    journal, qtbot, phone_server, monkeypatch
):
    # Where there is no keyring the password is kept for the session: this test's only.
    monkeypatch.setattr("gratitude_desktop.sync.credentials._session", {})
    save_contact(ContactData(given_name="Ada", family_name="Lovelace",
                             methods=[MethodData("email", "ada@example.org")]))  # fmt: skip
    window = app.build_window(journal)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.count_status.text() == "1 contact"
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    try:
        qtbot.keyClick(
            window.focusWidget() or window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier
        )
        qtbot.waitUntil(lambda: _dialog() is not None, timeout=20_000)
        dialog = _dialog()
        bar = dialog.tabs.tabBar()
        sync_tab = next(i for i in range(bar.count()) if bar.tabText(i) == "S&ync")
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(sync_tab).center())
        page = dialog.sync_page
        qtbot.waitUntil(page.url.isVisible, timeout=3000)
        assert page.status.text() == "Not synced yet."
        _type(qtbot, page.url, phone_server.url)
        _type(qtbot, page.user, USER)
        _type(qtbot, page.password, "pw")
        dialog.grab().save("/tmp/sync-settings-before.png")
        (button,) = [b for b in page.findChildren(QPushButton) if b.text() == "Sync &now"]
        _click(qtbot, button)
        qtbot.waitUntil(lambda: page.status.text().startswith("Last sync"), timeout=60_000)
        text = page.status.text()
        assert "1 new here" in text and "1 new on the server" in text, text
        assert page.addressbook.text().endswith(f"/{USER}/contacts/")
        dialog.grab().save("/tmp/sync-settings-after.png")
        _click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
        qtbot.waitUntil(lambda: _dialog() is None, timeout=3000)

        # The window shows the phone's contact; the server holds ours, readable by a phone.
        model = window.contact_list.model
        qtbot.waitUntil(
            lambda: any(
                model.data(model.index(r, 0)) == "Grace Hopper" for r in range(model.rowCount())
            ),
            timeout=5000,
        )
        assert Contact.select().count() == 2
        # The status bar counts the phone's contact too (it said "1 contact" before).
        qtbot.waitUntil(lambda: window.count_status.text() == "2 contacts", timeout=5000)
        cards = phone_server.cards(USER, "contacts")
        assert len(cards) == 2 and any("FN:Ada Lovelace" in t for t in cards.values())
        window.grab().save("/tmp/sync-window-after.png")
    finally:
        window.reminders.stop()
