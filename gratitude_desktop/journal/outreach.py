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

Besides do-not-contact (issue 16, "never pester, never woo"):
- Offer to a lost customer nobody has asked why yet: refused unless a reason is given,
  like a do-not-contact ("Ask them why first — don't woo them back").
- Asked first (a confirmation): a fourth outbound touch within a week with no answer
  (Settings: pester_touches, pester_days); an offer for something they already have; an
  offer within 30 days of their first purchase.
- What reads as an offer is looked for in every entry, whatever its purpose: our own
  offerings' names, money in any currency (£99, 99 €, USD 40, 12.50 dollars), percentages
  and a short list of sales words. A greeting or thank-you reading as an offer is flagged
  and may be logged as an offer instead; text naming an offering they already have is
  checked like an offer.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

from peewee import fn

from gratitude_desktop.journal.agenda import lost_not_asked
from gratitude_desktop.journal.interactions import (
    GREETING_PURPOSES,
    InteractionData,
    save_interaction,
)
from gratitude_desktop.journal.purchases import already_has
from gratitude_desktop.journal.settings import Settings, load_settings
from gratitude_desktop.store.enums import Channel, Direction, DncChannel, Purpose, Stage
from gratitude_desktop.store.models import Contact, Interaction, Offering, Purchase
from gratitude_desktop.store.queries import live, open_to_contact

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
    "book now",
    "order now",
    "sign up now",
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


# Every currency sign Unicode knows (category Sc: $ £ € ¥ ₹ ₽ ₩ ₺ ₪ ฿ …), not a list of ours.
_CURRENCY_SIGNS = "".join(
    chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Sc"
)
_AMOUNT = r"\d+(?:[.,\s\u00a0\u202f']\d{3})*(?:[.,]\d{1,2})?"
# ISO 4217 codes written beside an amount ("USD 40", "40 CHF"), and currency words.
_CODE = r"(?-i:[A-Z]{3})"  # upper case only: "Nur 49" is not an amount in NUR
_CURRENCY_WORDS = (
    r"dollars?|euros?|pounds?|quid|francs?|yen|yuan|rupees?|pesos?|reais|real|rand|"
    r"kronor|kroner|krona|krone|z[łl]oty|forint|lira|shekels?|dirhams?|riyals?|bucks"
)
_MONEY_RE = re.compile(
    rf"[{re.escape(_CURRENCY_SIGNS)}]\s?{_AMOUNT}"  # £99, € 12,50, ₹1,000
    rf"|{_AMOUNT}\s?[{re.escape(_CURRENCY_SIGNS)}]"  # 99€, 12,50 €
    rf"|\b{_CODE}\s?{_AMOUNT}\b|\b{_AMOUNT}\s?{_CODE}\b"  # USD 40, 40 CHF
    rf"|\b{_AMOUNT}\s?(?:{_CURRENCY_WORDS})\b"  # 12.50 dollars
    rf"|\b\d+(?:[.,]\d+)?\s?(?:%|％|percent\b|per\s+cent\b|pct\b)",  # 20%, 15 percent
    re.IGNORECASE,
)
_ISO_CODES = None


def _is_amount(match: re.Match) -> bool:
    """A three-letter code beside a number is money only if it is a currency's code."""
    global _ISO_CODES
    text = match.group(0)
    letters = re.findall(r"[A-Za-z]{3}", text)
    if not letters or text.rstrip().endswith(("%", "％")) or re.search(r"cent|pct", text, re.I):
        return True
    if re.search(_CURRENCY_WORDS, text, re.IGNORECASE):
        return True
    if _ISO_CODES is None:
        _ISO_CODES = frozenset(CURRENCY_CODES.split())
    return any(code in _ISO_CODES for code in letters)  # case-sensitive: "usd 40" is not


CURRENCY_CODES = (
    "AED ARS AUD BGN BRL CAD CHF CLP CNY COP CZK DKK EGP EUR GBP HKD HUF IDR ILS INR ISK JPY "
    "KES KRW MAD MXN MYR NGN NOK NZD PEN PHP PKR PLN QAR RON RSD RUB SAR SEK SGD THB TRY TWD "
    "UAH USD VND ZAR"
)


def offer_signals(text: str, offerings: Iterable[tuple[int, str]] = ()) -> tuple[str, ...]:
    """What makes `text` read as an offer, in the order found: offering names, money and
    percentages (any currency), sales words. `offerings` are (id, name) of our offerings."""
    text = text or ""
    found: list[str] = []
    folded = text.casefold()
    for _id, name in offerings:
        if name and re.search(_word_pattern(name.casefold()), folded):
            found.append(name)
    spans = []
    for match in _MONEY_RE.finditer(text):
        if _is_amount(match):
            found.append(" ".join(match.group(0).split()))
            spans.append(match.span())
    for match in _OFFER_RE.finditer(text):
        start, end = match.span()
        if not any(start < e and s < end for s, e in spans):  # "20% off" is said once
            found.append(OFFER_WORDS[int(match.lastgroup[1:])])
    return tuple(dict.fromkeys(found))


def offerings_named(text: str) -> list[tuple[int, str]]:
    """Our offerings (id, name) whose name the text mentions, on word boundaries, any case."""
    folded = (text or "").casefold()
    if not folded.strip():
        return []
    return [
        (oid, name)
        for oid, name in Offering.select(Offering.id, Offering.name).tuples()
        if name and re.search(_word_pattern(name.casefold()), folded)
    ]


def pester_count(contact_id: int, today: dt.date, settings: Settings) -> int:
    """Outbound touches in the last `pester_days` days (today included) since their last
    inbound one: how many times we reached out without an answer."""
    start = today - dt.timedelta(days=settings.pester_days - 1)
    answered = (
        Interaction.select(fn.MAX(Interaction.at))
        .where((Interaction.contact == contact_id) & (Interaction.direction == Direction.INBOUND))
        .scalar()
    )
    since = start.isoformat()
    if answered is not None and str(answered) > since:
        since = str(answered)
    return (
        Interaction.select(fn.COUNT(Interaction.id))
        .where(
            (Interaction.contact == contact_id)
            & (Interaction.direction == Direction.OUTBOUND)
            & (Interaction.at >= since)
            & (Interaction.at < (today + dt.timedelta(days=1)).isoformat())
        )
        .scalar()
    )


JUST_BOUGHT_DAYS = 30  # an offer within this many days of their first purchase asks first


def first_purchase_on(contact_id: int) -> dt.date | None:
    """The day of the contact's first purchase (None: no purchase with a date)."""
    first = (
        Purchase.select(fn.MIN(Purchase.since))
        .where((Purchase.contact == contact_id) & Purchase.since.is_null(False))
        .scalar()
    )
    return dt.date.fromisoformat(str(first)[:10]) if first else None


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
    """The interaction channels still open under these do-not-contact words.

    () means none is left (they refused every channel). Not the agenda's "only by"
    (agenda._only_by), where () means there is no do-not-contact at all.
    """
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
    if channel is None:
        return live() & (Contact.dnc_channels == "")
    return open_to_contact() & (fn.instr(Contact.dnc_channels, f",{dnc_word(channel)},") == 0)


# A contact method's kind -> the do-not-contact word that refuses it (websites and social
# profiles are read, not written to: nothing refuses them).
METHOD_TO_DNC: dict[str, str] = {
    "email": DncChannel.EMAIL.value,
    "phone": DncChannel.PHONE.value,
    "address": DncChannel.MAIL.value,
}
# `export --for CHANNEL` -> the method kind a mailing list on that channel needs.
MAILING_KINDS: dict[str, str] = {"email": "email", "phone": "phone", "mail": "address"}


def refused_kinds(dnc_channels: Iterable[str]) -> frozenset[str]:
    """The method kinds a do-not-contact refuses (all of them for "all")."""
    words = set(dnc_channels or ())
    if DncChannel.ALL.value in words:
        return frozenset(METHOD_TO_DNC)
    return frozenset(kind for kind, word in METHOD_TO_DNC.items() if word in words)


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


# What a confirmation answers (log_outreach(confirmed=…)).
ALREADY_HAS = "already-has"
PESTER = "pester"
JUST_BOUGHT = "just-bought"


@dataclass(frozen=True)
class OutreachCheck:
    """The guard's answer about one interaction about to be logged.

    errors: it cannot be logged at all (fix the entry).
    blocked / needs_reason: outbound on a do-not-contact channel, or an offer to a lost
    customer not asked why (wooing); only with a reason (`reason_asked` says for what).
    questions: (key, text) to confirm first — already has it, pestering, just bought.
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
    wooing: bool = False  # an offer to a lost customer nobody asked why
    reason_asked: str = ""  # the question the reason answers
    questions: tuple[tuple[str, str], ...] = ()
    # A greeting reading as an offer may be logged as an offer instead (of this offering).
    suggest_offer: bool = False
    suggested_offering_id: int | None = None

    @property
    def reads_as_offer(self) -> bool:
        return bool(self.offer_words)

    @property
    def ok(self) -> bool:
        """May be logged as it is, with no reason and no confirmation."""
        return not self.errors and not self.needs_reason and not self.questions

    def unconfirmed(self, confirmed: Collection[str]) -> list[str]:
        """The questions' texts not answered yes by `confirmed`."""
        return [text for key, text in self.questions if key not in confirmed]


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
    settings: Settings | None = None,
) -> OutreachCheck:
    """May this interaction be logged? The one answer for the dialog, the CLI and the journal."""
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        return OutreachCheck(errors=("The contact is not in the journal.",))
    errors: list[str] = []
    warnings: list[str] = []
    questions: list[tuple[str, str]] = []
    name = contact.display_name
    outbound = direction == Direction.OUTBOUND

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
    offering = None
    if offering_id is not None:
        offering = Offering.get_or_none(Offering.id == offering_id)
        if offering is None:
            errors.append("That offering is not in the journal.")
        else:
            offering_name = offering.name

    # What reads as an offer, whatever the purpose: our offerings' names (in a greeting),
    # money in any currency, percentages, sales words.
    named = offerings_named(text)
    pitch = offer_signals(text)
    greeting = purpose in GREETING_PURPOSES
    words = offer_signals(text, named) if greeting else pitch
    selling = purpose == Purpose.OFFER or bool(words)
    if greeting and words:
        quoted = ", ".join(f"“{w}”" for w in words)
        warnings.append(
            f"This {purpose} reads like an offer ({quoted}). Greetings are not sales: "
            "leave it out, or log it as an offer instead."
        )
    elif purpose != Purpose.OFFER and words:
        quoted = ", ".join(f"“{w}”" for w in words)
        warnings.append(f"This reads like an offer ({quoted}): log it as an offer?")

    # "They already have it": the chosen offering, or any named one, when this sells.
    owned = []
    if offering is not None and purpose == Purpose.OFFER:
        owned.append((offering.id, offering.name))
    if selling:
        owned.extend(n for n in named if n[0] != offering_id)
    owned = [(oid, oname) for oid, oname in owned if already_has(contact_id, oid, today)]
    if owned:
        offering_name = offering_name if offering_id in dict(owned) else owned[0][1]
        questions.append(
            (ALREADY_HAS, f"{name} already has {offering_name}. Log this offer anyway?")
        )

    wooing = False
    reason_asked = ""
    if outbound and selling and lost_not_asked(contact_id):
        wooing = True
        reason_asked = "Why offer to them before asking why they left?"
        warnings.append(
            f"{name} is a lost customer nobody has asked why yet. Ask them why first — "
            "don't woo them back. Give a reason to log this anyway."
        )
    elif selling and contact.stage == Stage.LOST_CUSTOMER:
        warnings.append(f"{name} is a lost customer: ask what went wrong, don't sell.")
    if blocked_by:
        reason_asked = "Why reach out although they asked not to be contacted?"

    if outbound and selling:
        first = first_purchase_on(contact_id)
        if first is not None and 0 <= (today - first).days < JUST_BOUGHT_DAYS:
            questions.append(
                (
                    JUST_BOUGHT,
                    f"{name} first bought on {first.isoformat()}. They just bought — let them "
                    "enjoy it before you offer more. Log this offer anyway?",
                )
            )

    if outbound:
        settings = settings or load_settings()
        count = pester_count(contact_id, today, settings)
        if count >= settings.pester_touches:
            week = "this week" if settings.pester_days == 7 else f"in {settings.pester_days} days"
            questions.append(
                (
                    PESTER,
                    f"You have reached out to {name} {count} times {week} without an answer "
                    "— log it anyway?",
                )
            )

    suggest = purpose != Purpose.OFFER and bool(words)
    return OutreachCheck(
        blocked=bool(blocked_by),
        blocked_by=blocked_by,
        dnc_reason=contact.dnc_reason or "",
        needs_reason=bool(blocked_by) or wooing,
        already_has=bool(owned),
        offering_name=offering_name,
        greeting_with_offer=greeting_with_offer,
        offer_words=() if purpose == Purpose.OFFER else words,
        errors=tuple(errors),
        warnings=tuple(warnings),
        wooing=wooing,
        reason_asked=reason_asked,
        questions=tuple(questions),
        suggest_offer=suggest,
        suggested_offering_id=named[0][0] if suggest and named else None,
    )


def _reason_warning(check: OutreachCheck) -> str:
    """The warning that says why a reason is needed (do-not-contact first, then wooing)."""
    for warning in check.warnings:
        if "Give a reason" in warning:
            return warning
    return check.warnings[0]


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
    confirmed: Collection[str] = (),
) -> int:
    """Log an interaction with the guard enforced; returns its id.

    Raises OutreachRefused (nothing written) when the entry has errors, when it needs a
    reason (do-not-contact, wooing a lost customer) and none is given, or when one of its
    questions (ALREADY_HAS, PESTER, JUST_BOUGHT) is not in `confirmed`. A given reason is
    kept as override_reason.
    """
    check = check_interaction(data, today)
    if check.errors:
        raise OutreachRefused(check, " ".join(check.errors))
    reason = (reason or "").strip()
    if check.needs_reason and not reason:
        raise OutreachRefused(check, _reason_warning(check))
    confirmed = {*confirmed, *((ALREADY_HAS,) if confirm_already_has else ())}
    unanswered = check.unconfirmed(confirmed)
    if unanswered:
        raise OutreachRefused(check, " ".join(unanswered))
    if check.needs_reason:
        data = replace(data, override_reason=reason)
    return save_interaction(data)
