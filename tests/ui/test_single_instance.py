"""SingleInstance: a second start pings the first; stale names are taken over."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QDir

from gratitude_desktop.ui.single_instance import SingleInstance, server_name

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def instances():
    made: list[SingleInstance] = []

    def make(folder) -> SingleInstance:
        instance = SingleInstance(folder)
        made.append(instance)
        return instance

    yield make
    for instance in made:
        instance.close()


def test_the_first_start_is_primary_and_a_second_is_not(qapp, tmp_path, instances):
    first = instances(tmp_path / "journal")
    assert first.is_primary() is True
    assert first.is_listening()
    second = instances(tmp_path / "journal")
    assert second.is_primary() is False
    assert not second.is_listening()


def test_a_second_start_asks_the_first_to_come_forward(qtbot, tmp_path, instances):
    first = instances(tmp_path / "journal")
    assert first.is_primary()
    second = instances(tmp_path / "journal")
    assert not second.is_primary()
    with qtbot.waitSignal(first.activationRequested, timeout=3000):
        assert second.notify_primary() is True


def test_a_second_process_brings_the_first_forward(qtbot, tmp_path, instances):
    folder = tmp_path / "journal"
    first = instances(folder)
    assert first.is_primary()
    script = textwrap.dedent(
        f"""
        import sys
        from PySide6.QtCore import QCoreApplication
        from gratitude_desktop.ui.single_instance import SingleInstance
        app = QCoreApplication([])
        instance = SingleInstance({str(folder)!r})
        if instance.is_primary():
            sys.exit(3)
        sys.exit(0 if instance.notify_primary() else 4)
        """
    )
    with qtbot.waitSignal(first.activationRequested, timeout=10_000):
        proc = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    assert proc.wait(timeout=20) == 0


def test_different_journals_do_not_meet(tmp_path, instances, qapp):
    assert instances(tmp_path / "one").is_primary()
    assert instances(tmp_path / "two").is_primary()
    assert server_name(tmp_path / "one") != server_name(tmp_path / "two")


def test_the_same_folder_written_differently_is_the_same_journal(tmp_path):
    (tmp_path / "j").mkdir()
    assert server_name(tmp_path / "j") == server_name(tmp_path / "x" / ".." / "j")
    assert server_name(tmp_path / "j").startswith("gratitude-")


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes leave no file behind")
def test_a_name_left_by_a_crashed_instance_is_taken_over(tmp_path, instances, qapp):
    name = server_name(tmp_path / "journal")
    stale = Path(QDir.tempPath()) / name
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(str(stale))  # bound, never listening: what a crash leaves behind
    leftover.close()
    assert stale.exists()
    first = instances(tmp_path / "journal")
    assert first.is_primary() is True
    assert first.is_listening()
    assert first._server.fullServerName() == str(stale)  # the very name the crash left
    assert instances(tmp_path / "journal").is_primary() is False


def test_after_the_primary_closes_the_next_start_is_primary(tmp_path, instances, qapp):
    first = instances(tmp_path / "journal")
    assert first.is_primary()
    first.close()
    assert instances(tmp_path / "journal").is_primary() is True


def test_notify_without_a_primary_says_so(tmp_path, qapp):
    lonely = SingleInstance(tmp_path / "nobody", timeout_ms=200)
    assert lonely.notify_primary() is False


def test_garbage_from_a_caller_does_not_activate(qtbot, tmp_path, instances):
    from PySide6.QtNetwork import QLocalSocket

    first = instances(tmp_path / "journal")
    assert first.is_primary()
    fired = []
    first.activationRequested.connect(lambda: fired.append(1))
    caller = QLocalSocket()
    caller.connectToServer(first.name)
    assert caller.waitForConnected(1000)
    caller.write(b"x" * 200)
    caller.flush()
    qtbot.waitUntil(lambda: caller.state() == QLocalSocket.LocalSocketState.UnconnectedState)
    assert fired == []
