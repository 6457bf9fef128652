"""The import wizard, walked page by page on real files (pytest-qt, offscreen)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from gratitude_desktop.io import importer
from gratitude_desktop.io.csv.detect import remembered_mapping
from gratitude_desktop.io.merge import KEEP_BOTH, MERGE, SKIP
from gratitude_desktop.journal.contacts import ContactData, MethodData, load_contact, save_contact
from gratitude_desktop.store.models import Contact, ImportBatch
from gratitude_desktop.ui.import_wizard import ImportWizard
from gratitude_desktop.ui.import_wizard.duplicates_model import DuplicatesModel
from gratitude_desktop.ui.import_wizard.mapping_model import MappingModel, target_text
from gratitude_desktop.ui.import_wizard.preview_model import PreviewModel, RefusedModel

CORPUS = Path(__file__).resolve().parents[1] / "io" / "corpus"
GOOGLE = CORPUS / "google" / "google_contacts.csv"
WAIT = 15000


@pytest.fixture(autouse=True)
def _workers_done(qtbot):
    """No test ends (and closes its journal) while a pool thread still uses it."""
    yield
    from gratitude_desktop.ui.workers import running_count

    qtbot.waitUntil(lambda: running_count() == 0, timeout=WAIT)


def open_wizard(qtbot, path, journal=None) -> ImportWizard:
    wizard = ImportWizard(path, journal)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: not wizard.reading, timeout=WAIT)
    return wizard


def choose(combo, data) -> None:
    """Pick an item the way a user does: the combo's `activated` follows."""
    index = combo.findData(data)
    assert index >= 0, (data, [combo.itemData(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def to_duplicates(qtbot, wizard) -> None:
    assert wizard.currentId() == wizard.FOUND
    wizard.next()
    assert wizard.currentId() == wizard.COLUMNS
    wizard.next()
    assert wizard.currentId() == wizard.DUPLICATES
    qtbot.waitUntil(lambda: wizard.duplicates_page.loaded, timeout=WAIT)


def run_to_summary(qtbot, wizard) -> None:
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.SUMMARY, timeout=WAIT)


def names() -> list[str]:
    return sorted(c.display_name for c in Contact.select().where(Contact.trashed_at.is_null()))


def add_ada() -> int:
    return save_contact(
        ContactData(
            display_name="Ada Lovelace",
            organization="",
            methods=[MethodData("email", "ada@example.org")],
        )
    )


# --- Page 1: what we found ----------------------------------------------------------------------


def test_found_page_shows_detected_flavour_encoding_delimiter_and_contacts_as_imported(
    journal, qtbot
):
    wizard = open_wizard(qtbot, CORPUS / "outlook" / "outlook_de_semicolon_cp1252.csv", journal)
    page = wizard.found_page
    assert page.flavour.currentData() == "outlook-de"
    assert page.flavour.currentText() == "Outlook (Deutsch)"
    assert page.encoding.currentData() == "cp1252"
    assert page.delimiter.currentData() == ";"
    row = page.model.rows()[0]
    assert row[1] == "Frau Käthe Größer"
    assert row[2] == "Bäckerei Größer"
    assert row[5] == "1961-12-24"
    assert page.isComplete()
    assert Contact.select().count() == 0  # a preview writes nothing


def test_google_preview_shows_names_emails_phones_and_a_composed_name(journal, qtbot):
    wizard = open_wizard(qtbot, GOOGLE, journal)
    rows = wizard.found_page.model.rows()
    assert [r[1] for r in rows] == ["Dr. Ada King Lovelace", "only@email.example", "Grace Hopper"]
    assert rows[0][3] == "ada@example.org, ada@engines.example"
    assert rows[0][4] == "+44 20 7946 0001, 020 7946 0002"
    assert wizard.found_page.status.text() == "All 3 rows, as they will be imported."


def test_a_wrong_encoding_is_explained_and_the_right_one_reads_the_file_again(journal, qtbot):
    path = CORPUS / "generic" / "latin1_french.csv"
    wizard = open_wizard(qtbot, path, journal)
    page = wizard.found_page
    assert page.model.rows()[0][1] == "Hélène Dupré"
    assert page.encoding.currentData() == "cp1252"

    choose(page.encoding, "utf-8")
    qtbot.waitUntil(lambda: not wizard.reading, timeout=WAIT)
    if wizard.found is None:  # refused: the message names the file, nothing can go on
        assert str(path) in page.status.text()
        assert "Nothing can be imported" in page.status.text()
        assert not page.isComplete()
    else:  # read with replacement characters: the names show it
        assert page.model.rows()[0][1] != "Hélène Dupré"

    choose(page.encoding, "iso-8859-1")
    qtbot.waitUntil(lambda: not wizard.reading and wizard.found is not None, timeout=WAIT)
    assert wizard.found.preview.encoding in ("iso-8859-1", "latin-1", "iso8859-1")
    assert page.model.rows()[0][1] == "Hélène Dupré"
    assert page.isComplete()


def test_changing_the_delimiter_and_flavour_reads_the_file_again(journal, qtbot, tmp_path):
    path = tmp_path / "pipes.csv"
    path.write_text("Name|Email\nAda Lovelace|ada@example.org\n", encoding="utf-8")
    wizard = open_wizard(qtbot, path, journal)
    page = wizard.found_page
    choose(page.delimiter, "|")
    qtbot.waitUntil(lambda: not wizard.reading and wizard.found is not None, timeout=WAIT)
    assert wizard.found.preview.delimiter == "|"
    assert page.model.rows()[0][1:4] == ("Ada Lovelace", "", "ada@example.org")
    choose(page.flavour, "google")
    qtbot.waitUntil(lambda: not wizard.reading, timeout=WAIT)
    assert wizard.options.flavour == "google"
    assert wizard.options.mapping is None


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        ("empty.csv", b""),
        ("nothing.csv", b"Colour,Size\nred,10\nblue,12\n"),
        ("truncated.vcf", (CORPUS / "vcard" / "truncated.vcf").read_bytes()),
    ],
)
def test_a_bad_file_gets_a_clear_message_naming_it_and_nothing_is_written(
    journal, qtbot, tmp_path, name, content
):
    path = tmp_path / name
    path.write_bytes(content)
    wizard = open_wizard(qtbot, path, journal)
    page = wizard.found_page
    if name == "truncated.vcf":
        # The card before the cut previews; reading the whole file finds the cut.
        assert page.model.rows()[0][1] == "Complete Card"
        wizard.next()
        wizard.next()
        page = wizard.duplicates_page
        qtbot.waitUntil(lambda: "Nothing can be imported" in page.status.text(), timeout=WAIT)
        assert "ends in the middle of card 2" in page.status.text()
    text = page.status.text()
    assert text.startswith("Nothing can be imported from this file.")
    assert str(path) in text
    assert text.endswith("The journal was not changed.")
    assert page.status.textFormat() == Qt.TextFormat.PlainText
    assert not page.isComplete()
    assert Contact.select().count() == 0 and ImportBatch.select().count() == 0


# --- Page 2: columns --------------------------------------------------------------------------


def test_a_changed_column_is_remembered_and_used_for_the_preview_and_the_import(
    journal, qtbot, tmp_path
):
    path = tmp_path / "club.csv"
    path.write_text("Name,E-mail,Shoe size\nAda Lovelace,ada@example.org,38\n", "utf-8")
    wizard = open_wizard(qtbot, path, journal)
    assert wizard.found.preview.flavour == "generic"
    wizard.next()
    page = wizard.columns_page
    model = page.model
    suggested = model.mapping()
    assert suggested == {0: "full_name", 1: "email"}
    assert model.data(model.index(1, 1)) == "ada@example.org"  # the sample cell

    assert model.setData(model.index(2, MappingModel.TARGET), "notes")
    qtbot.waitUntil(lambda: not wizard.reading, timeout=WAIT)
    assert model.data(model.index(2, MappingModel.TARGET)) == "Notes"
    assert remembered_mapping(("Name", "E-mail", "Shoe size")) == {
        0: "full_name",
        1: "email",
        2: "notes",
    }
    assert wizard.found_page.model.rows()[0][6] == "38"

    wizard.next()
    qtbot.waitUntil(lambda: wizard.duplicates_page.loaded, timeout=WAIT)
    run_to_summary(qtbot, wizard)
    ada = load_contact(Contact.get().id)
    assert ada.notes == "38"


def test_a_mapping_with_no_name_email_or_phone_cannot_go_on(journal, qtbot, tmp_path):
    path = tmp_path / "club.csv"
    path.write_text("Name,Email\nAda,ada@example.org\n", "utf-8")
    wizard = open_wizard(qtbot, path, journal)
    wizard.next()
    page = wizard.columns_page
    page.model.setData(page.model.index(0, MappingModel.TARGET), "")
    page.model.setData(page.model.index(1, MappingModel.TARGET), "notes")
    qtbot.waitUntil(lambda: not wizard.reading, timeout=WAIT)
    assert not page.isComplete()
    assert "No column gives a name" in page.warning.text()


def test_a_vcard_needs_no_columns(journal, qtbot):
    wizard = open_wizard(qtbot, CORPUS / "vcard" / "v40.vcf", journal)
    assert wizard.found_page.flavour.currentData() == "vcard"
    assert not wizard.found_page.delimiter.isEnabled()
    wizard.next()
    assert wizard.columns_page.isComplete()
    assert "no columns to match" in wizard.columns_page.note.text()


# --- Page 3: duplicates -----------------------------------------------------------------------


def test_duplicates_list_the_journal_match_and_skip_is_honoured(journal, qtbot):
    ada = add_ada()
    wizard = open_wizard(qtbot, GOOGLE, journal)
    to_duplicates(qtbot, wizard)
    model = wizard.duplicates_page.model
    assert model.rowCount() == 1
    assert wizard.duplicates_page.view.isVisible() and wizard.duplicates_page.choices.isVisible()
    assert model.data(model.index(0, 0)) == "Ada Lovelace (in your journal)"
    assert model.data(model.index(0, 1)) == "Dr. Ada King Lovelace"
    assert model.decisions() == {f"contact:{ada}": MERGE}
    assert model.choose(0, SKIP)
    assert wizard.decisions() == {f"contact:{ada}": SKIP}
    run_to_summary(qtbot, wizard)
    report = wizard.report
    assert (report.created, report.merged, report.skipped) == (2, 0, 1)
    assert load_contact(ada).organization == ""
    assert wizard.summary_page.counts["skipped"].text() == "1"


def test_apply_to_all_merge_fills_the_existing_contact(journal, qtbot):
    ada = add_ada()
    wizard = open_wizard(qtbot, GOOGLE, journal)
    to_duplicates(qtbot, wizard)
    page = wizard.duplicates_page
    page.model.choose(0, KEEP_BOTH)
    page.all_choice.setCurrentIndex(page.all_choice.findData(MERGE))
    page.apply_all.click()
    assert set(page.model.decisions().values()) == {MERGE}
    run_to_summary(qtbot, wizard)
    assert (wizard.report.created, wizard.report.merged) == (2, 1)
    assert load_contact(ada).organization == "Analytical Engines"
    assert wizard.summary_page.counts["merged"].text() == "1"


def test_keep_both_adds_a_second_contact(journal, qtbot):
    add_ada()
    wizard = open_wizard(qtbot, GOOGLE, journal)
    to_duplicates(qtbot, wizard)
    wizard.duplicates_page.model.choose(0, KEEP_BOTH)
    run_to_summary(qtbot, wizard)
    assert names() == [
        "Ada Lovelace",
        "Dr. Ada King Lovelace",
        "Grace Hopper",
        "only@email.example",
    ]


def test_two_rows_of_the_same_person_in_the_file_are_one_group(journal, qtbot, tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text(
        "Name,Email\nAda Lovelace,ada@example.org\nA. Lovelace,ada@example.org\nAlan,a@t.org\n",
        "utf-8",
    )
    wizard = open_wizard(qtbot, path, journal)
    to_duplicates(qtbot, wizard)
    model = wizard.duplicates_page.model
    assert model.rows() == [
        (
            "row:2",
            "Ada Lovelace (row 2 of this file)",
            "A. Lovelace",
            "3",
            model.rows()[0][4],
            MERGE,
        )
    ]
    run_to_summary(qtbot, wizard)
    assert names() == ["Ada Lovelace", "Alan"]


# --- Page 4: the run --------------------------------------------------------------------------


def big_csv(path: Path, count: int) -> Path:
    lines = ["Name,Email"] + [f"Person {i},person{i}@example.org" for i in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cancel_during_the_import_leaves_the_journal_as_it_was(journal, qtbot, tmp_path):
    add_ada()
    before = names()
    wizard = open_wizard(qtbot, big_csv(tmp_path / "big.csv", 3000), journal)
    to_duplicates(qtbot, wizard)
    # Hold the worker at its first progress report until the user has pressed Cancel,
    # so the import cannot finish first.
    pressed = threading.Event()
    wizard.run._tick.connect(
        lambda done, total: pressed.wait(10), Qt.ConnectionType.DirectConnection
    )
    try:
        with qtbot.waitSignal(wizard.run.progressed, timeout=WAIT) as progressed:
            wizard.next()
        done, total = progressed.args
        assert wizard.currentId() == wizard.RUN
        assert not wizard.run_page.isComplete()
        assert total >= 3000  # one pass: rows are written as they are read
        assert wizard.run_page.bar.maximum() == total
        assert wizard.run_page.bar.value() == done and 0 < done < total
        with qtbot.waitSignal(wizard.run.cancelled, timeout=WAIT):
            wizard.run_page.cancel_button.click()
            pressed.set()
    finally:
        pressed.set()
    assert "Nothing was imported" in wizard.run_page.status.text()
    assert wizard.run_page.isComplete() and wizard.run_page.isFinalPage()
    assert names() == before
    assert ImportBatch.select().count() == 0


def test_progress_reaches_the_end_and_the_summary_follows(journal, qtbot, tmp_path):
    wizard = open_wizard(qtbot, big_csv(tmp_path / "big.csv", 600), journal)
    to_duplicates(qtbot, wizard)
    seen: list[tuple[int, int]] = []
    wizard.run.progressed.connect(lambda done, total: seen.append((done, total)))
    run_to_summary(qtbot, wizard)
    done, total = seen[-1]
    assert done == total >= 600  # one pass: rows are written as they are read
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    assert wizard.run_page.bar.value() == wizard.run_page.bar.maximum() == total
    assert wizard.summary_page.counts["created"].text() == "600"
    assert Contact.select().count() == 600


# --- Page 5: summary, refused rows, undo ------------------------------------------------------


def refusing_csv(tmp_path: Path) -> Path:
    path = tmp_path / "some-bad.csv"
    path.write_text(
        "Name,Email,Notes\nAda Lovelace,ada@example.org,ok\n,,only a note\nAlan Turing,alan@example.org,\n",
        encoding="utf-8",
    )
    return path


def test_summary_counts_and_refused_rows_saved_as_csv(journal, qtbot, tmp_path):
    wizard = open_wizard(qtbot, refusing_csv(tmp_path), journal)
    to_duplicates(qtbot, wizard)
    run_to_summary(qtbot, wizard)
    page = wizard.summary_page
    assert [page.counts[w].text() for w in ("created", "merged", "skipped", "refused")] == [
        "2", "0", "0", "1",
    ]  # fmt: skip
    assert page.model.rows() == [
        (3, "", "Nothing to import: the row has no name, organisation, email or phone.")
    ]
    out = tmp_path / "fix-these"
    page.choose_refused_path = lambda: out
    assert page.save_refused() == out.with_suffix(".csv")
    lines = out.with_suffix(".csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Name,Email,Notes,Refused row,Reason"
    assert lines[1].startswith(",,only a note,3,")
    assert "Saved 1 refused row to" in page.status.text()


def test_undo_from_the_summary_removes_what_the_import_created(journal, qtbot, tmp_path):
    add_ada()
    wizard = open_wizard(qtbot, GOOGLE, journal)
    to_duplicates(qtbot, wizard)
    run_to_summary(qtbot, wizard)
    assert names() == ["Ada Lovelace", "Grace Hopper", "only@email.example"]
    questions: list[str] = []
    wizard.summary_page.confirm_undo = lambda text: questions.append(text) or True
    with qtbot.waitSignal(wizard.undone, timeout=WAIT) as undone:
        wizard.summary_page.undo_button.click()
    assert "Undo the import of google_contacts.csv?" in questions[0]
    assert "The 2 contacts it created will be removed" in questions[0]
    assert "The 1 existing contact it merged into will be restored" in questions[0]
    assert (undone.args[0].removed, undone.args[0].restored) == (2, 1)
    assert names() == ["Ada Lovelace"]
    assert load_contact(Contact.get().id).organization == ""
    assert not wizard.summary_page.undo_button.isEnabled()


def test_declining_the_undo_question_changes_nothing(journal, qtbot):
    wizard = open_wizard(qtbot, GOOGLE, journal)
    to_duplicates(qtbot, wizard)
    run_to_summary(qtbot, wizard)
    wizard.summary_page.confirm_undo = lambda text: False
    wizard.summary_page.undo_button.click()
    assert len(names()) == 3
    assert wizard.summary_page.undo_button.isEnabled()


def test_the_import_makes_a_before_import_backup(journal, qtbot):
    from gratitude_desktop.store import recovery

    wizard = open_wizard(qtbot, GOOGLE, journal)
    to_duplicates(qtbot, wizard)
    run_to_summary(qtbot, wizard)
    folder = recovery.backup_folder(journal.data_dir)
    assert any("before-import" in p.name for p in Path(folder).iterdir())


# --- The main window: File → Import and drag-and-drop ---------------------------------------


@pytest.fixture
def window(journal, qtbot):
    from gratitude_desktop.ui.main_window import MainWindow

    win = MainWindow(journal)
    qtbot.addWidget(win)
    win.show()
    return win


def drop_event(kind, urls: list[QUrl]):
    mime = QMimeData()
    mime.setUrls(urls)
    if kind is QDragEnterEvent:
        event = QDragEnterEvent(
            QPoint(50, 50), Qt.DropAction.CopyAction, mime,
            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
        )  # fmt: skip
    else:
        event = QDropEvent(
            QPointF(50, 50), Qt.DropAction.CopyAction, mime,
            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
        )  # fmt: skip
    return event, mime


def test_dropping_a_file_on_the_window_opens_the_wizard_and_the_list_reloads(window, qtbot):
    assert window.acceptDrops()
    enter, _m1 = drop_event(QDragEnterEvent, [QUrl.fromLocalFile(str(GOOGLE))])
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop, _m2 = drop_event(QDropEvent, [QUrl.fromLocalFile(str(GOOGLE))])
    window.dropEvent(drop)
    wizard = window.import_wizard
    assert wizard.isVisible() and wizard.path == GOOGLE
    qtbot.waitUntil(lambda: not wizard.reading, timeout=WAIT)
    to_duplicates(qtbot, wizard)
    run_to_summary(qtbot, wizard)
    assert window.count_status.text() == "3 contacts"


def test_a_dragged_web_address_is_not_accepted(window):
    enter, _mime = drop_event(QDragEnterEvent, [QUrl("https://example.org/people.csv")])
    enter.setAccepted(False)
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()
    assert getattr(window, "import_wizard", None) is None


def test_file_import_opens_the_wizard_on_the_chosen_file(window, monkeypatch):
    monkeypatch.setattr(window.transfer, "choose_import_path", lambda: GOOGLE)
    window.import_action.trigger()
    assert window.import_wizard.isVisible()
    assert window.import_wizard.windowTitle() == "Import google_contacts.csv"
    assert window.import_action.shortcut().toString() == "Ctrl+I"


# --- The models -------------------------------------------------------------------------------


def test_preview_and_refused_models_pass_the_model_tester(journal, qtmodeltester):
    found = importer.preview(GOOGLE)
    preview = PreviewModel()
    preview.set_preview(found.rows)
    qtmodeltester.check(preview)
    assert preview.rowCount() == 3 and preview.columnCount() == 7
    refused = RefusedModel()
    from gratitude_desktop.io.report import RefusedRow

    refused.set_refused([RefusedRow(4, "no name", "Name")])
    qtmodeltester.check(refused)
    assert refused.data(refused.index(0, 0)) == "4"


def test_mapping_model_passes_the_model_tester_and_refuses_unknown_targets(qtmodeltester):
    model = MappingModel()
    model.set_mapping(("Name", "Mail"), {0: "display_name", 1: "email:work"}, ("Ada", "a@b.c"))
    qtmodeltester.check(model)
    assert model.data(model.index(1, 2)) == "Email (work)"
    assert not model.setData(model.index(1, 2), "shoe_size")
    assert not model.setData(model.index(1, 0), "email")
    assert model.mapping() == {0: "display_name", 1: "email:work"}
    assert target_text("address/city") == "Address (city)"


def test_duplicates_model_passes_the_model_tester(qtmodeltester):
    from gratitude_desktop.io.merge import DuplicateGroup

    model = DuplicatesModel()
    model.set_groups(
        [
            DuplicateGroup("contact:3", "same email", 3, "Ada", rows=[2], names=["Ada L"]),
            DuplicateGroup("row:4", "same phone", rows=[4, 9], names=["Bo", "B. O."]),
        ]
    )
    qtmodeltester.check(model)
    assert model.data(model.index(1, 0)) == "Bo (row 4 of this file)"
    assert model.data(model.index(1, 2)) == "9"
    assert not model.setData(model.index(0, DuplicatesModel.CHOICE), "explode")
    model.apply_to_all(SKIP)
    assert model.decisions() == {"contact:3": SKIP, "row:4": SKIP}


def test_closing_the_wizard_while_importing_cancels_and_writes_nothing(journal, qtbot, tmp_path):
    wizard = open_wizard(qtbot, big_csv(tmp_path / "big.csv", 3000), journal)
    to_duplicates(qtbot, wizard)
    pressed = threading.Event()
    wizard.run._tick.connect(
        lambda done, total: pressed.wait(10), Qt.ConnectionType.DirectConnection
    )
    try:
        with qtbot.waitSignal(wizard.run.progressed, timeout=WAIT):
            wizard.next()
        wizard.reject()  # the Cancel button, Esc or the window's close box
        assert wizard.isVisible()  # it waits for the import to stop
        with qtbot.waitSignal(wizard.run.cancelled, timeout=WAIT):
            pressed.set()
    finally:
        pressed.set()
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=WAIT)
    assert Contact.select().count() == 0
    assert ImportBatch.select().count() == 0


def test_without_duplicates_the_page_says_so_and_shows_no_empty_table(journal, qtbot):
    wizard = open_wizard(qtbot, GOOGLE, journal)
    to_duplicates(qtbot, wizard)
    page = wizard.duplicates_page
    assert page.status.text() == "No duplicates: every contact in the file is new."
    assert not page.view.isVisible() and not page.choices.isVisible()


def test_the_preview_shows_a_files_markup_as_typed_even_in_tooltips(qtbot, journal, tmp_path):
    from PySide6 import QtGui

    csv = tmp_path / "markup.csv"
    csv.write_text('Name,Notes\n"<b>Ann</b>","<img src=x onerror=1> line"\n', encoding="utf-8")
    wizard = open_wizard(qtbot, csv, journal)
    model = wizard.found_page.model
    shown = {}
    for column in range(model.columnCount()):
        index = model.index(0, column)
        text = model.data(index, Qt.ItemDataRole.DisplayRole)
        tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
        if text and "<" in text:
            shown[text] = tip
            assert "&lt;" in tip and QtGui.Qt.mightBeRichText(tip)  # rich on purpose, escaped
    assert "<b>Ann</b>" in shown
