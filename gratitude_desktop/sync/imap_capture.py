"""Capture from the user's own IMAP server: read-only, headers only, new messages only.

A folder is opened with EXAMINE (select_folder(readonly=True)), so nothing on the server
changes — not even a message's \\Seen flag: headers are fetched with BODY.PEEK and only
the fields capture reads. What was read is remembered per folder as its UIDVALIDITY and
the highest UID seen; a new UIDVALIDITY (the server renumbered the folder) reads it again
from the start, and capture's keys keep anything from being logged twice.
The server is only contacted when the user has configured it.
"""

from __future__ import annotations

import contextlib
import ssl
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from gratitude_desktop.io.capture.headers import WANTED
from gratitude_desktop.io.capture.model import CaptureSourceError, Source

IMAP_SCHEMES = ("imap", "imaps")
_FIELDS = " ".join(sorted(w.upper() for w in WANTED))
_FETCH = f"BODY.PEEK[HEADER.FIELDS ({_FIELDS})]"
_BATCH = 500
_TIMEOUT = 30


@dataclass(frozen=True)
class ImapAccount:
    """imaps://user@host[:port][/FOLDER,FOLDER] — INBOX and the Sent folder by default."""

    host: str
    port: int
    user: str
    tls: bool
    folders: tuple[str, ...] = ()

    @property
    def address(self) -> str:
        scheme = "imaps" if self.tls else "imap"
        return f"{scheme}://{self.user}@{self.host}:{self.port}"


def is_imap_url(text: str) -> bool:
    return str(text).split("://", 1)[0].lower() in IMAP_SCHEMES and "://" in str(text)


def parse_imap_url(text: str) -> ImapAccount:
    parts = urllib.parse.urlsplit(text)
    if parts.scheme.lower() not in IMAP_SCHEMES or not parts.hostname:
        raise CaptureSourceError(f"{text}: not an IMAP address (imaps://user@host/).")
    if not parts.username:
        raise CaptureSourceError(f"{text}: say whose mail it is (imaps://user@host/).")
    tls = parts.scheme.lower() == "imaps"
    folders = tuple(urllib.parse.unquote(f) for f in parts.path.strip("/").split(",") if f.strip())
    return ImapAccount(
        host=parts.hostname,
        port=parts.port or (993 if tls else 143),
        user=urllib.parse.unquote(parts.username),
        tls=tls,
        folders=folders,
    )


def _connect(account: ImapAccount, password: str):
    from imapclient import IMAPClient

    context = ssl.create_default_context() if account.tls else None
    client = IMAPClient(
        account.host, port=account.port, ssl=account.tls, ssl_context=context, timeout=_TIMEOUT
    )
    client.login(account.user, password)
    return client


def _folders(client, account: ImapAccount) -> list[str]:
    if account.folders:
        return list(account.folders)
    chosen = ["INBOX"]
    for flags, _delimiter, name in client.list_folders():
        if b"\\Sent" in flags or name.casefold() in {
            "sent",
            "sent mail",
            "sent items",
            "sent messages",
        }:
            chosen.append(name)
    return list(dict.fromkeys(chosen))


IMAP_PASSWORD_ENV = "GRATITUDE_IMAP_PASSWORD"
PURPOSE = "capture"


def password_for(url: str) -> str | None:
    """The account's password: $GRATITUDE_IMAP_PASSWORD, the system keyring, or this
    session's memory (sync.credentials); None when it was never given."""
    from gratitude_desktop.sync import credentials

    account = parse_imap_url(url)
    return credentials.get_password(PURPOSE, account.address, account.user, IMAP_PASSWORD_ENV)


def remember_password(url: str, password: str) -> bool:
    """Keep the password in the keyring (True), else for this session only (False)."""
    from gratitude_desktop.sync import credentials

    account = parse_imap_url(url)
    return credentials.store_password(PURPOSE, account.address, account.user, password)


def sources_with_passwords(paths) -> list:
    """The configured mail sources, each IMAP address made a Source when its password is
    known (else left as it is, and the scan says what it lacks)."""
    out = []
    for path in paths:
        password = password_for(path) if is_imap_url(path) else None
        out.append(imap_source(path, password) if password is not None else path)
    return out


def imap_source(url: str, password: str) -> Source:
    """A capture Source reading the account at `url` with `password` (kept in memory only)."""
    account = parse_imap_url(url)

    def reader(state: dict, cancel: Callable[[], bool]):
        return read_account(account, password, state, cancel)

    return Source("imap", account.address, reader=reader)


def read_account(
    account: ImapAccount, password: str, state: dict, cancel: Callable[[], bool]
) -> tuple[Iterator[tuple[str, bytes]], Callable[[], dict]]:
    """The header blocks of the messages new since `state`, and the state to keep after."""
    after = {k: dict(v) for k, v in state.items() if isinstance(v, dict)}

    def blocks() -> Iterator[tuple[str, bytes]]:
        try:
            client = _connect(account, password)
        except Exception as problem:  # noqa: BLE001 - socket, TLS and IMAP errors alike
            raise CaptureSourceError(
                f"{account.address}: cannot read the mail ({problem})."
            ) from None
        try:
            for folder in _folders(client, account):
                if cancel():
                    return
                try:
                    info = client.select_folder(folder, readonly=True)  # EXAMINE
                except Exception as problem:  # noqa: BLE001 - a folder that is not there
                    raise CaptureSourceError(
                        f"{account.address}: cannot open the folder {folder} ({problem})."
                    ) from None
                validity = int(info.get(b"UIDVALIDITY", 0))
                known = after.get(folder, {})
                last = int(known.get("last_uid", 0)) if known.get("uidvalidity") == validity else 0
                uids = [u for u in client.search(["UID", f"{last + 1}:*"]) if u > last]
                for start in range(0, len(uids), _BATCH):
                    if cancel():
                        return
                    chunk = uids[start : start + _BATCH]
                    fetched = client.fetch(chunk, [_FETCH])
                    for uid in chunk:
                        data = fetched.get(uid, {})
                        block = next((v for k, v in data.items() if k.startswith(b"BODY[")), None)
                        if block is not None:
                            yield f"{account.address}/{folder};UID={uid}", block
                    after[folder] = {"uidvalidity": validity, "last_uid": max(chunk)}
                after.setdefault(folder, {"uidvalidity": validity, "last_uid": last})
        finally:
            with contextlib.suppress(Exception):  # leaving a server that went away
                client.logout()

    return blocks(), lambda: after
