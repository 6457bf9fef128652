"""One running Gratitude per journal: a second start brings the first one's window forward.

The first instance listens on a QLocalServer whose name is a hash of the user and
the data folder, so two journals (or two users) never meet. A later start finds
it, sends "activate" and exits; the first emits `activationRequested`. A name left
behind by a crashed instance (nobody answers) is removed and taken over.

    instance = SingleInstance(data_dir)
    if not instance.is_primary():
        instance.notify_primary()
        return 0
    instance.activationRequested.connect(window.bring_forward)
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
TIMEOUT_MS = 1000
MAX_MESSAGE = 64  # bytes read from a caller before it is hung up on


def server_name(data_dir: str | os.PathLike) -> str:
    """The local server name for this user and journal folder (short, filesystem-safe)."""
    folder = os.path.normcase(str(Path(data_dir).expanduser().resolve()))
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        user = str(os.getuid()) if hasattr(os, "getuid") else ""
    digest = hashlib.sha256(f"{user}\0{folder}".encode()).hexdigest()[:24]
    return f"gratitude-{digest}"


class SingleInstance(QObject):
    """Decides whether this process is the journal's first instance, and talks to it."""

    activationRequested = Signal()  # in the primary: a second start wants the window shown

    def __init__(
        self,
        data_dir: str | os.PathLike,
        parent: QObject | None = None,
        *,
        timeout_ms: int = TIMEOUT_MS,
    ):
        super().__init__(parent)
        self.name = server_name(data_dir)
        self._timeout = timeout_ms
        self._primary: bool | None = None
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    # -- deciding -----------------------------------------------------------------------------

    def _someone_answers(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        answered = socket.waitForConnected(self._timeout)
        if answered:
            socket.disconnectFromServer()
        socket.abort()
        return answered

    def is_primary(self) -> bool:
        """True when no other instance has this journal open (we then listen for others)."""
        if self._primary is not None:
            return self._primary
        if self._someone_answers():
            self._primary = False
            return False
        # Nobody answers: whatever is left under that name is stale (a crash); take it over.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            if self._someone_answers():  # another start won the race to listen
                self._primary = False
                return False
            # We could not listen but nobody else is there: run, without a second-start door.
            log.warning("single instance: cannot listen on %s: %s", self.name, server.errorString())
            self._primary = True
            return True
        server.newConnection.connect(self._on_new_connection)
        self._server = server
        self._primary = True
        return True

    def is_listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    # -- the second instance ------------------------------------------------------------------

    def notify_primary(self) -> bool:
        """Ask the running instance to bring its window forward; True if it got the message."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(self._timeout):
            return False
        socket.write(ACTIVATE)
        socket.flush()
        sent = socket.bytesToWrite() == 0 or socket.waitForBytesWritten(self._timeout)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(self._timeout)
        return bool(sent)

    # -- the primary --------------------------------------------------------------------------

    @Slot()
    def _on_new_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if socket not in self._buffers:
            return
        data = self._buffers[socket] + bytes(socket.readAll().data())
        if ACTIVATE in data:
            self._forget(socket)
            socket.disconnectFromServer()
            self.activationRequested.emit()
        elif len(data) > MAX_MESSAGE:
            self._forget(socket)
            socket.abort()
        else:
            self._buffers[socket] = data

    def _forget(self, socket: QLocalSocket) -> None:
        if self._buffers.pop(socket, None) is not None:
            # A socket being destroyed still emits disconnected; with our lambdas
            # attached that would call into a half-destroyed instance.
            socket.readyRead.disconnect()
            socket.disconnected.disconnect()
            socket.deleteLater()

    def close(self) -> None:
        """Stop listening (at quit); the next start becomes the primary."""
        for socket in list(self._buffers):
            self._forget(socket)
            socket.abort()
        if self._server is not None:
            self._server.close()
            self._server = None
        self._primary = None
