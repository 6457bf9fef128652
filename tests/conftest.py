"""Shared fixtures: every test gets its own journal in a temporary data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("GRATITUDE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def journal(data_dir):
    from gratitude_desktop.store.db import open_journal

    opened = open_journal(data_dir)
    yield opened
    opened.close()
