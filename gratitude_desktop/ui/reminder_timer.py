"""The reminder timer: re-checks the agenda off the GUI thread and says what is new.

It checks at start-up, every `reminder_minutes` (Settings, default 5), just after
midnight, and whenever the wall clock jumps (the machine woke up, the clock was
set) or the date changed since the last look. The agenda itself is computed by
journal.agenda in a worker thread with its own database connection; results come
back as signals. Which items were already announced is remembered in the
database (journal.agenda.announce_new), so a notification is shown once per item,
not again on every tick or restart.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal, Slot

from gratitude_desktop.ui.workers import run_in_pool

log = logging.getLogger(__name__)

DEFAULT_MINUTES = 5
# A cheap clock check (no database) that notices date changes and clock jumps.
HEARTBEAT_MS = 30_000
# Wall clock moving this much more (or less) than the monotonic clock is a jump.
JUMP_TOLERANCE = dt.timedelta(seconds=90)
# Fire a little after midnight so "today" has surely changed.
AFTER_MIDNIGHT = dt.time(0, 0, 5)


@dataclass(frozen=True)
class AgendaCheck:
    """What one check found: the whole agenda and the items never announced before."""

    today: dt.date
    items: list = field(default_factory=list)
    new_items: list = field(default_factory=list)
    reminder_minutes: int | None = None
    # Titles of the goals newly due for review (told once per goal and review date).
    goal_reviews: list = field(default_factory=list)


def check_agenda(now: dt.datetime, announce: bool = True) -> AgendaCheck:
    """Compute today's agenda and (when `announce`) record which items are new.

    Runs on a worker thread: it only talks to journal/, with the thread's own connection.
    """
    from gratitude_desktop.journal.agenda import announce_new_unless_busy, compute_agenda
    from gratitude_desktop.journal.cadence import fill_effective_cadences_now
    from gratitude_desktop.journal.settings import load_settings

    settings = load_settings()
    # New and changed contacts get their cadence kept, so the agenda finds them by index.
    fill_effective_cadences_now(settings)
    today = now.date()
    items = list(compute_agenda(today, settings))
    # During an import (it holds the write lock) the agenda is still shown; its new items
    # are announced by the next check.
    new = (announce_new_unless_busy(items, now) or []) if announce else []
    reviews: list[str] = []
    if announce:
        from gratitude_desktop.journal.goals import announce_reviews
        from gratitude_desktop.store.db import unless_busy

        due = unless_busy(lambda: announce_reviews(today, now), 1_000) or []
        reviews = [goal.title for goal in due]
    minutes = getattr(settings, "reminder_minutes", None)
    return AgendaCheck(
        today=today, items=items, new_items=new, reminder_minutes=minutes, goal_reviews=reviews
    )


def ms_until_after_midnight(now: dt.datetime) -> int:
    """Milliseconds from `now` to a few seconds after the next midnight."""
    target = dt.datetime.combine(now.date() + dt.timedelta(days=1), AFTER_MIDNIGHT)
    if now.tzinfo is not None:
        target = target.replace(tzinfo=now.tzinfo)
    return max(1000, int((target - now).total_seconds() * 1000))


class ReminderTimer(QObject):
    """Re-checks the agenda on a schedule; emits the agenda and the newly due items.

    `now` and `monotonic` are the clocks (injectable for tests); `check(now, announce)`
    is the job run on the pool (check_agenda by default).
    """

    agendaReady = Signal(list)  # every item on today's agenda, in agenda order
    newItems = Signal(list)  # items due for the first time: notify about these once
    goalsToReview = Signal(list)  # titles of goals newly due for review: say so once
    checkFailed = Signal(str)  # a check raised; the message, in words
    muteChanged = Signal(object)  # datetime until which notifications wait, or None

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        now: Callable[[], dt.datetime] | None = None,
        monotonic: Callable[[], float] | None = None,
        check: Callable[[dt.datetime, bool], AgendaCheck] | None = None,
        minutes: int = DEFAULT_MINUTES,
        pool: QThreadPool | None = None,
    ):
        super().__init__(parent)
        self._now = now or dt.datetime.now
        self._monotonic = monotonic or time.monotonic
        self._check = check or check_agenda
        if pool is None:
            # Our own pool of one thread: checks never overlap, and stop() can wait for it.
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)
        self._pool = pool
        self._busy = False
        self._pending = False
        self._running = False
        self._muted_until: dt.datetime | None = None
        self._last_wall: dt.datetime | None = None
        self._last_mono: float | None = None
        self._today: dt.date | None = None
        self.items: list = []  # the last agenda received
        self.checks_done = 0

        self._interval = QTimer(self)
        self._interval.setObjectName("reminderInterval")
        self._interval.timeout.connect(self.tick)
        self.set_interval_minutes(minutes)

        self._heartbeat = QTimer(self)
        self._heartbeat.setObjectName("reminderHeartbeat")
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self.watch_clock)

        self._midnight = QTimer(self)
        self._midnight.setObjectName("reminderMidnight")
        self._midnight.setSingleShot(True)
        self._midnight.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may slip
        self._midnight.timeout.connect(self._on_midnight)

        self._unmute = QTimer(self)
        self._unmute.setSingleShot(True)
        self._unmute.timeout.connect(self.unmute)

    # -- schedule ---------------------------------------------------------------------------

    def start(self) -> None:
        """Start the schedule and check right away (start-up check)."""
        self._running = True
        self._interval.start()
        self._heartbeat.start()
        self._remember_clock()
        self._schedule_midnight()
        self.check_now()

    def stop(self, wait_ms: int = 5000) -> None:
        """Stop every timer and wait (at most `wait_ms`) for a check in flight to finish."""
        self._running = False
        for timer in (self._interval, self._heartbeat, self._midnight, self._unmute):
            timer.stop()
        self._pool.waitForDone(wait_ms)

    def is_running(self) -> bool:
        return self._running

    def interval_minutes(self) -> int:
        return self._interval.interval() // 60_000

    @Slot(int)
    def set_interval_minutes(self, minutes: int) -> None:
        """Check every `minutes` (at least 1); takes effect from now."""
        minutes = max(1, int(minutes or DEFAULT_MINUTES))
        self._interval.setInterval(minutes * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        """Check every `ms` milliseconds (tests, and anyone tuning below a minute)."""
        self._interval.setInterval(max(1, int(ms)))

    # -- muting ("Snooze all for an hour") ---------------------------------------------------

    def muted_until(self) -> dt.datetime | None:
        if self._muted_until is not None and self._now() >= self._muted_until:
            self._muted_until = None
        return self._muted_until

    @Slot(object)
    def mute_until(self, until: dt.datetime) -> None:
        """Hold notifications back until `until`; items due meanwhile are announced after."""
        self._muted_until = until
        ms = int((until - self._now()).total_seconds() * 1000)
        self._unmute.start(max(0, ms))
        self.muteChanged.emit(until)

    def mute_for(self, duration: dt.timedelta = dt.timedelta(hours=1)) -> dt.datetime:
        until = self._now() + duration
        self.mute_until(until)
        return until

    @Slot()
    def unmute(self) -> None:
        """Let notifications through again, and announce what waited."""
        was_muted = self._muted_until is not None
        self._muted_until = None
        self._unmute.stop()
        if was_muted:
            self.muteChanged.emit(None)
            self.check_now()

    # -- checks -----------------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._busy

    def run_job(self, fn: Callable, *args, on_result=None, on_error=None):
        """Run `fn(*args)` on this timer's worker (one thread: never beside an agenda check).

        The same worker runs syncs (ui.sync_timer), so the two never write at once.
        """
        return run_in_pool(fn, *args, on_result=on_result, on_error=on_error, pool=self._pool)

    @Slot()
    def tick(self) -> None:
        """The interval timer fired: look at the clock, then check the agenda."""
        if not self._clock_moved():
            self.check_now()

    @Slot()
    def watch_clock(self) -> None:
        """Heartbeat: a check only when the date changed or the wall clock jumped."""
        self._clock_moved()

    def _clock_moved(self) -> bool:
        """Check (and re-plan midnight) if the date changed or the clock jumped; True if so."""
        wall, mono = self._now(), self._monotonic()
        moved = False
        if self._last_wall is not None and self._last_mono is not None:
            expected = self._last_wall + dt.timedelta(seconds=mono - self._last_mono)
            if abs(wall - expected) > JUMP_TOLERANCE:
                log.info("wall clock jumped by %s; re-checking the agenda", wall - expected)
                moved = True
        if self._today is not None and wall.date() != self._today:
            moved = True
        self._last_wall, self._last_mono = wall, mono
        if moved:
            self._schedule_midnight()
            self.check_now()
        return moved

    def _remember_clock(self) -> None:
        self._last_wall, self._last_mono = self._now(), self._monotonic()

    def _schedule_midnight(self) -> None:
        if self._running:
            self._midnight.start(ms_until_after_midnight(self._now()))

    def midnight_ms(self) -> int:
        """Milliseconds left before the after-midnight check (-1 when not planned)."""
        return self._midnight.remainingTime() if self._midnight.isActive() else -1

    def midnight_interval_ms(self) -> int:
        """How long the after-midnight check was planned for when it was (re)started."""
        return self._midnight.interval() if self._midnight.isActive() else -1

    @Slot()
    def _on_midnight(self) -> None:
        self._remember_clock()
        self._schedule_midnight()
        self.check_now()

    @Slot()
    def check_now(self) -> None:
        """Re-check the agenda now (coalesced: one check at a time, one more queued)."""
        if self._busy:
            self._pending = True
            return
        self._busy = True
        self._pending = False
        now = self._now()
        self._today = now.date()
        announce = self.muted_until() is None
        run_in_pool(
            self._check,
            now,
            announce,
            on_result=self._on_result,
            on_error=self._on_error,
            pool=self._pool,
        )

    def _on_result(self, found: AgendaCheck) -> None:
        self._busy = False
        self.checks_done += 1
        self.items = list(found.items)
        if found.reminder_minutes and found.reminder_minutes != self.interval_minutes():
            self.set_interval_minutes(found.reminder_minutes)
        self.agendaReady.emit(list(found.items))
        if found.new_items:
            self.newItems.emit(list(found.new_items))
        if found.goal_reviews:
            self.goalsToReview.emit(list(found.goal_reviews))
        self._follow_up()

    def _on_error(self, exc: BaseException) -> None:
        self._busy = False
        self.checks_done += 1
        self.checkFailed.emit(f"Could not check today's agenda: {exc}")
        self._follow_up()

    def _follow_up(self) -> None:
        if self._pending:
            self._pending = False
            self.check_now()
