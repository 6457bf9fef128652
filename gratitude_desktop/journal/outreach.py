"""The outreach guard: may I log this? Do-not-contact, greetings are not sales, already has it.

`check_outreach` is the one answer to "may I log this interaction?"; `log_outreach` is the
one way the journal logs outreach with the guard enforced. Every other follow-through
function (promises, referrals, lost customers, mistakes) logs through `log_outreach`.

Channel mapping (interaction channel -> the do-not-contact word that blocks it):

    email -> email, call -> phone, video -> phone (a video call rings them like a call),
    message -> message, mail -> mail, in-person -> in-person, event -> in-person
    (meeting them at an event is contact in person).

A do-not-contact on "all" blocks every channel. Inbound contact (they reached us) is never
blocked: it is always recorded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from peewee import fn

from gratitude_desktop.journal.interactions import (
    GREETING_PURPOSES,
    InteractionData,
    save_interaction,
)
from gratitude_desktop.journal.purchases import already_has
from gratitude_desktop.store.enums import Channel, Direction, DncChannel, Purpose, Stage
from gratitude_desktop.store.models import Contact, Offering

CHANNEL_TO_DNC: dict[str, str] = {
    Channel.EMAIL: DncChannel.EMAIL,
    Channel.CALL: DncChannel.PHONE,
    Channel.VIDEO: DncChannel.PHONE,
    Channel.MESSAGE: DncChannel.MESSAGE,
    Channel.MAIL: DncChannel.MAIL,
    Channel.IN_PERSON: DncChannel.IN_PERSON,
    Channel.EVENT: DncChannel.IN_PERSON,
}

# The order in which a default channel is picked for outreach the journal logs itself
# (a nudge, a thank-you): the first one the person has not asked us to avoid.
PREFERRED_CHANNELS: tuple[str, ...] = (
    Channel.EMAIL,
    Channel.CALL,
    Channel.MESSAGE,
    Channel.MAIL,
    Channel.IN_PERSON,
)

# Words that make a greeting or thank-you read like a sales pitch. Matched case-insensitively
# on word boundaries, so "offer" flags "a special offer" but not "offered". Kept small on
# purpose: a warning that fires on every second greeting would be ignored.
OFFER_WORDS: tuple[str, ...] = (
    "discount",
    "discounts",
    "sale",
    "sales",
    "upgrade",
    "% off",
    "percent off",
    "special price",
    "special offer",
    "deal",
    "deals",
    "promo",
    "promotion",
    "offer",
    "coupon",
    "voucher",
    "limited time",
    "free trial",
    "buy now",
)


def _word_pattern(word: str) -> str:
    body = re.escape(word).replace(r"\ ", r"\s+")
    start = r"\b" if word[0].isalnum() else ""
    end = r"\b" if word[-1].isalnum() else ""
    return start + body + end


_OFFER_RE = re.compile(
    "|".join(f"(?P<w{i}>{_word_pattern(w)})" for i, w in enumerate(OFFER_WORDS)),
    re.IGNORECASE,
)


def reads_as_offer(text: str) -> tuple[str, ...]:
    """The offer words (from OFFER_WORDS) found in `text`, in the order first seen."""
    found: list[str] = []
    for match in _OFFER_RE.finditer(text or ""):
        word = OFFER_WORDS[int(match.lastgroup[1:])]
        if word not in found:
            found.append(word)
    return tuple(found)


def default_moment(today: dt.date, at: dt.datetime | None = None) -> dt.datetime:
    """When an entry the journal logs itself happened: `at` if given, else noon on `today`."""
    return at if at is not None else dt.datetime.combine(today, dt.time(12, 0))


def dnc_word(channel: str) -> str:
    """The do-not-contact word covering an interaction channel (or a DNC word itself)."""
    return CHANNEL_TO_DNC.get(channel, channel)


def is_reachable(contact, channel: str | None = None) -> bool:
    """May we reach out to this contact (on `channel`)? Anything with `dnc_channels` will do.

    With no channel: only a contact with no do-not-contact at all is reachable.
    """
    blocked = set(getattr(contact, "dnc_channels", ()) or ())
    if not blocked:
        return True
    if channel is None or DncChannel.ALL in blocked:
        return False
    return dnc_word(channel) not in blocked


def allowed_channels(dnc_channels: Iterable[str]) -> tuple[str, ...]:
    """The interaction channels a person with these do-not-contact words may still be reached on."""
    blocked = set(dnc_channels or ())
    if DncChannel.ALL in blocked:
        return ()
    return tuple(c.value for c in Channel if CHANNEL_TO_DNC[c] not in blocked)


def preferred_channel(contact_id: int) -> str:
    """The first channel of PREFERRED_CHANNELS the contact may be reached on (email if none)."""
    contact = Contact.get_by_id(contact_id)
    for channel in PREFERRED_CHANNELS:
        if is_reachable(contact, channel):
            return channel.value
    return Channel.EMAIL.value


def reachable_expression(channel: str | None = None):
    """A peewee condition on Contact: live and reachable (on `channel`, or with no DNC at all).

    For other journal queries building outreach lists; it is the same rule as is_reachable.
    """
    live = Contact.trashed_at.is_null(True)
    if channel is None:
        return live & (Contact.dnc_channels == "")
    word = dnc_word(channel)
    return (
        live
        & (fn.instr(Contact.dnc_channels, ",all,") == 0)
        & (fn.instr(Contact.dnc_channels, f",{word},") == 0)
    )


def outreach_list(
    contact_ids: Iterable[int] | None = None, channel: str | None = None
) -> list[int]:
    """Ids of the contacts we may reach out to, in name order; DNC and trashed people left out.

    `contact_ids` narrows the candidates (None: every contact); `channel` keeps people whose
    do-not-contact covers other channels only.
    """
    query = Contact.select(Contact.id).where(reachable_expression(channel))
    if contact_ids is not None:
        query = query.where(Contact.id.in_(list(contact_ids)))
    return [cid for (cid,) in query.order_by(Contact.sort_key, Contact.id).tuples()]


@dataclass(frozen=True)
class OutreachCheck:
    """The guard's answer about one interaction about to be logged.

    errors: it cannot be logged at all (fix the entry).
    blocked / needs_reason: outbound on a do-not-contact channel; only with a reason.
    already_has: an offer for something they already have; only with a confirmation.
    warnings: worth saying before saving, but never stop it (reads like an offer…).
    """

    blocked: bool = False
    blocked_by: tuple[str, ...] = ()  # the do-not-contact words that apply
    dnc_reason: str = ""  # in their words
    needs_reason: bool = False
    already_has: bool = False
    offering_name: str = ""
    greeting_with_offer: bool = False
    offer_words: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def reads_as_offer(self) -> bool:
        return bool(self.offer_words)

    @property
    def ok(self) -> bool:
        """May be logged as it is, with no reason and no confirmation."""
        return not self.errors and not self.needs_reason and not self.already_has


class OutreachRefused(Exception):
    """The guard refused to log the interaction; `check` says why, the message in words."""

    def __init__(self, check: OutreachCheck, message: str):
        self.check = check
        super().__init__(message)


def check_outreach(
    contact_id: int,
    channel: str,
    direction: str,
    purpose: str,
    offering_id: int | None,
    text: str,
    today: dt.date,
) -> OutreachCheck:
    """May this interaction be logged? The one answer for the dialog, the CLI and the journal."""
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        return OutreachCheck(errors=("The contact is not in the journal.",))
    errors: list[str] = []
    warnings: list[str] = []
    name = contact.display_name

    blocked_by: tuple[str, ...] = ()
    if direction == Direction.OUTBOUND and not is_reachable(contact, channel):
        blocked_by = tuple(
            w for w in contact.dnc_channels if w in (DncChannel.ALL, dnc_word(channel))
        )
        since = f" since {contact.dnc_since.isoformat()}" if contact.dnc_since else ""
        why = f" (“{contact.dnc_reason}”)" if contact.dnc_reason else ""
        warnings.append(
            f"{name} asked not to be contacted by {_channels_words(blocked_by)}{since}{why}. "
            "Give a reason to log this anyway."
        )

    greeting_with_offer = purpose in GREETING_PURPOSES and offering_id is not None
    if greeting_with_offer:
        errors.append("A greeting or thank-you never carries an offer: remove the offering.")
    if purpose == Purpose.OFFER and offering_id is None:
        errors.append("Say which offering this offer is for.")

    offering_name = ""
    has_it = False
    if offering_id is not None:
        offering = Offering.get_or_none(Offering.id == offering_id)
        if offering is None:
            errors.append("That offering is not in the journal.")
        else:
            offering_name = offering.name
            if purpose == Purpose.OFFER and already_has(contact_id, offering_id, today):
                has_it = True
                warnings.append(
                    f"{name} already has {offering_name}. Confirm to log this offer anyway."
                )

    words: tuple[str, ...] = ()
    if purpose in GREETING_PURPOSES:
        words = reads_as_offer(text)
        if words:
            quoted = ", ".join(f"“{w}”" for w in words)
            warnings.append(
                f"This {purpose} reads like an offer ({quoted}). Greetings are not sales."
            )

    if purpose == Purpose.OFFER and contact.stage == Stage.LOST_CUSTOMER:
        warnings.append(f"{name} is a lost customer: ask what went wrong, don't sell.")

    return OutreachCheck(
        blocked=bool(blocked_by),
        blocked_by=blocked_by,
        dnc_reason=contact.dnc_reason or "",
        needs_reason=bool(blocked_by),
        already_has=has_it,
        offering_name=offering_name,
        greeting_with_offer=greeting_with_offer,
        offer_words=words,
        errors=tuple(errors),
        warnings=tuple(warnings),
    )


def _channels_words(words: Iterable[str]) -> str:
    words = list(words)
    if not words or DncChannel.ALL in words:
        return "any channel"
    return " or ".join(w.replace("-", " ") for w in words)


def check_interaction(data: InteractionData, today: dt.date) -> OutreachCheck:
    """check_outreach for a filled-in InteractionData (summary and notes are the text)."""
    return check_outreach(
        data.contact_id,
        data.channel,
        data.direction,
        data.purpose,
        data.offering_id,
        "\n".join(t for t in (data.summary, data.notes) if t),
        today,
    )


def log_outreach(
    data: InteractionData,
    *,
    today: dt.date,
    reason: str | None = None,
    confirm_already_has: bool = False,
) -> int:
    """Log an interaction with the guard enforced; returns its id.

    Raises OutreachRefused (nothing written) when the entry has errors, when it is outbound on
    a do-not-contact channel and no reason is given, or when it offers something the contact
    already has without `confirm_already_has`. A given reason is kept as override_reason.
    """
    check = check_interaction(data, today)
    if check.errors:
        raise OutreachRefused(check, " ".join(check.errors))
    reason = (reason or "").strip()
    if check.needs_reason and not reason:
        raise OutreachRefused(check, check.warnings[0])
    if check.already_has and not confirm_already_has:
        name = Contact.get_by_id(data.contact_id).display_name
        raise OutreachRefused(
            check,
            f"{name} already has {check.offering_name}. Confirm to log this offer anyway.",
        )
    if check.needs_reason:
        data = replace(data, override_reason=reason)
    return save_interaction(data)
