"""A message's header block, read for capture: who, when, what about — never the body.

Only the fields capture needs are decoded (From, To, Cc, Date, Subject, Message-ID and
the bulk markers); the rest of the block is split but left alone. Raw 8-bit headers are
read as UTF-8, else Windows-1252; RFC 2047 words are decoded in whatever charset they
name, and a word in an unknown charset is kept as it was written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime

from gratitude_desktop.journal.capture import address_key

WANTED = frozenset(
    {
        "from",
        "to",
        "cc",
        "date",
        "subject",
        "message-id",
        "list-id",
        "precedence",
        "auto-submitted",
    }
)
_UNFOLD = re.compile(r"\r?\n(?=[ \t])")
# Senders that are machines, not people: never a touch, never a new person.
_MACHINE_LOCAL = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]daemon|postmaster|bounces?)(?:[-+_.].*)?$"
)


@dataclass(frozen=True)
class Address:
    raw_name: str  # as written: RFC 2047 words are decoded only when the name is wanted
    address: str  # as written, trimmed
    key: str  # what matching compares: address_key(address)

    @property
    def name(self) -> str:
        return decode_words(self.raw_name)


@dataclass(frozen=True)
class MessageHeaders:
    """The headers of one message that capture looks at."""

    sender: tuple[Address, ...]
    recipients: tuple[Address, ...]  # To and Cc
    at: dt.datetime | None  # local time, naive (as the journal stores times)
    subject: str
    key: str  # the Message-ID, else a digest of the whole header block
    bulk: bool  # a mailing list, an automatic reply, a machine sender


def is_machine(address: str) -> bool:
    local = address.strip().casefold().rpartition("@")[0]
    return bool(_MACHINE_LOCAL.match(local))


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def decode_words(value: str) -> str:
    """RFC 2047 encoded words decoded; text around them kept; never raises."""
    if "=?" not in value:
        return " ".join(value.split())
    try:
        parts = decode_header(value)
        try:
            text = str(make_header(parts))
        except (LookupError, UnicodeDecodeError):  # a charset Python does not know
            text = "".join(
                chunk if isinstance(chunk, str) else _text(chunk) for chunk, _charset in parts
            )
    except Exception:  # noqa: BLE001 - a damaged header is kept as written
        text = value
    return " ".join(text.split())


_WANTED_FIELD = re.compile(
    rb"^(" + b"|".join(re.escape(w.encode()) for w in sorted(WANTED)) + rb")[ \t]*:"
    rb"([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)",
    re.IGNORECASE | re.MULTILINE,
)


def split_fields(block: bytes) -> dict[str, str]:
    """The wanted fields of a header block (first occurrence of each), unfolded, as text.

    One regular expression picks them out; the other fields (Received and the like, most
    of a block) are not even split.
    """
    found: dict[str, str] = {}
    for m in _WANTED_FIELD.finditer(block):
        name = m.group(1).decode("ascii").lower()
        if name not in found:
            found[name] = _UNFOLD.sub("", _text(m.group(2))).strip()
    return found


_ANGLE = re.compile(r"\s*(.*?)\s*<([^<>]*)>\s*")
# What only the full RFC 5322 parser reads right: quoted names, comments, groups, escapes.
_HARD = re.compile(r'["(\\:;]')
_NOT_IN_ADDRESS = re.compile(r"[\s<>,]")


def _pairs(value: str) -> list[tuple[str, str]]:
    """(name, address) pairs: plain lists by a split (a tenth of the time of the standard
    parser, which is most of a scan), anything harder by email.utils.getaddresses."""
    if _HARD.search(value) is None:
        out = []
        for part in value.split(","):
            m = _ANGLE.fullmatch(part)
            out.append((m.group(1), m.group(2)) if m else ("", part))
        return out
    try:
        return getaddresses([value])
    except Exception:  # noqa: BLE001 - an unreadable address list names nobody
        return []


def _addresses(value: str) -> tuple[Address, ...]:
    if not value:
        return ()
    out = []
    for name, addr in _pairs(value):
        addr = addr.strip()
        if "@" not in addr or _NOT_IN_ADDRESS.search(addr):
            continue
        out.append(Address(name, addr, address_key(addr)))
    return tuple(out)


def _when(value: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    try:
        if when.tzinfo is not None:
            when = when.astimezone().replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        return None
    if not 1970 <= when.year <= 9999:
        return None
    return when.replace(microsecond=0)


def is_bulk(fields: dict[str, str], sender: tuple[Address, ...]) -> bool:
    if fields.get("list-id"):
        return True
    if fields.get("precedence", "").strip().casefold() in {"bulk", "list", "junk"}:
        return True
    auto = fields.get("auto-submitted", "").strip().casefold()
    if auto and auto != "no":
        return True
    return any(is_machine(a.address) for a in sender)


def parse_block(block: bytes) -> MessageHeaders:
    """The capture view of one header block; any bytes give an answer, never an error."""
    fields = split_fields(block)
    sender = _addresses(fields.get("from", ""))
    recipients = _addresses(fields.get("to", "")) + _addresses(fields.get("cc", ""))
    message_id = fields.get("message-id", "").strip()
    if message_id:
        key = "<" + message_id.strip("<>").strip() + ">"
    else:
        key = "sha1:" + hashlib.sha1(block, usedforsecurity=False).hexdigest()
    return MessageHeaders(
        sender=sender,
        recipients=recipients,
        at=_when(fields.get("date", "")),
        subject=decode_words(fields.get("subject", "")),
        key=key,
        bulk=is_bulk(fields, sender),
    )


def header_block(message: bytes) -> bytes:
    """The header block of a whole message: up to the first empty line."""
    end = _HEADER_END.search(message)
    return message[: end.start()] if end else message


_HEADER_END = re.compile(rb"\r?\n\r?\n")
