"""AGENDA.md read literally, for tests that compare the agenda with it."""

from __future__ import annotations

import datetime as dt

from gratitude_desktop.journal.cadence import effective_cadence
from gratitude_desktop.journal.settings import Settings
from gratitude_desktop.store.models import Promise, Purchase, Referral

# AGENDA.md, ask-why-lost: "an offer or a card is not asking why".
NOT_ASKING = {"offer", "greeting", "thank-you", "referral"}


def reference_agenda(today: dt.date, settings: Settings) -> set[tuple]:
    """AGENDA.md read literally, one contact at a time (slow, obvious, for comparison)."""
    from gratitude_desktop.journal.agenda import CHANNELS
    from gratitude_desktop.journal.dates import parse_partial_date
    from gratitude_desktop.store.models import Contact, Interaction, Snooze

    contacts = {c.id: c for c in Contact.select()}
    timeline: dict[int, list] = {}
    for i in Interaction.select():
        timeline.setdefault(i.contact_id, []).append(i)
    snoozed = {s.contact_id for s in Snooze.select() if s.until > today}
    purchases: dict[int, list] = {}
    for p in Purchase.select():
        purchases.setdefault(p.contact_id, []).append(p)

    def channels(c):
        closed = set(c.dnc_channels)
        if "all" in closed:
            return None
        left = tuple(ch for ch in CHANNELS if ch not in closed)
        return left if closed and left else (() if not closed else None)

    def live(c):
        return c is not None and c.trashed_at is None and channels(c) is not None

    out = set()
    for c in contacts.values():
        if not live(c):
            continue
        ch = channels(c)
        history = timeline.get(c.id, [])
        latest = max(history, key=lambda i: (i.at, i.id)) if history else None
        last_touch = latest.at.date() if latest else (c.met_on or c.created_at.date())
        asks = (
            c.stage == "lost-customer"
            and c.lost_since is not None
            and not any(
                i.at.date() >= c.lost_since and i.purpose not in NOT_ASKING for i in history
            )
        )
        if asks:
            out.add(("ask-why-lost", c.id, c.lost_since, None, ch))
        cadence = effective_cadence(c.cadence_days, c.stage, c.circles, settings)
        if cadence and not asks and c.id not in snoozed:
            due = last_touch + dt.timedelta(days=cadence)
            if due <= today:
                out.add(("quiet", c.id, due, None, ch))
        if latest is not None and latest.next_step_on and latest.next_step_on <= today:
            out.add(("next-step", c.id, latest.next_step_on, latest.id, ch))
        if c.stage in ("customer", "client"):
            feedback = [i.at.date() for i in history if i.purpose == "feedback"]
            bought = [p.since for p in purchases.get(c.id, []) if p.since is not None]
            if feedback:
                last_feedback = max(feedback)
            elif bought:
                last_feedback = min(bought)
            else:
                last_feedback = c.created_at.date()
            due = last_feedback + dt.timedelta(days=365)
            if due <= today:
                out.add(("ask-feedback", c.id, due, None, ch))
        for kind, text in (("birthday", c.birthday), ("anniversary", c.anniversary)):
            when = parse_partial_date(text)
            if when is None:
                continue
            due = when.in_year(today.year)
            if due < today:
                due = when.in_year(today.year + 1)
            if due <= today + dt.timedelta(days=settings.birthday_days_ahead):
                out.add((kind, c.id, due, None, ch))
    for p in Promise.select():
        c = contacts.get(p.contact_id)
        if not live(c) or p.status != "open" or p.due_on is None:
            continue
        if p.direction == "we-owe" and p.due_on <= today + dt.timedelta(days=2):
            out.add(("promise-due", c.id, p.due_on, p.id, channels(c)))
        rested = p.nudged_on is None or p.nudged_on + dt.timedelta(days=7) <= today
        if p.direction == "they-owe" and p.due_on < today and rested:
            out.add(("promise-owed", c.id, p.due_on, p.id, channels(c)))
    for r in Referral.select():
        c = contacts.get(r.by_id)
        if r.to_id is None and r.thanked_on is None and live(c):
            out.add(("thank-referral", c.id, r.on, r.id, channels(c)))
        person = contacts.get(r.person_id)
        asked_after = r.on + dt.timedelta(days=14)
        if (
            r.by_id is None
            and r.to_id is not None
            and r.outcome is None
            and asked_after <= today
            and live(person)
        ):
            out.add(("ask-outcome", person.id, asked_after, r.id, channels(person)))
    return out
