"""Capture in the window: the scanner, the Settings page, the Today panel, new people, timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gratitude_desktop.io.capture.scan import scan
from gratitude_desktop.journal.capture import (
    CaptureSettings,
    load_capture_settings,
    save_capture_settings,
)
from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact
from gratitude_desktop.store.models import Contact
from gratitude_desktop.ui.capture.new_people import NewPeopleDialog
from gratitude_desktop.ui.capture.panel import CapturePanel
from gratitude_desktop.ui.capture.scanner import CaptureScanner
from gratitude_desktop.ui.capture.settings_box import CaptureSettingsBox
from gratitude_desktop.ui.timeline.widget import TimelineWidget
from tests.io.capture.mailbuild import mbox, message

ME = ("me@example.org",)


@pytest.fixture
def mail(journal, tmp_path):
    ids = {
        "ada": save_contact(ContactData(display_name="Ada", methods=[MethodData("email", "ada@x.org")])),
        "helen": save_contact(ContactData(display_name="Helen", dnc_channels=("all",),
                                          methods=[MethodData("email", "helen@x.org")])),
    }  # fmt: skip
    box = tmp_path / "Inbox"
    box.write_bytes(
        mbox([
            message(frm="ada@x.org", to="me@example.org", subject="Hello", message_id="1@x"),
            message(frm="me@example.org", to="helen@x.org", subject="Offer", message_id="2@x"),
            message(frm="me@example.org", to="Zed <zed@new.org>", message_id="3@x"),
            message(frm="me@example.org", to="zed@new.org", message_id="4@x"),
        ])
    )  # fmt: skip
    return box, ids


def test_settings_page_round_trip_and_a_typed_path_counts(qtbot, journal, tmp_path):
    box = CaptureSettingsBox(CaptureSettings(me=ME, mail=("/a",), interval_minutes=30))
    qtbot.addWidget(box)
    assert box.mail.values() == ("/a",) and box.interval.value() == 30
    qtbot.keyClicks(box.calendar.edit, "/cal.ics")  # typed, not yet added
    box.mail.list.setCurrentRow(0)
    qtbot.mouseClick(box.mail.remove_button, Qt.MouseButton.LeftButton)
    settings = box.settings()
    assert (settings.mail, settings.calendar, settings.me) == ((), ("/cal.ics",), ME)
    save_capture_settings(settings)
    assert load_capture_settings() == settings


def test_propose_fills_my_addresses_from_the_sent_folder(qtbot, journal, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # no real Thunderbird profile is looked at
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "Sent").write_bytes(mbox([message(frm="Me <mine@firm.org>", to="a@x.org")]))
    box = CaptureSettingsBox(CaptureSettings(mail=(str(folder),)))
    qtbot.addWidget(box)
    qtbot.mouseClick(box.me.propose_button, Qt.MouseButton.LeftButton)
    assert box.me.values() == ("mine@firm.org",)


def test_the_scanner_scans_the_configured_sources_and_the_panel_says_what_it_found(qtbot, mail):
    box, ids = mail
    save_capture_settings(CaptureSettings(me=ME, mail=(str(box),)))
    scanner = CaptureScanner()
    panel = CapturePanel(scanner)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(scanner.scanFinished, timeout=10000) as done:
        scanner.start()
    assert done.args[0].logged == 2
    qtbot.waitUntil(lambda: len(panel.flag_labels) == 1)
    assert "You emailed Helen on" in panel.flag_labels[0].text()
    assert panel.flag_labels[0].textFormat() == Qt.TextFormat.PlainText
    assert panel.people_label.text() == "1 person you correspond with isn't in your journal."
    assert "Logged 2 touches" in panel.scan_label.text()
    opened = []
    panel.openContact.connect(opened.append)
    row = panel.flag_labels[0].parentWidget()
    buttons = {b.text(): b for b in row.findChildren(type(panel.review_button))}
    qtbot.mouseClick(buttons["Open"], Qt.MouseButton.LeftButton)
    assert opened == [ids["helen"]]
    with qtbot.waitSignal(scanner.statusReady, timeout=5000):
        qtbot.mouseClick(buttons["Seen"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.flag_labels == [])
    scanner.stop()


def test_without_sources_a_scan_reads_nothing_and_the_panel_stays_hidden(qtbot, journal):
    scanner = CaptureScanner()
    panel = CapturePanel(scanner)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(scanner.scanFinished, timeout=10000) as done:
        scanner.scan_now()
    assert done.args[0] is None
    assert not panel.isVisible()
    scanner.stop()


def new_people_after_a_scan(qtbot, mail) -> NewPeopleDialog:
    """The New people dialog, shown, once the scan of `mail` found its one new person."""
    box, _ids = mail
    scan([box], me=ME)
    dialog = NewPeopleDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.people) == 1)
    return dialog


def test_new_people_dialog_adds_with_one_click(qtbot, mail):
    dialog = new_people_after_a_scan(qtbot, mail)
    assert dialog.table.item(0, 1).text() == "zed@new.org"
    with qtbot.waitSignal(dialog.contactAdded, timeout=5000):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.people == [] and dialog.empty.isVisible())
    assert Contact.get(Contact.display_name == "Zed").methods[0].value == "zed@new.org"


def test_timeline_hides_captured_entries_and_shows_the_flag(qtbot, mail):
    from gratitude_desktop.journal.interactions import InteractionData, save_interaction

    box, ids = mail
    scan([box], me=ME)
    save_interaction(InteractionData(contact_id=ids["helen"], at=dt.datetime(2026, 11, 1, 9),
                                     summary="Typed by hand"))  # fmt: skip
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.show()
    widget.set_contact(ids["helen"])
    assert widget.model.rowCount() == 2
    assert widget.flag.isVisible() and "asked not to be contacted" in widget.flag.text()
    qtbot.mouseClick(widget.hide_captured, Qt.MouseButton.LeftButton)
    assert widget.model.rowCount() == 1
    assert widget.model.interaction_at(0).summary == "Typed by hand"
    assert widget.title.text() == "Timeline · 1 entry"


def test_a_person_added_from_sent_mail_goes_with_the_windows_undo(qtbot, mail):
    from gratitude_desktop.ui.undo import UndoHistory

    history = UndoHistory()
    history.install()
    dialog = new_people_after_a_scan(qtbot, mail)
    with qtbot.waitSignal(dialog.contactAdded, timeout=5000):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert history.stack.undoText() == "add Zed from your sent mail"
    history.stack.undo()
    assert not Contact.select().where(Contact.display_name == "Zed").exists()
    history.stack.redo()
    assert Contact.get(Contact.display_name == "Zed").methods[0].value == "zed@new.org"


def test_adding_an_imap_account_asks_its_password_and_ok_keeps_it_off_the_disk(
    qtbot, journal, monkeypatch
):
    from gratitude_desktop.sync import credentials
    from gratitude_desktop.sync.imap_capture import password_for
    from gratitude_desktop.ui.settings_dialog import SettingsDialog

    monkeypatch.setattr(credentials, "_keyring", lambda: None)  # no real keyring touched
    monkeypatch.delenv("GRATITUDE_IMAP_PASSWORD", raising=False)
    dialog = SettingsDialog(
        tray_available=False, capture=CaptureSettings(), apply_autostart=lambda *a: None
    )
    qtbot.addWidget(dialog)
    box = dialog.capture_box
    asked = []
    monkeypatch.setattr(box, "ask_password", lambda url: asked.append(url) or None)
    url = "imaps://ann@mail.example.org/"
    qtbot.keyClicks(box.mail.edit, url)
    qtbot.mouseClick(box.mail.add_button, Qt.MouseButton.LeftButton)
    assert asked == [url] and box.mail.values() == ()  # cancelled: not added
    monkeypatch.setattr(box, "ask_password", lambda url: "s3cret")
    qtbot.mouseClick(box.mail.add_button, Qt.MouseButton.LeftButton)
    assert box.mail.values() == (url,)
    dialog.accept()
    assert load_capture_settings().mail == (url,)
    assert password_for(url) == "s3cret"
    from gratitude_desktop.store.models import Setting

    assert all("s3cret" not in row.value for row in Setting.select())
