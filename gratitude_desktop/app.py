"""Start-up: arguments, data folder, journal, main window, tray. Wiring only."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run a sub-command, or open the window on the journal; returns the exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
    from gratitude_desktop import cli

    ns = cli.parse_args(args)
    if getattr(ns, "self_check", False):  # packaging/build.py starts the bundle this way
        from gratitude_desktop.ui.self_check import run_self_check

        return run_self_check()
    if ns.command or cli.is_one_shot(ns):
        return cli.run_command(ns)
    return run_gui(ns)


def run_gui(ns) -> int:
    """Open the window on the journal and run until it closes; returns the exit code."""
    # Start-up makes many objects and few reference cycles: the collector ran ~96 times
    # (13 ms at 100,000 contacts) before the first paint. It is back on once the window
    # has painted (see open_window), and whatever way this returns.
    gc.disable()
    try:
        return open_window(ns)
    finally:
        gc.enable()


def open_window(ns) -> int:
    preload_journal_modules()
    from peewee import DatabaseError
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from gratitude_desktop import APP_NAME, __version__, paths, resources
    from gratitude_desktop.desktop_entry import COMMAND
    from gratitude_desktop.store.db import open_journal
    from gratitude_desktop.store.errors import JournalError
    from gratitude_desktop.ui.single_instance import SingleInstance

    # The command's name, not argv[0]: `python -m gratitude_desktop` would make the X11
    # window class "__main__.py", and the launcher entry's StartupWMClass would not match.
    app = QApplication.instance() or QApplication([COMMAND])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("org.gratitudejournal.Gratitude")
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(resources.path(f"icons/gratitude-{size}.png")))
    app.setWindowIcon(icon)

    data_dir = paths.resolve_data_dir(getattr(ns, "data_dir", None))
    # A second start brings the running window forward instead of opening the journal twice.
    instance = SingleInstance(data_dir)
    if not instance.is_primary():
        notified = instance.notify_primary()
        instance.close()
        return 0 if notified else 1
    from gratitude_desktop.store import recovery

    # After a crash the journal is checked before it opens; otherwise in the background.
    if recovery.check_before_opening(data_dir) and not offer_recovery(data_dir):
        instance.close()
        return 1
    try:
        try:
            journal = open_journal(data_dir)
        except DatabaseError:  # damaged where opening reads: check, offer a restore, retry
            if not offer_recovery(data_dir):
                instance.close()
                return 1
            journal = open_journal(data_dir)
    except JournalError as problem:
        from gratitude_desktop.ui import errors

        errors.show_journal_error(problem)
        return 1
    except OSError as problem:
        from gratitude_desktop.ui import errors

        errors.show_folder_error(data_dir, problem)
        return 1
    window = None
    try:
        window = build_window(journal, start_reminders=False)
        window.restore_page()  # the view it was closed on; Today the first time
        from gratitude_desktop.ui.first_paint import AfterFirstPaint
        from gratitude_desktop.ui.write_errors import install_write_error_hook

        install_write_error_hook(lambda: window)
        # The window paints first; the agenda, the integrity check and the daily backup
        # start right after (each in a worker, but they would share the CPU and the GIL).
        window.after_first_paint = later = AfterFirstPaint(window)
        later.add(gc.enable)
        later.add(window.reminders.start)
        if not journal.read_only:
            recovery.session_started(data_dir)
            later.add(lambda: watch_integrity(window, journal))
            later.add(lambda: start_up_backup(journal, window))
        window.show()
        if not journal.read_only:
            from gratitude_desktop.ui.first_start import offer_first_start

            if offer_first_start(window):
                window.reload()
                window.reminders.timer.check_now()
        from gratitude_desktop.ui.tray import bring_forward

        instance.activationRequested.connect(lambda: bring_forward(window))
        return run_event_loop(app, window)
    finally:
        later = getattr(window, "after_first_paint", None)
        if later is not None:  # the loop ended before the first paint: nothing to start
            later.cancel()
        instance.close()
        journal.close()
        if not journal.read_only:
            recovery.session_ended(data_dir, clean=not getattr(journal, "damaged", False))


def preload_journal_modules() -> None:
    """Import what the first view reads through (peewee, journal/, store/) before Qt.

    Once PySide6 is imported it reads the source of every module imported after it,
    looking for `from __feature__ import`; importing these first saves that (~14 ms).
    """
    from gratitude_desktop.journal import contacts, insights, lost, promises, referrals  # noqa: F401
    from gratitude_desktop.store import db, queries, recovery  # noqa: F401


def offer_recovery(data_dir) -> bool:
    """The damaged-journal dialog (imported only when a start needs it)."""
    from gratitude_desktop.ui.backup_dialog import offer_recovery as offer

    return offer(data_dir)


def watch_integrity(window, journal) -> None:
    """SQLite's quick check in the background; a failure is told and flags the next start."""
    from gratitude_desktop.ui.backup_dialog import watch_integrity as watch

    watch(window, journal)


def build_window(journal, *, start_reminders: bool = True):
    """The main window with the tray and the reminder timer wired in.

    Only the Contacts page is built now; Today, Promises, Goals, Insights and the
    Trash are built the first time they are shown (MainWindow.set_lazy_page).
    `start_reminders=False` leaves the first agenda check to the caller.
    """
    from gratitude_desktop.ui.main_window import MainWindow
    from gratitude_desktop.ui.reminders import wire_reminders

    window = MainWindow(journal)
    window.reminders = reminders = wire_reminders(window, start=start_reminders)
    reminders.attach_sync(journal.data_dir)  # syncs only once a server is set up
    window.set_lazy_page("Promises", lambda: build_promises(window))
    window.contact_page.followThroughChanged.connect(lambda _id: reminders.timer.check_now())
    window.journalChanged.connect(reminders.timer.check_now)  # after an undo or redo
    window.settingsRequested.connect(lambda: reminders.open_settings(journal.data_dir))
    wire_goals_and_insights(window)
    return window


def build_promises(window):
    """The Promises page, wired to the contact page and Today (built on first use)."""
    from gratitude_desktop.ui.promises import PromisesView

    promises = PromisesView(window)
    promises.openContact.connect(window.open_contact)
    reminders = window.reminders
    promises.promisesChanged.connect(lambda _n: reminders.timer.check_now())
    reminders.journalChanged.connect(promises.refresh)
    window.journalChanged.connect(promises.refresh)
    page = window.contact_page
    for signal in (page.contactSaved, page.interactionLogged, page.followThroughChanged):
        signal.connect(lambda _id: promises.refresh())
    return promises


def wire_goals_and_insights(window) -> None:
    """The Goals and Insights pages (built on first use); a reached goal is told in the tray."""
    window.set_lazy_page("Goals", lambda: build_goals(window))
    window.set_lazy_page("Insights", lambda: build_insights(window))


def build_goals(window):
    from gratitude_desktop.ui.goals import GoalsView

    window.goals = goals = GoalsView(window)
    goals.goalReached.connect(lambda text: window.reminders.tray.show_message("Goal reached", text))
    page = window.contact_page
    for signal in (
        page.contactSaved,
        page.interactionLogged,
        window.reminders.journalChanged,
        window.journalChanged,
    ):
        signal.connect(lambda *_: goals.refresh() if goals.isVisible() else None)
    return goals


def build_insights(window):
    from gratitude_desktop.ui.insights import InsightsView

    window.insights = insights = InsightsView(window)
    # Today's gone-quiet count, from the same agenda as Today and the tray, beside its own.
    timer = window.reminders.timer
    insights.set_agenda(timer.items)
    timer.agendaReady.connect(insights.set_agenda)
    page = window.contact_page
    for signal in (
        page.contactSaved,
        page.interactionLogged,
        window.reminders.journalChanged,
        window.journalChanged,
    ):
        signal.connect(insights.journal_changed)
    insights.openContact.connect(window.open_contact)
    return insights


def start_up_backup(journal, window) -> None:
    """Back up in the background when the newest backup is older than a day.

    A failure is shown in the window's status bar (daily_backup_failed), not only logged.
    """
    from gratitude_desktop.store.backup import backup_if_stale
    from gratitude_desktop.store.recovery import backup_folder
    from gratitude_desktop.ui.workers import run_in_pool

    run_in_pool(
        backup_if_stale,
        journal.path,
        backup_folder(journal.data_dir),
        on_error=window.daily_backup_failed,
    )


def run_event_loop(app, window) -> int:
    """app.exec(); a seam so tests can look at the window instead of waiting on it."""
    return app.exec()
