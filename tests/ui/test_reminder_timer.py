"""ReminderTimer: checks off the GUI thread, on schedule, at midnight and on clock jumps."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.promises import add_promise
from gratitude_desktop.journal.settings import load_settings, save_settings, with_changes
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.models import Announcement
from gratitude_desktop.ui.reminder_timer import (
    AgendaCheck,
    ReminderTimer,
    check_agenda,
    ms_until_after_midnight,
)
from gratitude_desktop.ui.today.view import TodayView

TODAY = dt.date(2026, 11, 23)
NOON = dt.datetime(2026, 11, 23, 12, 0)


class Clock:
    """A wall clock and a monotonic clock the test moves by hand."""

    def __init__(self, start: dt.datetime):
        self.wall = start
        self.mono = 1000.0

    def now(self) -> dt.datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float, wall_extra: float = 0.0) -> None:
        """Time passes; `wall_extra` more seconds pass on the wall only (sleep, clock set)."""
        self.mono += seconds
        self.wall += dt.timedelta(seconds=seconds + wall_extra)


class FakeCheck:
    """Stands in for check_agenda: records each call and returns what it is told."""

    def __init__(self, items=None, new_items=None, minutes=None):
        self.calls: list[tuple[dt.datetime, bool]] = []
        self.items = items or []
        self.new_items = new_items or []
        self.minutes = minutes
        self.lock = threading.Lock()

    def __call__(self, now: dt.datetime, announce: bool) -> AgendaCheck:
        with self.lock:
            self.calls.append((now, announce))
        return AgendaCheck(now.date(), list(self.items), list(self.new_items), self.minutes)


@pytest.fixture
def clock():
    return Clock(NOON)


@pytest.fixture
def make_timer(qtbot, clock):
    made = []

    def make(check=None, **kwargs) -> ReminderTimer:
        timer = ReminderTimer(now=clock.now, monotonic=clock.monotonic, check=check, **kwargs)
        made.append(timer)
        return timer

    yield make
    for timer in made:
        timer.stop()


@pytest.fixture
def due(journal):
    """Two contacts with items on TODAY's agenda."""
    ada = save_contact(
        ContactData(display_name="Ada Lovelace", stage="client", met_on=TODAY - dt.timedelta(40))
    )
    bob = save_contact(ContactData(display_name="Bob Stone", cadence_days=0))
    add_promise(bob, "send the slides", TODAY - dt.timedelta(3), due_on=TODAY)
    return {"ada": ada, "bob": bob}


def test_start_checks_at_once_and_announces_every_new_item(qtbot, make_timer, due):
    timer = make_timer()
    with (
        qtbot.waitSignal(timer.agendaReady) as agenda,
        qtbot.waitSignal(timer.newItems) as new,
    ):
        timer.start()
    names = [item.contact_name for item in agenda.args[0]]
    assert names == ["Ada Lovelace", "Bob Stone"]
    assert [item.key for item in new.args[0]] == [item.key for item in agenda.args[0]]
    assert Announcement.select().count() == 2


def test_items_are_announced_once_not_on_ticks_or_restarts(qtbot, make_timer, due):
    first = make_timer()
    with qtbot.waitSignal(first.newItems):
        first.start()
    first.stop()

    announced = []
    second = make_timer()  # the app started again
    second.newItems.connect(announced.append)
    with qtbot.waitSignal(second.agendaReady):
        second.start()
    with qtbot.waitSignal(second.agendaReady):
        second.tick()
    assert announced == []

    add_promise(due["ada"], "call about the book", TODAY - dt.timedelta(9), due_on=TODAY)
    with qtbot.waitSignal(second.newItems) as new:
        second.tick()
    assert [(i.kind, i.contact_name) for i in new.args[0]] == [("promise-due", "Ada Lovelace")]


def test_the_check_runs_on_a_worker_thread(qtbot, make_timer):
    threads = []
    fake = FakeCheck()

    def check(now, announce):
        threads.append(threading.current_thread())
        return fake(now, announce)

    timer = make_timer(check)
    with qtbot.waitSignal(timer.agendaReady):
        timer.start()
    assert threads and threads[0] is not threading.main_thread()


def test_the_interval_timer_fires_again_and_again(qtbot, make_timer):
    fake = FakeCheck()
    timer = make_timer(fake)
    timer.set_interval_ms(20)
    timer.start()
    qtbot.waitUntil(lambda: timer.checks_done >= 3, timeout=5000)
    assert len(fake.calls) >= 3


def test_interval_follows_the_reminder_minutes_setting(qtbot, make_timer, journal):
    save_settings(with_changes(load_settings(), reminder_minutes=12))
    timer = make_timer()
    assert timer.interval_minutes() == 5
    with qtbot.waitSignal(timer.agendaReady):
        timer.start()
    assert timer.interval_minutes() == 12


def test_a_new_date_triggers_a_check_on_the_next_heartbeat(qtbot, make_timer, clock):
    fake = FakeCheck()
    timer = make_timer(fake)
    with qtbot.waitSignal(timer.agendaReady):
        timer.start()
    clock.advance(60)
    timer.watch_clock()  # same day, no jump: nothing to do
    assert len(fake.calls) == 1

    clock.wall = dt.datetime(2026, 11, 24, 0, 0, 30)
    clock.mono += (clock.wall - NOON).total_seconds() - 60
    with qtbot.waitSignal(timer.agendaReady):
        timer.watch_clock()
    assert fake.calls[-1][0].date() == dt.date(2026, 11, 24)


def test_waking_from_sleep_triggers_a_check(qtbot, make_timer, clock):
    fake = FakeCheck()
    timer = make_timer(fake)
    with qtbot.waitSignal(timer.agendaReady):
        timer.start()
    clock.advance(30, wall_extra=3 * 3600)  # 30 s awake, 3 h asleep
    with qtbot.waitSignal(timer.agendaReady):
        timer.watch_clock()
    assert len(fake.calls) == 2
    assert fake.calls[-1][0] == NOON + dt.timedelta(hours=3, seconds=30)


def test_midnight_is_planned_just_after_the_date_changes(make_timer, clock):
    assert ms_until_after_midnight(dt.datetime(2026, 11, 23, 23, 59, 0)) == 65_000
    timer = make_timer(FakeCheck())
    timer.start()
    assert timer.midnight_interval_ms() == 12 * 3600 * 1000 + 5000
    assert 0 < timer.midnight_ms() <= 12 * 3600 * 1000 + 5000


def test_muted_checks_do_not_announce_until_unmuted(qtbot, make_timer, clock):
    fake = FakeCheck()
    timer = make_timer(fake)
    with qtbot.waitSignal(timer.agendaReady):
        timer.start()
    until = timer.mute_for(dt.timedelta(hours=1))
    assert until == NOON + dt.timedelta(hours=1)
    with qtbot.waitSignal(timer.agendaReady):
        timer.tick()
    with qtbot.waitSignal(timer.agendaReady):
        timer.unmute()
    assert [announce for _, announce in fake.calls] == [True, False, True]
    assert timer.muted_until() is None


def test_mute_ends_by_itself_when_its_time_has_passed(make_timer, clock):
    timer = make_timer(FakeCheck())
    timer.mute_for(dt.timedelta(hours=1))
    clock.advance(3601)
    assert timer.muted_until() is None


def test_checks_never_overlap_and_requests_meanwhile_are_coalesced(qtbot, make_timer):
    release = threading.Event()
    fake = FakeCheck()

    def slow(now, announce):
        release.wait(5)
        return fake(now, announce)

    timer = make_timer(slow)
    timer.check_now()
    assert timer.is_busy()
    timer.check_now()
    timer.check_now()
    release.set()
    qtbot.waitUntil(lambda: timer.checks_done == 2 and not timer.is_busy(), timeout=5000)
    assert len(fake.calls) == 2


def test_a_failed_check_is_reported_and_the_timer_goes_on(qtbot, make_timer):
    def broken(now, announce):
        raise RuntimeError("disk on fire")

    timer = make_timer(broken)
    with qtbot.waitSignal(timer.checkFailed) as failed:
        timer.start()
    assert failed.args == ["Could not check today's agenda: disk on fire"]
    assert timer.is_running() and not timer.is_busy()


def test_today_view_updates_when_the_timer_ticks_and_keeps_the_selection(qtbot, make_timer, due):
    timer = make_timer()
    view = TodayView(timer=timer, today=lambda: TODAY)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.countChanged) as count:
        timer.start()
    assert count.args == [2]
    bob_key = next(i.key for i in view.model.items() if i.contact_name == "Bob Stone")
    assert view.select_key(bob_key)

    carl = save_contact(ContactData(display_name="Carl Ng", cadence_days=0))
    add_promise(carl, "return the book", TODAY - dt.timedelta(20), due_on=TODAY - dt.timedelta(8))
    with qtbot.waitSignal(view.countChanged) as count:
        timer.tick()
    assert count.args == [3]
    assert view.current_key() == bob_key


def test_view_refresh_asks_the_timer_for_a_check(qtbot, make_timer):
    fake = FakeCheck()
    timer = make_timer(fake)
    view = TodayView(timer=timer, today=lambda: TODAY)
    qtbot.addWidget(view)
    with qtbot.waitSignal(timer.agendaReady):
        view.refresh()
    assert len(fake.calls) == 1


def test_check_agenda_without_announcing_records_nothing(due):
    found = check_agenda(NOON, announce=False)
    assert [i.contact_name for i in found.items] == ["Ada Lovelace", "Bob Stone"]
    assert found.new_items == []
    assert found.reminder_minutes == 5
    assert Announcement.select().count() == 0


def test_a_check_first_keeps_the_cadences_of_new_contacts_for_the_next(due):
    from gratitude_desktop.journal.cadence import cadences_known_for, cadences_to_fill

    settings = load_settings()
    assert cadences_to_fill(settings)  # new contacts: not known yet
    first = check_agenda(NOON, announce=False)
    assert cadences_known_for(settings) and not cadences_to_fill(settings)
    assert check_agenda(NOON, announce=False).items == first.items


def test_while_an_import_holds_the_journal_the_agenda_is_shown_and_announced_later(due, journal):
    import sqlite3
    import time

    importing = sqlite3.connect(journal.path, isolation_level=None)
    try:
        importing.execute("BEGIN IMMEDIATE")  # what an import holds for as long as it runs
        began = time.monotonic()
        found = check_agenda(NOON)
        assert time.monotonic() - began < 4  # not the 5 s busy timeout
        assert [i.contact_name for i in found.items] == ["Ada Lovelace", "Bob Stone"]
        assert found.new_items == [] and Announcement.select().count() == 0
    finally:
        importing.execute("ROLLBACK")
        importing.close()
    assert len(check_agenda(NOON).new_items) == 2  # the next check announces them


def test_on_a_read_only_journal_the_check_shows_the_agenda_without_announcing(
    data_dir, due, journal
):
    journal.close()
    read_only = open_journal(data_dir, read_only=True)
    try:
        found = check_agenda(NOON)
        assert [i.contact_name for i in found.items] == ["Ada Lovelace", "Bob Stone"]
        assert found.new_items == []  # nothing can be recorded, so nothing is announced
    finally:
        read_only.close()


def test_worker_results_reach_plain_callbacks_on_the_gui_thread(qtbot, journal):
    from gratitude_desktop.ui.workers import run_in_pool

    seen = []

    def job():
        from gratitude_desktop.store.models import Contact

        return threading.current_thread(), Contact.select().count()

    done = []
    run_in_pool(job, on_result=lambda value: seen.append((threading.current_thread(), value)))
    run_in_pool(lambda: 1 / 0, on_error=lambda exc: done.append(type(exc)))
    qtbot.waitUntil(lambda: bool(seen and done))
    (callback_thread, (job_thread, count)) = seen[0]
    assert callback_thread is threading.main_thread()
    assert job_thread is not threading.main_thread()
    assert count == 0
    assert done == [ZeroDivisionError]


def test_a_check_tells_goals_due_for_review_once(journal):
    import datetime as dt

    from gratitude_desktop.journal import goals
    from gratitude_desktop.ui.reminder_timer import check_agenda

    goals.save_goal(
        goals.GoalData(
            "Meet people", "new-contacts-met", 4, "month", review_on=dt.date(2026, 1, 31)
        )
    )
    now = dt.datetime(2026, 2, 2, 9, 0)
    assert check_agenda(now).goal_reviews == ["Meet people"]
    assert check_agenda(now).goal_reviews == []
    assert check_agenda(now, announce=False).goal_reviews == []
