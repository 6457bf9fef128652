"""Back up now, Restore from backup…, the damaged-journal dialog, read-only and refused writes."""

from __future__ import annotations

import peewee
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from gratitude_desktop import paths
from gratitude_desktop.journal.contacts import ContactData, save_contact, trash_contacts
from gratitude_desktop.store import backup, recovery
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.models import Contact
from gratitude_desktop.ui import write_errors
from gratitude_desktop.ui.backup_dialog import BackupDialog, DamagedJournalDialog
from gratitude_desktop.ui.main_window import MainWindow
from tests.store.test_recovery import _journal_with_backup, damage


@pytest.fixture
def window(journal, qtbot):
    w = MainWindow(journal)
    qtbot.addWidget(w)
    return w


def test_back_up_now_adds_a_manual_backup_with_the_contact_count(window, journal):
    save_contact(ContactData(display_name="Ada"))
    made = window.back_up_now()
    (info,) = backup.list_backups(paths.backups_dir(journal.data_dir))
    assert (info.path, info.reason, info.contacts) == (made, "manual", 1)
    assert window.backup_action.shortcuts()[0].toString() == "Ctrl+Shift+B"


def test_restore_dialog_lists_backups_and_restore_reloads_the_window(window, journal, monkeypatch):
    save_contact(ContactData(display_name="Ada"))
    window.back_up_now()
    save_contact(ContactData(display_name="Bob"))
    window.reload()
    assert window.contact_list.model.total() == 2
    dialog = window.open_backups()
    assert dialog.tree.topLevelItemCount() == 1
    item = dialog.tree.topLevelItem(0)
    assert (item.text(1), item.text(2)) == ("Backed up by you", "1 contact")
    monkeypatch.setattr(BackupDialog, "confirm", lambda self, info: True)
    safety = dialog.restore_selected()
    assert [c.display_name for c in Contact.select()] == ["Ada"]
    assert window.contact_list.model.total() == 1
    assert window.count_status.text().startswith("1 ")
    reasons = [i.text(1) for i in map(dialog.tree.topLevelItem, range(2))]
    assert sorted(reasons) == ["Backed up by you", "Before a restore"]  # same second: any order
    safe = next(
        b for b in backup.list_backups(paths.backups_dir(journal.data_dir)) if b.path == safety
    )
    assert (safe.reason, safe.contacts) == ("before-restore", 2)


def test_restore_is_not_done_when_the_confirmation_is_cancelled(window, monkeypatch):
    save_contact(ContactData(display_name="Ada"))
    window.back_up_now()
    save_contact(ContactData(display_name="Bob"))
    dialog = window.open_backups()
    monkeypatch.setattr(BackupDialog, "confirm", lambda self, info: False)
    assert dialog.restore_selected() is None
    assert Contact.select().count() == 2


def test_the_backup_folder_setting_moves_new_backups(window, journal, tmp_path):
    dialog = window.open_backups()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere").chmod(0o755)
    used = dialog.set_folder(tmp_path / "elsewhere")
    assert used == tmp_path / "elsewhere" / "Gratitude backups"
    assert str(used) in dialog.folder_label.text()
    window.back_up_now()
    assert len(backup.list_backups(used)) == 1
    # The folder the person picked keeps its permissions; only ours is owner-only.
    assert (tmp_path / "elsewhere").stat().st_mode & 0o777 == 0o755


def test_empty_trash_takes_a_backup_first(window, journal, monkeypatch):
    ada = save_contact(ContactData(display_name="Ada"))
    trash_contacts([ada])
    window.trash_page.refresh()
    monkeypatch.setattr(type(window.trash_page), "confirm", lambda *a: True)
    assert window.trash_page.empty() == 1
    (info,) = backup.list_backups(paths.backups_dir(journal.data_dir))
    assert (info.reason, info.contacts) == ("before-delete", 0)  # trashed ones are not counted
    assert Contact.select().count() == 0


def test_import_in_the_window_takes_a_backup_first(window, journal, tmp_path, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    csv = tmp_path / "people.csv"
    csv.write_text("Name,E-mail Address\nAda,ada@example.org\n", encoding="utf-8")
    with qtbot.waitSignal(window.transfer.finished, timeout=10000):
        window.run_import(csv)
    assert [b.reason for b in backup.list_backups(paths.backups_dir(journal.data_dir))] == [
        "before-import"
    ]


def test_damaged_journal_dialog_restores_the_latest_good_backup(data_dir, qtbot):
    _journal_with_backup(data_dir)
    damage(paths.database_path(data_dir))
    dialog = DamagedJournalDialog(data_dir)
    qtbot.addWidget(dialog)
    assert "300 contacts" in dialog.offer.text()
    assert dialog.restore()
    assert dialog.moved_to.name.startswith("journal.damaged-")
    assert dialog.moved_to.exists()
    opened = open_journal(data_dir)
    try:
        assert Contact.select().count() == 300
    finally:
        opened.close()


def test_damaged_journal_without_backup_offers_only_quit(data_dir, qtbot):
    opened = open_journal(data_dir)
    for n in range(300):
        save_contact(ContactData(display_name=f"P{n}", notes="y" * 200))
    opened.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    opened.close()
    damage(paths.database_path(data_dir))
    dialog = DamagedJournalDialog(data_dir)
    qtbot.addWidget(dialog)
    assert dialog.restore_button is None
    assert "No good backup" in dialog.offer.text()


def test_a_read_only_journal_shows_a_banner_and_disables_writing(data_dir, qtbot):
    open_journal(data_dir).close()
    journal = open_journal(data_dir, read_only=True)
    try:
        w = MainWindow(journal)
        qtbot.addWidget(w)
        banner = w.findChild(QLabel, "read-only-banner")
        assert banner is not None and "read-only" in banner.text()
        assert not w.backup_action.isEnabled() and not w.new_action.isEnabled()
    finally:
        journal.close()


def test_without_read_only_there_is_no_banner(window):
    assert window.findChild(QLabel, "read-only-banner") is None


def test_a_full_disk_is_worded_plainly_and_the_write_is_rolled_back(journal, monkeypatch):
    save_contact(ContactData(display_name="Ada"))
    from gratitude_desktop.journal import contacts as contacts_module

    real = contacts_module.search.reindex

    def full(*args, **kwargs):
        raise peewee.OperationalError("database or disk is full")

    monkeypatch.setattr(contacts_module.search, "reindex", full)
    with pytest.raises(peewee.OperationalError) as caught:
        save_contact(ContactData(display_name="Bob"))
    monkeypatch.setattr(contacts_module.search, "reindex", real)
    assert write_errors.is_write_failure(caught.value)
    what, advice = write_errors.describe(caught.value)
    assert "disk holding the journal is full" in what and "Nothing was half-saved" in what
    assert [c.display_name for c in Contact.select()] == ["Ada"]  # rolled back


@pytest.mark.qt_no_exception_capture
def test_a_refused_write_in_a_slot_becomes_a_message_not_a_crash(window, qtbot, monkeypatch):
    import sys

    shown = []
    monkeypatch.setattr(write_errors, "show_write_failure", lambda e, p: shown.append(e))
    from PySide6.QtWidgets import QPushButton

    def save():  # a slot whose write SQLite refused
        raise peewee.OperationalError("attempt to write a readonly database")

    button = QPushButton(window)
    button.clicked.connect(save)
    previous = write_errors.install_write_error_hook(lambda: window)
    try:
        button.click()
    finally:
        sys.excepthook = previous
    assert len(shown) == 1
    what, _ = write_errors.describe(shown[0])
    assert "read-only" in what


def test_writing_to_a_read_only_journal_is_refused_and_worded(data_dir):
    open_journal(data_dir).close()
    journal = open_journal(data_dir, read_only=True)
    try:
        with pytest.raises(peewee.OperationalError) as caught:
            save_contact(ContactData(display_name="Ada"))
        assert write_errors.is_write_failure(caught.value)
        assert Contact.select().count() == 0
    finally:
        journal.close()
    assert recovery.backup_folder(data_dir) == paths.backups_dir(data_dir)


@pytest.fixture
def loop(monkeypatch):
    """app.run_gui without the event loop: the windows it would have run."""
    from gratitude_desktop import app

    seen = []

    def fake_loop(qt_app, w):
        seen.append(w)
        w.close()
        return 0

    monkeypatch.setattr(app, "run_event_loop", fake_loop)
    monkeypatch.setattr("gratitude_desktop.ui.first_start.offer_first_start", lambda w: None)
    return seen


def _run_gui(data_dir):
    from types import SimpleNamespace

    from gratitude_desktop import app

    return app.run_gui(SimpleNamespace(command=None, data_dir=str(data_dir)))


def test_start_up_on_a_damaged_journal_restores_when_asked_and_opens(data_dir, loop, monkeypatch):
    _journal_with_backup(data_dir)
    damage(paths.database_path(data_dir))
    recovery.session_started(data_dir)  # the last session never ended: a crash
    asked = []

    def choose_restore(dialog):
        asked.append(dialog.windowTitle())
        return DamagedJournalDialog.DialogCode.Accepted if dialog.restore() else 0

    monkeypatch.setattr(DamagedJournalDialog, "exec", choose_restore)
    assert _run_gui(data_dir) == 0
    assert asked == ["The journal is damaged"]
    assert len(loop) == 1 and loop[0].contact_list.model.total() == 300
    assert list(data_dir.glob("journal.damaged-*.sqlite3"))


def test_start_up_on_a_damaged_journal_quits_when_asked_and_keeps_the_file(
    data_dir, loop, monkeypatch
):
    _journal_with_backup(data_dir)
    database = paths.database_path(data_dir)
    damage(database)
    recovery.session_started(data_dir)
    before = database.read_bytes()
    monkeypatch.setattr(DamagedJournalDialog, "exec", lambda dialog: 0)
    assert _run_gui(data_dir) == 1
    assert loop == []
    assert database.read_bytes() == before


def test_an_import_refused_by_a_full_disk_says_so(window, tmp_path, qtbot, monkeypatch):
    from gratitude_desktop.ui import transfer as transfer_module

    shown = []
    monkeypatch.setattr(
        transfer_module, "show_error", lambda title, text, advice, parent: shown.append(text)
    )

    def full(path):
        raise peewee.OperationalError("database or disk is full")

    monkeypatch.setattr(transfer_module, "import_any", full)
    csv = tmp_path / "people.csv"
    csv.write_text("Name\nAda\n", encoding="utf-8")
    with qtbot.waitSignal(window.transfer.finished, timeout=10000):
        window.run_import(csv)
    assert len(shown) == 1 and "disk holding the journal is full" in shown[0]
    assert window.import_action.isEnabled()  # the window goes on working


def test_after_a_clean_exit_the_check_runs_in_the_background_and_flags_the_next_start(
    data_dir, qtbot, monkeypatch
):
    from gratitude_desktop import app

    _journal_with_backup(data_dir)
    # Damage that opening does not stumble on (SQLite's check finds it later).
    monkeypatch.setattr(recovery, "is_damaged", lambda path: True)
    assert not recovery.check_before_opening(data_dir)  # clean exit last time: no wait
    monkeypatch.setattr(DamagedJournalDialog, "exec", lambda d: pytest.fail("asked up front"))
    told = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: told.append(box.text()))

    def loop_until_checked(qt_app, w):
        qtbot.waitUntil(lambda: bool(told), timeout=10000)
        w.close()
        return 0

    monkeypatch.setattr(app, "run_event_loop", loop_until_checked)
    assert _run_gui(data_dir) == 0
    assert any("integrity check failed" in t for t in told)
    assert recovery.check_before_opening(data_dir)  # the next start checks first


def test_a_clean_session_leaves_no_marker(data_dir, loop):
    assert _run_gui(data_dir) == 0
    assert not recovery.check_before_opening(data_dir)


def test_damage_that_stops_the_opening_is_offered_a_restore_even_after_a_clean_exit(
    data_dir, loop, monkeypatch
):
    _journal_with_backup(data_dir)
    damage(paths.database_path(data_dir))
    assert not recovery.check_before_opening(data_dir)
    monkeypatch.setattr(
        DamagedJournalDialog,
        "exec",
        lambda d: DamagedJournalDialog.DialogCode.Accepted if d.restore() else 0,
    )
    assert _run_gui(data_dir) == 0
    assert loop[0].contact_list.model.total() == 300


def test_with_no_backup_the_dialog_keeps_its_lines_together_at_the_top(journal, qtbot):
    dialog = BackupDialog(journal)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.backups == [] and dialog.empty_label.isVisible()
    for label in (dialog.intro, dialog.folder_label):  # not stretched to share the room
        assert label.height() <= label.heightForWidth(label.width()) + 4, label.text()
    assert dialog.empty_label.alignment() & Qt.AlignmentFlag.AlignTop


def test_restoring_a_booby_trapped_backup_from_the_list_is_refused_in_words(
    window, journal, monkeypatch
):
    """Issue 21: a backup with an added trigger (say, in a shared backup folder) is refused."""
    import shutil
    import sqlite3

    from gratitude_desktop.ui import backup_dialog

    save_contact(ContactData(display_name="Ada"))
    made = window.back_up_now()
    trap = made.with_name("journal-20260101-000000-daily.sqlite3")
    shutil.copyfile(made, trap)
    with sqlite3.connect(trap) as conn:
        conn.execute("CREATE TRIGGER wipe AFTER INSERT ON contact BEGIN DELETE FROM contact; END")
    save_contact(ContactData(display_name="Bob"))
    dialog = window.open_backups()
    row = next(i for i, b in enumerate(dialog.backups) if b.path == trap)
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(row))
    shown = []
    monkeypatch.setattr(BackupDialog, "confirm", lambda self, info: True)
    monkeypatch.setattr(backup_dialog, "show_error", lambda *args: shown.append(args[:2]))
    assert dialog.restore_selected() is None
    ((title, text),) = shown
    assert title == "The backup was not restored"
    assert str(trap) in text and "trigger “wipe”" in text and "\n" not in text
    assert sorted(c.display_name for c in Contact.select()) == ["Ada", "Bob"]
