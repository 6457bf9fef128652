"""Reach them in one click: each contact method as a link, after the outreach guard.

An email is a `mailto:`, a phone a `tel:`, a website its address, a postal address a map
search, a social profile its address when it is one. Writing and calling are outreach:
a channel the person asked us not to use is no link at all (DESIGN rule 2), and opening
one offers to log the touch. A website or a map is not outreach and logs nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote

from gratitude_desktop.journal.interactions import InteractionData
from gratitude_desktop.journal.methods import normalize_phone
from gratitude_desktop.journal.outreach import dnc_word, is_reachable
from gratitude_desktop.store.enums import Channel, Direction, MethodKind, Purpose, label
from gratitude_desktop.store.models import Contact, ContactMethod

# The interaction channel opening a method of this kind is.
CHANNELS = {
    MethodKind.EMAIL.value: Channel.EMAIL.value,
    MethodKind.PHONE.value: Channel.CALL.value,
    MethodKind.SOCIAL.value: Channel.MESSAGE.value,
}
MAP_SEARCH = "https://www.openstreetmap.org/search?query="
_WEB = re.compile(r"^https?://", re.IGNORECASE)
_TOUCH_WORDS = {
    Channel.EMAIL.value: "email",
    Channel.CALL.value: "call",
    Channel.MESSAGE.value: "message",
}


@dataclass(frozen=True)
class MethodLink:
    """One way to reach a contact, as the page shows it."""

    kind: str
    value: str
    label: str
    bad: bool  # known bad: shown struck through, still a link (it may work again)
    url: str | None  # None: not a link (refused, or nothing to open)
    channel: str | None  # the outreach it is (None: a website or a map)
    refused: str  # why it is no link: "They asked not to be emailed.", "" when allowed


def method_url(kind: str, value: str) -> str | None:
    """The address the desktop opens for a method, or None when there is none."""
    text = value.strip()
    if not text:
        return None
    if kind == MethodKind.EMAIL:
        return "mailto:" + quote(text, safe="@+.-_")
    if kind == MethodKind.PHONE:
        return "tel:" + normalize_phone(text)
    if kind == MethodKind.WEBSITE:
        return text if _WEB.match(text) else "https://" + text
    if kind == MethodKind.ADDRESS:
        return MAP_SEARCH + quote(" ".join(text.split()))
    if kind == MethodKind.SOCIAL and _WEB.match(text):
        return text
    return None


def refusal(contact: Contact, channel: str | None) -> str:
    """Why the guard refuses this outreach, in words; "" when it is allowed."""
    if channel is None or is_reachable(contact, channel):
        return ""
    words = {"email": "emailed", "phone": "called", "message": "messaged"}
    how = words.get(dnc_word(channel), "contacted")
    if "all" in contact.dnc_channels:
        how = "contacted"
    return f"They asked not to be {how}."


def method_links(contact_id: int) -> list[MethodLink]:
    """The contact's methods in their order, each with its link or why it has none."""
    contact = Contact.get_by_id(contact_id)
    out = []
    for m in (
        ContactMethod.select()
        .where(ContactMethod.contact == contact_id)
        .order_by(ContactMethod.position, ContactMethod.id)
    ):
        channel = CHANNELS.get(m.kind)
        why = refusal(contact, channel)
        out.append(
            MethodLink(
                kind=m.kind,
                value=m.value,
                label=m.label or "",
                bad=bool(m.bad),
                url=None if why else method_url(m.kind, m.value),
                channel=channel,
                refused=why,
            )
        )
    return out


def touch_question(name: str, channel: str) -> str:
    """What the page asks after opening a link: "Log this email to Ben?"."""
    word = _TOUCH_WORDS.get(channel, label(channel).lower())
    return f"Log this {word} {'with' if channel == Channel.CALL else 'to'} {name}?"


def touch(contact_id: int, link: MethodLink, now: dt.datetime) -> InteractionData:
    """The interaction to log after opening `link` (an outreach channel) at `now`."""
    word = _TOUCH_WORDS.get(link.channel or "", "touch")
    return InteractionData(
        contact_id=contact_id,
        at=now.replace(microsecond=0),
        channel=link.channel or Channel.MESSAGE.value,
        direction=Direction.OUTBOUND.value,
        purpose=Purpose.FOLLOW_UP.value,
        summary=f"{word.capitalize()} to {link.value}",
    )
