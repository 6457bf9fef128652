"""`gratitude-desktop sync` against a real Radicale: JSON report, dry run, clear failures."""

from __future__ import annotations

import json

from gratitude_desktop import cli
from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.sync.service import SyncAccount, save_account


def _journal_with_two(data_dir, account=None):
    journal = open_journal(data_dir)
    save_contact(ContactData(given_name="Ada"))
    save_contact(ContactData(given_name="Bob"))
    if account:
        save_account(account)
    journal.close()


def test_sync_from_the_command_line(tmp_path, radicale, capsys, monkeypatch):
    data_dir = tmp_path / "journal"
    _journal_with_two(data_dir)
    monkeypatch.setenv("GRATITUDE_SYNC_PASSWORD", "pw")
    base = ["--data-dir", str(data_dir), "sync", "--url", radicale.url, "--user", "ann"]
    assert cli.main([*base, "--dry-run", "--json"]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert dry["ok"] and dry["dry_run"] and dry["contacts"]["created_there"] == 2
    assert radicale.cards("ann", "gratitude") == {}  # a dry run changes nothing there…
    assert cli.main([*base, "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["ok"] and done["contacts"]["created_there"] == 2
    assert len(radicale.cards("ann", "gratitude")) == 2
    assert cli.main(base) == 0
    assert (
        capsys.readouterr().out.strip() == "Contacts: nothing to sync. Promises: nothing to sync."
    )


def test_sync_uses_the_configured_server_and_says_what_is_missing(
    tmp_path, radicale, capsys, monkeypatch
):
    data_dir = tmp_path / "journal"
    _journal_with_two(data_dir)
    monkeypatch.delenv("GRATITUDE_SYNC_PASSWORD", raising=False)
    assert cli.main(["--data-dir", str(data_dir), "sync"]) == cli.EXIT_REFUSED
    assert "no server is set up" in capsys.readouterr().err
    journal = open_journal(data_dir)
    save_account(SyncAccount(radicale.url, "ann"))
    journal.close()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    monkeypatch.setattr("gratitude_desktop.sync.credentials._keyring", lambda: None)
    monkeypatch.setattr("gratitude_desktop.sync.credentials._session", {})  # no earlier test's
    assert cli.main(["--data-dir", str(data_dir), "sync"]) == cli.EXIT_REFUSED
    assert "GRATITUDE_SYNC_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("GRATITUDE_SYNC_PASSWORD", "pw")
    assert cli.main(["--data-dir", str(data_dir), "sync"]) == 0
    assert "2 new on the server" in capsys.readouterr().out
    journal = open_journal(data_dir)
    from gratitude_desktop.sync.service import load_account

    assert load_account().addressbook.endswith("/ann/gratitude/")  # found once, kept
    journal.close()
    closed = radicale.url.replace(str(radicale.port), "1")
    assert cli.main(["--data-dir", str(data_dir), "sync", "--url", closed, "--user", "ann"]) == 1
    assert "Could not reach" in capsys.readouterr().err


def test_contacts_a_sync_brings_have_their_cadences_kept(tmp_path, radicale, capsys, monkeypatch):
    """Issue 15: the command line fills the kept cadences after whatever adds contacts
    (import, restore, sync), so the next `agenda` takes the fast path."""
    from gratitude_desktop.store import kept_cadence

    monkeypatch.setenv("GRATITUDE_SYNC_PASSWORD", "pw")
    first, second = tmp_path / "first", tmp_path / "second"
    _journal_with_two(first)
    sync = ["sync", "--url", radicale.url, "--user", "ann", "--json"]
    assert cli.main(["--data-dir", str(first), *sync]) == 0
    capsys.readouterr()
    assert cli.main(["--data-dir", str(second), *sync]) == 0
    assert len(json.loads(capsys.readouterr().out)["contacts"]["created_here"]) == 2
    journal = open_journal(second)
    try:
        assert not kept_cadence.any_unknown()
    finally:
        journal.close()
