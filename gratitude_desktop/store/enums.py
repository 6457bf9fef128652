"""The journal's vocabularies; each value is the word the JSON archive uses."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    ACQUAINTANCE = "acquaintance"
    NETWORKING_PARTNER = "networking-partner"
    PROSPECT = "prospect"
    CUSTOMER = "customer"
    CLIENT = "client"
    LOST_CUSTOMER = "lost-customer"


class Circle(StrEnum):
    FRIEND = "friend"
    FAMILY = "family"
    MENTOR = "mentor"
    MENTEE = "mentee"
    NETWORKING_PARTNER = "networking-partner"
    REFERRAL_SOURCE = "referral-source"
    COLLEAGUE = "colleague"


class DncChannel(StrEnum):
    ALL = "all"
    EMAIL = "email"
    PHONE = "phone"
    MAIL = "mail"
    MESSAGE = "message"
    IN_PERSON = "in-person"


class LostReason(StrEnum):
    PROMISE_NOT_KEPT = "promise-not-kept"
    MISUNDERSTANDING = "misunderstanding"
    STAFF_FAILURE = "staff-failure"
    WRONG_FIT = "wrong-fit"
    PRICE = "price"
    UNKNOWN = "unknown"


class MethodKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    WEBSITE = "website"
    ADDRESS = "address"
    SOCIAL = "social"


class Channel(StrEnum):
    IN_PERSON = "in-person"
    CALL = "call"
    EMAIL = "email"
    MAIL = "mail"
    MESSAGE = "message"
    VIDEO = "video"
    EVENT = "event"


class Direction(StrEnum):
    OUTBOUND = "outbound"
    INBOUND = "inbound"


class Purpose(StrEnum):
    FOLLOW_UP = "follow-up"
    CHECK_IN = "check-in"
    MEETING = "meeting"
    GREETING = "greeting"
    THANK_YOU = "thank-you"
    OFFER = "offer"
    APOLOGY = "apology"
    FEEDBACK = "feedback"
    REFERRAL = "referral"


class PromiseDirection(StrEnum):
    WE_OWE = "we-owe"
    THEY_OWE = "they-owe"


class PromiseStatus(StrEnum):
    OPEN = "open"
    KEPT = "kept"
    RELEASED = "released"
    BROKEN = "broken"


class GoalPeriod(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class RelationshipKind(StrEnum):
    """How two contacts are related; `other` is `contact`'s <kind> (ARCHIVE.md)."""

    SPOUSE = "spouse"
    PARTNER = "partner"
    PARENT = "parent"
    CHILD = "child"
    SIBLING = "sibling"
    ASSISTANT = "assistant"
    COLLEAGUE = "colleague"
    FRIEND = "friend"


def label(value: str) -> str:
    """A vocabulary word as people read it: 'networking-partner' -> 'Networking partner'."""
    text = value.replace("-", " ")
    return text[:1].upper() + text[1:]
