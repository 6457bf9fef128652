"""Start-up: arguments, data folder, journal, main window. Wiring only."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run a sub-command, or open the window on the journal; returns the exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args == ["--self-check"]:  # packaging/build.py starts the bundle this way
        from gratitude_desktop.ui.self_check import run_self_check

        return run_self_check()
    from gratitude_desktop import cli

    ns = cli.parse_args(args)
    if ns.command:
        return cli.run_command(ns)
    return run_gui(ns)


def run_gui(ns) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from gratitude_desktop import APP_NAME, __version__, paths, resources
    from gratitude_desktop.store.db import open_journal
    from gratitude_desktop.store.errors import JournalError
    from gratitude_desktop.ui import errors

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
    try:
        journal = open_journal(data_dir)
    except JournalError as problem:
        errors.show_journal_error(problem)
        return 1
    except OSError as problem:
        errors.show_folder_error(data_dir, problem)
        return 1
    try:
        from gratitude_desktop.ui.first_start import offer_first_start
        from gratitude_desktop.ui.main_window import MainWindow

        window = MainWindow(journal)
        window.show()
        if not journal_read_only(journal) and offer_first_start(window):
            window.reload()
        return run_event_loop(app, window)
    finally:
        journal.close()


def journal_read_only(journal) -> bool:
    return bool(getattr(journal, "read_only", False))


def run_event_loop(app, window) -> int:
    """app.exec(); a seam so tests can look at the window instead of waiting on it."""
    return app.exec()
