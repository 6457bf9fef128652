"""File → Import history…: past imports listed, and "Undo this import" with a question first."""

from __future__ import annotations

from pathlib import Path

import pytest

from gratitude_desktop.io import importer
from gratitude_desktop.journal.contacts import ContactData, MethodData, load_contact, save_contact
from gratitude_desktop.store.models import Contact
from gratitude_desktop.ui.import_history import HistoryModel, ImportHistoryDialog

CORPUS = Path(__file__).resolve().parents[1] / "io" / "corpus"
GOOGLE = CORPUS / "google" / "google_contacts.csv"
WAIT = 15000


@pytest.fixture(autouse=True)
def _workers_done(qtbot):
    yield
    from gratitude_desktop.ui.workers import running_count

    qtbot.waitUntil(lambda: running_count() == 0, timeout=WAIT)


@pytest.fixture
def window(journal, qtbot):
    from gratitude_desktop.ui.main_window import MainWindow

    win = MainWindow(journal)
    qtbot.addWidget(win)
    win.show()
    return win


def live_names() -> list[str]:
    return sorted(c.display_name for c in Contact.select().where(Contact.trashed_at.is_null()))


def test_history_lists_each_import_newest_first_with_counts(journal, qtbot, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text("Name,Email\nAda,ada@example.org\n,\n,,x\n", "utf-8")
    importer.import_file(first)
    importer.import_file(GOOGLE)
    dialog = ImportHistoryDialog()
    qtbot.addWidget(dialog)
    rows = dialog.model.rows()
    assert [r[0] for r in rows] == ["google_contacts.csv", "first.csv"]
    assert rows[0][2:] == (2, 1, 0, 0, "")  # Ada (same email) merged
    assert rows[1][2] == 1 and rows[1][5] == 1
    assert dialog.selected().file == str(GOOGLE)
    assert dialog.undo_button.isEnabled()
    assert not dialog.empty.isVisibleTo(dialog)
    assert dialog.view.isVisibleTo(dialog) and dialog.undo_button.isVisibleTo(dialog)


def test_an_empty_history_says_so_and_offers_no_undo(journal, qtbot):
    dialog = ImportHistoryDialog()
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert dialog.empty.isVisibleTo(dialog)
    assert not dialog.undo_button.isEnabled()
    # The message alone: no empty table under it, no button that can never be used.
    assert not dialog.view.isVisibleTo(dialog)
    assert not dialog.undo_button.isVisibleTo(dialog)


def test_undo_from_history_asks_names_the_import_and_refreshes_the_window(window, qtbot):
    ada = save_contact(
        ContactData(display_name="Ada Lovelace", methods=[MethodData("email", "ada@example.org")])
    )
    importer.import_file(GOOGLE)
    window.reload()
    assert window.count_status.text() == "3 contacts"
    dialog = window.open_import_history()
    assert dialog.isVisible()
    questions: list[str] = []
    dialog.confirm_undo = lambda text: questions.append(text) or True
    with qtbot.waitSignal(dialog.undone, timeout=WAIT):
        dialog.undo_button.click()
    assert questions[0].startswith("Undo the import of google_contacts.csv?")
    assert "The 2 contacts it created will be removed" in questions[0]
    assert "The 1 existing contact it merged into will be restored" in questions[0]
    assert str(GOOGLE) in questions[0]
    assert live_names() == ["Ada Lovelace"]
    assert load_contact(ada).organization == ""
    assert window.count_status.text() == "1 contact"
    row = dialog.model.rows()[0]
    assert row[6] != ""  # undone, with its time
    assert not dialog.undo_button.isEnabled()
    assert dialog.status.text().startswith("Undid the import of")
    # Undoing is a bulk delete: a backup of the state before it is kept.
    backups = window.journal.data_dir / "backups"
    assert list(backups.glob("journal-*-before-undo-import.sqlite3"))


def test_declining_keeps_the_import(journal, qtbot):
    importer.import_file(GOOGLE)
    dialog = ImportHistoryDialog()
    qtbot.addWidget(dialog)
    dialog.confirm_undo = lambda text: False
    dialog.undo_button.click()
    assert len(live_names()) == 3
    assert dialog.model.rows()[0][6] == ""


def test_the_file_menu_has_import_history(window):
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Import &history…" in texts
    window.import_history_action.trigger()
    assert window.import_history.isVisible()


def test_history_model_passes_the_model_tester(journal, qtmodeltester):
    importer.import_file(GOOGLE)
    model = HistoryModel()
    model.set_batches(importer.list_batches())
    qtmodeltester.check(model)
    assert model.data(model.index(0, 2)) == "3"
    assert model.batch(0).created == 3 and model.batch(5) is None
