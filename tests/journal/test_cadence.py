"""Keep-in-touch cadence: AGENDA.md's defaults table and the own-value rule."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import time

import pytest
from agenda_reference import reference_agenda

from gratitude_desktop.journal.agenda import compute_agenda
from gratitude_desktop.journal.cadence import (
    cadences_known_for,
    default_cadence,
    describe_cadence,
    effective_cadence,
    fill_effective_cadences,
    fill_effective_cadences_now,
)
from gratitude_desktop.journal.contacts import ContactData, load_contact, save_contact
from gratitude_desktop.journal.interactions import InteractionData, save_interaction
from gratitude_desktop.journal.settings import DEFAULT_CADENCES, Settings
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.enums import Circle
from gratitude_desktop.store.models import database


@pytest.mark.parametrize(
    ("word", "days"),
    [
        ("client", 30),
        ("customer", 60),
        ("prospect", 14),
        ("networking-partner", 90),
        ("mentor", 30),
        ("mentee", 30),
        ("family", 30),
        ("friend", 60),
        ("referral-source", 90),
        ("colleague", 120),
        ("acquaintance", 180),
    ],
)
def test_each_row_of_the_defaults_table(word, days):
    # A circle word is looked up as a circle, a stage word as the stage.
    assert default_cadence("lost-customer", [word]) == days
    if word in {"client", "customer", "prospect", "networking-partner", "acquaintance"}:
        assert default_cadence(word, []) == days


def test_lost_customer_stage_has_a_slow_default():
    # AGENDA.md 2026-12-06: once asked why, a lost customer is kept in touch with slowly.
    assert default_cadence("lost-customer", []) == 180


def test_lost_customer_with_a_circle_gets_the_circle_default():
    assert default_cadence("lost-customer", ["colleague"]) == 120


def test_shortest_default_among_stage_and_circles_wins():
    assert default_cadence("acquaintance", ["friend", "family"]) == 30
    assert default_cadence("prospect", ["colleague"]) == 14
    assert default_cadence("customer", ["referral-source"]) == 60


def test_own_cadence_wins_over_defaults_even_when_longer():
    assert effective_cadence(200, "prospect", ["family"]) == 200
    assert effective_cadence(3, "acquaintance", []) == 3


def test_own_cadence_zero_means_never():
    assert effective_cadence(0, "client", ["family"]) is None


def test_no_own_cadence_falls_back_to_defaults():
    assert effective_cadence(None, "client", ["friend"]) == 30
    assert effective_cadence(None, "lost-customer", []) == 180


def test_defaults_come_from_settings_when_given():
    settings = Settings(cadence_defaults={**Settings().cadence_defaults, "client": 10})
    assert default_cadence("client", [], settings) == 10
    assert effective_cadence(None, "client", ["family"], settings) == 10
    assert default_cadence("client", []) == 30


def test_a_default_switched_off_in_settings_is_skipped():
    settings = Settings(cadence_defaults={**Settings().cadence_defaults, "family": None})
    assert default_cadence("acquaintance", ["family"], settings) == 180


def test_cadence_in_words():
    assert describe_cadence(30) == "every 30 days"
    assert describe_cadence(1) == "every day"
    assert describe_cadence(None) == "never"
    assert describe_cadence(0) == "never"


# --- the cadence kept on each contact (migration 0007) --------------------------------


def _kept() -> dict[int, int | None]:
    rows = database.execute_sql('SELECT "id", "cadence_effective" FROM "contact"')
    return dict(rows.fetchall())


def _contact(name: str, **fields) -> int:
    return save_contact(ContactData(display_name=name, **fields))


def test_fill_keeps_what_effective_cadence_says_for_every_contact(journal):
    settings = Settings(cadence_defaults={**DEFAULT_CADENCES, "friend": 7, "colleague": None})
    people = {
        _contact("Own", stage="client", cadence_days=12): 12,
        _contact("Never", stage="client", cadence_days=0): 0,
        _contact("Client", stage="client"): 30,
        _contact("Friend client", stage="client", circles=("friend",)): 7,
        _contact("Colleague", stage="lost-customer", circles=("colleague",)): 180,
        _contact("Lost", stage="lost-customer"): 180,
        _contact("Two circles", circles=("family", "mentor")): 30,
    }
    assert set(_kept().values()) == {None}  # new contacts: not known yet
    assert fill_effective_cadences(settings) == len(people)
    assert _kept() == people
    for cid, days in people.items():
        data = load_contact(cid)
        assert (
            effective_cadence(data.cadence_days, data.stage, data.circles, settings) or 0
        ) == days
    assert cadences_known_for(settings) and not cadences_known_for(Settings())
    assert fill_effective_cadences(settings) == 0  # nothing left to do


def test_a_change_of_stage_circles_or_own_cadence_forgets_only_that_contact(journal):
    a, b, c, d = (_contact(n, stage="client") for n in "ABCD")
    fill_effective_cadences(Settings())
    save_contact(dataclasses.replace(load_contact(a), stage="prospect"))
    save_contact(dataclasses.replace(load_contact(b), circles=("family",)))
    save_contact(dataclasses.replace(load_contact(c), cadence_days=3))
    save_contact(dataclasses.replace(load_contact(d), notes="Likes tea"))  # not a cadence change
    assert _kept() == {a: None, b: None, c: None, d: 30}
    fill_effective_cadences(Settings())
    assert _kept() == {a: 14, b: 30, c: 3, d: 30}


def test_other_defaults_recompute_every_contact(journal):
    cid = _contact("Client", stage="client")
    fill_effective_cadences(Settings())
    assert _kept() == {cid: 30}
    faster = Settings(cadence_defaults={**DEFAULT_CADENCES, "client": 10})
    assert fill_effective_cadences(faster) == 1
    assert _kept() == {cid: 10} and cadences_known_for(faster)


def test_filling_many_distinct_stage_and_circle_sets_takes_several_statements(journal):
    words = [c.value for c in Circle]  # 7: 128 sets of circles, times 3 stages
    ids = []
    for n in range(2 ** len(words)):
        circles = tuple(w for bit, w in enumerate(words) if n >> bit & 1)
        for stage in ("prospect", "customer", "lost-customer"):
            ids.append(_contact(f"P{n} {stage}", stage=stage, circles=circles))
    assert fill_effective_cadences(Settings()) == len(ids) > 300
    for cid, days in _kept().items():
        data = load_contact(cid)
        assert (effective_cadence(None, data.stage, data.circles) or 0) == days


def test_filling_in_small_transactions_fills_every_contact(journal):
    stages = {"client": 30, "prospect": 14, "customer": 60}
    expected = {_contact("Own", cadence_days=9): 9}
    for n in range(30):
        stage = list(stages)[n % 3]
        expected[_contact(f"P{n}", stage=stage)] = stages[stage]
    assert fill_effective_cadences(Settings(), chunk=7) == 31
    assert _kept() == expected


def test_filling_now_gives_way_to_another_writer(journal):
    cid = _contact("Client", stage="client")
    other = sqlite3.connect(journal.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # an import holding the write lock, say
        started = time.monotonic()
        assert fill_effective_cadences_now(Settings()) is None
        assert time.monotonic() - started < 2  # it did not wait out the busy timeout
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert database.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert fill_effective_cadences_now(Settings()) == 1
    assert _kept() == {cid: 30}
    assert fill_effective_cadences_now(Settings()) == 0


def test_filling_now_on_a_read_only_journal_leaves_it_alone(data_dir):
    journal = open_journal(data_dir)
    _contact("Client", stage="client")
    journal.close()
    journal = open_journal(data_dir, read_only=True)
    try:
        assert fill_effective_cadences_now(Settings()) is None
    finally:
        journal.close()


TODAY = dt.date(2026, 11, 22)


def test_kept_cadences_stay_right_as_contacts_change_between_fills(data_dir):
    """Filled once, then stages, circles, own cadences and timelines change: no refill."""
    import random

    from bench.generate import generate
    from gratitude_desktop.journal.cadence import cadences_known_for
    from gratitude_desktop.journal.contacts import load_contact
    from gratitude_desktop.store.models import Contact

    generate(data_dir, contacts=300, interactions=2000, seed=7, profile="neglected")
    journal = open_journal(data_dir)
    try:
        settings = Settings()
        fill_effective_cadences(settings)
        rng = random.Random(3)
        ids = [c.id for c in Contact.select(Contact.id)]
        for cid in rng.sample(ids, 60):
            change = rng.choice(["stage", "circles", "cadence", "talk", "met"])
            if change == "stage":
                stage = rng.choice(["client", "prospect", "lost-customer", "acquaintance"])
                edit = {"stage": stage}
            elif change == "circles":
                edit = {
                    "circles": tuple(rng.sample(["family", "friend", "colleague", "mentor"], 2))
                }
            elif change == "cadence":
                edit = {"cadence_days": rng.choice([None, 0, 1, 10, 400])}
            elif change == "met":
                edit = {"met_on": TODAY - dt.timedelta(days=rng.randint(0, 900))}
            if change == "talk":
                at = dt.datetime.combine(TODAY, dt.time(12)) - dt.timedelta(rng.randint(0, 200))
                save_interaction(InteractionData(contact_id=cid, at=at))
            else:
                save_contact(dataclasses.replace(load_contact(cid), **edit))
        Contact.update(stage="client").where(Contact.id.in_(rng.sample(ids, 20))).execute()
        _contact("Newcomer", stage="prospect", created_at=dt.datetime(2026, 10, 1, 9))
        unknown = database.execute_sql(
            'SELECT count(*) FROM "contact" WHERE "cadence_effective" IS NULL'
        ).fetchone()[0]
        assert 0 < unknown < len(ids)  # the trigger forgot only what changed
        assert cadences_known_for(settings)
        for today in (TODAY, dt.date(2027, 3, 1)):
            got = {
                (i.kind, i.contact_id, i.due_on, i.ref_id, i.channels)
                for i in compute_agenda(today, settings)
            }
            assert got == reference_agenda(today, settings), today
        other = Settings(cadence_defaults={**DEFAULT_CADENCES, "client": 5, "friend": None})
        assert not cadences_known_for(other)  # kept under other defaults: not trusted
        got = {
            (i.kind, i.contact_id, i.due_on, i.ref_id, i.channels)
            for i in compute_agenda(TODAY, other)
        }
        assert got == reference_agenda(TODAY, other)
    finally:
        journal.close()
