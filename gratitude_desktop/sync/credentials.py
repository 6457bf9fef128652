"""Passwords for the user's own servers (CardDAV/CalDAV, IMAP): in the system keyring only.

A password is never written to the journal or any file in clear. Where the system has
no keyring (a bare server, some Linux desktops), it is kept in memory for this session
only and asked again next time. Scripts may pass it in an environment variable instead
(GRATITUDE_SYNC_PASSWORD for sync); that wins over the keyring.

Each password is filed under a purpose ("sync", "capture") and the account, so one user
may keep a CardDAV and an IMAP password for the same server apart.
"""

from __future__ import annotations

import contextlib
import os
import urllib.parse

SERVICE = "Gratitude"
SYNC_PASSWORD_ENV = "GRATITUDE_SYNC_PASSWORD"

_session: dict[str, str] = {}


def account_key(purpose: str, url: str, user: str) -> str:
    """The keyring's user name for an account: "sync:ann@dav.example.com"."""
    host = urllib.parse.urlsplit(url if "://" in url else "https://" + url).hostname or url
    return f"{purpose}:{user}@{host}"


def _keyring():
    """The system keyring, or None when this system has none that works."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration is the same as none
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return keyring


def has_keyring() -> bool:
    return _keyring() is not None


def store_password(purpose: str, url: str, user: str, password: str) -> bool:
    """Keep the password: True when the keyring holds it, False when only this session does."""
    key = account_key(purpose, url, user)
    _session[key] = password
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(SERVICE, key, password)
    except Exception:  # locked or refused: keep it for the session, ask again next time
        return False
    return True


def get_password(purpose: str, url: str, user: str, env: str | None = None) -> str | None:
    """The password from `env` (for scripts), the keyring, or this session; None when unknown."""
    if env and os.environ.get(env):
        return os.environ[env]
    key = account_key(purpose, url, user)
    keyring = _keyring()
    if keyring is not None:
        try:
            found = keyring.get_password(SERVICE, key)
        except Exception:
            found = None
        if found is not None:
            return found
    return _session.get(key)


def forget_password(purpose: str, url: str, user: str) -> None:
    """Remove the password from the keyring and the session."""
    key = account_key(purpose, url, user)
    _session.pop(key, None)
    keyring = _keyring()
    if keyring is None:
        return
    with contextlib.suppress(Exception):  # not there: nothing to forget
        keyring.delete_password(SERVICE, key)
