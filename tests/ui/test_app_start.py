"""Start-up: the window on the journal, the first-start welcome, journal errors in a dialog."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gratitude_desktop import app, resources
from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.settings import get_setting
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.models import Contact
from gratitude_desktop.ui import first_start
from gratitude_desktop.ui.first_start import EMPTY, SAMPLE, WelcomeDialog

HAS_SAMPLE = resources.path("sample-journal.json").exists()


@pytest.fixture
def shown(monkeypatch, qapp):
    """Message boxes record their texts instead of waiting for a click."""
    texts: list[str] = []

    def fake_exec(box):
        texts.append(f"{box.windowTitle()}\n{box.text()}\n{box.informativeText()}")
        assert box.textFormat() == Qt.TextFormat.PlainText
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return texts


@pytest.fixture
def windows(monkeypatch):
    """app.run_gui without the event loop: the windows it would have run."""
    seen = []

    def fake_loop(qt_app, window):
        seen.append(window)
        window.close()
        return 0

    monkeypatch.setattr(app, "run_event_loop", fake_loop)
    return seen


@pytest.fixture
def welcome(monkeypatch):
    """The welcome dialog answers with the choice the test sets."""
    asked = []
    answer = {"choice": EMPTY}

    def fake_exec(dialog):
        asked.append(dialog.windowTitle())
        dialog.choice = answer["choice"]
        return 0

    monkeypatch.setattr(WelcomeDialog, "exec", fake_exec)
    return SimpleNamespace(asked=asked, answer=answer)


def gui(data_dir) -> int:
    return app.run_gui(SimpleNamespace(command=None, data_dir=str(data_dir)))


def test_gui_opens_the_window_on_the_journal_in_the_data_dir(tmp_path, windows, welcome, qapp):
    folder = tmp_path / "journal"
    assert gui(folder) == 0
    assert (folder / "journal.sqlite3").exists()
    assert [w.windowTitle() for w in windows] == ["Gratitude"]
    assert qapp.applicationName() == "Gratitude"
    assert qapp.organizationName() == "Gratitude"
    assert not qapp.windowIcon().isNull()
    if os.name == "posix":
        assert (folder.stat().st_mode & 0o777) == 0o700


def test_first_start_on_an_empty_journal_asks_once_and_remembers_start_empty(
    tmp_path, windows, welcome, qapp
):
    folder = tmp_path / "journal"
    welcome.answer["choice"] = EMPTY
    assert gui(folder) == 0
    assert welcome.asked == ["Welcome to Gratitude"]
    assert gui(folder) == 0
    assert welcome.asked == ["Welcome to Gratitude"]  # not again
    journal = open_journal(folder)
    try:
        assert get_setting(first_start.SETTING_KEY) == EMPTY
        assert Contact.select().count() == 0
    finally:
        journal.close()


def test_first_start_is_not_offered_when_the_journal_has_contacts(journal, welcome, qapp):
    save_contact(ContactData(display_name="Already Here"))
    assert first_start.offer_first_start() is None
    assert welcome.asked == []


def test_first_start_is_not_offered_when_the_only_contact_is_in_the_trash(journal, welcome, qapp):
    from gratitude_desktop.journal.contacts import trash_contacts

    assert first_start.needs_first_start()
    trash_contacts([save_contact(ContactData(display_name="Thrown Away"))])
    assert not first_start.needs_first_start()
    assert first_start.offer_first_start() is None
    assert welcome.asked == []


@pytest.mark.skipif(not HAS_SAMPLE, reason="the sample journal is not shipped yet")
def test_choosing_the_sample_fills_the_journal_and_the_list(tmp_path, windows, welcome, qapp):
    welcome.answer["choice"] = SAMPLE
    assert gui(tmp_path / "journal") == 0
    model = windows[0].contact_list.model
    assert model.total() > 10
    assert windows[0].count_status.text() == f"{model.total():,} contacts"
    assert windows[0].contact_page.current_contact_id() == model.contact_id(0)
    assert welcome.asked == ["Welcome to Gratitude"]


def test_a_sample_that_cannot_be_read_is_explained_and_asked_again(
    journal, welcome, shown, monkeypatch, tmp_path
):
    missing = tmp_path / "nowhere" / "sample-journal.json"
    monkeypatch.setattr(first_start.resources, "path", lambda name: missing)
    welcome.answer["choice"] = SAMPLE
    assert first_start.offer_first_start() is None
    assert len(shown) == 1
    assert shown[0].startswith("The sample journal could not be opened")
    assert get_setting(first_start.SETTING_KEY) is None
    assert first_start.needs_first_start()


def test_welcome_dialog_buttons_choose_sample_or_empty(qtbot):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Welcome to Gratitude"
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == EMPTY
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # the sample is the default
    assert dialog.choice == SAMPLE
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.choice == EMPTY


def test_a_file_that_is_not_a_database_is_named_in_a_dialog_and_left_untouched(
    tmp_path, windows, shown
):
    folder = tmp_path / "journal"
    folder.mkdir()
    bogus = folder / "journal.sqlite3"
    bogus.write_bytes(b"these are my tax notes, not a database\n" * 20)
    before = (bogus.read_bytes(), bogus.stat().st_mtime_ns)
    assert gui(folder) == 1
    assert windows == []
    assert len(shown) == 1
    assert shown[0].startswith("Gratitude cannot open the journal\n")
    assert "not a Gratitude journal" in shown[0]
    assert str(bogus) in shown[0]
    assert "--data-dir" in shown[0]
    assert (bogus.read_bytes(), bogus.stat().st_mtime_ns) == before


def test_a_journal_open_in_another_copy_is_named_in_a_dialog(tmp_path, windows, shown):
    folder = tmp_path / "journal"
    other = open_journal(folder)  # the "other running copy" holds the lock
    try:
        path = folder / "journal.sqlite3"
        before = path.read_bytes()
        assert gui(folder) == 1
        assert windows == []
        assert len(shown) == 1
        assert "already open in another running Gratitude" in shown[0]
        assert str(path) in shown[0]
        assert "close it and try again" in shown[0]
        assert path.read_bytes() == before
    finally:
        other.close()


def test_main_without_a_command_opens_the_window(tmp_path, windows, welcome, qapp):
    pytest.importorskip("gratitude_desktop.cli")
    assert app.main(["--data-dir", str(tmp_path / "journal")]) == 0
    assert [w.windowTitle() for w in windows] == ["Gratitude"]


@pytest.mark.skipif(not HAS_SAMPLE, reason="the sample journal is not shipped yet")
def test_self_check_opens_a_throwaway_journal_and_paints_the_window(capsys, qapp):
    assert app.main(["--self-check"]) == 0
    assert capsys.readouterr().out.startswith("self-check ok")


def test_a_data_folder_that_cannot_be_made_is_named_in_a_dialog(tmp_path, windows, shown):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert gui(blocker / "journal") == 1
    assert windows == []
    assert len(shown) == 1
    assert "cannot use its data folder" in shown[0]
    assert str(blocker / "journal") in shown[0]


def test_a_journal_already_at_the_current_schema_opens_without_the_migration_runner(
    tmp_path, monkeypatch
):
    from gratitude_desktop.store import db

    data_dir = tmp_path / "data"
    open_journal(data_dir).close()  # created and migrated
    monkeypatch.setattr(db, "migrate", lambda *a, **k: pytest.fail("migrated again"))
    journal = open_journal(data_dir)
    try:
        assert db.is_current(journal.db)
        journal.db.execute_sql("DELETE FROM schema_migration WHERE name LIKE '0005%'")
        assert not db.is_current(journal.db)  # a missing step is not taken on trust
    finally:
        journal.close()


def test_the_window_and_its_first_view_import_no_phone_or_import_libraries():
    """phonenumbers, charset_normalizer and the importers load when first needed, not at start."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from gratitude_desktop import app\n"
        "app.preload_journal_modules()\n"
        "import gratitude_desktop.ui.main_window\n"
        "heavy = {'phonenumbers', 'charset_normalizer', 'gratitude_desktop.io.importer'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert found.stdout.strip() == "[]"
