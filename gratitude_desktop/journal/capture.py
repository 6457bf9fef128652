"""The rules of capture: what a captured touch is, the guard after the fact, new people.

A scan (io.capture) reads mail and calendar files; what it learns becomes interactions
by these rules. This module also answers the questions the window asks afterwards: which
emails went to someone who said no, who the user writes to that is not in the journal.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from peewee import fn

from gratitude_desktop.journal.settings import get_setting, set_setting
from gratitude_desktop.store.enums import Channel, Direction, DncChannel, Purpose
from gratitude_desktop.store.models import (
    Captured,
    Contact,
    ContactMethod,
    CorrespondentDismissed,
    CorrespondentMessage,
    Interaction,
    database,
)

ME_SETTING = "capture.me"
MAIL_SETTING = "capture.mail"
CALENDAR_SETTING = "capture.calendar"
INTERVAL_SETTING = "capture.interval_minutes"
HIDE_SETTING = "capture.hide_in_timeline"
DEFAULT_INTERVAL = 15
MIN_SENT_TO_PROPOSE = 2  # personal messages sent before a stranger is proposed as a contact

_GREETING = re.compile(
    r"\b(?:happy\s+(?:birthday|anniversary|new\s+year|holidays?|easter|hanukkah|diwali)|"
    r"merry\s+christmas|season'?s\s+greetings|congratulations|congrats|best\s+wishes|"
    r"joyeux\s+anniversaire|bonne\s+ann[ée]e|alles\s+gute|frohe\s+weihnachten|"
    r"herzlichen\s+gl[üu]ckwunsch|feliz\s+(?:cumplea[ñn]os|navidad))\b",
    re.IGNORECASE,
)
_THANKS = re.compile(
    r"\b(?:thank(?:s|\s+you)?|thx|merci|danke|gracias|grazie|obrigad[oa])\b", re.IGNORECASE
)


def purpose_of(subject: str, *, default: str = Purpose.FOLLOW_UP.value) -> str:
    """What a captured touch was for, from its subject: a greeting, a thank-you, else `default`."""
    if _GREETING.search(subject or ""):
        return Purpose.GREETING.value
    if _THANKS.search(subject or ""):
        return Purpose.THANK_YOU.value
    return default


def refuses(dnc_channels, channel: str) -> bool:
    """True when a contact's do-not-contact covers this channel (or all of them)."""
    words = set(dnc_channels or ())
    if DncChannel.ALL.value in words:
        return True
    if channel in (Channel.EMAIL.value,):
        return DncChannel.EMAIL.value in words
    if channel in (Channel.EVENT.value, Channel.VIDEO.value):
        return DncChannel.IN_PERSON.value in words
    return False


GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})


def address_key(address: str) -> str:
    """An email address as matching compares it: case folded; Gmail's + tags and dots dropped.

    Gmail delivers a.b.c+news@gmail.com to abc@gmail.com, and googlemail.com is the same
    mailbox, so all of them are one key.
    """
    text = address.strip().strip("<>").casefold()
    local, at, domain = text.rpartition("@")
    if not at:
        return text
    if domain in GMAIL_DOMAINS:
        local = local.split("+", 1)[0].replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}"


# --- Settings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaptureSettings:
    me: tuple[str, ...] = ()
    mail: tuple[str, ...] = ()
    calendar: tuple[str, ...] = ()
    interval_minutes: int = DEFAULT_INTERVAL  # 0: only when asked
    hide_in_timeline: bool = False

    @property
    def configured(self) -> bool:
        return bool(self.mail or self.calendar)


def _strings(value) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        return ()
    return tuple(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))


def load_capture_settings() -> CaptureSettings:
    interval = get_setting(INTERVAL_SETTING, DEFAULT_INTERVAL)
    if not isinstance(interval, int) or isinstance(interval, bool) or not 0 <= interval <= 24 * 60:
        interval = DEFAULT_INTERVAL
    return CaptureSettings(
        me=_strings(get_setting(ME_SETTING, [])),
        mail=_strings(get_setting(MAIL_SETTING, [])),
        calendar=_strings(get_setting(CALENDAR_SETTING, [])),
        interval_minutes=interval,
        hide_in_timeline=bool(get_setting(HIDE_SETTING, False)),
    )


def save_capture_settings(settings: CaptureSettings) -> None:
    with database.atomic():
        set_setting(ME_SETTING, list(settings.me))
        set_setting(MAIL_SETTING, list(settings.mail))
        set_setting(CALENDAR_SETTING, list(settings.calendar))
        set_setting(INTERVAL_SETTING, int(settings.interval_minutes))
        set_setting(HIDE_SETTING, bool(settings.hide_in_timeline))


# --- The guard after the fact -----------------------------------------------------------------


@dataclass(frozen=True)
class OutreachFlag:
    """An email the user sent to someone who asked not to be contacted that way."""

    captured_id: int
    contact_id: int
    name: str
    on: dt.date
    subject: str

    @property
    def text(self) -> str:
        day = f"{self.on.day} {self.on:%b}"
        return f"You emailed {self.name} on {day} — they asked not to be contacted."


def open_flags(contact_id: int | None = None) -> list[OutreachFlag]:
    """Flags the user has not yet seen, newest first (for one contact, or all)."""
    query = (
        Captured.select(
            Captured.id, Captured.contact, Contact.display_name, Interaction.at, Interaction.summary
        )
        .join(Interaction)
        .switch(Captured)
        .join(Contact)
        .where(
            Captured.flagged
            & Captured.flag_seen_at.is_null(True)
            & Contact.trashed_at.is_null(True)
        )
        .order_by(Interaction.at.desc(), Captured.id.desc())
    )
    if contact_id is not None:
        query = query.where(Captured.contact == contact_id)
    return [
        OutreachFlag(cid, contact, name, at.date(), summary)
        for cid, contact, name, at, summary in query.tuples()
    ]


def mark_flags_seen(captured_ids, now: dt.datetime | None = None) -> int:
    """The user has seen these flags: they are not shown again."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    ids = list(captured_ids)
    if not ids:
        return 0
    with database.atomic():
        return (
            Captured.update(flag_seen_at=now)
            .where(Captured.id.in_(ids) & Captured.flag_seen_at.is_null(True))
            .execute()
        )


def captured_interaction_ids(contact_id: int) -> set[int]:
    """The contact's interactions that a scan logged (for hiding them in a timeline)."""
    return {
        iid
        for (iid,) in Captured.select(Captured.interaction)
        .where(Captured.contact == contact_id)
        .tuples()
    }


# --- New people -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Correspondent:
    """Someone the user writes to personally who is not in the journal."""

    address_key: str
    address: str
    name: str
    sent: int
    last_at: dt.datetime


def new_people(known_keys: set[str]) -> list[Correspondent]:
    """People written to MIN_SENT_TO_PROPOSE times or more, not dismissed, not in `known_keys`.

    `known_keys` are the address keys of the journal's contacts as matching computes them
    (a contact added since the scan leaves the list at once). Most messages first.
    """
    dismissed = CorrespondentDismissed.select(CorrespondentDismissed.address_key)
    query = (
        CorrespondentMessage.select(
            CorrespondentMessage.address_key,
            fn.MAX(CorrespondentMessage.address),
            fn.MAX(CorrespondentMessage.name),
            fn.COUNT(CorrespondentMessage.message_key),
            fn.MAX(CorrespondentMessage.at),
        )
        .where(CorrespondentMessage.address_key.not_in(dismissed))
        .group_by(CorrespondentMessage.address_key)
        .having(fn.COUNT(CorrespondentMessage.message_key) >= MIN_SENT_TO_PROPOSE)
        .tuples()
    )
    out = []
    for key, address, name, sent, last_at in query:
        if key in known_keys:
            continue
        if isinstance(last_at, str):
            last_at = dt.datetime.fromisoformat(last_at)
        out.append(Correspondent(key, address, name or "", sent, last_at))
    out.sort(key=lambda c: (-c.sent, c.name.casefold() or c.address))
    return out


def dismiss_correspondent(address_key: str) -> None:
    with database.atomic():
        CorrespondentDismissed.insert(address_key=address_key).on_conflict_replace().execute()


def email_keys_of_contacts() -> dict[str, int]:
    """Every live contact's email addresses, as address_key keys them, to the contact's id."""
    live = Contact.select(Contact.id).where(Contact.trashed_at.is_null(True))
    query = (
        ContactMethod.select(ContactMethod.match_key, ContactMethod.contact)
        .where((ContactMethod.kind == "email") & ContactMethod.contact.in_(live))
        .tuples()
    )
    index: dict[str, int] = {}
    for key, contact_id in query.iterator():
        if key:
            index.setdefault(address_key(key), contact_id)
    return index


def direction_of(from_me: bool) -> str:
    return Direction.OUTBOUND.value if from_me else Direction.INBOUND.value
