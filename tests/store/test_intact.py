"""store.intact: a command skips SQLite's whole-file check only for the very file a
command that had checked it left behind; anything else is checked again."""

from __future__ import annotations

import os

import pytest

from gratitude_desktop import cli, paths
from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.store import recovery
from gratitude_desktop.store.db import open_journal


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """Every whole-file check a command makes, by file name."""
    made: list[str] = []
    real = recovery.is_damaged

    def counted(database):
        made.append(os.path.basename(database))
        return real(database)

    monkeypatch.setattr(recovery, "is_damaged", counted)
    return made


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "book.csv"
    path.write_text("Name,E-mail Address\nAda Lovelace,ada@example.org\n", encoding="utf-8")
    return path


def agenda(data_dir) -> int:
    return cli.main(["--data-dir", str(data_dir), "agenda", "--today", "2026-12-06"])


def test_an_agenda_right_after_an_import_does_not_check_the_file_again(
    data_dir, book, checks, capsys
):
    assert cli.main(["--data-dir", str(data_dir), "import", str(book)]) == 0
    assert checks == ["journal.sqlite3"]  # the import checked it
    assert agenda(data_dir) == 0 and agenda(data_dir) == 0
    assert checks == ["journal.sqlite3"]


def test_a_journal_written_by_the_window_is_checked_again(data_dir, book, checks, capsys):
    assert cli.main(["--data-dir", str(data_dir), "import", str(book)]) == 0
    window = open_journal(data_dir)  # the window notes nothing: it checks for itself
    save_contact(ContactData(display_name="Grace"))
    window.close()
    assert agenda(data_dir) == 0
    assert len(checks) == 2


def test_a_file_replaced_after_the_check_is_checked_and_found_damaged(
    data_dir, book, checks, capsys
):
    assert cli.main(["--data-dir", str(data_dir), "import", str(book)]) == 0
    journal = paths.database_path(data_dir)
    data = bytearray(journal.read_bytes())
    data[4096 + 100 : 4096 * 3] = b"\xa5" * (4096 * 3 - 4096 - 100)
    other = journal.with_name("saved-over.sqlite3")
    other.write_bytes(bytes(data))
    os.replace(other, journal)  # another program saves over it
    capsys.readouterr()
    assert agenda(data_dir) == cli.EXIT_JOURNAL
    assert "damaged" in capsys.readouterr().err


def test_a_file_grown_after_the_check_is_checked_and_found_damaged(
    data_dir, book, checks, capsys
):
    assert cli.main(["--data-dir", str(data_dir), "import", str(book)]) == 0
    journal = paths.database_path(data_dir)
    with open(journal, "r+b") as fh:  # damaged in place, and a page of junk added
        fh.seek(4096 + 100)
        fh.write(b"\xa5" * (4096 * 2))
        fh.seek(0, os.SEEK_END)
        fh.write(b"\xa5" * 4096)
    capsys.readouterr()
    assert agenda(data_dir) == cli.EXIT_JOURNAL
    assert "damaged" in capsys.readouterr().err


def test_a_command_killed_before_its_clean_close_leaves_no_stamp(data_dir, book, checks):
    """A process that dies with the journal open leaves its write-ahead log behind:
    no identity is noted while one holds changes."""
    assert cli.main(["--data-dir", str(data_dir), "import", str(book)]) == 0
    window = open_journal(data_dir)
    save_contact(ContactData(display_name="Grace"))  # in the log, not yet in the file
    try:
        from gratitude_desktop.store import intact

        assert not intact.known_intact(paths.database_path(data_dir))
    finally:
        window.close()
