"""The main window: navigation, list, search, filters, trash, actions and shortcuts."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox

from gratitude_desktop.journal.contacts import (
    ContactData,
    MethodData,
    load_contact,
    save_contact,
    trash_contacts,
)
from gratitude_desktop.store.models import Contact
from gratitude_desktop.ui import transfer as transfer_module
from gratitude_desktop.ui.contacts.list_model import NAME
from gratitude_desktop.ui.main_window import PAGES, MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def names(model) -> list[str]:
    return [model.data(model.index(r, NAME)) for r in range(model.rowCount())]


@pytest.fixture
def people(journal):
    return {
        "ada": save_contact(
            ContactData(
                display_name="Ada Lovelace",
                organization="Analytical Engines",
                stage="client",
                circles=("mentor",),
                methods=[MethodData("email", "ada@example.org")],
            )
        ),
        "jurgen": save_contact(
            ContactData(display_name="Jürgen Klein", stage="prospect", notes="met at the fair")
        ),
        "mia": save_contact(
            ContactData(display_name="Mia Gross", stage="prospect", dnc_channels=("all",))
        ),
    }


@pytest.fixture
def window(journal, people, qtbot):
    win = MainWindow(journal)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, modifier)


def test_window_is_titled_and_navigates_with_ctrl_numbers(window, qtbot):
    assert window.windowTitle() == "Gratitude"
    items = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert items == ["Today", "Contacts", "Promises", "Goals", "Insights", "Trash"]
    assert window.current_page_name() == "Contacts"
    for number, name in enumerate(PAGES, start=1):
        press(qtbot, window.focusWidget() or window, getattr(Qt.Key, f"Key_{number}"), CTRL)
        assert window.current_page_name() == name
        assert window.stack.currentWidget() is window.page(name)


def test_today_and_promises_show_honest_placeholders(window):
    texts = {
        name: [label.text() for label in window.page(name).findChildren(QLabel)]
        for name in ("Today", "Promises")
    }
    assert texts == {
        "Today": ["Today's agenda is not open in this window."],
        "Promises": ["Promises are not open in this window."],
    }


def test_set_page_replaces_a_navigation_page(window):
    replacement = QLabel("the real agenda")
    window.go_to("Today")
    window.set_page("Today", replacement)
    assert window.page("Today") is replacement
    assert window.stack.currentWidget() is replacement
    assert window.stack.count() == len(PAGES)
    with pytest.raises(KeyError):
        window.set_page("Nowhere", QLabel())


def test_the_trash_is_built_when_first_shown_and_holds_what_was_trashed_before(
    window, qtbot, people
):
    assert not window.is_built("Trash")
    window.contact_list.select_contact(people["mia"])
    window.trash_selected()
    assert not window.is_built("Trash")  # trashing did not build it
    press(qtbot, window.focusWidget() or window, Qt.Key.Key_6, CTRL)
    assert window.is_built("Trash")
    assert window.stack.currentWidget() is window.trash_page
    assert names(window.trash_page.model) == ["Mia Gross"]


def test_a_lazy_page_is_built_once_by_whoever_asks_first(window):
    built = []

    def build():
        built.append(True)
        return QLabel("goals, at last")

    window.set_lazy_page("Goals", build)
    assert not window.is_built("Goals") and built == []
    window.go_to("Goals")
    assert built == [True]
    assert window.stack.currentWidget() is window.page("Goals")
    assert window.page("Goals").text() == "goals, at last"
    window.go_to("Contacts")
    window.go_to("Goals")
    assert built == [True]
    assert window.stack.count() == len(PAGES)


def test_list_shows_every_live_contact_and_the_counts(window):
    assert names(window.contact_list.model) == ["Ada Lovelace", "Jürgen Klein", "Mia Gross"]
    assert window.contact_list.count_label.text() == "3 contacts"
    assert window.count_status.text() == "3 contacts"


def test_first_contact_is_selected_and_shown_at_start(window, people):
    assert window.contact_list.current_contact_id() == people["ada"]
    assert window.contact_page.current_contact_id() == people["ada"]


def test_typing_in_search_filters_the_list_after_a_short_pause(window, qtbot):
    search = window.contact_list.search
    assert search.placeholderText() == (
        "Search names, organisations, emails, phones, notes and what was said"
    )
    press(qtbot, window.focusWidget(), Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is search
    qtbot.keyClicks(search, "jurg")
    qtbot.waitUntil(lambda: names(window.contact_list.model) == ["Jürgen Klein"])
    assert window.contact_list.count_label.text() == "1 contact"
    search.clear()
    qtbot.keyClicks(search, "fair")
    qtbot.waitUntil(lambda: names(window.contact_list.model) == ["Jürgen Klein"])
    search.clear()
    qtbot.keyClicks(search, "ada@example")
    qtbot.waitUntil(lambda: names(window.contact_list.model) == ["Ada Lovelace"])
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(names(window.contact_list.model)) == 3)


def test_down_arrow_moves_from_search_into_the_list_and_shows_the_contact(window, qtbot, people):
    panel = window.contact_list
    panel.focus_search()
    qtbot.keyClicks(panel.search, "mia")
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert names(panel.model) == ["Mia Gross"]
    assert QApplication.focusWidget() is panel.view
    assert panel.current_contact_id() == people["mia"]
    assert window.contact_page.current_contact_id() == people["mia"]


def test_arrow_keys_in_the_list_show_each_contact(window, qtbot, people):
    panel = window.contact_list
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert window.contact_page.current_contact_id() == people["jurgen"]
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert window.contact_page.current_contact_id() == people["mia"]
    qtbot.keyClick(panel.view, Qt.Key.Key_Up)
    qtbot.keyClick(panel.view, Qt.Key.Key_Up)
    assert window.contact_page.current_contact_id() == people["ada"]
    qtbot.keyClick(panel.view, Qt.Key.Key_Up)  # from the first row back to the search box
    assert QApplication.focusWidget() is panel.search


def test_filters_for_stage_circle_and_do_not_contact(window):
    panel = window.contact_list
    panel.stage_filter.setCurrentIndex(panel.stage_filter.findData("prospect"))
    assert names(panel.model) == ["Jürgen Klein", "Mia Gross"]
    panel.dnc_filter.setCurrentIndex(panel.dnc_filter.findData(False))
    assert names(panel.model) == ["Jürgen Klein"]
    panel.dnc_filter.setCurrentIndex(panel.dnc_filter.findData(True))
    assert names(panel.model) == ["Mia Gross"]
    panel.clear_filters()
    panel.circle_filter.setCurrentIndex(panel.circle_filter.findData("mentor"))
    assert names(panel.model) == ["Ada Lovelace"]
    assert panel.count_label.text() == "1 contact"


def test_delete_in_the_list_moves_to_trash_and_undo_brings_it_back(window, qtbot, people):
    panel = window.contact_list
    panel.select_contact(people["jurgen"])
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert names(panel.model) == ["Ada Lovelace", "Mia Gross"]
    assert Contact.get_by_id(people["jurgen"]).trashed_at is not None
    assert window.statusBar().currentMessage() == (
        "Moved “Jürgen Klein” to the Trash — Undo with Ctrl+Z"
    )
    assert window.undo_action.text() == "&Undo move Jürgen Klein to the Trash"
    assert panel.current_contact_id() == people["mia"]  # its neighbour took its place
    assert window.count_status.text() == "2 contacts"
    assert names(window.trash_page.model) == ["Jürgen Klein"]
    press(qtbot, panel.view, Qt.Key.Key_Z, CTRL)
    assert Contact.get_by_id(people["jurgen"]).trashed_at is None
    assert names(panel.model) == ["Ada Lovelace", "Jürgen Klein", "Mia Gross"]
    assert names(window.trash_page.model) == []
    assert window.redo_action.isEnabled()


def test_ctrl_backspace_also_moves_to_trash_but_delete_while_typing_does_not(window, qtbot, people):
    panel = window.contact_list
    panel.focus_search()
    qtbot.keyClicks(panel.search, "ada")
    qtbot.keyClick(panel.search, Qt.Key.Key_Home)
    qtbot.keyClick(panel.search, Qt.Key.Key_Delete)
    assert panel.search.text() == "da"
    assert Contact.get_by_id(people["ada"]).trashed_at is None
    panel.clear_filters()
    panel.select_contact(people["ada"])
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Backspace, CTRL)
    assert Contact.get_by_id(people["ada"]).trashed_at is not None


def test_trash_page_restores_with_ctrl_r(window, qtbot, people):
    trash_contacts([people["ada"], people["mia"]])
    window.contact_list.refresh()
    window.trash_page.refresh()
    press(qtbot, window.focusWidget(), Qt.Key.Key_6, CTRL)
    trash = window.trash_page
    assert names(trash.model) == ["Ada Lovelace", "Mia Gross"]
    assert trash.count_label.text() == "2 contacts in the trash"
    trash.view.setFocus()
    trash.view.selectRow(0)
    press(qtbot, trash.view, Qt.Key.Key_R, CTRL)
    assert names(trash.model) == ["Mia Gross"]
    assert Contact.get_by_id(people["ada"]).trashed_at is None
    assert names(window.contact_list.model) == ["Ada Lovelace", "Jürgen Klein"]
    assert window.count_status.text() == "2 contacts"


def test_delete_forever_asks_naming_the_contact(window, people, monkeypatch):
    trash_contacts([people["mia"]])
    trash = window.trash_page
    trash.refresh()
    asked = []
    monkeypatch.setattr(trash, "confirm", lambda title, q, verb: asked.append(q) or False)
    trash.view.selectRow(0)
    assert trash.delete_selected() == 0
    assert asked == ["Delete “Mia Gross” and their whole history for good?"]
    assert Contact.get_or_none(Contact.id == people["mia"]) is not None
    monkeypatch.setattr(trash, "confirm", lambda title, q, verb: True)
    assert trash.delete_selected() == 1
    assert Contact.get_or_none(Contact.id == people["mia"]) is None
    assert trash.empty_label.isVisibleTo(trash)


def test_empty_trash_asks_with_the_count(window, people, monkeypatch):
    trash_contacts([people["ada"], people["jurgen"]])
    trash = window.trash_page
    trash.refresh()
    asked = []
    monkeypatch.setattr(trash, "confirm", lambda title, q, verb: asked.append(q) or True)
    assert trash.empty() == 2
    assert asked == ["Delete the 2 contacts in the trash and their whole history for good?"]
    assert [c.display_name for c in Contact.select()] == ["Mia Gross"]
    assert trash.empty_label.text() == "The trash is empty."


def test_new_contact_typed_in_the_page_and_saved_appears_selected_in_the_list(window, qtbot):
    press(qtbot, window.focusWidget(), Qt.Key.Key_N, CTRL)
    assert window.contact_page.current_contact_id() is None
    assert window.log_action.isEnabled()  # logging saves the new contact first, or says why not
    field = QApplication.focusWidget()
    assert isinstance(field, QLineEdit)
    qtbot.keyClicks(field, "Grace Hopper")
    press(qtbot, field, Qt.Key.Key_S, CTRL)
    grace = Contact.get(Contact.display_name == "Grace Hopper").id
    assert window.contact_page.current_contact_id() == grace
    assert names(window.contact_list.model) == [
        "Ada Lovelace",
        "Grace Hopper",
        "Jürgen Klein",
        "Mia Gross",
    ]
    assert window.contact_list.current_contact_id() == grace
    assert window.count_status.text() == "4 contacts"
    assert window.log_action.isEnabled()


def test_ctrl_l_asks_the_page_to_log_an_interaction(window, qtbot, monkeypatch):
    calls = []
    monkeypatch.setattr(window.contact_page, "log_interaction", lambda: calls.append(1))
    press(qtbot, window.focusWidget(), Qt.Key.Key_L, CTRL)
    assert calls == [1]


def test_ctrl_z_undoes_the_last_contact_edit_through_the_window_history(window, qtbot, people):
    page = window.contact_page
    window.contact_list.select_contact(people["ada"])
    page.form.lines["organization"].setText("Difference Engines")
    assert page.save()
    assert window.undo_action.text() == "&Undo edit Ada Lovelace"
    press(qtbot, window.contact_list.view, Qt.Key.Key_Z, CTRL)
    assert load_contact(people["ada"]).organization == "Analytical Engines"
    assert page.form.lines["organization"].text() == "Analytical Engines"
    assert window.undo_action.text() == "&Undo"
    assert not window.undo_action.isEnabled()


def test_every_main_action_has_a_shortcut_and_a_status_tip(window):
    actions = [*window.window_actions(), window.trash_action]
    for action in actions:
        assert action.statusTip(), action.text()
    shortcuts = {
        action.text().replace("&", ""): action.shortcut().toString()
        for action in actions
        if not action.shortcut().isEmpty()
    }
    assert shortcuts["New contact"] == "Ctrl+N"
    assert shortcuts["Save"] == "Ctrl+S"
    assert shortcuts["Log interaction…"] == "Ctrl+L"
    assert shortcuts["Move to Trash"] == "Del"
    assert shortcuts["Undo"] == "Ctrl+Z"
    assert shortcuts["Find"] == "Ctrl+F"
    assert shortcuts["Import…"] == "Ctrl+I"
    assert shortcuts["Export…"] == "Ctrl+Shift+E"
    assert shortcuts["Edit contact"] == "Ctrl+E"
    assert shortcuts["Quit"] == "Ctrl+Q"
    assert [shortcuts[name] for name in PAGES] == [
        "Ctrl+1",
        "Ctrl+2",
        "Ctrl+3",
        "Ctrl+4",
        "Ctrl+5",
        "Ctrl+6",
    ]


def test_switching_contact_with_unsaved_edits_can_be_cancelled(window, people, monkeypatch):
    page = window.contact_page
    monkeypatch.setattr(page, "has_unsaved_changes", lambda: True)
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Cancel)
    window.contact_list.select_contact(people["mia"])
    assert page.current_contact_id() == people["ada"]
    assert window.contact_list.current_contact_id() == people["ada"]
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    window.contact_list.select_contact(people["mia"])
    assert page.current_contact_id() == people["mia"]


def test_contact_saved_elsewhere_refreshes_the_list_keeping_the_selection(window, people):
    window.contact_list.select_contact(people["mia"])
    save_contact(ContactData(display_name="Aaron Early"))
    data = load_contact(people["mia"])
    data.organization = "Gross & Co"
    save_contact(data)
    window.contact_page.contactSaved.emit(people["mia"])
    assert names(window.contact_list.model)[0] == "Aaron Early"
    assert window.contact_list.current_contact_id() == people["mia"]
    row = window.contact_list.model.row_of(people["mia"])
    assert window.contact_list.model.data(window.contact_list.model.index(row, 1)) == "Gross & Co"


def test_open_contact_clears_a_search_that_hides_it(window, qtbot, people):
    panel = window.contact_list
    qtbot.keyClicks(panel.search, "ada")
    panel.apply_filter()
    window.go_to("Today")
    window.open_contact(people["mia"])
    assert window.current_page_name() == "Contacts"
    assert panel.search.text() == ""
    assert panel.current_contact_id() == people["mia"]
    assert window.contact_page.current_contact_id() == people["mia"]


def test_export_writes_a_json_journal(window, tmp_path):
    pytest.importorskip("gratitude_desktop.io.archive")
    target = tmp_path / "out.json"
    assert window.run_export(target) == 3
    payload = json.loads(target.read_text(encoding="utf-8"))
    assert sorted(c["display_name"] for c in payload["contacts"]) == [
        "Ada Lovelace",
        "Jürgen Klein",
        "Mia Gross",
    ]
    assert "3 contacts" in window.statusBar().currentMessage()


def test_import_of_a_broken_file_says_why_and_changes_nothing(window, qtbot, tmp_path, monkeypatch):
    pytest.importorskip("gratitude_desktop.io.archive")
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    shown = []
    monkeypatch.setattr(
        transfer_module,
        "show_error",
        lambda title, text, info="", parent=None: shown.append(text),
    )
    window.run_import(bad)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "broken.json" in shown[0]
    assert Contact.select().count() == 3
    assert window.import_action.isEnabled()


def test_closing_remembers_height_and_hidden_columns(journal, people, qtbot):
    from gratitude_desktop.ui.contacts.list_model import EMAIL, PHONE

    first = MainWindow(journal)
    qtbot.addWidget(first)
    first.resize(first.width(), 520)  # the offscreen screen is only 800 wide
    first.contact_list.set_hidden_columns([EMAIL])
    first.show()
    qtbot.waitExposed(first)
    first.close()
    again = MainWindow(journal)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.height() == 520
    assert again.contact_list.hidden_columns() == [EMAIL]
    assert not again.contact_list.view.isColumnHidden(PHONE)
    assert (journal.data_dir / "window.ini").exists()


def test_a_first_window_fits_a_screen_smaller_than_its_default_size(journal, qtbot):
    from gratitude_desktop.ui.main_window import DEFAULT_SIZE

    window = MainWindow(journal)
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    assert room.width() < DEFAULT_SIZE.width()  # the offscreen screen is 800 x 600
    assert room.contains(window.geometry())
    assert window.width() >= room.width() * 9 // 10
    assert window.height() >= room.height() * 9 // 10


def test_set_badge_shows_a_count_beside_a_navigation_entry(window):
    window.set_badge("Today", 3)
    assert window.navigation.item(0).text() == "Today (3)"
    window.set_badge("Today", 0)
    assert window.navigation.item(0).text() == "Today"


def test_closing_with_unsaved_edits_can_be_cancelled(window, monkeypatch):
    monkeypatch.setattr(window.contact_page, "has_unsaved_changes", lambda: True)
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Cancel)
    window.close()
    assert window.isVisible()
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    window.close()
    assert not window.isVisible()


def test_a_read_only_journal_says_so_and_offers_no_writing_actions(journal, people, qtbot):
    from gratitude_desktop.store.db import open_journal

    folder = journal.data_dir
    journal.close()
    read_only = open_journal(folder, read_only=True)
    try:
        win = MainWindow(read_only)
        qtbot.addWidget(win)
        assert win.windowTitle() == "Gratitude (read-only)"
        assert names(win.contact_list.model) == ["Ada Lovelace", "Jürgen Klein", "Mia Gross"]
        assert not win.new_action.isEnabled()
        assert not win.save_action.isEnabled()
        assert not win.trash_action.isEnabled()
        assert not win.import_action.isEnabled()
        assert win.export_action.isEnabled()
    finally:
        read_only.close()


def test_an_empty_list_says_why(window, qtbot):
    panel = window.contact_list
    assert panel.empty_hint.isHidden()
    qtbot.keyClicks(panel.search, "nobody-like-this")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    assert panel.empty_hint.isVisibleTo(panel)
    assert panel.empty_hint.text() == "Nobody matches “nobody-like-this”."
    panel.clear_filters()
    assert panel.empty_hint.isHidden()


def test_enter_in_the_list_opens_the_contact_for_editing(window, qtbot, people):
    panel = window.contact_list
    panel.select_contact(people["jurgen"])
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert window.contact_page.current_contact_id() == people["jurgen"]
    focused = QApplication.focusWidget()
    assert window.contact_page.isAncestorOf(focused)


def test_contact_actions_act_only_on_the_contacts_page(window, qtbot):
    assert window.save_action.isEnabled() and window.log_action.isEnabled()
    press(qtbot, window.focusWidget(), Qt.Key.Key_4, CTRL)
    assert not window.save_action.isEnabled()
    assert not window.log_action.isEnabled()
    assert not window.trash_action.isEnabled()
    press(qtbot, window.focusWidget(), Qt.Key.Key_2, CTRL)
    assert window.save_action.isEnabled() and window.log_action.isEnabled()


def test_import_runs_off_the_gui_thread_and_refreshes_the_list(window, qtbot, tmp_path):
    pytest.importorskip("gratitude_desktop.io.importer")
    csv_file = tmp_path / "people.csv"
    csv_file.write_text(
        "First Name,Last Name,E-mail Address\nLinus,Pauling,linus@example.org\n", encoding="utf-8"
    )
    window.run_import(csv_file)
    qtbot.waitUntil(lambda: "Linus Pauling" in names(window.contact_list.model), timeout=10000)
    assert window.last_import_report.created == 1
    assert window.count_status.text() == "4 contacts"
    assert window.import_action.isEnabled()


def test_the_import_file_dialog_shows_address_books_of_every_kind_at_first(window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    asked = []

    def answer(parent, title, folder, filters):
        asked.append(filters)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer))
    assert window.transfer.choose_import_path() is None
    first = asked[0].split(";;")[0]
    for pattern in ("*.csv", "*.vcf", "*.json", "*.txt"):
        assert pattern in first, first


def test_a_lost_do_not_contact_contact_does_not_widen_the_window(journal, qtbot):
    import datetime as dt

    cid = save_contact(
        ContactData(
            display_name="Lost Larry",
            stage="lost-customer",
            lost_since=dt.date(2026, 10, 1),
            lost_reason="promise-not-kept",
            dnc_channels=("email", "phone"),
        )
    )
    window = MainWindow(journal)
    qtbot.addWidget(window)
    window.show()
    before = window.minimumSizeHint().width()
    window.open_contact(cid)
    assert window.contact_page.header.lost.isVisible()
    assert window.contact_page.header.dnc.isVisible()
    assert window.minimumSizeHint().width() == before <= 1000  # fits a 1024-pixel screen


def test_asking_around_opens_the_acquaintance_in_the_window(journal, qtbot):
    lost = save_contact(
        ContactData(
            display_name="Lost Lena",
            organization="Acme",
            methods=[MethodData("email", "lena@old.example", bad=True)],
        )
    )
    colleague = save_contact(ContactData(display_name="Cora Colleague", organization="Acme"))
    window = MainWindow(journal)
    qtbot.addWidget(window)
    window.show()
    window.open_contact(lost)
    (button,) = window.contact_page.ask_around.buttons
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.contact_page.current_contact_id() == colleague
    assert window.contact_list.current_contact_id() == colleague
    assert not window.contact_page.ask_around.isVisible()


def test_undo_with_unsaved_edits_on_the_page_asks_first(window, people, monkeypatch):
    page = window.contact_page
    window.contact_list.select_contact(people["ada"])
    page.form.lines["organization"].setText("Difference Engines")
    assert page.save()
    page.form.texts["notes"].setPlainText("typed, not saved")
    answers = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(window, "ask_save_changes", lambda: answers.pop(0))
    window.undo_action.trigger()
    assert load_contact(people["ada"]).organization == "Difference Engines"
    assert page.form.texts["notes"].toPlainText() == "typed, not saved"
    answers.append(QMessageBox.StandardButton.Discard)
    window.undo_action.trigger()
    assert load_contact(people["ada"]).organization == "Analytical Engines"
    assert page.form.texts["notes"].toPlainText() == ""
    assert not page.has_unsaved_changes()
