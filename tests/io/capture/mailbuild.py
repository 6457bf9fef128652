"""Write real mail files for capture tests: mbox (as Thunderbird and Takeout write them),
Maildir, .eml, and a Thunderbird profile around them."""

from __future__ import annotations

from pathlib import Path


def message(
    *,
    frm: str,
    to: str,
    subject: str = "Hello",
    date: str = "Tue, 01 Dec 2026 10:00:00 +0000",
    message_id: str | None = None,
    extra: str = "",
    body: str = "Hi there.\n",
    crlf: bool = False,
) -> bytes:
    lines = [f"From: {frm}", f"To: {to}", f"Subject: {subject}", f"Date: {date}"]
    if message_id:
        lines.append(f"Message-ID: <{message_id}>")
    if extra:
        lines.extend(extra.strip("\n").split("\n"))
    text = "\n".join(lines) + "\n\n" + body
    data = text.encode("utf-8")
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    return data


def mbox(messages: list[bytes], *, from_line: bytes = b"From - Tue Dec 01 10:00:00 2026") -> bytes:
    """An mbox as Thunderbird writes it: From line, message, blank line; body From quoted."""
    out = b""
    for m in messages:
        nl = b"\r\n" if b"\r\n" in m else b"\n"
        body_quoted = m.replace(nl + b"From ", nl + b">From ")
        out += from_line + nl + body_quoted
        if not body_quoted.endswith(nl):
            out += nl
        out += nl
    return out


def thunderbird_profile(home: Path, name: str = "abcd1234.default-release") -> Path:
    profile = home / ".thunderbird" / name
    (profile / "Mail" / "Local Folders").mkdir(parents=True)
    (profile / "ImapMail" / "imap.example.org").mkdir(parents=True)
    (profile / "prefs.js").write_text(
        'user_pref("mail.identity.id1.useremail", "me@example.org");\n'
        'user_pref("mail.identity.id2.useremail", "Me.Too@gmail.com");\n'
    )
    return profile


def maildir(path: Path) -> Path:
    for sub in ("new", "cur", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    return path
