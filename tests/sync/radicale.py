"""A real Radicale on 127.0.0.1 with its own storage folder, for the sync tests and bench."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Radicale:
    """start() / kill() / start() again on the same folder; `url` is the server root."""

    def __init__(self, folder: Path, users: dict[str, str] | None = None):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.users = users
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process: subprocess.Popen | None = None

    def start(self) -> Radicale:
        args = [
            sys.executable, "-m", "radicale",
            "--server-hosts", f"127.0.0.1:{self.port}",
            "--storage-filesystem-folder", str(self.folder / "storage"),
            "--logging-level", "warning",
        ]  # fmt: skip
        if self.users is None:
            args += ["--auth-type", "none"]
        else:
            htpasswd = self.folder / "htpasswd"
            htpasswd.write_text("".join(f"{u}:{p}\n" for u, p in self.users.items()))
            args += [
                "--auth-type", "htpasswd",
                "--auth-htpasswd-filename", str(htpasswd),
                "--auth-htpasswd-encryption", "plain",
            ]  # fmt: skip
        self.process = subprocess.Popen(
            args, stdout=subprocess.DEVNULL, stderr=(self.folder / "radicale.log").open("ab")
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # poll until it answers (bounded)
            if self.process.poll() is not None:
                raise RuntimeError(f"radicale exited: {(self.folder / 'radicale.log').read_text()}")
            try:
                httpx.get(self.url, timeout=1)
                return self
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("radicale did not answer within 30 s")

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
            self.process = None

    def cards(self, user: str, book: str) -> dict[str, str]:
        """What a second client sees: each card file of the address book, by file name."""
        folder = self.folder / "storage" / "collection-root" / user / book
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.vcf"))}
