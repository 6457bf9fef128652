"""Fixtures for sync: a real Radicale per test, and journals to sync with it."""

from __future__ import annotations

import contextlib

import pytest

from tests.sync.radicale import Radicale


@pytest.fixture
def radicale(tmp_path):
    server = Radicale(tmp_path / "radicale").start()
    yield server
    server.stop()


@contextlib.contextmanager
def opened(data_dir):
    """A journal open (bound to the models) for the block, closed after."""
    from gratitude_desktop.store.db import open_journal

    journal = open_journal(data_dir)
    try:
        yield journal
    finally:
        journal.close()
