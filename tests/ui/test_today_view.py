"""The Today view: grouped agenda, one-key actions, selection kept across refreshes."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from gratitude_desktop.journal.agenda import compute_agenda
from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.promises import add_promise
from gratitude_desktop.journal.referrals import record_received
from gratitude_desktop.store.models import Interaction, Promise, Referral, Snooze
from gratitude_desktop.ui.today.model import ItemRole, TodayModel, when_text
from gratitude_desktop.ui.today.view import (
    EMPTY_TITLE,
    PAGE_EMPTY,
    PAGE_LIST,
    TodayView,
    add_months,
)

TODAY = dt.date(2026, 11, 23)


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


@pytest.fixture
def people(journal):
    """A journal with one item of each actionable kind; returns the contact ids by name."""
    ids = {}
    ids["ada"] = save_contact(
        ContactData(display_name="Ada Lovelace", stage="client", met_on=TODAY - days(40))
    )
    ids["bob"] = save_contact(ContactData(display_name="<b>Bob</b> & Co", cadence_days=0))
    add_promise(ids["bob"], "send the link", TODAY - days(5), due_on=TODAY)
    ids["cleo"] = save_contact(ContactData(display_name="Cleo Díaz", cadence_days=0))
    add_promise(
        ids["cleo"],
        "introduce me to her editor",
        TODAY - days(10),
        direction="they-owe",
        due_on=TODAY - days(3),
    )
    ids["dan"] = save_contact(ContactData(display_name="Dan Brown", cadence_days=0))
    ids["eve"] = save_contact(ContactData(display_name="Eve Adams", cadence_days=0))
    record_received(ids["dan"], ids["eve"], TODAY - days(5))
    return ids


@pytest.fixture
def view(qtbot, people):
    widget = TodayView(today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_items(compute_agenda(TODAY))
    widget.setFocus()
    return widget


def key_of(view: TodayView, kind: str) -> str:
    return next(item.key for item in view.model.items() if item.kind == kind)


def select_kind(view: TodayView, kind: str):
    assert view.select_key(key_of(view, kind))
    return view.current_item()


def press(qtbot, view: TodayView, key) -> None:
    qtbot.keyClick(view.tree, key)


def test_items_are_grouped_under_a_heading_per_kind(view):
    model = view.model
    headings = [model.index(row, 0).data() for row in range(model.rowCount())]
    # AGENDA.md's table order, each heading with its count.
    assert headings == [
        "Gone quiet (1)",
        "Promises you made (1)",
        "Owed to you (1)",
        "Referrals to thank (1)",
    ]
    quiet = model.index(0, 0)
    assert model.index(0, 0, quiet).data() == "Ada Lovelace"
    ada = model.index(0, 0, quiet).data(ItemRole)
    assert model.index(0, 1, quiet).data() == ada.reason
    assert "40 days" in ada.reason
    assert model.index(0, 2, quiet).data() == "13 Nov · 10 days overdue"
    assert view.pages.currentIndex() == PAGE_LIST


def test_headings_cannot_be_selected(view):
    heading = view.model.index(0, 0)
    assert not view.model.flags(heading) & Qt.ItemFlag.ItemIsSelectable
    assert view.model.item(heading) is None


def test_names_are_shown_as_typed_not_as_html(view):
    promise_section = view.model.index(1, 0)
    name = view.model.index(0, 0, promise_section)
    assert name.data() == "<b>Bob</b> & Co"
    tooltip = name.data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;Bob&lt;/b&gt; &amp; Co" in tooltip
    assert "<b>Bob" not in tooltip


def test_first_item_is_selected_when_the_agenda_arrives(view):
    assert view.current_item().contact_name == "Ada Lovelace"


def test_L_asks_to_log_an_interaction_with_the_selected_contact(qtbot, view, people):
    select_kind(view, "promise-owed")
    with qtbot.waitSignal(view.logInteraction) as blocker:
        press(qtbot, view, Qt.Key.Key_L)
    assert blocker.args == [people["cleo"]]


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_O])
def test_enter_or_O_opens_the_contact_once(qtbot, view, people, key):
    select_kind(view, "thank-referral")
    opened = []
    view.openContact.connect(opened.append)
    press(qtbot, view, key)
    assert opened == [people["dan"]]


def test_K_marks_the_promise_kept_and_takes_it_off_the_list(qtbot, view, people):
    item = select_kind(view, "promise-due")
    with qtbot.waitSignal(view.journalChanged):
        press(qtbot, view, Qt.Key.Key_K)
    promise = Promise.get_by_id(item.ref_id)
    assert (promise.status, promise.done_on) == ("kept", TODAY)
    assert item.key not in [i.key for i in view.model.items()]
    assert view.status.text() == "Kept: <b>Bob</b> & Co"


def test_N_logs_the_polite_nudge(qtbot, view, people):
    select_kind(view, "promise-owed")
    with qtbot.waitSignal(view.journalChanged):
        press(qtbot, view, Qt.Key.Key_N)
    logged = Interaction.get(Interaction.contact == people["cleo"])
    assert logged.summary == "Polite nudge: introduce me to her editor"
    assert logged.direction == "outbound"


def test_T_thanks_the_referrer(qtbot, view, people):
    item = select_kind(view, "thank-referral")
    with qtbot.waitSignal(view.journalChanged):
        press(qtbot, view, Qt.Key.Key_T)
    assert Referral.get_by_id(item.ref_id).thanked_on == TODAY
    thanks = Interaction.get(Interaction.contact == people["dan"])
    assert thanks.purpose == "thank-you"


def test_keys_for_other_kinds_do_nothing(qtbot, view, people):
    select_kind(view, "quiet")
    assert not view.actions["kept"].isEnabled()
    assert not view.actions["thank"].isEnabled()
    changed = []
    view.journalChanged.connect(lambda: changed.append(1))
    press(qtbot, view, Qt.Key.Key_K)
    press(qtbot, view, Qt.Key.Key_T)
    press(qtbot, view, Qt.Key.Key_N)
    assert changed == []
    assert Promise.select().where(Promise.status == "kept").count() == 0
    assert view.hints.text() == "L log   S snooze   Enter open"


def test_S_opens_the_snooze_menu_and_one_week_snoozes(qtbot, view, people):
    select_kind(view, "quiet")
    press(qtbot, view, Qt.Key.Key_S)
    qtbot.waitUntil(view.snooze_menu.isVisible)
    labels = [a.text() for a in view.snooze_menu.actions()]
    assert labels == [
        "1 &day (until Tue 24 Nov)",
        "1 &week (until Mon 30 Nov)",
        "1 &month (until Wed 23 Dec)",
        "&Pick a date…",
    ]
    with qtbot.waitSignal(view.journalChanged):
        qtbot.keyClick(view.snooze_menu, Qt.Key.Key_W)
    assert Snooze.get(Snooze.contact == people["ada"]).until == TODAY + days(7)
    assert "quiet" not in [i.kind for i in view.model.items()]


def test_snooze_until_a_picked_date(qtbot, view, people):
    select_kind(view, "quiet")
    view.pick_snooze_date()
    dialog = view.date_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.set_date(TODAY + days(45))
    with qtbot.waitSignal(view.journalChanged):
        dialog.accept()
    assert Snooze.get(Snooze.contact == people["ada"]).until == TODAY + days(45)


def test_snooze_is_only_for_quiet_items(view):
    select_kind(view, "promise-due")
    assert not view.actions["snooze"].isEnabled()


def test_refresh_keeps_the_selected_item(view, people):
    item = select_kind(view, "promise-owed")
    add_promise(people["eve"], "call back", TODAY - days(40), due_on=TODAY - days(30))
    view.set_items(compute_agenda(TODAY))
    assert view.count() == 5
    assert view.current_key() == item.key


def test_selection_moves_to_the_next_item_when_the_selected_one_is_gone(qtbot, view):
    select_kind(view, "promise-due")
    items = [i for i in view.model.items() if i.kind != "promise-due"]
    view.set_items(items)
    # Shown order: quiet, promise-due (gone), promise-owed, thank-referral.
    assert view.current_item().kind == "promise-owed"


def test_count_changed_signals_the_number_of_items(qtbot, view):
    counts = []
    view.countChanged.connect(counts.append)
    view.set_items(view.model.items()[:2])
    view.set_items(view.model.items()[:2])  # same count: no signal
    view.set_items([])
    assert counts == [2, 0]


def test_empty_agenda_shows_a_friendly_message(view):
    view.set_items([])
    assert view.pages.currentIndex() == PAGE_EMPTY
    assert view.empty_title.text() == EMPTY_TITLE == "Nobody is due today."
    assert view.empty_line.text()
    assert view.current_item() is None
    assert not view.actions["log"].isEnabled()


def test_refresh_without_a_timer_reads_the_agenda_in_a_worker(qtbot, people):
    widget = TodayView(today=lambda: TODAY)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.countChanged) as blocker:
        widget.refresh()
    assert blocker.args == [4]
    assert [i.contact_name for i in widget.model.items()][0] == "Ada Lovelace"


def test_today_model_passes_the_model_tester(qtmodeltester, people):
    model = TodayModel()
    model.set_items(compute_agenda(TODAY))
    qtmodeltester.check(model, force_py=True)
    model.remove_key(model.items()[0].key)
    qtmodeltester.check(model, force_py=True)
    assert model.item_count() == 3


def test_removing_the_last_item_of_a_section_removes_its_heading(people):
    model = TodayModel()
    model.set_items(compute_agenda(TODAY))
    quiet = next(i for i in model.items() if i.kind == "quiet")
    assert model.remove_key(quiet.key)
    assert model.index(0, 0).data() == "Promises you made (1)"
    assert model.index(0, 0).parent() == QModelIndex()
    assert model.data(model.index(0, 0, model.index(0, 0)), ItemRole).kind == "promise-due"


def test_when_text_says_how_late_or_how_soon():
    class Item:
        def __init__(self, due_on, days_overdue):
            self.due_on, self.days_overdue = due_on, days_overdue

    assert when_text(Item(TODAY, 0)) == "23 Nov · today"
    assert when_text(Item(TODAY - days(1), 1)) == "22 Nov · 1 day overdue"
    assert when_text(Item(TODAY + days(1), -1)) == "24 Nov · tomorrow"
    assert when_text(Item(TODAY + days(3), -3)) == "26 Nov · in 3 days"
    assert when_text(Item(dt.date(2025, 11, 1), 387)) == "1 Nov 2025 · 387 days overdue"


def test_one_month_later_is_clamped_to_the_months_end():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 12, 15), 1) == dt.date(2027, 1, 15)


def test_view_shows_user_text_as_plain_text_in_labels(view):
    app = QApplication.instance()
    assert app is not None
    assert view.status.textFormat() == Qt.TextFormat.PlainText
    assert view.empty_title.textFormat() == Qt.TextFormat.PlainText


def test_the_same_agenda_again_changes_nothing(qtbot, view):
    select_kind(view, "thank-referral")
    resets = []
    view.model.modelReset.connect(lambda: resets.append(1))
    view.set_items(compute_agenda(TODAY))
    assert resets == []
    assert view.current_item().kind == "thank-referral"


def test_refresh_keeps_the_scroll_position(qtbot, journal):
    for n in range(60):
        save_contact(
            ContactData(display_name=f"Person {n:02}", stage="client", met_on=TODAY - days(31 + n))
        )
    widget = TodayView(today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.show()
    qtbot.waitExposed(widget)
    items = compute_agenda(TODAY)
    widget.set_items(items)
    bar = widget.tree.verticalScrollBar()
    assert bar.maximum() > 20
    widget.select_key(items[30].key)
    bar.setValue(bar.value() + 3)  # the user scrolled a little, the selection still shows
    before = bar.value()
    widget.set_items(items[:-1])  # one item fewer at the bottom
    QApplication.processEvents()  # the view lays its rows out again
    assert bar.value() == before
    assert widget.current_key() == items[30].key


def test_model_finds_items_by_key_and_position(people):
    model = TodayModel()
    items = compute_agenda(TODAY)
    model.set_items(items)
    shown = [model.item(index).key for index in model.item_indexes()]
    for position, key in enumerate(shown):
        assert model.position_of_key(key) == position
        assert model.item(model.index_of_key(key)).key == key
    assert model.position_of_key("nope") is None
    assert not model.index_of_key("nope").isValid()
