"""Privacy: after a session of use every file in the data folder is owner-only, and the
app opened no network connection of its own (the single-instance local socket aside)."""

from __future__ import annotations

import datetime as dt
import os
import socket
import stat

import pytest

from gratitude_desktop import app, paths
from gratitude_desktop.io.export import export_csv, export_vcard
from gratitude_desktop.journal.agenda import compute_agenda
from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.interactions import InteractionData, save_interaction
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.models import Contact

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture
def no_network(monkeypatch):
    """Fail the test on any connection that is not a local (AF_UNIX) socket."""
    attempts = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guard(name):
        def connect(self, address):
            if self.family != getattr(socket, "AF_UNIX", None):
                attempts.append((name, address))
                raise AssertionError(f"network connection attempted: {address!r}")
            real = real_connect if name == "connect" else real_connect_ex
            return real(self, address)

        return connect

    def create_connection(address, *args, **kwargs):
        attempts.append(("create_connection", address))
        raise AssertionError(f"network connection attempted: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guard("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", guard("connect_ex"))
    monkeypatch.setattr(socket, "create_connection", create_connection)
    yield attempts
    assert attempts == []


def session_of_use(data_dir, tmp_path, qtbot, monkeypatch):
    """Open the window, import, log, compute the agenda, back up, export into the folder."""
    from PySide6.QtWidgets import QMessageBox

    from gratitude_desktop.ui.single_instance import SingleInstance

    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    instance = SingleInstance(data_dir)
    assert instance.is_primary()  # the local socket: allowed
    journal = open_journal(data_dir)
    try:
        window = app.build_window(journal)
        qtbot.addWidget(window)
        window.show()
        csv = tmp_path / "people.csv"
        csv.write_text(
            "Name,E-mail Address,Company\nAda Lovelace,ada@example.org,Engines\n"
            "Bob Byte,bob@example.org,\n",
            encoding="utf-8",
        )
        with qtbot.waitSignal(window.transfer.finished, timeout=20000):
            window.run_import(csv)
        ada = Contact.get(Contact.display_name == "Ada Lovelace").id
        save_interaction(
            InteractionData(contact_id=ada, at=dt.datetime(2025, 1, 5, 10), summary="Tea")
        )
        save_contact(ContactData(display_name="Cleo", stage="prospect"))
        assert compute_agenda(dt.date(2026, 3, 1))
        # Capture reads the user's own mail files: no connection either.
        from gratitude_desktop.journal.capture import CaptureSettings, save_capture_settings

        inbox = tmp_path / "Inbox"
        inbox.write_bytes(
            b"From - Tue Dec 01 10:00:00 2026\nFrom: ada@example.org\nTo: me@example.org\n"
            b"Subject: Hi\nDate: Tue, 1 Dec 2026 10:00:00 +0000\n\nbody\n\n"
        )
        save_capture_settings(CaptureSettings(me=("me@example.org",), mail=(str(inbox),)))
        with qtbot.waitSignal(window.reminders.capture.scanFinished, timeout=20000) as scanned:
            window.reminders.capture.scan_now()
        assert scanned.args[0].logged == 1
        window.back_up_now()
        export_csv(data_dir / "export.csv")
        export_vcard(data_dir / "export.vcf")
        window.reload()
        window.save_geometry()  # window.ini
        window.close()
    finally:
        instance.close()
        journal.close()


def test_a_session_of_use_leaves_only_owner_only_files_and_opens_no_connection(
    data_dir, tmp_path, qtbot, monkeypatch, no_network
):
    session_of_use(data_dir, tmp_path, qtbot, monkeypatch)
    found = []
    for root, dirs, files in os.walk(data_dir):
        for name in dirs:
            mode = stat.S_IMODE(os.stat(os.path.join(root, name)).st_mode)
            assert mode & 0o077 == 0, (name, oct(mode))
        for name in files:
            path = os.path.join(root, name)
            found.append(os.path.relpath(path, data_dir))
            mode = stat.S_IMODE(os.stat(path).st_mode)
            assert mode & 0o077 == 0, (name, oct(mode))
    assert stat.S_IMODE(os.stat(data_dir).st_mode) == 0o700
    names = {os.path.basename(f) for f in found}
    assert {"journal.sqlite3", "window.ini", paths.LOCK_NAME, "export.csv", "export.vcf"} <= names
    assert any(f.startswith("backups") for f in found)


def test_the_guard_really_catches_a_connection(no_network):
    with pytest.raises(AssertionError, match="network connection attempted"):
        socket.create_connection(("192.0.2.1", 80), timeout=0.01)
    no_network.clear()  # the attempt was the point of this test
