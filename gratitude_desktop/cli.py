"""The journal from a terminal: import, export and agenda, for scripting and for tests."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from gratitude_desktop import __version__
from gratitude_desktop.paths import absolute, resolve_data_dir
from gratitude_desktop.printable import escaped

PROG = "gratitude-desktop"
EXIT_OK, EXIT_JOURNAL, EXIT_REFUSED = 0, 1, 2
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser: global options, then one sub-parser per command."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="A desktop contact journal. With no command, opens the window.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None,
        help="the folder holding the journal (default: $GRATITUDE_DATA_DIR, "
        "else the platform's user data folder)",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="open a journal in a temporary folder, draw the window offscreen, exit 0 if all is well",
    )
    parser.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add Gratitude to the desktop's application launcher (Linux, XDG folders)",
    )
    parser.add_argument(
        "--uninstall-desktop-entry",
        action="store_true",
        help="remove what --install-desktop-entry added",
    )
    # Global options are accepted after the command too; SUPPRESS keeps a value given
    # before the command when none is given after it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="as above")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    imp = commands.add_parser(
        "import",
        parents=[common],
        help="import an address book (CSV, vCard) or a journal archive (.json)",
        description="Import contacts; prints what was created, merged and refused.",
    )
    imp.add_argument("file", metavar="FILE", help="the file to import")
    imp.add_argument("--flavour", metavar="NAME", help="the CSV flavour (default: detected)")
    imp.add_argument("--encoding", metavar="NAME", help="the text encoding (default: detected)")
    imp.add_argument(
        "--dry-run", action="store_true", help="report what would happen, change nothing"
    )
    imp.add_argument("--json", action="store_true", help="print the report as JSON")

    exp = commands.add_parser(
        "export",
        parents=[common],
        help="export the journal as CSV, vCard, a JSON archive or a reminders calendar",
        description="Export every contact (json: the whole journal; ics: a read-only "
        "calendar of birthdays, anniversaries and promise due dates to subscribe to).",
    )
    exp.add_argument("--format", required=True, choices=["csv", "vcard", "json", "ics"])
    exp.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    exp.add_argument(
        "--include-do-not-contact",
        action="store_true",
        help="csv/vcard: also write people who asked not to be contacted, marked as such",
    )
    exp.add_argument(
        "--for",
        dest="for_channel",
        choices=["email", "phone", "mail"],
        help="csv: a mailing list of the people reachable on this channel, one row each",
    )

    agenda = commands.add_parser(
        "agenda",
        parents=[common],
        help="who to reach out to today, and why",
        description="Exactly what the Today view and the tray would show.",
    )
    agenda.add_argument("--today", metavar="YYYY-MM-DD", help="the day to compute it for")
    agenda.add_argument("--json", action="store_true", help="print the agenda as JSON")

    back = commands.add_parser(
        "backup",
        parents=[common],
        help="back up the journal (works while the window is open)",
        description="Copy the journal consistently into the backup folder, or to FILE. "
        "A backup you ask for removes none (the daily one rotates the folder: 7 daily, "
        "4 weekly, 12 monthly, and a week of those taken before a change).",
    )
    back.add_argument("-o", "--output", metavar="FILE", help="write the backup to this file")

    restore = commands.add_parser(
        "restore",
        parents=[common],
        help="replace the journal with a backup (the current state is backed up first)",
        description="Restore a backup file. Refused while the window has the journal open.",
    )
    restore.add_argument("file", metavar="FILE", help="the backup to restore")

    cap = commands.add_parser(
        "capture",
        parents=[common],
        help="log the touches found in mail and calendar files (headers only)",
        description="Scan mail (mbox, Maildir, .eml, a Thunderbird profile) and calendar (.ics) "
        "files for messages and meetings with contacts, and log them as one batch that can be "
        "undone. Without --mail or --calendar, scans the sources set in Settings.",
    )
    cap.add_argument(
        "--mail",
        action="append",
        default=[],
        metavar="PATH",
        help="a mail source: a file or folder, or imaps://USER@HOST/ (read-only; the password "
        "from $GRATITUDE_IMAP_PASSWORD, else asked)",
    )
    cap.add_argument(
        "--calendar", action="append", default=[], metavar="PATH", help="a calendar file or folder"
    )
    cap.add_argument(
        "--me", action="append", default=[], metavar="ADDRESS", help="one of your own addresses"
    )
    cap.add_argument(
        "--dry-run", action="store_true", help="report what would be logged, change nothing"
    )
    cap.add_argument("--json", action="store_true", help="print the report as JSON")

    sync = commands.add_parser(
        "sync",
        parents=[common],
        help="sync contacts with your own CardDAV server",
        description="Sync the journal's contacts with your CardDAV address book, both ways "
        "(the server set in Settings → Sync when no --url is given). The password comes "
        "from the system keyring, or from $GRATITUDE_SYNC_PASSWORD.",
    )
    sync.add_argument("--url", metavar="URL", help="the server (https://…; found from a bare name)")
    sync.add_argument("--user", metavar="NAME", help="the user name on the server")
    sync.add_argument(
        "--dry-run", action="store_true", help="report what would change, change nothing"
    )
    sync.add_argument("--json", action="store_true", help="print the result as JSON")
    return parser


# The arguments that name a file or folder; each is made absolute as soon as it is parsed.
PATH_ARGUMENTS = ("data_dir", "file", "output")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line; `command` is None when the window should open.

    Every path given is absolute in the result (taken from the current folder), so
    nothing after this point sees a relative one.
    """
    ns = build_parser().parse_args(argv)
    for name in PATH_ARGUMENTS:
        value = getattr(ns, name, None)
        if value:
            setattr(ns, name, str(absolute(value)))
    return ns


def _fail(message: str, code: int) -> int:
    """Print a refusal on one line (control characters from files shown escaped)."""
    print(f"{PROG}: {escaped(message)}", file=sys.stderr)
    return code


class _Unavailable(Exception):
    """A part of the app this build does not have."""


def _lazy(module: str, name: str):
    """module.name, imported only when a command needs it."""
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except ModuleNotFoundError as missing:
        if missing.name != module:
            raise
        raise _Unavailable(f"{module} is missing from this installation.") from None


def _open(ns: argparse.Namespace, *, lock: bool):
    from gratitude_desktop import paths
    from gratitude_desktop.store.db import open_journal
    from gratitude_desktop.store.intact import known_intact
    from gratitude_desktop.store.recovery import DamagedJournal, is_damaged

    data_dir = resolve_data_dir(ns.data_dir)
    database = paths.database_path(data_dir)
    # The whole-file check, unless the file is just as a command that checked it left it.
    if not known_intact(database) and is_damaged(database):
        raise DamagedJournal(database)
    journal = open_journal(data_dir, lock=lock, holder=ns.command)
    journal.checked = True
    return journal


def _backup(ns: argparse.Namespace) -> int:
    from gratitude_desktop.store import recovery

    journal = _open(ns, lock=False)  # a consistent copy, even while the window writes
    try:
        if ns.output:
            made = recovery.write_copy(journal.path, Path(ns.output))
        else:
            made = recovery.back_up_journal(journal.data_dir, "manual")
    finally:
        journal.close()
    print(f"Backed up the journal to {made}")
    return EXIT_OK


def _restore(ns: argparse.Namespace) -> int:
    from gratitude_desktop import paths
    from gratitude_desktop.store import backup_check, recovery
    from gratitude_desktop.store.db import open_journal

    source = Path(ns.file)
    try:
        backup_check.check_file(source)  # read-only: a refused file changes nothing
    except backup_check.BackupRefused as refused:
        return _fail(f"restore: {refused}", EXIT_REFUSED)
    data_dir = resolve_data_dir(ns.data_dir)
    folder = recovery.backup_folder(data_dir)
    if recovery.is_damaged(paths.database_path(data_dir)):
        try:
            aside, _ = recovery.recover_from_backup(data_dir, source)
        except backup_check.BackupRefused as refused:  # it changed since it was checked
            return _fail(f"restore: {refused}", EXIT_REFUSED)
        print(f"The damaged journal was kept as {aside}")
        print(f"Restored {source}")
        return EXIT_OK
    journal = open_journal(data_dir, lock=True, holder="restore")  # JournalLocked: in use
    try:
        if journal.read_only:
            return _fail(f"{journal.path}: this journal's folder cannot be written; nothing was "
                         "restored.", EXIT_JOURNAL)  # fmt: skip
        safety = recovery.restore_live(journal, source, folder)
    except backup_check.BackupRefused as refused:
        return _fail(f"restore: {refused}", EXIT_REFUSED)
    finally:
        journal.close()
    # Opened again: a backup from an older version is brought up to date first.
    journal = open_journal(data_dir, lock=True, holder="restore")
    try:
        _keep_cadences()
    finally:
        journal.close()
    print(f"Restored {source}")
    print(f"The journal as it was before is kept in {safety}")
    return EXIT_OK


def _keep_cadences() -> None:
    """Keep the new contacts' cadences on them, as the window's reminder worker does.

    After an import or a restore the contacts' kept cadences are unknown, and until
    they are filled the agenda reads every contact the slow way (3.1 s at 100,000
    contacts). Filling takes about as long once; doing it here means the next
    `agenda` is as fast as Today. A journal busy elsewhere is left for later.
    """
    from gratitude_desktop.journal.cadence import fill_effective_cadences_now

    fill_effective_cadences_now()


def _import(ns: argparse.Namespace) -> int:
    from gratitude_desktop.io.report import ImportRefused

    path = Path(ns.file)
    journal = _open(ns, lock=not ns.dry_run)  # a dry run only reads: it blocks nobody
    if getattr(journal, "read_only", False) and not ns.dry_run:
        journal.close()
        return _fail(
            f"{journal.path}: this journal's folder cannot be written, so nothing was "
            "imported. Fix the folder's permissions, or choose another with --data-dir.",
            EXIT_JOURNAL,
        )
    try:
        if not ns.dry_run and path.is_file():
            from gratitude_desktop.store import recovery

            recovery.back_up_journal(journal.data_dir, "before-import")
        if path.suffix.lower() == ".json":
            from gratitude_desktop.io.archive import import_archive

            report = import_archive(path, dry_run=ns.dry_run)
        else:
            import_file = _lazy("gratitude_desktop.io.importer", "import_file")
            report = import_file(path, flavour=ns.flavour, encoding=ns.encoding, dry_run=ns.dry_run)
        if not ns.dry_run:
            _keep_cadences()
    except ImportRefused as refused:
        return _fail(f"nothing was imported from {refused}", EXIT_REFUSED)
    finally:
        journal.close()
    if ns.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(report.summary())
    return EXIT_OK


def _export(ns: argparse.Namespace) -> int:
    path = Path(ns.output)
    if ns.for_channel and ns.format != "csv":
        return _fail("--for writes a CSV mailing list: use it with --format csv", EXIT_REFUSED)
    if ns.for_channel and ns.include_do_not_contact:
        return _fail(
            "a mailing list never includes people who asked not to be contacted", EXIT_REFUSED
        )
    if ns.format == "json" and ns.include_do_not_contact:
        print("The JSON archive keeps everyone anyway (it is a backup).", file=sys.stderr)
    journal = _open(ns, lock=False)  # read-only: works while the window is open
    try:
        if ns.format == "json":
            from gratitude_desktop.io.archive import export_archive

            count = export_archive(path)
            lines = [f"Exported {count} contact{'s' if count != 1 else ''} to {path}"]
        elif ns.format == "ics":
            from gratitude_desktop.io.reminders_ics import write_reminders

            count = write_reminders(path, dt.date.today())
            lines = [f"Exported {count} reminder{'s' if count != 1 else ''} to {path}"]
        elif ns.format == "csv":
            export_csv = _lazy("gratitude_desktop.io.export", "export_csv")
            lines = export_csv(
                path,
                include_do_not_contact=ns.include_do_not_contact,
                for_channel=ns.for_channel,
            ).lines()
        else:
            export_vcard = _lazy("gratitude_desktop.io.export", "export_vcard")
            lines = export_vcard(path, include_do_not_contact=ns.include_do_not_contact).lines()
    except OSError as error:
        return _fail(f"cannot write {path}: {error.strerror or error}", EXIT_JOURNAL)
    finally:
        journal.close()
    print("\n".join(lines))
    return EXIT_OK


def _agenda(ns: argparse.Namespace) -> int:
    today = dt.date.today()
    if ns.today is not None:
        try:
            if not _ISO_DATE.fullmatch(ns.today):
                raise ValueError
            today = dt.date.fromisoformat(ns.today)
        except ValueError:
            return _fail(f"agenda: --today “{ns.today}” is not a date (use YYYY-MM-DD).", 2)
    from gratitude_desktop.journal.agenda import (
        DayOutOfReach,
        agenda_json_text,
        compute_agenda,
        format_agenda_text,
    )

    journal = _open(ns, lock=False)
    try:
        try:
            items = compute_agenda(today)
        except DayOutOfReach as far:
            return _fail(f"agenda: --today {today.isoformat()}: {far}.", EXIT_REFUSED)
        text = agenda_json_text(items, today) if ns.json else format_agenda_text(items, today)
    finally:
        journal.close()
    print(text, end="" if text.endswith("\n") else "\n")
    return EXIT_OK


def _imap(url: str):
    """An IMAP mail source; the password from $GRATITUDE_IMAP_PASSWORD, the keyring or this
    session (Settings keeps it there), else asked here and held for this run only."""
    import getpass

    from gratitude_desktop.sync.imap_capture import IMAP_PASSWORD_ENV, imap_source, password_for

    password = password_for(url)
    if password is None:
        if not sys.stdin.isatty():
            raise _Refused(
                f"capture: {url} needs its password: set {IMAP_PASSWORD_ENV}, enter it in "
                "Settings → Mail and calendars, or run in a terminal."
            )
        password = getpass.getpass(f"Password for {url}: ")
    return imap_source(url, password)


class _Refused(Exception):
    """The command cannot go on; the message says why (exit status 2)."""


def _capture(ns: argparse.Namespace) -> int:
    try:
        return _capture_run(ns)
    except _Refused as refused:
        return _fail(str(refused), EXIT_REFUSED)


def _capture_run(ns: argparse.Namespace) -> int:
    from gratitude_desktop.io.capture.scan import scan
    from gratitude_desktop.journal.capture import load_capture_settings
    from gratitude_desktop.sync.imap_capture import is_imap_url

    journal = _open(ns, lock=False)  # like the window's own scans: beside a running window
    try:
        configured = load_capture_settings()
        mail, calendar = ns.mail, ns.calendar
        if not mail and not calendar:
            mail, calendar = list(configured.mail), list(configured.calendar)
        if not mail and not calendar:
            return _fail(
                "capture: no mail or calendar to read. Name them with --mail PATH and "
                "--calendar PATH, or set them in Settings.",
                EXIT_REFUSED,
            )
        if journal.read_only and not ns.dry_run:
            return _fail(
                f"{journal.path}: this journal's folder cannot be written, so nothing was "
                "logged. Use --dry-run to see what would be.",
                EXIT_JOURNAL,
            )
        me = ns.me or list(configured.me)
        mail = [_imap(m) if is_imap_url(m) else m for m in mail]
        report = scan(mail, calendar, me, dry_run=ns.dry_run)
    finally:
        journal.close()
    if ns.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.summary())
        if not me:
            print("  note: no --me address given, so every message counts as received.")
    if report.problems and not report.sources:
        return EXIT_REFUSED
    return EXIT_OK


def _sync(ns: argparse.Namespace) -> int:
    from gratitude_desktop.sync import credentials
    from gratitude_desktop.sync.service import SyncAccount, load_account, sync_journal

    journal = _open(ns, lock=False)  # the window may be open: SQLite keeps the two apart
    try:
        account = load_account()
        if ns.url:
            same = account is not None and account.url == ns.url
            user = ns.user if ns.user is not None else (account.user if same else "")
            account = SyncAccount(ns.url, user, account.addressbook if same else "")
        elif account is None:
            return _fail("sync: no server is set up. Give --url and --user, or set one in "
                         "Settings → Sync.", EXIT_REFUSED)  # fmt: skip
        elif ns.user is not None:
            account = SyncAccount(account.url, ns.user, "")
        password = credentials.get_password(
            "sync", account.url, account.user, credentials.SYNC_PASSWORD_ENV
        )
        if password is None and account.user and sys.stdin.isatty():
            import getpass

            password = getpass.getpass(f"Password for {account.user} at {account.url}: ")
        if password is None and account.user:
            return _fail(f"sync: no password for {account.user} at {account.url}: save it in "
                         f"Settings → Sync, or set {credentials.SYNC_PASSWORD_ENV}.",
                         EXIT_REFUSED)  # fmt: skip
        result = sync_journal(
            journal.data_dir, journal.path, account, password or "", dry_run=ns.dry_run
        )
        if result.ok and not ns.dry_run:
            _keep_cadences()  # the contacts it brought: kept as after an import
    finally:
        journal.close()
    if ns.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(result.message if result.ok else f"{PROG}: sync: {result.message}",
              file=sys.stdout if result.ok else sys.stderr)  # fmt: skip
    return EXIT_OK if result.ok else EXIT_JOURNAL


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "capture": _capture,
    "import": _import,
    "export": _export,
    "agenda": _agenda,
    "backup": _backup,
    "restore": _restore,
    "sync": _sync,
}


def is_one_shot(ns: argparse.Namespace) -> bool:
    """True for the global flags that do one thing and exit instead of opening the window."""
    return bool(
        getattr(ns, "install_desktop_entry", False) or getattr(ns, "uninstall_desktop_entry", False)
    )


def _desktop_entry(ns: argparse.Namespace) -> int:
    from gratitude_desktop import desktop_entry

    if ns.install_desktop_entry:
        written = desktop_entry.install()
        print(f"Installed the launcher entry: {written[0]}")
        print("Gratitude now appears in your desktop's application menu.")
    else:
        removed = desktop_entry.uninstall()
        print(f"Removed {len(removed)} file(s)." if removed else "Nothing to remove.")
    return EXIT_OK


def run_command(ns: argparse.Namespace) -> int:
    """Run the sub-command in `ns`; returns the exit code (0 ok, 1 journal, 2 refused)."""
    from gratitude_desktop.store.errors import JournalError

    if ns.command is None and is_one_shot(ns):
        return _desktop_entry(ns)
    # One command, then the process ends: nothing it builds makes cycles worth collecting,
    # and the cyclic GC rescanning 100,000 agenda items again and again took 0.15 s.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return COMMANDS[ns.command](ns)
    except _Unavailable as missing:
        return _fail(f"{ns.command}: {missing} Reinstall Gratitude.", EXIT_JOURNAL)
    except JournalError as problem:
        return _fail(f"{problem.path}: {problem.problem} {problem.advice}", EXIT_JOURNAL)
    except OSError as error:
        where = error.filename or resolve_data_dir(ns.data_dir)
        return _fail(
            f"{where}: {error.strerror or error}. Check the folder exists and can be written, "
            "or choose another with --data-dir.",
            EXIT_JOURNAL,
        )
    finally:
        if collecting:
            gc.enable()


def main(argv: list[str] | None = None) -> int:
    """The command line without the window: parse, run, return the exit code."""
    try:
        ns = parse_args(argv)
    except SystemExit as leaving:  # --help, --version and usage errors
        return leaving.code if isinstance(leaving.code, int) else EXIT_REFUSED
    if ns.command is None and is_one_shot(ns):
        return run_command(ns)
    if ns.command is None:
        build_parser().print_usage(sys.stderr)
        return _fail(
            "choose a command (import, export, agenda, capture, backup, restore, sync), or run "
            "without one "
            "from the app to open the window.",
            EXIT_REFUSED,
        )
    return run_command(ns)


if __name__ == "__main__":
    sys.exit(main())
