"""The Promises view: groups, search, sort, and one-key follow-through driven by keyboard."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.interactions import timeline
from gratitude_desktop.journal.promises import add_promise, load_promise, open_promises
from gratitude_desktop.ui.promises.model import HeaderRole, PromiseRole, PromiseTableModel
from gratitude_desktop.ui.promises.view import PromisesView

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 15, 30)


def days(n):
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def people(journal):
    ada = save_contact(ContactData(display_name="Ada Lovelace"))
    bob = save_contact(ContactData(display_name="Bob Noyce"))
    cy = save_contact(ContactData(display_name="Cy Quiet", dnc_channels=("all",)))
    return ada, bob, cy


@pytest.fixture
def seeded(people):
    ada, bob, cy = people
    made = days(-30)
    return dict(
        late=add_promise(ada, "Send the grant link", made, due_on=days(-2)),
        soon=add_promise(bob, "Introduce Bob to Grace", made, due_on=days(3)),
        later=add_promise(ada, "Read their blog", made, due_on=days(20)),
        owed=add_promise(bob, "Send the signed form", made, direction="they-owe", due_on=days(-4)),
        dnc=add_promise(cy, "Return the book", made, due_on=days(1)),
    )


def make_view(qtbot):
    view = PromisesView(today=lambda: TODAY, now=lambda: NOW)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.table.setFocus()
    return view


def shown(model):
    """What the list shows, row by row: headers as '# title', promises by what."""
    out = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(HeaderRole):
            out.append("# " + index.data())
        else:
            out.append(index.data(PromiseRole).what)
    return out


def answer_next_dialog(qtbot, act):
    """Run `act(dialog)` on the next modal dialog, once it is open (a user's answer)."""

    def check():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, check)
            return
        act(dialog)
        if dialog.isVisible():  # the answer did not close it: fail the test, never hang it
            dialog.reject()

    QTimer.singleShot(0, check)


def test_the_model_passes_qt_model_checks(qtmodeltester, seeded):
    from gratitude_desktop.journal.promises import mark_kept

    mark_kept(seeded["late"], TODAY)
    model = PromiseTableModel(lambda: TODAY)
    qtmodeltester.check(model)
    model.set_show_done(True)
    qtmodeltester.check(model)


def test_open_promises_are_grouped_overdue_week_later_owed_to_us(qtbot, seeded):
    view = make_view(qtbot)
    assert shown(view.model) == [
        "# Overdue · 1",
        "Send the grant link",
        "# Due this week · 2",
        "Return the book",
        "Introduce Bob to Grace",
        "# Later · 1",
        "Read their blog",
        "# Owed to you · 1",
        "Send the signed form",
    ]
    assert view.summary.text() == "5 open · 1 overdue · 1 owed to you"
    row = view.model.row_of(seeded["late"])
    assert view.model.index(row, 1).data() == "2 days overdue"
    dnc_row = view.model.row_of(seeded["dnc"])
    assert view.model.index(dnc_row, 2).data() == "Cy Quiet · do not contact"
    assert not view.model.index(dnc_row, 2).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert view.model.index(row, 2).data(Qt.ItemDataRole.DecorationRole) is None
    # Header rows are not selectable: the cursor starts on the first promise.
    assert view.current_promise().id == seeded["late"]
    assert view.table.columnSpan(0, 0) == view.model.columnCount()


def test_down_arrow_skips_group_headers(qtbot, seeded):
    view = make_view(qtbot)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.current_promise().id == seeded["dnc"]


def test_search_narrows_the_list_as_you_type(qtbot, seeded):
    view = make_view(qtbot)
    qtbot.keyClicks(view.search, "bob")
    qtbot.waitUntil(lambda: view.model.search_text == "bob")
    assert shown(view.model) == [
        "# Due this week · 1",
        "Introduce Bob to Grace",
        "# Owed to you · 1",
        "Send the signed form",
    ]
    view.search.clear()
    qtbot.keyClicks(view.search, "nothing like it")
    qtbot.waitUntil(lambda: view.model.search_text == "nothing like it")
    assert view.empty.isVisible() and not view.table.isVisible()
    assert "nothing like it" in view.empty.text()


def test_sorting_by_contact_keeps_the_groups(qtbot, seeded):
    view = make_view(qtbot)
    view.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert shown(view.model)[2:5] == [
        "# Due this week · 2",
        "Return the book",  # Cy before Bob, descending
        "Introduce Bob to Grace",
    ]
    view.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert shown(view.model)[3] == "Introduce Bob to Grace"


def test_ctrl_k_marks_kept_in_one_action_and_logs_it(qtbot, seeded, people):
    ada = people[0]
    view = make_view(qtbot)
    assert view.current_promise().id == seeded["late"]
    with qtbot.waitSignal(view.promisesChanged) as changed:
        qtbot.keyClick(view.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert changed.args == [ada]
    assert load_promise(seeded["late"]).status == "kept"
    [entry] = timeline(ada)
    assert (entry.summary, entry.at) == ("Kept: Send the grant link", NOW)
    assert "Send the grant link" not in shown(view.model)
    # The selection moves on to the next promise, ready for the next key.
    assert view.current_promise().id == seeded["dnc"]


def test_space_marks_kept_too(qtbot, seeded, people):
    view = make_view(qtbot)
    view.select_promise(seeded["soon"])
    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    assert load_promise(seeded["soon"]).status == "kept"
    assert timeline(people[1])[0].summary == "Kept: Introduce Bob to Grace"


def test_typing_a_space_in_the_search_box_marks_nothing(qtbot, seeded):
    view = make_view(qtbot)
    view.search.setFocus()
    qtbot.keyClicks(view.search, "the b")
    assert load_promise(seeded["late"]).status == "open"
    assert view.search.text() == "the b"


def test_keeping_a_promise_to_a_do_not_contact_person_asks_for_a_reason(qtbot, seeded, people):
    cy = people[2]
    view = make_view(qtbot)
    view.select_promise(seeded["dnc"])

    def give_reason(dialog):
        assert isinstance(dialog, QInputDialog)
        assert "Cy Quiet asked not to be contacted" in dialog.labelText()
        dialog.setTextValue("They asked for the book back")
        dialog.accept()

    answer_next_dialog(qtbot, give_reason)
    qtbot.keyClick(view.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert load_promise(seeded["dnc"]).status == "kept"
    assert timeline(cy)[0].override_reason == "They asked for the book back"


def test_cancelling_the_reason_leaves_the_promise_open(qtbot, seeded, people):
    view = make_view(qtbot)
    view.select_promise(seeded["dnc"])
    answer_next_dialog(qtbot, lambda dialog: dialog.reject())
    qtbot.keyClick(view.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert load_promise(seeded["dnc"]).status == "open"
    assert timeline(people[2]) == []
    assert view.status.text() == "Nothing was logged."


def test_nudge_is_one_key_for_an_overdue_promise_owed_to_us(qtbot, seeded, people):
    bob = people[1]
    view = make_view(qtbot)
    view.select_promise(seeded["late"])
    assert not view.nudge_action.isEnabled()
    view.select_promise(seeded["owed"])
    assert view.nudge_action.isEnabled()
    assert not view.cant_keep_action.isEnabled()
    with qtbot.waitSignal(view.promisesChanged):
        qtbot.keyClick(view.table, Qt.Key.Key_N)
    [entry] = timeline(bob)
    assert (entry.summary, entry.direction) == ("Polite nudge: Send the signed form", "outbound")
    assert load_promise(seeded["owed"]).status == "open"
    assert "Nudge logged" in view.status.text()


def test_cant_keep_it_asks_why_and_adds_a_promise_to_tell_them(qtbot, seeded):
    view = make_view(qtbot)
    view.select_promise(seeded["later"])

    def say_why(dialog):
        qtbot.keyClicks(dialog.findChild(type(view.search)), "their blog is gone")
        dialog.accept()

    answer_next_dialog(qtbot, say_why)
    qtbot.keyClick(view.table, Qt.Key.Key_C)
    old = load_promise(seeded["later"])
    assert (old.status, old.blocked_reason) == ("released", "their blog is gone")
    assert "Tell Ada Lovelace why: their blog is gone" in shown(view.model)
    assert view.status.text() == "Recorded. Next: Tell Ada Lovelace why: their blog is gone"


def test_broken_asks_whether_to_log_an_apology(qtbot, seeded, people):
    ada = people[0]
    view = make_view(qtbot)
    view.select_promise(seeded["later"])

    def apologise(box):
        assert isinstance(box, QMessageBox)
        assert "Apologise to Ada Lovelace" in box.text()
        [button] = [b for b in box.buttons() if b.text() == "Break and log apology"]
        button.click()

    answer_next_dialog(qtbot, apologise)
    qtbot.keyClick(view.table, Qt.Key.Key_B)
    assert load_promise(seeded["later"]).status == "broken"
    [entry] = timeline(ada)
    assert entry.purpose == "apology" and "Read their blog" in entry.summary


def test_broken_without_apology_logs_nothing(qtbot, seeded, people):
    view = make_view(qtbot)
    view.select_promise(seeded["soon"])

    def break_only(box):
        [button] = [b for b in box.buttons() if b.text() == "Break only"]
        button.click()

    answer_next_dialog(qtbot, break_only)
    qtbot.keyClick(view.table, Qt.Key.Key_B)
    assert load_promise(seeded["soon"]).status == "broken"
    assert timeline(people[1]) == []


def test_released_closes_the_promise_quietly(qtbot, seeded, people):
    view = make_view(qtbot)
    view.select_promise(seeded["soon"])
    qtbot.keyClick(view.table, Qt.Key.Key_R)
    assert load_promise(seeded["soon"]).status == "released"
    assert timeline(people[1]) == []


def test_enter_opens_the_contact(qtbot, seeded, people):
    view = make_view(qtbot)
    view.select_promise(seeded["owed"])
    with qtbot.waitSignal(view.openContact) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [people[1]]


def test_enter_in_the_search_box_moves_to_the_list_without_opening(qtbot, seeded):
    view = make_view(qtbot)
    view.search.setFocus()
    qtbot.keyClicks(view.search, "grant")
    with qtbot.assertNotEmitted(view.openContact):
        qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.model.search_text == "grant"
    assert view.current_promise().id == seeded["late"]


def test_the_list_pages_in_without_losing_groups(qtbot, people, monkeypatch):
    ada, bob, _cy = people
    monkeypatch.setattr(PromiseTableModel, "PAGE_SIZE", 3)
    for i in range(4):
        add_promise(ada, f"ours {i}", days(-30), due_on=days(-10 + i))
    for i in range(3):
        add_promise(bob, f"theirs {i}", days(-30), direction="they-owe", due_on=days(i))
    model = PromiseTableModel(lambda: TODAY)
    assert model.rowCount() == 4 and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert shown(model) == [
        "# Overdue · 4",
        "ours 0",
        "ours 1",
        "ours 2",
        "ours 3",
        "# Owed to you · 3",
        "theirs 0",
        "theirs 1",
        "theirs 2",
    ]


def test_refresh_picks_up_a_new_day(qtbot, people):
    ada = people[0]
    pid = add_promise(ada, "Send it", TODAY, due_on=days(1))
    day = [TODAY]
    view = PromisesView(today=lambda: day[0], now=lambda: NOW)
    qtbot.addWidget(view)
    assert shown(view.model)[0] == "# Due this week · 1"
    day[0] = days(3)
    view.refresh()
    assert shown(view.model)[0] == "# Overdue · 1"
    assert view.current_promise().id == pid


def test_empty_journal_shows_a_friendly_line(qtbot, journal):
    view = make_view(qtbot)
    assert view.empty.isVisible()
    assert view.empty.text().startswith("No open promises.")
    assert not view.kept_action.isEnabled()


@pytest.fixture
def history(qtbot):
    """The window's undo history, without a window: Ctrl+Z is history.stack.undo() here."""
    from gratitude_desktop.ui.undo import UndoHistory

    made = UndoHistory()
    made.install()
    return made


def test_undo_reopens_a_kept_promise_and_removes_its_timeline_entry(qtbot, seeded, people, history):
    ada = people[0]
    view = make_view(qtbot)
    qtbot.keyClick(view.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert len(timeline(ada)) == 1
    assert history.stack.undoText() == "mark “Send the grant link” kept (Ada Lovelace)"
    history.stack.undo()
    assert load_promise(seeded["late"]).status == "open"
    assert timeline(ada) == []
    history.stack.redo()
    assert load_promise(seeded["late"]).status == "kept" and len(timeline(ada)) == 1


def test_undo_of_cant_keep_removes_the_tell_them_promise(qtbot, seeded, history):
    view = make_view(qtbot)
    view.select_promise(seeded["later"])
    answer_next_dialog(qtbot, lambda d: (d.setTextValue("blog deleted"), d.accept()))
    qtbot.keyClick(view.table, Qt.Key.Key_C)
    assert any(w.startswith("Tell Ada") for w in shown(view.model) if not w.startswith("#"))
    history.stack.undo()
    view.refresh()  # the window re-reads its pages after an undo
    old = load_promise(seeded["later"])
    assert (old.status, old.blocked_reason) == ("open", "")
    assert not any(w.startswith("Tell Ada") for w in shown(view.model))


def test_undo_of_a_nudge_removes_the_nudge_and_what_the_promise_remembered(
    qtbot, seeded, people, history
):
    view = make_view(qtbot)
    view.select_promise(seeded["owed"])
    qtbot.keyClick(view.table, Qt.Key.Key_N)
    assert len(timeline(people[1])) == 1
    assert (load_promise(seeded["owed"]).nudges, history.stack.undoText()) == (
        1,
        f"nudge {load_contact_name(people[1])} about “{load_promise(seeded['owed']).what}”",
    )
    history.stack.undo()
    assert timeline(people[1]) == []
    assert (load_promise(seeded["owed"]).nudges, load_promise(seeded["owed"]).nudged_on) == (
        0,
        None,
    )


def test_the_view_has_no_undo_of_its_own(qtbot, journal):
    view = make_view(qtbot)
    assert not [a for a in view.actions() if "undo" in a.text().lower()]
    assert not hasattr(view, "undo")


def test_edit_changes_what_and_due_date(qtbot, seeded):
    view = make_view(qtbot)
    view.select_promise(seeded["later"])

    def change(dialog):
        dialog.what.selectAll()
        qtbot.keyClicks(dialog.what, "Read and comment on their blog")
        dialog.due.setDate(dialog.due.date().addDays(-25))  # now overdue
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    answer_next_dialog(qtbot, change)
    qtbot.keyClick(view.table, Qt.Key.Key_E)
    p = load_promise(seeded["later"])
    assert (p.what, p.due_on) == ("Read and comment on their blog", days(-5))
    assert shown(view.model)[:3] == [
        "# Overdue · 2",
        "Read and comment on their blog",
        "Send the grant link",
    ]
    assert view.current_promise().id == seeded["later"]


def test_promise_dialog_adds_a_promise_they_made(qtbot, people):
    from gratitude_desktop.ui.promises.dialog import PromiseDialog

    bob = people[1]
    dialog = PromiseDialog(bob, today=TODAY, direction="they-owe")
    qtbot.addWidget(dialog)
    assert dialog.direction.currentText() == "They promised to…"
    dialog.has_due.setChecked(False)
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # An empty "what" is refused beside the fields; nothing saved yet.
    assert dialog.problems.text() == "Say what was promised."
    assert open_promises(TODAY) == []
    qtbot.keyClicks(dialog.what, "Send the signed form")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    p = load_promise(saved.args[0])
    assert (p.contact_id, p.what, p.direction, p.due_on, p.made_on) == (
        bob,
        "Send the signed form",
        "they-owe",
        None,
        TODAY,
    )


def test_undo_of_broken_removes_the_apology_and_reopens_in_one_step(qtbot, seeded, people, history):
    view = make_view(qtbot)
    view.select_promise(seeded["later"])
    answer_next_dialog(
        qtbot,
        lambda box: [b for b in box.buttons() if b.text() == "Break and log apology"][0].click(),
    )
    qtbot.keyClick(view.table, Qt.Key.Key_B)
    assert len(timeline(people[0])) == 1
    assert history.stack.count() == 1
    history.stack.undo()
    assert load_promise(seeded["later"]).status == "open"
    assert timeline(people[0]) == []


def test_undo_of_released_reopens(qtbot, seeded, history):
    view = make_view(qtbot)
    view.select_promise(seeded["soon"])
    qtbot.keyClick(view.table, Qt.Key.Key_R)
    history.stack.undo()
    assert load_promise(seeded["soon"]).status == "open"


def test_coming_back_to_the_page_shows_promises_added_elsewhere(qtbot, people):
    view = make_view(qtbot)
    assert view.model.total() == 0
    view.hide()
    add_promise(people[0], "Added from the contact page", TODAY, due_on=days(2))
    view.show()
    assert shown(view.model) == ["# Due this week · 1", "Added from the contact page"]


def test_show_closed_lists_kept_promises_last_and_reopen_brings_one_back(qtbot, seeded):
    view = make_view(qtbot)
    qtbot.keyClick(view.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert not view.reopen_action.isVisible()
    view.show_done.setChecked(True)
    assert shown(view.model)[-2:] == ["# Kept, released or broken · 1", "Send the grant link"]
    row = view.model.row_of(seeded["late"])
    assert view.model.index(row, 1).data() == "Kept 2026-11-23"
    assert view.summary.text().startswith("4 open")
    view.select_promise(seeded["late"])
    assert not view.kept_action.isEnabled() and view.reopen_action.isEnabled()
    qtbot.keyClick(view.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert load_promise(seeded["late"]).status == "kept"  # nothing happens to a closed one
    qtbot.keyClick(view.table, Qt.Key.Key_O)
    assert load_promise(seeded["late"]).status == "open"
    assert view.current_promise().id == seeded["late"]
    assert shown(view.model)[1] == "Send the grant link"


def load_contact_name(contact_id):
    from gratitude_desktop.store.models import Contact

    return Contact.get_by_id(contact_id).display_name
