"""gratitude-desktop capture: scans mail and calendar files from a terminal."""

from __future__ import annotations

import json

from gratitude_desktop import cli
from gratitude_desktop.journal.capture import CaptureSettings, save_capture_settings
from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.models import Interaction
from tests.io.capture.mailbuild import mbox, message


def _journal_with_ada(data_dir):
    journal = open_journal(data_dir)
    save_contact(ContactData(display_name="Ada", methods=[MethodData("email", "ada@example.com")]))
    journal.close()


def _count(data_dir) -> int:
    journal = open_journal(data_dir, lock=False)
    try:
        return Interaction.select().count()
    finally:
        journal.close()


def test_capture_reports_the_counts_and_logs_once(tmp_path, data_dir, capsys):
    _journal_with_ada(data_dir)
    box = tmp_path / "Inbox"
    box.write_bytes(
        mbox([
            message(frm="ada@example.com", to="me@example.org", message_id="1@x"),
            message(frm="me@example.org", to="ada@example.com, zed@new.org", message_id="2@x"),
            message(frm="n@shop.org", to="me@example.org", message_id="3@x", extra="List-Id: <a>"),
        ])
    )  # fmt: skip
    argv = ["--data-dir", str(data_dir), "capture", "--mail", str(box), "--me", "me@example.org"]
    assert cli.main([*argv, "--dry-run", "--json"]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert (dry["matched"], dry["logged"], dry["bulk"], dry["known"], dry["unknown"]) == (
        2,
        2,
        1,
        0,
        1,
    )
    assert _count(data_dir) == 0
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert (
        "2 matched, logged 2, 1 skipped as bulk, 0 already known, 1 unknown correspondents" in out
    )
    assert _count(data_dir) == 2
    assert cli.main(argv) == 0
    assert _count(data_dir) == 2


def test_capture_uses_the_configured_sources_else_says_what_to_do(tmp_path, data_dir, capsys):
    _journal_with_ada(data_dir)
    assert cli.main(["--data-dir", str(data_dir), "capture"]) == cli.EXIT_REFUSED
    assert "--mail PATH" in capsys.readouterr().err
    box = tmp_path / "Inbox"
    box.write_bytes(mbox([message(frm="ada@example.com", to="me@example.org")]))
    journal = open_journal(data_dir)
    save_capture_settings(CaptureSettings(me=("me@example.org",), mail=(str(box),)))
    journal.close()
    assert cli.main(["--data-dir", str(data_dir), "capture", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["logged"] == 1


def test_capture_of_a_missing_path_names_it(tmp_path, data_dir, capsys):
    _journal_with_ada(data_dir)
    code = cli.main(["--data-dir", str(data_dir), "capture", "--mail", str(tmp_path / "nope")])
    assert code == cli.EXIT_REFUSED
    assert "nope: there is no such file or folder" in capsys.readouterr().out
