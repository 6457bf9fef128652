"""TrayIcon: count on the icon and tooltip, menu actions, one message per new item,
close-to-tray; and a plain window app where the desktop has no tray."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMainWindow, QSystemTrayIcon

from gratitude_desktop.journal.agenda import AgendaItem
from gratitude_desktop.journal.settings import Settings
from gratitude_desktop.ui.tray import icon as tray_module
from gratitude_desktop.ui.tray.close_to_tray import install_close_to_tray, should_hide_on_close
from gratitude_desktop.ui.tray.icon import (
    TRAY_TOLD_TEXT,
    TrayIcon,
    draw_icon,
    menu_text,
    tooltip_text,
)

TODAY = dt.date(2026, 11, 23)
NOON = dt.datetime(2026, 11, 23, 12, 0)


def item(
    n: int, name: str | None = None, kind: str = "quiet", reason: str = "No contact for 40 days"
):
    return AgendaItem(
        kind=kind,
        contact_id=n,
        contact_name=name or f"Person {n}",
        due_on=TODAY - dt.timedelta(days=n),
        reason=reason,
        days_overdue=n,
    )


@dataclass
class Shown:
    title: str
    body: str


@pytest.fixture
def messages(monkeypatch):
    """Every QSystemTrayIcon.showMessage call, instead of a real balloon."""
    shown: list[Shown] = []

    def fake(self, title, body, *args):
        shown.append(Shown(title, body))

    monkeypatch.setattr(QSystemTrayIcon, "showMessage", fake)
    return shown


@pytest.fixture
def clock():
    class Clock:
        now = NOON

    return Clock


@pytest.fixture
def tray(qtbot, monkeypatch, messages, clock):
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    icon = TrayIcon(markup=False, now=lambda: clock.now)
    yield icon
    icon.hide()


def agenda_texts(icon: TrayIcon) -> list[str]:
    return [a.text() for a in icon.agenda_menu.actions() if not a.isSeparator()]


def test_without_a_tray_the_wrapper_creates_nothing_and_does_nothing(monkeypatch, messages):
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    icon = TrayIcon()
    assert icon.available is False
    assert icon.tray is None and icon.menu is None
    icon.show()
    icon.set_items([item(1), item(2)])
    icon.notify([item(1)])
    icon.show_message("t", "x")
    assert messages == []
    assert icon.count() == 2
    assert not icon.is_visible()


def test_the_count_goes_in_the_tooltip_and_on_the_icon(tray):
    plain = tray.tray.icon().pixmap(32, 32).toImage()
    tray.set_items([item(1), item(2), item(3)])
    assert tray.tooltip() == "Gratitude — 3 things to do today"
    badged = tray.tray.icon().pixmap(32, 32).toImage()
    assert badged != plain
    # The badge is red, top right.
    assert QColor(badged.pixel(26, 6)).red() > 150 and QColor(badged.pixel(26, 6)).green() < 90
    tray.set_items([])
    assert tray.tooltip() == "Gratitude — nobody is due today"


def test_tooltip_words():
    assert tooltip_text(1) == "Gratitude — 1 thing to do today"
    assert tooltip_text(12) == "Gratitude — 12 things to do today"


def test_badge_differs_by_count_and_caps_at_nine_plus():
    assert draw_icon(32, 3).toImage() != draw_icon(32, 4).toImage()
    assert draw_icon(32, 12).toImage() == draw_icon(32, 99).toImage()
    assert draw_icon(32, 0).toImage() == tray_module.draw_base_icon(32).toImage()


def test_menu_has_open_agenda_snooze_and_quit(tray):
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == [
        "&Open Gratitude",
        "&Today's agenda",
        "&Snooze all for an hour",
        "&Quit Gratitude",
    ]
    assert agenda_texts(tray) == ["Nobody is due today"]


def test_open_action_and_a_click_on_the_icon_open_the_window(qtbot, tray):
    with qtbot.waitSignal(tray.openRequested):
        tray.actions["open"].trigger()
    with qtbot.waitSignal(tray.openRequested):
        tray.tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    opened = []
    tray.openRequested.connect(lambda: opened.append(1))
    tray.tray.activated.emit(QSystemTrayIcon.ActivationReason.Context)
    assert opened == []


def test_agenda_menu_lists_the_first_five_and_opens_the_contact(qtbot, tray):
    tray.set_items([item(n, name=f"P{n} & Sons") for n in range(1, 8)])
    texts = agenda_texts(tray)
    assert texts[:5] == [f"P{n} && Sons — No contact for 40 days" for n in range(1, 6)]
    assert texts[5] == "All 7 on today's agenda…"
    with qtbot.waitSignal(tray.openContactRequested) as opened:
        tray.agenda_menu.actions()[2].trigger()
    assert opened.args == [3]
    with qtbot.waitSignal(tray.openRequested):
        tray.agenda_menu.actions()[-1].trigger()


def test_quit_action_asks_to_quit(qtbot, tray):
    with qtbot.waitSignal(tray.quitRequested):
        tray.actions["quit"].trigger()


def test_one_message_per_new_item(tray, messages):
    tray.notify([item(1, "Ada"), item(2, "Bob", kind="promise-due", reason="You promised")])
    assert [(m.title, m.body) for m in messages] == [
        ("Time to get in touch", "Ada: No contact for 40 days"),
        ("A promise falls due", "Bob: You promised"),
    ]


def test_many_new_items_at_once_make_one_summary_message(tray, messages):
    tray.notify([item(n) for n in range(1, 11)])
    assert len(messages) == 1
    assert messages[0].title == "10 new things to do today"
    assert (
        messages[0].body
        == "Person 1, Person 2, Person 3 and 7 more people. Open Gratitude to see them all."
    )


def test_the_summary_names_each_person_once(tray, messages):
    tray.notify(
        [item(1, "Ada"), item(1, "Ada", kind="thank-referral"), item(3, "Bob"), item(4, "Cy")]
    )
    assert messages[0].title == "4 new things to do today, for 3 people"
    assert messages[0].body == "Ada, Bob and Cy. Open Gratitude to see them all."


def test_the_summary_counts_people_and_items_so_the_names_add_up(tray, messages):
    """31 things for 26 people: three named and 23 more people (issue 15, point 7)."""
    items = [item(n) for n in range(1, 27)]
    items += [item(n, kind="thank-referral") for n in range(1, 6)]  # five have two things
    tray.notify(items)
    assert messages[0].title == "31 new things to do today, for 26 people"
    assert messages[0].body.startswith("Person 1, Person 2, Person 3 and 23 more people.")


def test_message_text_is_escaped_where_the_platform_reads_markup(monkeypatch, messages, qtbot):
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    reading_markup = TrayIcon(markup=True)
    reading_markup.notify([item(1, "<b>Ann</b> & Co")])
    plain = TrayIcon(markup=False)
    plain.notify([item(1, "<b>Ann</b> & Co")])
    assert [m.body for m in messages] == [
        "&lt;b&gt;Ann&lt;/b&gt; &amp; Co: No contact for 40 days",
        "<b>Ann</b> & Co: No contact for 40 days",
    ]


def test_clicking_a_message_opens_its_contact(qtbot, tray):
    tray.notify([item(7, "Gus")])
    with qtbot.waitSignal(tray.openContactRequested) as opened:
        tray.tray.messageClicked.emit()
    assert opened.args == [7]


def test_snooze_all_for_an_hour_holds_messages_back(qtbot, tray, messages, clock):
    with qtbot.waitSignal(tray.muteRequested) as muted:
        tray.actions["mute"].trigger()
    assert muted.args == [NOON + dt.timedelta(hours=1)]
    assert tray.actions["mute"].text() == "&Resume reminders (snoozed until 13:00)"
    tray.notify([item(1)])
    assert messages == []
    clock.now = NOON + dt.timedelta(minutes=61)
    tray.notify([item(2)])
    assert len(messages) == 1
    assert tray.actions["mute"].text() == "&Snooze all for an hour"


def test_snoozing_from_the_tray_mutes_the_reminder_timer(qtbot, tray, clock):
    from gratitude_desktop.ui.reminder_timer import AgendaCheck, ReminderTimer

    timer = ReminderTimer(now=lambda: clock.now, check=lambda now, a: AgendaCheck(now.date()))
    tray.attach(timer)
    tray.actions["mute"].trigger()
    assert timer.muted_until() == NOON + dt.timedelta(hours=1)
    tray.actions["mute"].trigger()
    qtbot.waitUntil(lambda: not timer.is_busy())
    assert timer.muted_until() is None
    timer.stop()


def test_tray_follows_the_timer(qtbot, tray, messages):
    from gratitude_desktop.ui.reminder_timer import AgendaCheck, ReminderTimer

    items = [item(1, "Ada"), item(2, "Bob")]
    timer = ReminderTimer(
        now=lambda: NOON, check=lambda now, a: AgendaCheck(now.date(), items, items[:1])
    )
    tray.attach(timer)
    with qtbot.waitSignal(timer.agendaReady):
        timer.check_now()
    assert tray.count() == 2
    assert [m.body for m in messages] == ["Ada: No contact for 40 days"]
    timer.stop()


def test_menu_text_is_one_short_line_without_mnemonics():
    assert menu_text("Tom &\tJerry\nInc") == "Tom && Jerry Inc"
    assert len(menu_text("x" * 100)) == 60


# -- close to tray ---------------------------------------------------------------------------


def test_should_hide_on_close_needs_a_tray_and_the_setting():
    assert should_hide_on_close(Settings(close_to_tray=True), True) is True
    assert should_hide_on_close(Settings(close_to_tray=False), True) is False
    assert should_hide_on_close(Settings(close_to_tray=True), False) is False


@pytest.fixture
def window(qtbot):
    win = QMainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    QApplication.setQuitOnLastWindowClosed(True)


def test_closing_hides_to_the_tray_and_tells_the_user_once(qtbot, tray, window, messages):
    saved = []
    settings = [Settings(close_to_tray=True, tray_told=False)]

    def save(s):
        saved.append(s)
        settings[0] = s

    tray.show()
    filt = install_close_to_tray(window, tray, lambda: settings[0], save)
    with qtbot.waitSignal(filt.hiddenToTray):
        assert window.close()
    assert not window.isVisible()
    assert QApplication.quitOnLastWindowClosed() is False  # the app keeps running
    assert [m.body for m in messages] == [TRAY_TOLD_TEXT]
    assert saved == [replace(Settings(), close_to_tray=True, tray_told=True)]

    window.show()
    with qtbot.waitSignal(filt.hiddenToTray):
        window.close()
    assert len(messages) == 1  # told once only


def test_nothing_is_told_when_the_window_refuses_to_close(qtbot, tray, messages):
    class Stubborn(QMainWindow):
        def closeEvent(self, event):  # e.g. unsaved edits, and the user said Cancel
            event.ignore()

    win = Stubborn()
    qtbot.addWidget(win)
    win.show()
    tray.show()
    filt = install_close_to_tray(
        win, tray, lambda: Settings(close_to_tray=True, tray_told=False), lambda s: None
    )
    hidden = []
    filt.hiddenToTray.connect(lambda: hidden.append(1))
    assert win.close() is False
    QApplication.processEvents()  # runs the after-close check: the window is still open
    assert filt._pending is None
    assert hidden == [] and messages == []
    QApplication.setQuitOnLastWindowClosed(True)


def test_closing_quits_when_the_setting_is_off(tray, window):
    tray.show()
    install_close_to_tray(window, tray, lambda: Settings(close_to_tray=False), lambda s: None)
    assert window.close()
    assert QApplication.quitOnLastWindowClosed() is True


def test_closing_quits_without_a_tray(monkeypatch, window, messages):
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    no_tray = TrayIcon()
    install_close_to_tray(window, no_tray, lambda: Settings(close_to_tray=True), lambda s: None)
    assert window.close()
    assert QApplication.quitOnLastWindowClosed() is True
    assert messages == []


def test_tray_quit_really_quits(monkeypatch, tray, window):
    tray.show()
    quits = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(1)))
    install_close_to_tray(window, tray, lambda: Settings(close_to_tray=True), lambda s: None)
    window.close()
    tray.actions["quit"].trigger()
    assert quits == [1]
    assert QApplication.quitOnLastWindowClosed() is True


def test_close_filter_ignores_other_events(tray, window):
    filt = install_close_to_tray(window, tray, lambda: Settings(), lambda s: None)
    assert filt.eventFilter(window, QEvent(QEvent.Type.Show)) is False


QUIT_SCRIPT = """
import os
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QSystemTrayIcon
QSystemTrayIcon.isSystemTrayAvailable = staticmethod(lambda: True)
from gratitude_desktop.journal.settings import Settings
from gratitude_desktop.ui.tray import TrayIcon, install_close_to_tray
app = QApplication([])
tray = TrayIcon(markup=False)
tray.show()
win = QMainWindow()
win.show()
install_close_to_tray(win, tray, lambda: Settings(close_to_tray=True, tray_told=True), print)
hide_first = sys.argv[1] == "hidden"
if hide_first:
    QTimer.singleShot(0, win.close)
QTimer.singleShot(50, QApplication.quit)
QTimer.singleShot(5000, lambda: os._exit(7))  # the quit was swallowed
sys.exit(app.exec())
"""


@pytest.mark.parametrize("state", ["hidden", "shown"])
def test_application_quit_is_not_swallowed_by_close_to_tray(state):
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", QUIT_SCRIPT, state], cwd=root, env=env, timeout=30)
    assert done.returncode == 0


# -- wiring into the main window -------------------------------------------------------------


def test_wire_reminders_puts_today_the_tray_and_the_timer_on_the_main_window(
    qtbot, journal, messages
):
    from gratitude_desktop.journal.contacts import ContactData, save_contact
    from gratitude_desktop.journal.promises import add_promise
    from gratitude_desktop.ui.main_window import MainWindow
    from gratitude_desktop.ui.reminders import wire_reminders

    today = dt.date.today()  # the timer reads the real clock here
    ada = save_contact(
        ContactData(display_name="Ada Lovelace", stage="client", met_on=today - dt.timedelta(40))
    )
    bob = save_contact(ContactData(display_name="Bob Stone", cadence_days=0))
    add_promise(bob, "send the slides", today - dt.timedelta(3), due_on=today)

    win = MainWindow(journal)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    reminders = wire_reminders(win, tray_available=True)
    try:
        assert win.page("Today") is reminders.today
        qtbot.waitUntil(lambda: win.navigation.item(0).text() == "Today (2)")
        assert reminders.tray.tooltip() == "Gratitude — 2 things to do today"
        assert [m.title for m in messages] == ["Time to get in touch", "A promise falls due"]

        reminders.today.openContact.emit(ada)
        assert win.current_page_name() == "Contacts"
        assert win.contact_page.current_contact_id() == ada

        reminders.tray.openRequested.emit()
        assert win.current_page_name() == "Today"

        assert win.close()
        assert not win.isVisible()
        assert QApplication.quitOnLastWindowClosed() is False
        reminders.tray.openContactRequested.emit(bob)
        assert win.isVisible()
        assert win.contact_page.current_contact_id() == bob
    finally:
        reminders.stop()
        QApplication.setQuitOnLastWindowClosed(True)


def test_without_a_tray_the_window_closes_normally_and_today_still_counts(
    qtbot, journal, monkeypatch
):
    from gratitude_desktop.journal.contacts import ContactData, save_contact
    from gratitude_desktop.ui.main_window import MainWindow
    from gratitude_desktop.ui.reminders import wire_reminders

    alerts = []
    monkeypatch.setattr(QApplication, "alert", staticmethod(lambda w, ms=0: alerts.append(w)))
    win = MainWindow(journal)
    qtbot.addWidget(win)
    reminders = wire_reminders(win, tray_available=False)
    try:
        assert reminders.close_to_tray is None
        qtbot.waitUntil(lambda: reminders.timer.checks_done >= 1)
        assert win.navigation.item(0).text() == "Today"
        assert reminders.today.empty_title.isVisibleTo(reminders.today)
        assert alerts == []

        today = dt.date.today()
        save_contact(
            ContactData(display_name="Ada", stage="client", met_on=today - dt.timedelta(40))
        )
        reminders.today.refresh()
        qtbot.waitUntil(lambda: win.navigation.item(0).text() == "Today (1)")
        assert alerts == [win]  # the taskbar entry asks for attention instead of a balloon
        assert win.close()
        assert QApplication.quitOnLastWindowClosed() is True
    finally:
        reminders.stop()


def test_icon_is_painted_when_the_svg_is_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(tray_module.resources, "path", lambda name: tmp_path / "missing.svg")
    painted = tray_module.draw_base_icon(64).toImage()
    corner = painted.pixelColor(1, 1)
    warm = painted.pixelColor(8, 40)  # the rounded square, beside the heart
    heart = painted.pixelColor(32, 30)
    assert corner.alpha() == 0
    assert (warm.red(), warm.green(), warm.blue()) == (0xE2, 0x7A, 0x42)
    assert (heart.red(), heart.green(), heart.blue()) == (255, 255, 255)


def test_goals_due_for_review_are_told_in_one_message(tray, messages):
    tray.notify_reviews(["Find a mentor", "Meet people", "Speak twice", "Read more"])
    assert messages == [
        Shown(
            "Goals to review",
            "Find a mentor; Meet people; Speak twice and 1 more. Open Goals to review them.",
        )
    ]
    tray.notify_reviews([])
    assert len(messages) == 1
