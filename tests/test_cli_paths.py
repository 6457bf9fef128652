"""Relative paths on the command line and in $GRATITUDE_DATA_DIR work with every command."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from gratitude_desktop import cli, paths
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.models import Contact

CSV = "First Name,Last Name,E-mail Address\nAda,Lovelace,ada@example.org\n"


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    """The current folder is a fresh temporary one holding x.csv; no data dir in the environment."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(paths.ENV_DATA_DIR, raising=False)
    (tmp_path / "x.csv").write_text(CSV, encoding="utf-8")
    return tmp_path


def names(data_dir: Path) -> list[str]:
    journal = open_journal(data_dir, lock=False)
    try:
        return [c.display_name for c in Contact.select().order_by(Contact.id)]
    finally:
        journal.close()


def run(*argv: str) -> int:
    return cli.main(list(argv))


def test_parse_args_makes_every_path_absolute(here):
    ns = cli.parse_args(["--data-dir", "rel", "import", "x.csv"])
    assert (ns.data_dir, ns.file) == (str(here / "rel"), str(here / "x.csv"))
    ns = cli.parse_args(["export", "--format", "csv", "-o", "out/../e.csv", "--data-dir", "~/j"])
    assert ns.output == str(here / "e.csv")
    assert ns.data_dir == str(Path.home() / "j")
    assert cli.parse_args(["backup", "-o", "b.sqlite3"]).output == str(here / "b.sqlite3")
    assert cli.parse_args(["restore", "b.sqlite3"]).file == str(here / "b.sqlite3")


def test_the_data_dir_from_the_environment_is_made_absolute(here, monkeypatch):
    monkeypatch.setenv(paths.ENV_DATA_DIR, "rel")
    assert paths.resolve_data_dir() == here / "rel"
    assert paths.resolve_data_dir().is_absolute()


def test_import_with_a_relative_data_dir_and_file(here, capsys):
    assert run("--data-dir", "rel", "import", "x.csv") == 0
    assert f"Imported {here / 'x.csv'}" in capsys.readouterr().out
    assert names(here / "rel") == ["Ada Lovelace"]


def test_import_dry_run_with_a_relative_data_dir(here, capsys):
    assert run("--data-dir", "rel", "import", "x.csv", "--dry-run", "--json") == 0
    assert json.loads(capsys.readouterr().out)["created"] == 1
    assert names(here / "rel") == []


def test_every_command_with_gratitude_data_dir_relative(here, monkeypatch, capsys):
    monkeypatch.setenv(paths.ENV_DATA_DIR, "rel")
    assert run("import", "x.csv") == 0
    assert run("agenda", "--json") == 0
    assert run("export", "--format", "csv", "-o", "e.csv") == 0
    assert "ada@example.org" in (here / "e.csv").read_text(encoding="utf-8-sig")
    assert run("backup") == 0
    assert list((here / "rel" / "backups").glob("journal-*-manual.sqlite3"))
    capsys.readouterr()
    assert names(here / "rel") == ["Ada Lovelace"]


def test_agenda_with_a_relative_data_dir(here, capsys):
    assert run("--data-dir", "rel", "import", "x.csv") == 0
    capsys.readouterr()
    assert run("agenda", "--data-dir", "rel", "--json") == 0
    assert "items" in json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("fmt,name", [("csv", "out/e.csv"), ("vcard", "e.vcf"), ("json", "e.json")])
def test_export_to_a_relative_file(here, fmt, name, capsys):
    (here / "out").mkdir()
    assert run("--data-dir", "rel", "import", "x.csv") == 0
    assert run("--data-dir", "rel", "export", "--format", fmt, "-o", name) == 0
    assert capsys.readouterr().out.endswith(f"to {here / name}\n")
    assert "ada@example.org" in (here / name).read_text(encoding="utf-8-sig")


def test_backup_to_a_relative_file_then_restore_it(here, capsys):
    assert run("--data-dir", "rel", "import", "x.csv") == 0
    assert run("--data-dir", "rel", "backup", "-o", "b.sqlite3") == 0
    assert (here / "b.sqlite3").is_file()
    (here / "y.csv").write_text(CSV.replace("Ada,Lovelace,ada", "Grace,Hopper,grace"))
    assert run("--data-dir", "rel", "import", "y.csv") == 0
    assert names(here / "rel") == ["Ada Lovelace", "Grace Hopper"]
    capsys.readouterr()
    assert run("--data-dir", "rel", "restore", "b.sqlite3") == 0
    assert f"Restored {here / 'b.sqlite3'}" in capsys.readouterr().out
    assert names(here / "rel") == ["Ada Lovelace"]


def test_a_relative_data_dir_means_the_folder_it_named_when_given(here, monkeypatch):
    """The path is fixed where it comes in: a later change of folder does not move the journal."""
    ns = cli.parse_args(["--data-dir", "rel", "agenda"])
    elsewhere = here / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert cli.run_command(ns) == 0
    assert (here / "rel" / paths.DATABASE_NAME).exists()
    assert not os.path.exists(elsewhere / "rel")


# -- the kept cadences (issue 15, point 9) ---------------------------------------------------


def cadences_to_fill(data_dir: Path) -> bool:
    from gratitude_desktop.journal.cadence import cadences_to_fill as to_fill

    journal = open_journal(data_dir, lock=False)
    try:
        return to_fill(None)
    finally:
        journal.close()


def test_an_import_leaves_the_cadences_kept_for_the_next_agenda(here, capsys):
    assert run("--data-dir", "rel", "import", "x.csv") == 0
    assert not cadences_to_fill(here / "rel")


def test_a_dry_run_writes_no_cadence(here, capsys):
    open_journal(here / "rel").close()
    assert cadences_to_fill(here / "rel")  # a new journal: nothing kept yet
    assert run("--data-dir", "rel", "import", "x.csv", "--dry-run") == 0
    assert cadences_to_fill(here / "rel")


def test_a_restore_leaves_the_cadences_kept(here, capsys):
    import sqlite3

    assert run("--data-dir", "rel", "import", "x.csv") == 0
    assert run("--data-dir", "rel", "backup", "-o", "b.sqlite3") == 0
    # As a backup taken before any agenda check ran: no cadence kept in it.
    with sqlite3.connect(here / "b.sqlite3") as conn:
        conn.execute("UPDATE contact SET cadence_effective = NULL")
        conn.execute("DELETE FROM setting WHERE key = 'agenda.cadences_for'")
    conn.close()
    assert run("--data-dir", "rel", "restore", "b.sqlite3") == 0
    assert names(here / "rel") == ["Ada Lovelace"]
    assert not cadences_to_fill(here / "rel")
