"""A contact's whole history: what the timeline shows besides the interactions.

Interactions (calls, emails, meetings, nudges, apologies…) are many and read in pages
(journal.interactions.timeline). The other events of a life together are few per
contact and read whole: promises made, kept, broken and released, referrals both ways,
purchases, and moves on the ladder. The timeline merges both, newest first.

Kinds (KINDS) name what a timeline filter shows; each interaction is one kind by its
channel or purpose, each event one by what it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN

from gratitude_desktop.store.enums import Channel, PromiseDirection, PromiseStatus, Purpose, label
from gratitude_desktop.store.models import (
    Contact,
    Interaction,
    Offering,
    Promise,
    Purchase,
    Referral,
    StageChange,
)
from gratitude_desktop.store.search import folded_words, holds_words

ALL = "all"
# What the timeline's filter offers, in its order: (kind, words).
KINDS = (
    (ALL, "Everything"),
    ("conversations", "Calls and meetings"),
    ("email", "Emails and messages"),
    ("greetings", "Greetings and thank-yous"),
    ("offers", "Offers"),
    ("mistakes", "Mistakes and apologies"),
    ("promises", "Promises"),
    ("referrals", "Referrals"),
    ("purchases", "Purchases"),
    ("stage", "Stage changes"),
)
EVENT_KINDS = frozenset({"promises", "referrals", "purchases", "stage"})


def interaction_filter(kind: str):
    """The interactions a kind shows (a peewee expression), None for every one, or False."""
    if kind == ALL:
        return None
    if kind == "conversations":
        return Interaction.channel.in_(
            [Channel.CALL, Channel.IN_PERSON, Channel.VIDEO, Channel.EVENT]
        )
    if kind == "email":
        return Interaction.channel.in_([Channel.EMAIL, Channel.MESSAGE, Channel.MAIL])
    if kind == "greetings":
        return Interaction.purpose.in_([Purpose.GREETING, Purpose.THANK_YOU])
    if kind == "offers":
        return Interaction.purpose == Purpose.OFFER
    if kind == "mistakes":
        return Interaction.purpose == Purpose.APOLOGY
    return False  # an event kind: no interaction


@dataclass(frozen=True)
class HistoryEvent:
    """One event of the timeline that is not an interaction."""

    on: dt.date
    kind: str  # "promises" | "referrals" | "purchases" | "stage"
    tag: str  # the short word the timeline's purpose column shows: "Promise kept"
    text: str  # the sentence: "You promised: Send the grant link (due 2026-12-01)"
    order: int = 0  # the same day: made before kept


def _promise_events(contact_id: int) -> list[HistoryEvent]:
    out = []
    for p in Promise.select().where(Promise.contact == contact_id):
        ours = p.direction == PromiseDirection.WE_OWE
        due = f" (due {p.due_on.isoformat()})" if p.due_on else ""
        out.append(
            HistoryEvent(
                p.made_on,
                "promises",
                "Promise made" if ours else "Promise to us",
                f"{'You promised' if ours else 'They promised'}: {p.what}{due}",
            )
        )
        if p.status != PromiseStatus.OPEN and p.done_on:
            words = {"kept": "kept", "broken": "broken", "released": "released"}[p.status]
            why = f" — {p.blocked_reason}" if p.blocked_reason else ""
            out.append(
                HistoryEvent(
                    p.done_on, "promises", f"Promise {words}", f"{label(words)}: {p.what}{why}", 1
                )
            )
    return out


def _referral_events(contact_id: int) -> list[HistoryEvent]:
    By, Person, To = Contact.alias(), Contact.alias(), Contact.alias()  # noqa: N806
    query = (
        Referral.select(Referral, By.display_name, Person.display_name, To.display_name)
        .join_from(Referral, By, JOIN.LEFT_OUTER, on=(Referral.by == By.id))
        .join_from(Referral, Person, on=(Referral.person == Person.id))
        .join_from(Referral, To, JOIN.LEFT_OUTER, on=(Referral.to == To.id))
        .where(
            (Referral.by == contact_id)
            | (Referral.person == contact_id)
            | (Referral.to == contact_id)
        )
        .tuples()
    )
    out = []
    for rid, by, person, to, on, outcome, thanked, by_name, person_name, to_name in query:
        del rid
        if by == contact_id:
            text = f"Referred {person_name} to {to_name or 'us'}"
        elif person == contact_id and by is None:
            text = f"We referred them to {to_name}"
        elif person == contact_id:
            text = f"Referred to {'us' if to is None else to_name} by {by_name}"
        else:
            text = f"{person_name} was referred to them" + (f" by {by_name}" if by_name else "")
        if outcome:
            text += f" — {outcome}"
        out.append(HistoryEvent(on, "referrals", "Referral", text))
        if thanked and by == contact_id:
            out.append(
                HistoryEvent(thanked, "referrals", "Thanked", f"Thanked for {person_name}", 1)
            )
    return out


def _purchase_events(contact_id: int) -> list[HistoryEvent]:
    out = []
    query = (
        Purchase.select(Purchase.since, Purchase.until, Purchase.recurring, Offering.name)
        .join(Offering)
        .where(Purchase.contact == contact_id)
        .tuples()
    )
    for since, until, recurring, name in query:
        if since:
            how = " (recurring)" if recurring else ""
            out.append(HistoryEvent(since, "purchases", "Purchase", f"Bought {name}{how}"))
        if until:
            out.append(HistoryEvent(until, "purchases", "Purchase ended", f"{name} ended", 1))
    return out


def _stage_events(contact_id: int) -> list[HistoryEvent]:
    out = []
    for change in StageChange.select().where(StageChange.contact == contact_id):
        if change.from_stage is None:
            text = f"Added as {label(change.to_stage).lower()}"
        else:
            text = f"{label(change.from_stage)} → {label(change.to_stage).lower()}"
        out.append(HistoryEvent(change.on, "stage", "Stage", text))
    return out


def history_events(contact_id: int, kind: str = ALL, words: str = "") -> list[HistoryEvent]:
    """The contact's events that are not interactions, newest first (of `kind`, holding `words`)."""
    if kind != ALL and kind not in EVENT_KINDS:
        return []
    found: list[HistoryEvent] = []
    readers = {
        "promises": _promise_events,
        "referrals": _referral_events,
        "purchases": _purchase_events,
        "stage": _stage_events,
    }
    for name, read in readers.items():
        if kind in (ALL, name):
            found += read(contact_id)
    if words.strip():
        typed = folded_words(words)
        found = [e for e in found if holds_words(e.text, typed)]
    found.sort(key=lambda e: (e.on, e.order), reverse=True)
    return found
