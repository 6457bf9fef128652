"""One sync of the open journal with the configured server: what the CLI and the window call.

The account (server URL, user, address book, how often) is kept in the journal's
settings; the password never is (sync.credentials). Before the first sync of a journal
it is backed up. The result of the last sync is kept for Settings → Sync to show.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import httpx

from gratitude_desktop.journal.settings import get_setting, set_setting
from gratitude_desktop.store import recovery
from gratitude_desktop.store.sync_state import SyncCollection
from gratitude_desktop.sync.contacts import ContactSync
from gratitude_desktop.sync.dav import DavClient, SyncError

DEFAULT_INTERVAL_MINUTES = 15
BOOK_NAME = "Gratitude"


@dataclass(frozen=True)
class SyncAccount:
    """Where and as whom to sync. `addressbook` empty: found (or made) on the first sync."""

    url: str
    user: str = ""
    addressbook: str = ""
    interval_minutes: int = DEFAULT_INTERVAL_MINUTES
    reminders_file: str = ""  # an .ics of birthdays and due dates, written after each sync
    tasks: str = ""  # the task list for promises; empty: found (or made) on the first sync


def load_account() -> SyncAccount | None:
    """The configured account, or None when no server is configured (then nothing syncs)."""
    value = get_setting("sync.account")
    if not isinstance(value, dict) or not value.get("url"):
        return None
    interval = value.get("interval_minutes", DEFAULT_INTERVAL_MINUTES)
    return SyncAccount(
        url=str(value["url"]),
        user=str(value.get("user", "")),
        addressbook=str(value.get("addressbook", "")),
        interval_minutes=interval if isinstance(interval, int) and interval >= 0 else 15,
        reminders_file=str(value.get("reminders_file", "") or ""),
        tasks=str(value.get("tasks", "") or ""),
    )


def save_account(account: SyncAccount | None) -> None:
    set_setting("sync.account", asdict(account) if account else None)


@dataclass
class SyncResult:
    """How the last sync went, in words, with what it did."""

    when: str
    ok: bool
    message: str
    dry_run: bool = False
    contacts: dict = field(default_factory=dict)
    promises: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)

    def changed_here(self) -> bool:
        """True when this sync wrote to the journal here (the window must read it again)."""
        if self.dry_run:
            return False
        contacts = ("created_here", "updated_here", "trashed_here", "merged_first")
        promises = ("kept_here", "moved_here")
        return any(self.contacts.get(k) for k in contacts) or any(
            self.promises.get(k) for k in promises
        )


def last_result() -> SyncResult | None:
    value = get_setting("sync.last_result")
    if not isinstance(value, dict):
        return None
    try:
        return SyncResult(**value)
    except TypeError:
        return None


def journal_id() -> str:
    """This journal's own id: the UIDs of the cards it makes start with it."""
    found = get_setting("sync.journal_id")
    if not isinstance(found, str) or not found:
        found = uuid.uuid4().hex
        set_setting("sync.journal_id", found)
    return found


def find_address_book(dav: DavClient, *, create: bool = True) -> str:
    """The address book to sync with, from the URL given: the URL itself when it is one,
    else the first in the account's address-book home (RFC 6764 .well-known, then the
    principal's home set), else a new one named "Gratitude"."""
    own = [c for c in dav.collections_at(dav.url) if c.kind == "addressbook"]
    if own:
        return own[0].url
    homes = dav.home_sets(dav.principal())
    home = homes.get("addressbook")
    if not home:
        raise SyncError(f"The server at {dav.url} offers no address books to this account.")
    books = [c for c in dav.collections(home) if c.kind == "addressbook"]
    named = [c for c in books if c.name == BOOK_NAME]
    if named or books:
        return (named or books)[0].url
    if not create:  # a dry run: the one a sync would make (ContactSync reads it as empty)
        return urllib.parse.urljoin(home if home.endswith("/") else home + "/", "gratitude/")
    return dav.make_collection(home, "gratitude", BOOK_NAME, "addressbook")


def sync_journal(
    data_dir: Path,
    database_path: Path,
    account: SyncAccount,
    password: str,
    *,
    dry_run: bool = False,
    today: dt.date | None = None,
    transport: httpx.BaseTransport | None = None,
    progress: Callable[[str], None] | None = None,
) -> SyncResult:
    """Sync the open journal with the account's server; returns (and keeps) the result.

    Raises nothing the user could act on: a SyncError becomes a result that says why.
    """
    today = today or dt.date.today()
    now = dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")
    sync: ContactSync | None = None
    try:
        with DavClient(account.url, account.user, password, transport=transport) as dav:
            book = account.addressbook or find_address_book(dav, create=not dry_run)
            stored = load_account()
            mine = stored is not None and (stored.url, stored.user) == (account.url, account.user)
            if not dry_run and mine:
                save_account(replace(stored, addressbook=book))  # found once, kept
            if not dry_run and not SyncCollection.select().exists():
                recovery.back_up(database_path, recovery.backup_folder(data_dir), "before-sync")
            sync = ContactSync(dav, book, journal_id(), today, dry_run=dry_run, progress=progress)
            report = sync.run()
            message = report.summary()
            promises: dict = {}
            if not dry_run:
                said, promises = _sync_promises(dav, account, today, mine)
                message += " " + said
        if account.reminders_file and not dry_run:
            message += " " + _write_reminders(Path(account.reminders_file), today)
        result = SyncResult(now, True, message, dry_run, asdict(report), promises)
    except SyncError as problem:
        done = asdict(sync.report) if sync is not None else {}  # what landed before it stopped
        result = SyncResult(now, False, str(problem), dry_run, done)
    if not dry_run:
        set_setting("sync.last_result", result.to_dict())
    return result


def _sync_promises(
    dav: DavClient, account: SyncAccount, today: dt.date, mine: bool
) -> tuple[str, dict]:
    """Sync promises with the account's task list; (what it did in words, the report)."""
    from gratitude_desktop.sync.promises import PromiseSync, find_task_list

    try:
        tasks = account.tasks or find_task_list(dav)
    except SyncError as problem:
        if problem.status in (401, None):
            raise
        return f"Promises were not synced: {problem}", {}
    if mine and not account.tasks:
        stored = load_account()
        if stored is not None:
            save_account(replace(stored, tasks=tasks))
    report = PromiseSync(dav, tasks, journal_id(), today).run()
    return report.summary(), asdict(report)


def _write_reminders(path: Path, today: dt.date) -> str:
    from gratitude_desktop.io.reminders_ics import write_reminders

    try:
        count = write_reminders(path.expanduser(), today)
    except OSError as problem:
        return f"The reminders calendar could not be written to {path}: {problem}."
    return f"Reminders calendar: {count} events in {path}."


def sync_configured(
    data_dir: Path, database_path: Path, progress: Callable[[str], None] | None = None
) -> SyncResult | None:
    """Sync with the server set in Settings → Sync; None when none is set (nothing is sent).

    For the window's Sync now and its timer: runs on a worker thread with its own
    connection. The password comes from the keyring (or this session).
    """
    from gratitude_desktop.sync import credentials

    account = load_account()
    if account is None:
        return None
    password = credentials.get_password(
        "sync", account.url, account.user, credentials.SYNC_PASSWORD_ENV
    )
    if password is None and account.user:
        now = dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")
        result = SyncResult(now, False, "No password for the sync server: enter it in "
                            "Settings → Sync.")  # fmt: skip
        set_setting("sync.last_result", result.to_dict())
        return result
    return sync_journal(data_dir, database_path, account, password or "", progress=progress)
