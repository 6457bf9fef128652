"""Capture from IMAP, against a real pymap server started by the test (SERVERS.md)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gratitude_desktop.io.capture.scan import scan
from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact
from gratitude_desktop.store.models import Interaction
from gratitude_desktop.sync.imap_capture import imap_source, parse_imap_url

imapclient = pytest.importorskip("imapclient")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def pymap_server():
    pymap = shutil.which("pymap") or str(Path(sys.executable).with_name("pymap"))
    if not Path(pymap).exists():
        pytest.skip("pymap is not installed (pip install -e '.[test]')")
    port = _free_port()
    proc = subprocess.Popen(
        [pymap, "--port", str(port), "--no-tls", "dict", "--demo-data"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.skip("pymap did not start")
                time.sleep(0.1)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _append(port: int, folder: str, raw: bytes) -> None:
    client = imapclient.IMAPClient("127.0.0.1", port=port, ssl=False)
    client.login("demouser", "demopass")
    client.append(folder, raw)
    client.logout()


def _msg(frm: str, to: str, subject: str, mid: str) -> bytes:
    return (
        f"From: {frm}\r\nTo: {to}\r\nSubject: {subject}\r\n"
        f"Date: Tue, 01 Dec 2026 10:00:00 +0000\r\nMessage-ID: <{mid}>\r\n\r\nSecret body\r\n"
    ).encode()


def _flags(port: int, folder: str) -> dict:
    client = imapclient.IMAPClient("127.0.0.1", port=port, ssl=False)
    client.login("demouser", "demopass")
    client.select_folder(folder, readonly=True)
    flags = client.get_flags(client.search(["ALL"]))
    client.logout()
    return flags


def test_imap_url_names_the_account_and_folders():
    account = parse_imap_url("imaps://ann%40x.org@mail.x.org/INBOX,Sent%20Items")
    assert (account.user, account.host, account.port, account.tls) == (
        "ann@x.org", "mail.x.org", 993, True,
    )  # fmt: skip
    assert account.folders == ("INBOX", "Sent Items")


def test_imap_capture_reads_headers_of_new_messages_only_and_changes_nothing(journal, pymap_server):
    port = pymap_server
    save_contact(ContactData(display_name="Ada", methods=[MethodData("email", "ada@x.org")]))
    _append(port, "INBOX", _msg("ada@x.org", "me@x.org", "Hello from IMAP", "i1@x"))
    _append(port, "Sent", _msg("me@x.org", "ada@x.org", "Reply over IMAP", "i2@x"))
    before = _flags(port, "INBOX")
    url = f"imap://demouser@127.0.0.1:{port}/"
    source = imap_source(url, "demopass")

    first = scan([source], me=["me@x.org"])
    assert first.problems == []
    assert sorted((i.direction, i.summary) for i in Interaction.select()) == [
        ("inbound", "Hello from IMAP"),
        ("outbound", "Reply over IMAP"),
    ]
    assert _flags(port, "INBOX") == before  # read-only: not even \Seen was set

    again = scan([source], me=["me@x.org"])
    assert (again.messages, again.logged) == (0, 0)

    _append(port, "INBOX", _msg("ada@x.org", "me@x.org", "One more", "i3@x"))
    third = scan([source], me=["me@x.org"])
    assert (third.messages, third.logged) == (1, 1)


def test_a_wrong_password_is_a_problem_named_not_a_crash(journal, pymap_server):
    source = imap_source(f"imap://demouser@127.0.0.1:{pymap_server}/", "wrong")
    report = scan([source], me=["me@x.org"])
    assert report.logged == 0
    assert report.problems and "cannot read the mail" in report.problems[0]


def test_the_window_scans_a_configured_imap_account_with_the_kept_password(
    journal, pymap_server, monkeypatch
):
    from gratitude_desktop.journal.capture import CaptureSettings, save_capture_settings
    from gratitude_desktop.sync import credentials
    from gratitude_desktop.sync.imap_capture import remember_password
    from gratitude_desktop.ui.capture.scanner import run_scan

    monkeypatch.setattr(credentials, "_keyring", lambda: None)  # session memory only
    monkeypatch.delenv("GRATITUDE_IMAP_PASSWORD", raising=False)
    save_contact(ContactData(display_name="Ada", methods=[MethodData("email", "ada@x.org")]))
    _append(pymap_server, "INBOX", _msg("ada@x.org", "me@x.org", "Via the window", "w1@x"))
    url = f"imap://demouser@127.0.0.1:{pymap_server}/INBOX"
    save_capture_settings(CaptureSettings(me=("me@x.org",), mail=(url,)))
    assert (
        run_scan()
        .report.problems[0]
        .endswith("run gratitude-desktop capture --mail in a terminal).")
    )
    remember_password(url, "demopass")
    result = run_scan()
    assert result.report.problems == [] and result.report.logged == 1
