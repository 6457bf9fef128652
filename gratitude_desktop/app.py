"""Start-up: arguments, data folder, journal, main window, tray. Wiring only."""

from __future__ import annotations

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
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from gratitude_desktop import APP_NAME, __version__, paths, resources
    from gratitude_desktop.store.db import open_journal
    from gratitude_desktop.store.errors import JournalError
    from gratitude_desktop.ui import errors
    from gratitude_desktop.ui.single_instance import SingleInstance

    app = QApplication.instance() or QApplication(sys.argv[:1])
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
    from peewee import DatabaseError

    from gratitude_desktop.store import recovery
    from gratitude_desktop.ui.backup_dialog import offer_recovery, watch_integrity

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
        errors.show_journal_error(problem)
        return 1
    except OSError as problem:
        errors.show_folder_error(data_dir, problem)
        return 1
    try:
        window = build_window(journal)
        if not journal.read_only:
            recovery.session_started(data_dir)
            watch_integrity(window, journal)
        from gratitude_desktop.ui.write_errors import install_write_error_hook

        install_write_error_hook(lambda: window)
        window.show()
        if not journal.read_only:
            start_up_backup(journal)
            from gratitude_desktop.ui.first_start import offer_first_start

            if offer_first_start(window):
                window.reload()
                window.reminders.timer.check_now()
        from gratitude_desktop.ui.tray import bring_forward

        instance.activationRequested.connect(lambda: bring_forward(window))
        return run_event_loop(app, window)
    finally:
        instance.close()
        journal.close()
        if not journal.read_only:
            recovery.session_ended(data_dir, clean=not getattr(journal, "damaged", False))


def build_window(journal):
    """The main window with every page, the tray and the reminder timer wired in."""
    from gratitude_desktop.ui.main_window import MainWindow
    from gratitude_desktop.ui.promises import PromisesView
    from gratitude_desktop.ui.tray import wire_reminders

    window = MainWindow(journal)
    promises = PromisesView(window)
    window.set_page("Promises", promises)
    promises.openContact.connect(window.open_contact)
    window.reminders = reminders = wire_reminders(window)
    promises.promisesChanged.connect(lambda _n: reminders.today.refresh())
    reminders.today.journalChanged.connect(promises.refresh)
    window.contact_page.contactSaved.connect(lambda _id: promises.refresh())
    window.contact_page.interactionLogged.connect(lambda _id: promises.refresh())
    window.contact_page.followThroughChanged.connect(lambda _id: promises.refresh())
    window.contact_page.followThroughChanged.connect(lambda _id: reminders.today.refresh())
    window.settingsRequested.connect(lambda: reminders.open_settings(journal.data_dir))
    wire_goals_and_insights(window)
    return window


def wire_goals_and_insights(window) -> None:
    """The Goals and Insights pages; a reached goal is told once in the tray too."""
    from gratitude_desktop.ui.goals import GoalsView
    from gratitude_desktop.ui.insights import InsightsView

    window.goals = goals = GoalsView(window)
    window.set_page("Goals", goals)
    window.insights = insights = InsightsView(window)
    window.set_page("Insights", insights)
    goals.goalReached.connect(lambda text: window.reminders.tray.show_message("Goal reached", text))
    page = window.contact_page
    for signal in (
        page.contactSaved,
        page.interactionLogged,
        window.reminders.today.journalChanged,
    ):
        signal.connect(insights.journal_changed)
        signal.connect(lambda *_: goals.refresh() if goals.isVisible() else None)


def start_up_backup(journal) -> None:
    """Back up in the background when the newest backup is older than a day."""
    from gratitude_desktop.store.backup import backup_if_stale
    from gratitude_desktop.store.recovery import backup_folder
    from gratitude_desktop.ui.workers import run_in_pool

    run_in_pool(backup_if_stale, journal.path, backup_folder(journal.data_dir))


def run_event_loop(app, window) -> int:
    """app.exec(); a seam so tests can look at the window instead of waiting on it."""
    return app.exec()
