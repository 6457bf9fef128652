"""The Goals view: add, edit, delete, reorder (buttons and the model's move), celebration."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt

from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.goals import GoalData, MilestoneData, list_goals, save_goal
from gratitude_desktop.store.models import Announcement
from gratitude_desktop.ui.goals.dialog import GoalDialog
from gratitude_desktop.ui.goals.model import ProgressRole
from gratitude_desktop.ui.goals.view import GoalsView

TODAY = dt.date(2026, 11, 22)
NOW = dt.datetime(2026, 11, 22, 10, 0)


@pytest.fixture
def view(journal, qtbot):
    widget = GoalsView(today=lambda: TODAY, now=lambda: NOW)
    qtbot.addWidget(widget)
    return widget


def refresh(view, qtbot) -> None:
    with qtbot.waitSignal(view.refreshed, timeout=5000):
        view.refresh()


def titles(view) -> list[str]:
    return [view.model.index(r).data(ProgressRole).title for r in range(view.model.rowCount())]


def three_goals():
    return [
        save_goal(GoalData(t, "new-contacts-met", 4, "month")) for t in ("First", "Second", "Third")
    ]


def fill(dialog: GoalDialog, title: str, metric: str, target: float, period: str) -> None:
    dialog.title.setText(title)
    dialog.metric_choice.setCurrentIndex(dialog.metric_choice.findData(metric))
    dialog.target.setValue(target)
    dialog.period.setCurrentIndex(dialog.period.findData(period))


def test_add_goal_through_the_dialog_shows_it_with_its_figure(view, qtbot, monkeypatch):
    save_contact(ContactData(display_name="Ada", met_on=dt.date(2026, 11, 3)))

    def answer(dialog):
        fill(dialog, "Meet people", "new-contacts-met", 4, "month")
        row = dialog.add_milestone()
        dialog.milestones.cellWidget(row, 0).setDate(QDate(2026, 12, 15))
        dialog.milestones.cellWidget(row, 1).setValue(3)
        return True

    monkeypatch.setattr(view, "open_dialog", answer)
    with qtbot.waitSignal(view.refreshed, timeout=5000):
        goal_id = view.add_goal()
    saved = list_goals()
    assert [(g.id, g.title, g.metric, g.target, g.period) for g in saved] == [
        (goal_id, "Meet people", "new-contacts-met", 4, "month")
    ]
    assert saved[0].milestones == (MilestoneData(3, dt.date(2026, 12, 15), ""),)
    progress = view.model.index(0).data(ProgressRole)
    assert (progress.value, progress.target, progress.text) == (1, 4, "1 of 4")
    assert view.summary.text() == "1 goals · 0 reached · 1 behind"


def test_share_targets_are_entered_as_percent_and_stored_as_fractions(view, monkeypatch):
    def answer(dialog):
        fill(dialog, "Keep promises", "promises-kept-on-time", 95, "quarter")
        assert dialog.target.suffix() == " %"
        return True

    monkeypatch.setattr(view, "open_dialog", answer)
    view.add_goal()
    assert list_goals()[0].target == pytest.approx(0.95)


def test_dialog_refuses_a_goal_without_title(qtbot, journal):
    dialog = GoalDialog()
    qtbot.addWidget(dialog)
    dialog.title.setText("  ")
    dialog.accept()
    assert dialog.result() != GoalDialog.DialogCode.Accepted
    assert dialog.problems.text() == "A goal needs a title."


def test_edit_changes_the_selected_goal_and_keeps_its_rank(view, qtbot, monkeypatch):
    first, second, _third = three_goals()
    refresh(view, qtbot)
    view.select_goal(second)

    def answer(dialog):
        assert dialog.title.text() == "Second"
        fill(dialog, "Second, better", "meetings", 2, "week")
        return True

    monkeypatch.setattr(view, "open_dialog", answer)
    with qtbot.waitSignal(view.refreshed, timeout=5000):
        view.edit_selected()
    assert titles(view) == ["First", "Second, better", "Third"]
    assert view.selected_goal_id() == second
    goal = list_goals()[1]
    assert (goal.metric, goal.target, goal.period) == ("meetings", 2, "week")


def test_delete_asks_then_removes_the_goal(view, qtbot, monkeypatch):
    first, second, third = three_goals()
    refresh(view, qtbot)
    view.select_goal(second)
    asked = []
    monkeypatch.setattr(view, "confirm_delete", lambda title: asked.append(title) or False)
    assert view.delete_selected() is False
    assert len(list_goals()) == 3
    monkeypatch.setattr(view, "confirm_delete", lambda title: True)
    with qtbot.waitSignal(view.refreshed, timeout=5000):
        assert view.delete_selected() is True
    assert asked == ["Second"]
    assert titles(view) == ["First", "Third"]
    assert [g.id for g in list_goals()] == [first, third]


def test_move_buttons_reorder_and_save_the_ranks(view, qtbot):
    first, second, third = three_goals()
    refresh(view, qtbot)
    view.select_goal(third)
    assert not view.down_button.isEnabled()
    view.up_button.click()
    assert titles(view) == ["First", "Third", "Second"]
    assert [g.id for g in list_goals()] == [first, third, second]
    assert view.selected_goal_id() == third
    view.select_goal(first)
    qtbot.keyClick(view.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [g.id for g in list_goals()] == [third, first, second]


def test_dragging_a_row_moves_it_through_the_model(view, qtbot):
    """QListView's internal move calls moveRow(source, destination) on drop."""
    first, second, third = three_goals()
    refresh(view, qtbot)
    with qtbot.waitSignal(view.model.orderChanged) as moved:
        assert view.model.moveRow(QModelIndex(), 0, QModelIndex(), 3)
    assert moved.args == [[second, third, first]]
    assert [g.id for g in list_goals()] == [second, third, first]
    assert not view.model.moveRow(QModelIndex(), 1, QModelIndex(), 1)  # onto itself


def test_reaching_a_goal_is_celebrated_once(view, qtbot):
    save_contact(ContactData(display_name="Ada", met_on=dt.date(2026, 11, 3)))
    save_goal(GoalData("Meet one", "new-contacts-met", 1, "month"))
    told = []
    view.goalReached.connect(told.append)
    refresh(view, qtbot)
    assert told == ["Goal reached: Meet one (1 of 1)"]
    assert not view.banner.isHidden()
    assert "Goal reached: Meet one (1 of 1)" in view.banner.text()
    view.dismiss_banner()
    refresh(view, qtbot)
    assert told == ["Goal reached: Meet one (1 of 1)"]
    assert view.banner.isHidden()
    assert Announcement.select().count() == 1


def test_no_goals_shows_the_empty_message(view, qtbot):
    refresh(view, qtbot)
    assert view.empty.isVisibleTo(view) and not view.list.isVisibleTo(view)
    assert not view.edit_button.isEnabled()


def test_the_next_milestone_is_described(journal):
    from gratitude_desktop.journal.goals import goal_progress, load_goal
    from gratitude_desktop.ui.goals.view import milestone_text

    save_contact(ContactData(display_name="Ada", met_on=dt.date(2026, 3, 3)))
    gid = save_goal(
        GoalData(
            "Meet people",
            "new-contacts-met",
            10,
            "year",
            (
                MilestoneData(1, dt.date(2026, 6, 30)),
                MilestoneData(5, dt.date(2026, 12, 31), "by the end of the year"),
            ),
        )
    )
    p = goal_progress(load_goal(gid), TODAY)
    assert milestone_text(p) == " · next milestone: 5 by 2026-12-31 (1 so far)"


def test_the_app_shows_goals_and_insights_and_tells_the_tray_once(journal, qtbot, monkeypatch):
    from gratitude_desktop import app
    from gratitude_desktop.ui.insights import InsightsView

    save_contact(ContactData(display_name="Ada", met_on=dt.date.today()))
    save_goal(GoalData("Meet one", "new-contacts-met", 1, "month"))
    window = app.build_window(journal)
    qtbot.addWidget(window)
    try:
        assert isinstance(window.page("Goals"), GoalsView)
        assert isinstance(window.page("Insights"), InsightsView)
        told = []
        monkeypatch.setattr(
            window.reminders.tray, "show_message", lambda title, text: told.append((title, text))
        )
        window.show()
        with qtbot.waitSignal(window.goals.refreshed, timeout=5000):
            window.go_to("Goals")
        assert told == [("Goal reached", "Goal reached: Meet one (1 of 1)")]
        with qtbot.waitSignal(window.goals.refreshed, timeout=5000):
            window.goals.refresh()
        assert len(told) == 1
    finally:
        window.reminders.stop()


def test_a_deleted_goal_comes_back_with_the_windows_undo(journal, qtbot, monkeypatch):
    from gratitude_desktop import app

    first, second, third = three_goals()
    window = app.build_window(journal, start_reminders=False)
    qtbot.addWidget(window)
    window.go_to("Goals")
    goals_view = window.page("Goals")
    refresh(goals_view, qtbot)
    goals_view.select_goal(second)
    monkeypatch.setattr(goals_view, "confirm_delete", lambda title: True)
    assert goals_view.delete_selected()
    assert window.undo_action.text() == "&Undo delete the goal “Second”"
    window.undo_action.trigger()
    assert [g.id for g in list_goals()] == [first, second, third]
    qtbot.waitUntil(lambda: titles(goals_view) == ["First", "Second", "Third"], timeout=5000)
    window.redo_action.trigger()
    assert [g.id for g in list_goals()] == [first, third]
    window.reminders.stop()
