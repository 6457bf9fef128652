"""The server password lives in the keyring (or this session), never in the journal."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from gratitude_desktop.sync import credentials


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.held: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.held.get((service, username))

    def set_password(self, service, username, password):
        self.held[(service, username)] = password

    def delete_password(self, service, username):
        self.held.pop((service, username))


@pytest.fixture
def memory_keyring(monkeypatch):
    before = keyring.get_keyring()
    held = MemoryKeyring()
    keyring.set_keyring(held)
    monkeypatch.setattr(credentials, "_session", {})
    yield held
    keyring.set_keyring(before)


def test_password_goes_to_the_keyring_and_not_into_the_journal(memory_keyring, journal):
    assert credentials.store_password("sync", "https://dav.example.com/x", "ann", "s3cret!")
    assert memory_keyring.held == {("Gratitude", "sync:ann@dav.example.com"): "s3cret!"}
    assert credentials.get_password("sync", "https://dav.example.com/", "ann") == "s3cret!"
    assert credentials.get_password("capture", "https://dav.example.com/", "ann") is None
    journal.db.execute_sql("PRAGMA wal_checkpoint(FULL)")
    assert b"s3cret!" not in journal.path.read_bytes()
    credentials.forget_password("sync", "https://dav.example.com/", "ann")
    assert credentials.get_password("sync", "https://dav.example.com/", "ann") is None


def test_without_a_keyring_the_password_is_kept_for_the_session_only(monkeypatch):
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setattr(credentials, "_session", {})
    try:
        assert not credentials.has_keyring()
        assert credentials.store_password("sync", "dav.example.com", "ann", "pw") is False
        assert credentials.get_password("sync", "dav.example.com", "ann") == "pw"
    finally:
        keyring.set_keyring(before)


def test_the_environment_variable_wins_for_scripts(monkeypatch, memory_keyring):
    credentials.store_password("sync", "dav.example.com", "ann", "from-keyring")
    monkeypatch.setenv(credentials.SYNC_PASSWORD_ENV, "from-env")
    found = credentials.get_password(
        "sync", "dav.example.com", "ann", credentials.SYNC_PASSWORD_ENV
    )
    assert found == "from-env"
