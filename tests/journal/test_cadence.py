"""Keep-in-touch cadence: AGENDA.md's defaults table and the own-value rule."""

from __future__ import annotations

import pytest

from gratitude_desktop.journal.cadence import (
    default_cadence,
    describe_cadence,
    effective_cadence,
)
from gratitude_desktop.journal.settings import Settings


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


def test_lost_customer_stage_has_no_default():
    assert default_cadence("lost-customer", []) is None


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
    assert effective_cadence(None, "lost-customer", []) is None


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
