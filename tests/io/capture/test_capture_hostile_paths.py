"""Issue 21: capture's mail and calendar paths get the imports' regular-file check.

A pipe, a device or a /proc file named as a source gives one line naming it, never a
hang or a traceback; in a source folder, such files are skipped with a note and the
rest is read.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from gratitude_desktop import cli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pipes, devices and /proc")

MAIL = (
    "From: Ada <ada@example.org>\nTo: me@example.org\nSubject: hi\n"
    "Date: Mon, 02 Nov 2026 10:00:00 +0000\nMessage-ID: <1@example.org>\n\nhello\n"
)
EVENT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:1\r\n"
    "DTSTAMP:20261102T100000Z\r\nDTSTART:20261102T100000Z\r\nDTEND:20261102T110000Z\r\n"
    "SUMMARY:Tea\r\nORGANIZER:mailto:me@example.org\r\nATTENDEE;CN=Ada:mailto:ada@example.org\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def capture(capsys, data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--data-dir", str(data_dir), "capture", "--dry-run", "--me",
                     "me@example.org", *args])  # fmt: skip
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "pipe.ics"
    os.mkfifo(path)  # opened for reading the usual way, this blocks for ever
    return path


def problems(out: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if line.strip().startswith("problem:")]


@pytest.mark.parametrize("option", ["--mail", "--calendar"])
@pytest.mark.parametrize(
    "hostile, words",
    [
        ("fifo", "not a regular file (a device, pipe or socket)"),
        ("/dev/zero", "not a regular file (a device, pipe or socket)"),
        ("/proc/self/environ", "not a regular file (its contents are made as read)"),
        ("/proc/self/status", "not a regular file (its contents are made as read)"),
    ],
)
def test_a_source_that_is_not_a_regular_file_is_refused_in_one_line(
    option, hostile, words, fifo, data_dir, capsys
):
    if hostile.startswith("/") and not Path(hostile).exists():
        pytest.skip(f"{hostile} is not on this system")
    path = str(fifo) if hostile == "fifo" else hostile
    code, out, err = capture(capsys, data_dir, option, path)
    assert code == cli.EXIT_REFUSED and "Traceback" not in err
    assert problems(out) == [f"problem: {path}: This is {words}."]


def test_files_in_source_folders_that_are_not_regular_are_skipped_and_the_rest_read(
    tmp_path, data_dir, capsys
):
    assert cli.main(["--data-dir", str(data_dir), "import", str(ada_book(tmp_path))]) == 0
    mail, calendars = tmp_path / "mail", tmp_path / "calendars"
    mail.mkdir()
    calendars.mkdir()
    (mail / "hello.eml").write_text(MAIL, encoding="utf-8")
    os.mkfifo(mail / "stuck.eml")
    (calendars / "tea.ics").write_text(EVENT, encoding="utf-8")
    os.mkfifo(calendars / "stuck.ics")
    maildir = mail / "box"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    os.mkfifo(maildir / "new" / "1.host")  # inside a Maildir: skipped too, never opened
    capsys.readouterr()
    code, out, err = capture(capsys, data_dir, "--mail", str(mail), "--calendar", str(calendars))
    assert code == cli.EXIT_OK, err
    assert "would log 2" in out  # the message and the meeting
    assert sorted(problems(out)) == sorted(
        f"problem: skipped {p}: This is not a regular file (a device, pipe or socket)."
        for p in (mail / "stuck.eml", calendars / "stuck.ics")
    )


def ada_book(tmp_path: Path) -> Path:
    path = tmp_path / "ada.csv"
    path.write_text("Name,E-mail Address\nAda Lovelace,ada@example.org\n", encoding="utf-8")
    return path
