"""The command line: import, export and agenda on a journal in a temporary --data-dir."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gratitude_desktop import __version__, cli
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.models import Contact

ROOT = Path(__file__).resolve().parents[1]


def archive(*contacts, **sections) -> dict:
    return {"format": "gratitude-journal", "version": 1, "contacts": list(contacts), **sections}


ADA = {
    "id": "c1",
    "display_name": "Ada Lovelace",
    "stage": "prospect",
    "met_on": "2026-10-01",
    "created_at": "2026-10-01T09:00:00",
    "methods": [{"kind": "email", "value": "ada@example.org", "primary": True}],
}


@pytest.fixture
def ada_file(tmp_path) -> Path:
    path = tmp_path / "ada.json"
    path.write_text(json.dumps(archive(ADA, goals=[])), encoding="utf-8")
    return path


def contact_names(data_dir: Path) -> list[str]:
    journal = open_journal(data_dir, lock=False)
    try:
        return [c.display_name for c in Contact.select().order_by(Contact.id)]
    finally:
        journal.close()


def test_version_prints_the_program_and_its_version(capsys):
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out == f"gratitude-desktop {__version__}\n"


def test_no_command_means_the_window():
    ns = cli.parse_args([])
    assert ns.command is None and ns.data_dir is None
    assert cli.parse_args(["--data-dir", "/x"]).data_dir == "/x"


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "/x", "agenda"],
        ["agenda", "--data-dir", "/x"],
        ["--data-dir", "/elsewhere", "agenda", "--data-dir", "/x"],
    ],
)
def test_data_dir_is_accepted_before_or_after_the_command(argv):
    ns = cli.parse_args(argv)
    assert (ns.command, ns.data_dir) == ("agenda", "/x")


def test_import_of_an_archive_prints_the_summary(tmp_path, ada_file, capsys):
    data = tmp_path / "j"
    assert cli.main(["import", str(ada_file), "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert f"Imported {ada_file} (gratitude-json, utf-8)" in out
    assert "created: 1, merged: 0, skipped: 0, refused: 0" in out
    assert contact_names(data) == ["Ada Lovelace"]


def test_import_json_report_and_dry_run_writes_nothing(tmp_path, ada_file, capsys):
    data = tmp_path / "j"
    assert cli.main(["--data-dir", str(data), "import", str(ada_file), "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["created"], report["dry_run"], report["flavour"]) == (1, True, "gratitude-json")
    assert contact_names(data) == []


def test_import_uses_the_data_dir_from_the_environment(data_dir, ada_file, capsys):
    assert cli.main(["import", str(ada_file)]) == 0
    assert contact_names(data_dir) == ["Ada Lovelace"]


def test_export_then_import_json_moves_the_whole_journal(tmp_path, ada_file, capsys):
    first, second = tmp_path / "first", tmp_path / "second"
    assert cli.main(["import", str(ada_file), "--data-dir", str(first)]) == 0
    out = tmp_path / "out.json"
    assert cli.main(["export", "--format", "json", "-o", str(out), "--data-dir", str(first)]) == 0
    assert capsys.readouterr().out.endswith(f"Exported 1 contact to {out}\n")
    assert cli.main(["import", str(out), "--data-dir", str(second)]) == 0
    again = tmp_path / "again.json"
    assert (
        cli.main(["export", "--format", "json", "-o", str(again), "--data-dir", str(second)]) == 0
    )
    one, two = json.loads(out.read_text()), json.loads(again.read_text())
    one.pop("exported_at"), two.pop("exported_at")
    assert one == two
    assert one["contacts"][0]["methods"][0]["value"] == "ada@example.org"


def test_a_refused_file_exits_2_naming_the_file_and_imports_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(archive({"id": "c1", "display_name": "Ada", "stage": "boss"})))
    data = tmp_path / "j"
    assert cli.main(["import", str(bad), "--data-dir", str(data)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "contacts[0] (Ada)" in err and "stage" in err
    assert contact_names(data) == []


def test_a_missing_file_exits_2(tmp_path, capsys):
    missing = tmp_path / "nowhere.json"
    assert cli.main(["import", str(missing), "--data-dir", str(tmp_path / "j")]) == 2
    assert str(missing) in capsys.readouterr().err


def test_a_journal_that_is_not_a_database_exits_1_and_is_left_untouched(tmp_path, ada_file, capsys):
    data = tmp_path / "j"
    data.mkdir()
    bogus = data / "journal.sqlite3"
    bogus.write_bytes(b"this is my shopping list\n" * 10)
    for argv in (
        ["import", str(ada_file)],
        ["export", "--format", "json", "-o", str(tmp_path / "x.json")],
        ["agenda"],
    ):
        assert cli.main([*argv, "--data-dir", str(data)]) == 1
        err = capsys.readouterr().err
        assert str(bogus) in err and "not a Gratitude journal" in err
    assert bogus.read_bytes() == b"this is my shopping list\n" * 10
    assert not (tmp_path / "x.json").exists()


def test_import_into_a_journal_open_in_the_window_exits_1_but_export_works(
    tmp_path, ada_file, capsys
):
    data = tmp_path / "j"
    window = open_journal(data)  # holds the lock, as the running app does
    try:
        assert cli.main(["import", str(ada_file), "--data-dir", str(data)]) == 1
        assert "already open in another running Gratitude" in capsys.readouterr().err
        out = tmp_path / "out.json"
        assert (
            cli.main(["export", "--format", "json", "-o", str(out), "--data-dir", str(data)]) == 0
        )
        assert json.loads(out.read_text())["contacts"] == []
    finally:
        window.close()


@pytest.mark.parametrize("today", ["22/11/2026", "2026-02-30", "tomorrow", "20261122"])
def test_agenda_with_a_bad_today_exits_2_with_a_clear_message(tmp_path, today, capsys):
    assert cli.main(["agenda", "--today", today, "--data-dir", str(tmp_path / "j")]) == 2
    assert f"--today “{today}” is not a date (use YYYY-MM-DD)" in capsys.readouterr().err


def test_agenda_json_lists_a_quiet_prospect(tmp_path, ada_file, capsys):
    data = tmp_path / "j"
    cli.main(["import", str(ada_file), "--data-dir", str(data)])
    capsys.readouterr()
    assert cli.main(["agenda", "--today", "2026-11-22", "--json", "--data-dir", str(data)]) == 0
    agenda = json.loads(capsys.readouterr().out)
    assert agenda["today"] == "2026-11-22"
    quiet = [i for i in agenda["items"] if i["kind"] == "quiet"]
    assert [(i["contact"], i["due_on"], i["days_overdue"]) for i in quiet] == [
        ("Ada Lovelace", "2026-10-15", 38)
    ]
    assert cli.main(["agenda", "--today", "2026-11-22", "--data-dir", str(data)]) == 0
    assert "Ada Lovelace" in capsys.readouterr().out


def test_export_csv_and_vcard_write_files(tmp_path, ada_file, capsys):
    pytest.importorskip("gratitude_desktop.io.export")
    data = tmp_path / "j"
    cli.main(["import", str(ada_file), "--data-dir", str(data)])
    for fmt, name in (("csv", "out.csv"), ("vcard", "out.vcf")):
        out = tmp_path / name
        assert cli.main(["export", "--format", fmt, "-o", str(out), "--data-dir", str(data)]) == 0
        assert "ada@example.org" in out.read_text(encoding="utf-8-sig")


def test_import_of_a_csv_goes_through_the_address_book_importer(tmp_path, capsys):
    pytest.importorskip("gratitude_desktop.io.importer")
    path = tmp_path / "people.csv"
    path.write_text("Name,E-mail 1 - Value\nGrace Hopper,grace@example.org\n", encoding="utf-8")
    data = tmp_path / "j"
    assert cli.main(["import", str(path), "--json", "--data-dir", str(data)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["created"] == 1
    assert contact_names(data) == ["Grace Hopper"]


def test_an_unknown_format_is_a_usage_error(tmp_path, capsys):
    assert cli.main(["export", "--format", "pdf", "-o", "x"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_python_dash_m_prints_the_version():
    if not (ROOT / "gratitude_desktop" / "app.py").exists():
        pytest.skip("app.py is not there yet")
    done = subprocess.run(
        [sys.executable, "-m", "gratitude_desktop", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"gratitude-desktop {__version__}"


def test_the_sample_journal_has_something_of_every_kind_on_its_agenda(tmp_path, capsys):
    from gratitude_desktop import resources

    data = str(tmp_path / "j")
    assert cli.main(["import", str(resources.path("sample-journal.json")), "--data-dir", data]) == 0
    capsys.readouterr()
    assert cli.main(["agenda", "--today", "2026-11-23", "--json", "--data-dir", data]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    kinds = {i["kind"] for i in items}
    assert kinds >= {
        "quiet",
        "promise-due",
        "promise-owed",
        "next-step",
        "birthday",
        "thank-referral",
        "ask-why-lost",
        "ask-outcome",
        "ask-feedback",
    }
    names = {i["contact"] for i in items}
    assert "Helen Ward" not in names  # do not contact, on every channel
    assert "Victoria Chen" not in names  # snoozed until January
    assert len(items) < 30  # a Monday's list a person can get through


def test_help_names_every_command(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in ("import", "export", "agenda", "--data-dir"))


def test_import_into_a_journal_whose_folder_cannot_be_written_exits_1(
    tmp_path, ada_file, capsys, monkeypatch
):
    from gratitude_desktop.store import db

    data = tmp_path / "j"
    open_journal(data).close()
    monkeypatch.setattr(db, "writable", lambda folder: False)  # as for a read-only folder
    assert cli.main(["import", str(ada_file), "--data-dir", str(data)]) == 1
    assert "cannot be written" in capsys.readouterr().err
    monkeypatch.undo()
    assert contact_names(data) == []


def test_export_leaves_out_do_not_contact_says_so_and_writes_mailing_lists(tmp_path, capsys):
    from gratitude_desktop import resources

    data = str(tmp_path / "j")
    assert cli.main(["import", str(resources.path("sample-journal.json")), "--data-dir", data]) == 0
    capsys.readouterr()
    out = tmp_path / "all.csv"
    assert cli.main(["export", "--format", "csv", "-o", str(out), "--data-dir", data]) == 0
    said = capsys.readouterr().out
    assert "Left out 1 who asked not to be contacted at all" in said
    assert "Helen Ward" not in out.read_text(encoding="utf-8")
    marked = tmp_path / "all.vcf"
    args = ["export", "--format", "vcard", "-o", str(marked), "--include-do-not-contact"]
    assert cli.main([*args, "--data-dir", data]) == 0
    assert "marked “Do not contact”" in capsys.readouterr().out
    text = marked.read_text(encoding="utf-8")
    assert "FN:Helen Ward" in text and "Do not contact" in text
    mailing = tmp_path / "mail.csv"
    args = ["export", "--format", "csv", "--for", "email", "-o", str(mailing)]
    assert cli.main([*args, "--data-dir", data]) == 0
    assert "Gary Doyle" not in mailing.read_text(encoding="utf-8")  # no more emails, he said
    capsys.readouterr()
    refused = ["export", "--format", "vcard", "--for", "email", "-o", str(tmp_path / "x.vcf")]
    assert cli.main([*refused, "--data-dir", data]) == cli.EXIT_REFUSED
    assert "--format csv" in capsys.readouterr().err
