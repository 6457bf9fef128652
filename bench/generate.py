"""Generate a large, seeded, plausible journal for the benchmarks.

    python bench/generate.py DIR [--contacts 100000] [--interactions 1000000] [--seed 4]
                                 [--profile kept-up|neglected]

"kept-up" (the default): the user works the agenda and keeps in touch on
cadence, as a journal with a million logged interactions suggests; about one
contact in eleven is due on the day. "neglected": interactions fall at random
over three years, so most contacts have gone quiet (the worst case).

Rows go in batches inside one transaction through store.bulk.insert_rows (one
prepared statement; Model.insert_many spends longer building SQL text than
SQLite spends inserting at this size); each contact's
last_interaction_on is computed while generating (as the journal keeps it).
The full-text index is not filled: no benchmark here searches.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gratitude_desktop.journal.cadence import effective_cadence  # noqa: E402
from gratitude_desktop.journal.interactions import refresh_all_last_touch  # noqa: E402
from gratitude_desktop.store.bulk import insert_rows  # noqa: E402
from gratitude_desktop.store.db import open_journal  # noqa: E402
from gratitude_desktop.store.enums import (  # noqa: E402
    Channel,
    Circle,
    Direction,
    LostReason,
    PromiseDirection,
    PromiseStatus,
    Purpose,
    Stage,
)
from gratitude_desktop.store.models import (  # noqa: E402
    Contact,
    Interaction,
    Offering,
    Promise,
    Purchase,
    Referral,
    Snooze,
)

TODAY = dt.date(2026, 11, 22)
HISTORY_DAYS = 3 * 365
BATCH = 20_000
PROFILES = ("kept-up", "neglected")
NOTE = "Met at the chamber breakfast; interested in bookkeeping help for the new shop."

GIVEN = [
    "Ada",
    "Grace",
    "Alan",
    "Edsger",
    "Barbara",
    "Donald",
    "Frances",
    "Ken",
    "Margaret",
    "Linus",
    "Radia",
    "Tim",
    "Hedy",
    "Claude",
    "John",
    "Mary",
    "Niklaus",
    "Sophie",
    "Jürgen",
    "Zoë",
]
FAMILY = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Dijkstra",
    "Liskov",
    "Knuth",
    "Allen",
    "Thompson",
    "Hamilton",
    "Torvalds",
    "Perlman",
    "Berners-Lee",
    "Lamarr",
    "Shannon",
    "McCarthy",
    "Wirth",
    "Wilson",
    "Müller",
    "Ødegaard",
]
# A large address book is mostly acquaintances; relative weights per stage.
STAGE_WEIGHTS = {
    Stage.ACQUAINTANCE.value: 55,
    Stage.NETWORKING_PARTNER.value: 12,
    Stage.PROSPECT.value: 8,
    Stage.CUSTOMER.value: 15,
    Stage.CLIENT.value: 10,
}
STAGES = list(STAGE_WEIGHTS)
CIRCLES = [c.value for c in Circle]
CHANNELS = [c.value for c in Channel]
PURPOSES = [p.value for p in Purpose]


def _batched(rows, size=BATCH):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _contact_rows(rng: random.Random, contacts: int, today: dt.date) -> list[list]:
    rows = []
    for cid in range(1, contacts + 1):
        given, family = rng.choice(GIVEN), f"{rng.choice(FAMILY)} {cid}"
        name = f"{given} {family}"
        stage = rng.choices(STAGES, weights=list(STAGE_WEIGHTS.values()))[0]
        lost_since = lost_reason = None
        if rng.random() < 0.02:
            stage = Stage.LOST_CUSTOMER.value
            lost_since = today - dt.timedelta(days=rng.randint(1, 700))
            lost_reason = rng.choice([r.value for r in LostReason])
        circles = tuple(rng.sample(CIRCLES, rng.choice((0, 0, 1, 1, 2))))
        roll = rng.random()
        dnc = ("all",) if roll < 0.03 else (("email",) if roll < 0.05 else ())
        birthday = None
        if rng.random() < 0.6:
            day = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(366))
            if rng.random() < 0.5 and day.strftime("%m-%d") != "02-29":
                birthday = f"{rng.randint(1940, 2005):04d}-{day:%m-%d}"
            else:
                birthday = f"--{day:%m-%d}"
        anniversary = None
        if rng.random() < 0.1:
            day = dt.date(2001, 1, 1) + dt.timedelta(days=rng.randrange(365))
            anniversary = f"{rng.randint(1970, 2025):04d}-{day:%m-%d}"
        created = dt.datetime.combine(
            today - dt.timedelta(days=rng.randint(30, HISTORY_DAYS + 400)), dt.time(9)
        )
        cadence = rng.choice((None,) * 18 + (0, 7, 45))
        rows.append(
            [
                name,
                name.casefold(),
                stage,
                circles,
                created.date() if rng.random() < 0.3 else None,
                birthday,
                anniversary,
                cadence,
                dnc,
                lost_since,
                lost_reason,
                None,  # last_interaction_on, filled in once interactions exist
                created,
                created,
                created if rng.random() < 0.02 else None,
                # What an imported address book carries besides the name.
                given,
                family,
                f"{rng.choice(FAMILY)} & Partners" if rng.random() < 0.5 else None,
                rng.choice(("Founder", "Owner", "Bookkeeper", "Director"))
                if rng.random() < 0.3
                else None,
                NOTE if rng.random() < 0.2 else None,
            ]
        )
    return rows


def _interaction_times(
    rng: random.Random, contact_rows: list[list], interactions: int, profile: str, today: dt.date
):
    """(contact id, moment) pairs: at random ("neglected") or about each cadence ("kept-up")."""
    end = dt.datetime.combine(today, dt.time(8))
    start = end - dt.timedelta(days=HISTORY_DAYS)
    if profile == "neglected":
        for _ in range(interactions):
            yield (
                rng.randint(1, len(contact_rows)),
                start + dt.timedelta(seconds=rng.randrange(HISTORY_DAYS * 86400)),
            )
        return
    # kept-up: the user works the agenda, so each contact's interactions are about a
    # cadence apart and the last one at most a tenth of a cadence overdue (about one
    # contact in eleven is due on the day).
    cadences = []
    for row in contact_rows:
        stage, circles, own = row[2], row[3], row[7]
        cadences.append(effective_cadence(own, stage, circles) or 365)
    weights = [1 / c for c in cadences]
    scale = interactions / sum(weights)
    counts = [int(w * scale) for w in weights]
    for index in rng.sample(range(len(counts)), interactions - sum(counts)):
        counts[index] += 1
    for cid, (cadence, count) in enumerate(zip(cadences, counts, strict=True), start=1):
        at = end - dt.timedelta(days=rng.uniform(0, 1.1 * cadence))
        for _ in range(count):
            yield cid, at.replace(microsecond=0)
            at -= dt.timedelta(days=cadence * rng.uniform(0.5, 1.2))


def generate(
    data_dir: Path,
    *,
    contacts: int = 100_000,
    interactions: int = 1_000_000,
    seed: int = 4,
    profile: str = "kept-up",
    today: dt.date = TODAY,
) -> dict[str, int]:
    """Fill a new journal in `data_dir`; returns how many rows of each kind were written."""
    rng = random.Random(seed)
    journal = open_journal(data_dir)
    db = journal.db
    try:
        contact_rows = _contact_rows(rng, contacts, today)
        inter_rows = []
        for cid, at in _interaction_times(rng, contact_rows, interactions, profile, today):
            row = contact_rows[cid - 1]
            if row[11] is None or row[11] < at.date():
                row[11] = at.date()
            step = None
            if rng.random() < 0.08:
                step = at.date() + dt.timedelta(days=rng.randint(1, 30))
            inter_rows.append(
                (
                    cid,
                    at,
                    rng.choice(CHANNELS),
                    rng.choice((Direction.OUTBOUND.value, Direction.INBOUND.value)),
                    rng.choice(PURPOSES),
                    "Talked about the next project",
                    "",
                    step,
                    at,
                )
            )
        contact_fields = [
            Contact.display_name,
            Contact.sort_key,
            Contact.stage,
            Contact.circles,
            Contact.met_on,
            Contact.birthday,
            Contact.anniversary,
            Contact.cadence_days,
            Contact.dnc_channels,
            Contact.lost_since,
            Contact.lost_reason,
            Contact.last_interaction_on,
            Contact.created_at,
            Contact.updated_at,
            Contact.trashed_at,
            Contact.given_name,
            Contact.family_name,
            Contact.organization,
            Contact.title,
            Contact.notes,
        ]
        inter_fields = [
            Interaction.contact,
            Interaction.at,
            Interaction.channel,
            Interaction.direction,
            Interaction.purpose,
            Interaction.summary,
            Interaction.notes,
            Interaction.next_step_on,
            Interaction.created_at,
        ]
        promise_rows = []
        for _ in range(contacts // 5):
            made = today - dt.timedelta(days=rng.randint(0, 400))
            promise_rows.append(
                (
                    rng.randint(1, contacts),
                    rng.choice([d.value for d in PromiseDirection]),
                    "Send the grant link",
                    made,
                    made + dt.timedelta(days=rng.randint(1, 60)),
                    rng.choice([PromiseStatus.OPEN.value] + [PromiseStatus.KEPT.value] * 4),
                )
            )
        referral_rows = []
        for _ in range(contacts // 20):
            on = today - dt.timedelta(days=rng.randint(0, 700))
            referral_rows.append(
                (
                    rng.randint(1, contacts),
                    rng.randint(1, contacts),
                    None,
                    on,
                    None if rng.random() < 0.3 else on + dt.timedelta(days=3),
                    None,
                )
            )
        # Nudges, referrals we gave and purchases (issue 16) come from a generator of their
        # own, so the rows above stay what they were and older figures stay comparable.
        more = random.Random(seed * 7919 + 16)
        nudged_rows = []
        for index, row in enumerate(promise_rows, start=1):
            overdue_to_us = row[1] == PromiseDirection.THEY_OWE.value and row[4] < today
            if overdue_to_us and more.random() < (0.8 if row[5] == "open" else 0.2):
                # nudged since it fell due, a third of them within the last week
                ago = more.randint(0, min(20, (today - row[4]).days))
                nudged_on = today - dt.timedelta(days=ago)
                nudged_rows.append((index, nudged_on, more.randint(1, 3)))
        for _ in range(contacts // 40):
            on = today - dt.timedelta(days=more.randint(0, 400))
            outcome = None if more.random() < 0.4 else "It helped"
            referral_rows.append(
                (None, more.randint(1, contacts), more.randint(1, contacts), on, None, outcome)
            )
        # Half the lost customers were only sold to or sent a card since: not asked why.
        wooed = {
            cid
            for cid, row in enumerate(contact_rows, start=1)
            if row[9] is not None and more.random() < 0.5
        }
        selling = [Purpose.OFFER.value, Purpose.GREETING.value, Purpose.THANK_YOU.value]
        selling.append(Purpose.REFERRAL.value)
        for n, inter in enumerate(inter_rows):
            if inter[0] in wooed and inter[1].date() >= contact_rows[inter[0] - 1][9]:
                inter_rows[n] = (*inter[:4], more.choice(selling), *inter[5:])
        offering_rows = [(name,) for name in ("Bookkeeping", "Payroll", "Tax return")]
        purchase_rows = []
        for cid, row in enumerate(contact_rows, start=1):
            if row[2] in (Stage.CUSTOMER.value, Stage.CLIENT.value) and more.random() < 0.5:
                since = row[12].date() + dt.timedelta(days=more.randint(0, 300))
                purchase_rows.append((cid, more.randint(1, 3), since))
                if more.random() < 0.5:
                    later = since + dt.timedelta(days=more.randint(1, 400))
                    purchase_rows.append((cid, more.randint(1, 3), later))
        snooze_rows = [
            (cid, today + dt.timedelta(days=rng.randint(-30, 30)))
            for cid in rng.sample(range(1, contacts + 1), contacts // 50)
        ]
        tables = [
            (Contact, contact_fields, contact_rows),
            (Interaction, inter_fields, inter_rows),
            (
                Promise,
                [
                    Promise.contact,
                    Promise.direction,
                    Promise.what,
                    Promise.made_on,
                    Promise.due_on,
                    Promise.status,
                ],
                promise_rows,
            ),
            (
                Referral,
                [
                    Referral.by,
                    Referral.person,
                    Referral.to,
                    Referral.on,
                    Referral.thanked_on,
                    Referral.outcome,
                ],
                referral_rows,
            ),
            (Offering, [Offering.name], offering_rows),
            (Purchase, [Purchase.contact, Purchase.offering, Purchase.since], purchase_rows),
            (Snooze, [Snooze.contact, Snooze.until], snooze_rows),
        ]
        with db.atomic():
            for model, fields, rows in tables:
                names = [f.name for f in fields]
                for chunk in _batched(rows):
                    insert_rows(model, [dict(zip(names, row, strict=True)) for row in chunk])
            for pid, nudged_on, nudges in nudged_rows:
                Promise.update(nudged_on=nudged_on, nudges=nudges).where(
                    Promise.id == pid
                ).execute()
            # Last touch and the latest next step per contact, as the journal keeps them.
            refresh_all_last_touch()
        return {
            "contacts": len(contact_rows),
            "interactions": len(inter_rows),
            "promises": len(promise_rows),
            "referrals": len(referral_rows),
            "purchases": len(purchase_rows),
            "snoozes": len(snooze_rows),
        }
    finally:
        journal.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--profile", choices=PROFILES, default="kept-up")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    counts = generate(
        args.data_dir,
        contacts=args.contacts,
        interactions=args.interactions,
        seed=args.seed,
        profile=args.profile,
    )
    took = time.perf_counter() - began
    print(", ".join(f"{n:,} {k}" for k, n in counts.items()), f"in {took:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
