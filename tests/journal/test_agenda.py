"""The agenda, line by line of AGENDA.md, with a fixed today (2026-11-22) unless said."""

from __future__ import annotations

import datetime as dt

import pytest
from agenda_reference import reference_agenda

from gratitude_desktop.journal.agenda import (
    KINDS,
    AgendaItem,
    agenda_to_json,
    announce_new,
    compute_agenda,
    format_agenda_text,
)
from gratitude_desktop.journal.cadence import effective_cadence, fill_effective_cadences
from gratitude_desktop.journal.contacts import ContactData, save_contact, trash_contacts
from gratitude_desktop.journal.interactions import InteractionData, save_interaction
from gratitude_desktop.journal.settings import DEFAULT_CADENCES, Settings, save_settings
from gratitude_desktop.journal.snoozes import clear_snooze, snooze, snooze_many, snoozed_until
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.models import Announcement, Promise, Referral, database

TODAY = dt.date(2026, 11, 22)
D = dt.date


CREATED = D(2026, 11, 20)


def add_contact(name: str = "Ada Lovelace", *, created: dt.date = CREATED, **fields):
    """A contact created `created` (an acquaintance by default: 180 days, so not quiet)."""
    data = ContactData(
        display_name=name,
        created_at=dt.datetime.combine(created, dt.time(9, 30)),
        **fields,
    )
    return save_contact(data)


def talk(contact_id: int, on: dt.date, *, hour: int = 12, **fields) -> int:
    return save_interaction(
        InteractionData(contact_id=contact_id, at=dt.datetime.combine(on, dt.time(hour)), **fields)
    )


def promise(contact_id: int, direction: str, due_on, *, status: str = "open", what="Send the link"):
    return Promise.create(
        contact=contact_id,
        direction=direction,
        what=what,
        made_on=D(2026, 10, 1),
        due_on=due_on,
        status=status,
    ).id


# Every test here runs three ways: with no cadence kept on the contacts (the agenda scans
# them all), with every cadence kept (found by index), and with the defaults known but
# every contact's cadence not yet (found by the index of unknown ones).
CADENCES = {"kept": "none"}


@pytest.fixture(autouse=True, params=["none", "all", "unknown"])
def kept_cadences(request):
    CADENCES["kept"] = request.param
    yield request.param
    CADENCES["kept"] = "none"


def agenda(today: dt.date = TODAY, settings: Settings | None = None) -> list[AgendaItem]:
    settings = settings or Settings()
    if CADENCES["kept"] != "none":
        fill_effective_cadences(settings)
    if CADENCES["kept"] == "unknown":
        database.execute_sql('UPDATE "contact" SET "cadence_effective" = NULL')
    return compute_agenda(today, settings)


def of(contact_id: int, today: dt.date = TODAY, settings: Settings | None = None):
    """(kind, due_on) of one contact's items."""
    return [(i.kind, i.due_on) for i in agenda(today, settings) if i.contact_id == contact_id]


def one(contact_id: int, kind: str, today: dt.date = TODAY, settings=None) -> AgendaItem:
    (item,) = [i for i in agenda(today, settings) if i.contact_id == contact_id and i.kind == kind]
    return item


def everything_due(name: str = "Ada Lovelace", **fields) -> int:
    """A contact with an item of every kind but ask-why-lost (which excludes quiet).

    A client since 2024 never asked for feedback; we referred them to a partner in October.
    """
    cid = add_contact(
        name,
        stage="client",
        birthday="--11-24",
        anniversary="2016-11-23",
        created=D(2024, 1, 1),
        **fields,
    )
    talk(cid, D(2026, 9, 1), next_step_on=D(2026, 9, 15), summary="Coffee")
    promise(cid, "we-owe", D(2026, 11, 20))
    promise(cid, "they-owe", D(2026, 11, 1))
    person = add_contact("Grace Hopper")
    Referral.create(by=cid, person=person, to=None, on=D(2026, 10, 5))
    partner = add_contact("Pat Partner")
    Referral.create(by=None, person=cid, to=partner, on=D(2026, 10, 6))
    return cid


def lost_customer(name: str = "Lost Larry", **fields) -> int:
    return add_contact(
        name,
        stage="lost-customer",
        lost_since=D(2026, 10, 1),
        lost_reason="price",
        created=D(2024, 1, 1),
        **fields,
    )


# --- who is never on it ------------------------------------------------------


def test_a_contact_can_have_an_item_of_every_kind(journal):
    cid = everything_due()
    lost = lost_customer()
    kinds = [k for k, _ in of(cid)]
    assert sorted(kinds) == sorted(
        ["quiet", "promise-due", "promise-owed", "next-step", "birthday", "anniversary"]
        + ["thank-referral", "ask-outcome", "ask-feedback"]
    )
    assert set(KINDS) == {*kinds, "ask-why-lost"}
    assert [k for k, _ in of(lost)] == ["ask-why-lost"]


def test_trashed_contacts_are_never_on_it(journal):
    cid = everything_due()
    lost = lost_customer()
    trash_contacts([cid, lost])
    assert of(cid) == []
    assert of(lost) == []


def test_do_not_contact_on_all_channels_hides_every_kind_greetings_and_thanks_included(journal):
    cid = everything_due(dnc_channels=("all",), dnc_since=D(2026, 1, 1), dnc_reason="No more")
    lost = lost_customer(dnc_channels=("all",))
    assert of(cid) == []
    assert of(lost) == []


def test_do_not_contact_naming_every_channel_is_the_same_as_all(journal):
    cid = everything_due(dnc_channels=("email", "phone", "mail", "message", "in-person"))
    assert of(cid) == []


def test_partial_do_not_contact_keeps_every_item_with_the_channels_left(journal):
    cid = everything_due(dnc_channels=("email", "phone"))
    lost = lost_customer(dnc_channels=("mail",))
    items = [i for i in agenda() if i.contact_id == cid]
    assert len(items) == 9
    assert {i.channels for i in items} == {("mail", "message", "in-person")}
    assert one(lost, "ask-why-lost").channels == ("email", "phone", "message", "in-person")


def test_without_do_not_contact_items_have_no_channel_restriction(journal):
    cid = everything_due()
    assert {i.channels for i in agenda() if i.contact_id == cid} == {()}


# --- quiet -------------------------------------------------------------------


def test_quiet_matches_the_documented_example(journal):
    cid = add_contact("Ada Lovelace", stage="client")
    talk(cid, D(2026, 10, 2))
    item = one(cid, "quiet")
    assert item.due_on == D(2026, 11, 1)
    assert item.days_overdue == 21
    assert item.reason == "No contact for 51 days (every 30)"


def test_quiet_is_due_on_the_day_last_touch_plus_cadence_is_reached(journal):
    due_today = add_contact("Due Today", stage="client")
    talk(due_today, D(2026, 10, 23))
    due_tomorrow = add_contact("Due Tomorrow", stage="client")
    talk(due_tomorrow, D(2026, 10, 24))
    assert of(due_today) == [("quiet", D(2026, 11, 22))]
    assert one(due_today, "quiet").days_overdue == 0
    assert of(due_tomorrow) == []


def test_last_touch_is_the_latest_interaction_of_any_channel_direction_and_purpose(journal):
    cid = add_contact(stage="client", met_on=D(2020, 1, 1), created=D(2020, 1, 1))
    talk(cid, D(2026, 1, 1), purpose="feedback")  # no ask-feedback item yet
    talk(cid, D(2026, 9, 1), channel="call", direction="outbound", purpose="offer")
    talk(cid, D(2026, 10, 10), channel="email", direction="inbound", purpose="thank-you")
    talk(cid, D(2026, 8, 1), channel="in-person", purpose="meeting")
    assert of(cid) == [("quiet", D(2026, 11, 9))]


def test_without_interactions_last_touch_is_the_day_we_met(journal):
    cid = add_contact(stage="client", met_on=D(2026, 10, 12), created=D(2025, 1, 1))
    item = one(cid, "quiet")
    assert item.due_on == D(2026, 11, 11)
    assert item.reason == "No contact since you met, 41 days ago (every 30)"


def test_without_interactions_or_meeting_last_touch_is_the_day_the_contact_was_created(journal):
    cid = add_contact(stage="prospect", created=D(2026, 11, 1))
    item = one(cid, "quiet")
    assert item.due_on == D(2026, 11, 15)
    assert item.days_overdue == 7
    assert item.reason == "No contact since added, 21 days ago (every 14)"


def test_own_cadence_wins_over_the_default(journal):
    longer = add_contact("Longer", stage="client", cadence_days=90)
    talk(longer, D(2026, 9, 1))
    shorter = add_contact("Shorter", stage="acquaintance", cadence_days=7)
    talk(shorter, D(2026, 11, 10))
    assert of(longer) == []
    assert of(shorter) == [("quiet", D(2026, 11, 17))]
    assert one(shorter, "quiet").reason == "No contact for 12 days (every 7)"


def test_own_cadence_zero_means_never(journal):
    cid = add_contact(stage="prospect", circles=("family",), cadence_days=0, created=D(2020, 1, 1))
    assert of(cid) == []


def test_the_shortest_default_among_stage_and_circles_applies(journal):
    cid = add_contact(stage="acquaintance", circles=("friend", "family"))
    talk(cid, D(2026, 10, 1))
    assert of(cid) == [("quiet", D(2026, 10, 31))]


def test_lost_customer_stage_has_a_slow_default_cadence(journal):
    # No lost.since: no ask-why-lost item either; the 180-day cadence reminds.
    cid = add_contact(stage="lost-customer", created=D(2020, 1, 1))
    talk(cid, D(2026, 5, 27))
    assert DEFAULT_CADENCES["lost-customer"] == 180
    assert of(cid) == []
    assert of(cid, today=D(2026, 11, 23)) == [("quiet", D(2026, 11, 23))]


def test_lost_customer_with_a_circle_is_reminded_by_the_circle(journal):
    cid = add_contact(stage="lost-customer", circles=("friend",), created=D(2020, 1, 1))
    talk(cid, D(2026, 9, 1))
    assert of(cid) == [("quiet", D(2026, 10, 31))]


def test_lost_customer_with_own_cadence_is_reminded(journal):
    cid = add_contact(stage="lost-customer", cadence_days=10, created=D(2020, 1, 1))
    talk(cid, D(2026, 11, 1))
    assert of(cid) == [("quiet", D(2026, 11, 11))]


@pytest.mark.parametrize(
    ("stage", "circles"),
    [
        (stage, circles)
        for stage in ["acquaintance", "networking-partner", "prospect", "customer", "client"]
        for circles in [(), ("colleague",), ("mentor", "referral-source"), ("friend", "mentee")]
    ],
)
def test_quiet_due_date_is_last_touch_plus_the_cadence_rule(journal, stage, circles):
    cid = add_contact(stage=stage, circles=circles)
    talk(cid, D(2025, 11, 1))  # long enough ago for every default
    days = effective_cadence(None, stage, circles)
    assert of(cid) == [("quiet", D(2025, 11, 1) + dt.timedelta(days=days))]


def test_defaults_changed_in_settings_are_used(journal):
    cid = add_contact(stage="client")
    talk(cid, D(2026, 11, 10))
    settings = Settings(cadence_defaults={**DEFAULT_CADENCES, "client": 10})
    assert of(cid) == []
    assert of(cid, settings=settings) == [("quiet", D(2026, 11, 20))]


def test_without_settings_the_saved_settings_are_read(journal):
    cid = add_contact(stage="client")
    talk(cid, D(2026, 11, 10))
    save_settings(Settings(cadence_defaults={**DEFAULT_CADENCES, "client": 10}))
    assert [(i.kind, i.due_on) for i in compute_agenda(TODAY) if i.contact_id == cid] == [
        ("quiet", D(2026, 11, 20))
    ]


def test_a_snooze_ending_tomorrow_hides_the_quiet_item(journal):
    cid = add_contact(stage="client", birthday="--11-23")
    talk(cid, D(2026, 10, 1))
    snooze(cid, D(2026, 11, 23))
    assert snoozed_until(cid) == D(2026, 11, 23)
    assert of(cid) == [("birthday", D(2026, 11, 23))]  # only quiet is snoozed


def test_a_snooze_ending_today_shows_the_item_again(journal):
    cid = add_contact(stage="client")
    talk(cid, D(2026, 10, 1))
    snooze(cid, D(2026, 11, 22))
    assert of(cid) == [("quiet", D(2026, 10, 31))]


def test_snoozing_again_replaces_the_snooze_and_clearing_removes_it(journal):
    cid = add_contact(stage="client")
    talk(cid, D(2026, 10, 1))
    snooze(cid, D(2026, 11, 20))
    snooze(cid, D(2026, 12, 1))
    assert of(cid) == []
    clear_snooze(cid)
    assert snoozed_until(cid) is None
    assert of(cid) == [("quiet", D(2026, 10, 31))]


def test_a_lost_customer_to_ask_why_has_no_quiet_item(journal):
    cid = lost_customer(circles=("friend",), cadence_days=7)
    assert of(cid) == [("ask-why-lost", D(2026, 10, 1))]


# --- promises ----------------------------------------------------------------


def test_a_promise_we_owe_shows_from_two_days_before_it_is_due(journal):
    cid = add_contact()
    in_two = promise(cid, "we-owe", D(2026, 11, 24))
    promise(cid, "we-owe", D(2026, 11, 25))  # three days out: not yet
    overdue = promise(cid, "we-owe", D(2026, 11, 2), what="Introduce her to Bob")
    items = [i for i in agenda() if i.contact_id == cid]
    assert [(i.kind, i.due_on, i.ref_id) for i in items] == [
        ("promise-due", D(2026, 11, 2), overdue),
        ("promise-due", D(2026, 11, 24), in_two),
    ]
    assert items[0].reason == "You promised “Introduce her to Bob”, 20 days overdue"
    assert items[1].reason == "You promised “Send the link”, due in 2 days"
    assert items[1].days_overdue == -2


def test_only_open_promises_we_owe_are_due(journal):
    cid = add_contact()
    for status in ("kept", "released", "broken"):
        promise(cid, "we-owe", D(2026, 11, 20), status=status)
    promise(cid, "we-owe", None)  # no due date: never falls due
    assert of(cid) == []


def test_a_promise_they_owe_shows_only_once_it_is_overdue(journal):
    cid = add_contact()
    late = promise(cid, "they-owe", D(2026, 11, 21), what="Read my draft")
    promise(cid, "they-owe", D(2026, 11, 22))  # due today: not overdue yet
    promise(cid, "they-owe", D(2026, 11, 1), status="kept")
    item = one(cid, "promise-owed")
    assert (item.due_on, item.ref_id, item.days_overdue) == (D(2026, 11, 21), late, 1)
    assert item.reason == "They promised “Read my draft”, 1 day overdue; a polite nudge?"


# --- next step ---------------------------------------------------------------


def test_next_step_of_the_latest_interaction_is_due_on_and_after_its_day(journal):
    due = add_contact("Due")
    iid = talk(due, D(2026, 11, 1), next_step_on=D(2026, 11, 22), summary="Lunch")
    later = add_contact("Later")
    talk(later, D(2026, 11, 1), next_step_on=D(2026, 11, 23))
    item = one(due, "next-step")
    assert (item.due_on, item.ref_id, item.days_overdue) == (D(2026, 11, 22), iid, 0)
    assert item.reason == "Next step after “Lunch” (2026-11-01), due today"
    assert of(later) == []


def test_next_step_comes_from_the_latest_interaction_only(journal):
    cid = add_contact()
    talk(cid, D(2026, 11, 1), next_step_on=D(2026, 11, 5))
    talk(cid, D(2026, 11, 10))  # logged later, no next step: the old one is done
    assert of(cid) == []


def test_next_step_latest_is_by_time_within_the_same_day(journal):
    cid = add_contact()
    talk(cid, D(2026, 11, 10), hour=9, next_step_on=D(2026, 11, 12))
    talk(cid, D(2026, 11, 10), hour=15, next_step_on=D(2026, 11, 30))
    assert of(cid) == []
    other = add_contact("Other")
    talk(other, D(2026, 11, 10), hour=15, next_step_on=D(2026, 11, 12))
    talk(other, D(2026, 11, 10), hour=9, next_step_on=D(2026, 11, 30))
    assert of(other) == [("next-step", D(2026, 11, 12))]


# --- birthdays and anniversaries ---------------------------------------------


@pytest.mark.parametrize(
    ("birthday", "expected"),
    [
        ("1990-11-22", D(2026, 11, 22)),  # today
        ("1990-11-29", D(2026, 11, 29)),  # today + 7
        ("1990-11-30", None),  # today + 8
        ("1990-11-21", None),  # yesterday: next year's is far away
        ("--11-25", D(2026, 11, 25)),  # year unknown
    ],
)
def test_birthday_window_is_today_to_seven_days_ahead(journal, birthday, expected):
    cid = add_contact(birthday=birthday)
    assert of(cid) == ([("birthday", expected)] if expected else [])


def test_birthday_reason_in_words(journal):
    today = add_contact("Today", birthday="1986-11-22")
    tomorrow = add_contact("Tomorrow", birthday="--11-23")
    later = add_contact("Later", birthday="2000-11-27")
    assert one(today, "birthday").reason == "Birthday today, turns 40"
    assert one(tomorrow, "birthday").reason == "Birthday tomorrow"
    assert one(later, "birthday").reason == "Birthday in 5 days, turns 26"
    assert one(later, "birthday").days_overdue == -5


def test_birthday_window_wraps_into_next_year(journal):
    cid = add_contact(birthday="--01-02")
    new_year = add_contact("New Year", birthday="1970-01-01")
    item = one(cid, "birthday", today=D(2026, 12, 28))
    assert item.due_on == D(2027, 1, 2)
    assert item.days_overdue == -5
    assert one(new_year, "birthday", today=D(2026, 12, 28)).reason == (
        "Birthday in 4 days, turns 57"
    )


def test_february_29_birthday_falls_on_february_28_in_other_years(journal):
    cid = add_contact(birthday="2000-02-29", cadence_days=0)
    assert of(cid, today=D(2027, 2, 25)) == [("birthday", D(2027, 2, 28))]
    assert of(cid, today=D(2027, 2, 28)) == [("birthday", D(2027, 2, 28))]
    assert of(cid, today=D(2027, 3, 1)) == []


def test_february_29_birthday_is_on_february_29_in_leap_years(journal):
    cid = add_contact(birthday="--02-29", cadence_days=0)
    assert of(cid, today=D(2028, 2, 25)) == [("birthday", D(2028, 2, 29))]
    assert of(cid, today=D(2028, 2, 29)) == [("birthday", D(2028, 2, 29))]
    assert of(cid, today=D(2028, 2, 21)) == []  # Feb 29 is today + 8


def test_birthday_days_ahead_comes_from_settings(journal):
    cid = add_contact(birthday="--11-25")
    assert of(cid, settings=Settings(birthday_days_ahead=3)) == [("birthday", D(2026, 11, 25))]
    assert of(cid, settings=Settings(birthday_days_ahead=2)) == []


def test_anniversary_follows_the_same_window(journal):
    cid = add_contact(anniversary="2016-11-29")
    out = add_contact("Out", anniversary="2016-11-30")
    item = one(cid, "anniversary")
    assert item.due_on == D(2026, 11, 29)
    assert item.reason == "Anniversary in 7 days, 10 years"
    assert of(out) == []


def test_birthday_and_anniversary_on_the_same_contact_are_two_items(journal):
    cid = add_contact(birthday="--11-24", anniversary="--11-24")
    assert of(cid) == [("birthday", D(2026, 11, 24)), ("anniversary", D(2026, 11, 24))]


# --- referrals ---------------------------------------------------------------


def test_an_unthanked_referral_we_received_is_an_item_about_its_referrer(journal):
    referrer = add_contact("Rita Referrer")
    person = add_contact("Grace Hopper")
    rid = Referral.create(by=referrer, person=person, to=None, on=D(2026, 10, 5)).id
    item = one(referrer, "thank-referral")
    assert (item.due_on, item.ref_id, item.days_overdue) == (D(2026, 10, 5), rid, 48)
    assert item.reason == "Referred Grace Hopper to you on 2026-10-05; not thanked yet"
    assert of(person) == []


def test_thanked_given_and_third_party_referrals_are_not_items(journal):
    referrer = add_contact("Rita Referrer")
    person = add_contact("Grace Hopper")
    partner = add_contact("Pat Partner")
    Referral.create(by=referrer, person=person, to=None, on=D(2026, 10, 5), thanked_on=TODAY)
    Referral.create(by=None, person=person, to=partner, on=D(2026, 10, 6), outcome="Hired")
    Referral.create(by=referrer, person=person, to=partner, on=D(2026, 10, 7))
    assert agenda() == []


# --- lost customers ----------------------------------------------------------


def test_a_lost_customer_nobody_asked_is_an_item_from_the_day_they_were_lost(journal):
    cid = lost_customer()
    talk(cid, D(2026, 9, 30))  # before they were lost: does not count
    item = one(cid, "ask-why-lost")
    assert (item.due_on, item.days_overdue) == (D(2026, 10, 1), 52)
    assert item.reason == "Lost since 2026-10-01 (price); ask them why, don't sell"


def test_an_interaction_on_or_after_the_lost_date_clears_the_item(journal):
    on_the_day = lost_customer("On The Day")
    talk(on_the_day, D(2026, 10, 1))
    after = lost_customer("After")
    talk(after, D(2026, 11, 2))
    assert of(on_the_day) == []
    assert of(after) == []


def test_a_lost_customer_asked_is_quiet_again_only_by_circle_or_own_cadence(journal):
    asked = lost_customer("Asked", circles=("friend",))
    talk(asked, D(2026, 10, 1))
    assert of(asked) == []  # Oct 1 + 60 days is after today
    assert of(asked, today=D(2026, 11, 30)) == [("quiet", D(2026, 11, 30))]


def test_lost_customer_without_a_lost_date_gets_no_ask_why_item(journal):
    cid = add_contact(stage="lost-customer", lost_reason="unknown")
    assert of(cid) == []


# --- order -------------------------------------------------------------------


def test_order_is_most_overdue_then_kind_then_display_name(journal):
    zed = add_contact("Zed", stage="client")
    talk(zed, D(2026, 10, 13))  # quiet, due Nov 12: 10 days
    amy = add_contact("amy", stage="client")
    talk(amy, D(2026, 10, 13))  # quiet, due Nov 12: 10 days, sorts before Zed
    bob = add_contact("Bob")
    promise(bob, "we-owe", D(2026, 11, 12))  # promise-due, 10 days: after quiet ones
    add_contact("Cat", birthday="--11-24")  # birthday, -2
    dan = add_contact("Dan")
    promise(dan, "we-owe", D(2026, 11, 24))  # promise-due, -2: before Cat's birthday
    eve = add_contact("Éve")
    referrer = add_contact("Ron")
    Referral.create(by=referrer, person=eve, to=None, on=D(2026, 10, 1))  # 52 days
    got = [(i.contact_name, i.kind, i.days_overdue) for i in agenda()]
    assert got == [
        ("Ron", "thank-referral", 52),
        ("amy", "quiet", 10),
        ("Zed", "quiet", 10),
        ("Bob", "promise-due", 10),
        ("Dan", "promise-due", -2),
        ("Cat", "birthday", -2),
    ]


def test_kinds_are_listed_in_the_order_of_the_table():
    assert KINDS == (
        "quiet",
        "promise-due",
        "promise-owed",
        "next-step",
        "birthday",
        "anniversary",
        "thank-referral",
        "ask-why-lost",
        "ask-outcome",
        "ask-feedback",
    )


def test_names_sort_ignoring_case_and_accents(journal):
    names = ["émile", "Eric", "Zoë", "adam"]
    for name in names:
        add_contact(name, birthday="--11-23")
    assert [i.contact_name for i in agenda()] == ["adam", "émile", "Eric", "Zoë"]


# --- set-based ---------------------------------------------------------------


def _count_queries(journal, today=TODAY) -> int:
    agenda(today)  # fills the kept cadences first, in the modes that keep them
    seen: list[str] = []
    conn = journal.db.connection()
    conn.set_trace_callback(seen.append)
    try:
        compute_agenda(today, Settings())
    finally:
        conn.set_trace_callback(None)
    return sum(1 for sql in seen if sql.lstrip().upper().startswith("SELECT"))


def test_the_number_of_queries_does_not_grow_with_the_journal(journal):
    everything_due("First")
    few = _count_queries(journal)
    for n in range(30):
        everything_due(f"Person {n}")
        lost_customer(f"Lost {n}")
    assert len(agenda()) == 31 * 9 + 30
    assert _count_queries(journal) == few <= len(KINDS)


# --- outputs -----------------------------------------------------------------


def test_item_key_is_stable_and_names_kind_contact_and_due_date(journal):
    cid = add_contact(stage="client")
    talk(cid, D(2026, 10, 2))
    pid = promise(cid, "we-owe", D(2026, 11, 23))
    assert one(cid, "quiet").key == f"quiet:{cid}:2026-11-01"
    assert one(cid, "promise-due").key == f"promise-due:{cid}:2026-11-23:{pid}"
    assert one(cid, "quiet", today=D(2026, 11, 25)).key == f"quiet:{cid}:2026-11-01"


def test_json_has_the_documented_shape(journal):
    cid = add_contact("Ada Lovelace", stage="client")
    talk(cid, D(2026, 10, 2))
    partial = add_contact("Bea", birthday="--11-22", dnc_channels=("email",))
    got = agenda_to_json(agenda(), TODAY)
    assert got == {
        "today": "2026-11-22",
        "items": [
            {
                "kind": "quiet",
                "contact": "Ada Lovelace",
                "due_on": "2026-11-01",
                "days_overdue": 21,
                "reason": "No contact for 51 days (every 30)",
                "contact_id": cid,
                "channels": None,
            },
            {
                "kind": "birthday",
                "contact": "Bea",
                "due_on": "2026-11-22",
                "days_overdue": 0,
                "reason": "Birthday today",
                "contact_id": partial,
                "channels": ["phone", "mail", "message", "in-person"],
            },
        ],
    }


def test_text_groups_items_by_kind_with_reasons_in_words(journal):
    cid = add_contact("Ada Lovelace", stage="client")
    talk(cid, D(2026, 10, 2))
    add_contact("Bea", birthday="--11-22", dnc_channels=("email",))
    text = format_agenda_text(agenda(), TODAY)
    assert text == (
        "Agenda for 2026-11-22: 2 items\n"
        "\n"
        "Gone quiet (1)\n"
        "  Ada Lovelace: No contact for 51 days (every 30)\n"
        "\n"
        "Birthdays (1)\n"
        "  Bea: Birthday today [only by phone, mail, message, in-person]\n"
    )


def test_text_for_an_empty_agenda_says_so(journal):
    assert format_agenda_text(agenda(), TODAY) == "Agenda for 2026-11-22: nothing due.\n"


# --- announcing once ---------------------------------------------------------


def test_announce_new_returns_each_item_once_across_restarts(data_dir):
    journal = open_journal(data_dir)
    cid = add_contact(stage="client", birthday="--11-25")
    talk(cid, D(2026, 10, 2))
    now = dt.datetime(2026, 11, 22, 8, 0)
    first = announce_new(agenda(), now)
    assert [i.kind for i in first] == ["quiet", "birthday"]
    assert announce_new(agenda(), now) == []
    journal.close()

    journal = open_journal(data_dir)
    try:
        assert announce_new(agenda(), now) == []
        promise(cid, "we-owe", D(2026, 11, 23))
        fresh = announce_new(agenda(), now + dt.timedelta(minutes=5))
        assert [(i.kind, i.due_on) for i in fresh] == [("promise-due", D(2026, 11, 23))]
        assert Announcement.select().count() == 3
    finally:
        journal.close()


def test_an_item_due_again_after_a_new_touch_is_announced_again(journal):
    cid = add_contact(stage="client")
    talk(cid, D(2026, 9, 1))
    now = dt.datetime(2026, 11, 22, 8)
    assert len(announce_new(agenda(), now)) == 1
    talk(cid, D(2026, 10, 1))
    assert len(announce_new(agenda(D(2026, 11, 30)), now)) == 1


def test_many_items_are_announced_in_chunks(journal):
    for n in range(600):
        add_contact(f"Person {n:03d}", birthday="--11-23")
    now = dt.datetime(2026, 11, 22, 8)
    assert len(announce_new(agenda(), now)) == 600
    assert announce_new(agenda(), now) == []


def test_ties_with_same_everything_keep_a_deterministic_order(journal):
    cid = add_contact()
    ids = [promise(cid, "we-owe", D(2026, 11, 20)) for _ in range(3)]
    assert [i.ref_id for i in agenda()] == sorted(ids)


def test_items_of_one_contact_do_not_hide_another_contacts_items(journal):
    a = everything_due("A")
    b = add_contact("B", birthday="--11-22")
    items = agenda()
    assert {i.contact_id for i in items} == {a, b}
    assert [(i.kind, i.due_on) for i in items if i.contact_id == b] == [
        ("birthday", D(2026, 11, 22))
    ]


# --- against a plain reading of AGENDA.md, on generated journals ----------------


@pytest.mark.parametrize("profile", ["kept-up", "neglected"])
def test_agenda_agrees_with_a_literal_reading_of_the_spec_on_generated_journals(data_dir, profile):
    from bench.generate import generate
    from gratitude_desktop.store.models import Contact

    generate(data_dir, contacts=400, interactions=4000, seed=11, profile=profile)
    journal = open_journal(data_dir)
    try:
        sort_keys = {c.id: c.sort_key for c in Contact.select(Contact.id, Contact.sort_key)}
        for today, settings in [
            (TODAY, Settings()),
            (D(2026, 12, 28), Settings()),
            (D(2027, 2, 25), Settings(birthday_days_ahead=3)),
            (D(2028, 2, 27), Settings()),
            (D(2026, 6, 1), Settings(cadence_defaults={**DEFAULT_CADENCES, "friend": 7})),
            (D(2026, 11, 22), Settings(birthday_days_ahead=400)),
        ]:
            items = agenda(today, settings)
            got = [(i.kind, i.contact_id, i.due_on, i.ref_id, i.channels) for i in items]
            assert len(got) == len(set(got))
            assert set(got) == reference_agenda(today, settings), today
            order = [
                ((today - i.due_on).days * -1, KINDS.index(i.kind), sort_keys[i.contact_id])
                for i in items
            ]
            assert order == sorted(order)
            assert {i.days_overdue for i in items} <= {(today - i.due_on).days for i in items}
    finally:
        journal.close()


def test_snoozing_several_contacts_at_once(journal):
    ids = []
    for n in range(3):
        cid = add_contact(f"Person {n}", stage="client")
        talk(cid, D(2026, 10, 1))
        ids.append(cid)
    snooze_many(ids[:2], D(2026, 11, 23))
    assert [i.contact_id for i in agenda()] == [ids[2]]
    assert [i.contact_id for i in agenda(D(2026, 11, 23))] == ids


def test_an_unreadable_birthday_in_the_database_is_skipped_not_fatal(journal):
    from gratitude_desktop.store.models import Contact

    bad = add_contact("Bad", birthday="--11-23")
    good = add_contact("Good", birthday="--11-23")
    Contact.update(birthday="--xx-11-23").where(Contact.id == bad).execute()
    assert [i.contact_id for i in agenda()] == [good]


# --- issue 16: nudges rest, lost customers are asked, referrals followed, feedback asked --


def test_a_promise_owed_rests_seven_days_after_a_nudge(journal):
    cid = add_contact()
    pid = promise(cid, "they-owe", D(2026, 11, 1), what="Read my draft")
    Promise.update(nudged_on=D(2026, 11, 16), nudges=2).where(Promise.id == pid).execute()
    assert of(cid) == []  # nudged 6 days ago
    item = one(cid, "promise-owed", today=D(2026, 11, 23))  # 7 days after: back
    assert item.due_on == D(2026, 11, 1)
    assert item.reason == (
        "They promised “Read my draft”, 22 days overdue; nudged 2 times, last on 2026-11-16"
    )


@pytest.mark.parametrize("purpose", ["offer", "greeting", "thank-you", "referral"])
def test_selling_or_a_card_is_not_asking_a_lost_customer_why(journal, purpose):
    cid = lost_customer()
    talk(cid, D(2026, 10, 5), purpose=purpose)
    assert of(cid) == [("ask-why-lost", D(2026, 10, 1))]


@pytest.mark.parametrize("purpose", ["feedback", "follow-up", "check-in", "meeting", "apology"])
def test_a_conversation_after_the_lost_date_asks_why(journal, purpose):
    cid = lost_customer()
    talk(cid, D(2026, 10, 5), purpose="offer")
    talk(cid, D(2026, 10, 6), purpose=purpose, hour=9)
    talk(cid, D(2026, 10, 7), purpose="greeting")
    assert of(cid) == []


def test_once_asked_a_lost_customer_keeps_the_180_day_cadence(journal):
    cid = lost_customer()
    talk(cid, D(2026, 10, 2), purpose="feedback")
    assert of(cid) == []
    assert of(cid, today=D(2027, 3, 31)) == [("quiet", D(2027, 3, 31))]


def test_a_referral_we_gave_is_followed_up_after_fourteen_days(journal):
    person = add_contact("Grace Hopper")
    partner = add_contact("Pat Partner")
    rid = Referral.create(by=None, person=person, to=partner, on=D(2026, 11, 8)).id
    item = one(person, "ask-outcome")
    assert (item.due_on, item.ref_id, item.days_overdue) == (D(2026, 11, 22), rid, 0)
    assert item.reason == "You referred them to Pat Partner on 2026-11-08; did it help?"
    assert of(person, today=D(2026, 11, 21)) == []
    assert of(partner) == []
    Referral.update(outcome="Hired them").where(Referral.id == rid).execute()
    assert of(person) == []


def test_no_ask_outcome_for_a_person_who_asked_not_to_be_contacted(journal):
    person = add_contact("Grace Hopper", dnc_channels=("all",))
    partner = add_contact("Pat Partner")
    Referral.create(by=None, person=person, to=partner, on=D(2026, 10, 1))
    assert agenda() == []


def test_customers_and_clients_are_asked_for_feedback_once_a_year(journal):
    asked = add_contact("Asked", stage="customer", created=D(2020, 1, 1))
    talk(asked, D(2025, 11, 23), purpose="feedback")
    talk(asked, D(2026, 11, 1), purpose="follow-up")
    due = add_contact("Due", stage="client", created=D(2020, 1, 1))
    talk(due, D(2025, 11, 22), purpose="feedback")
    talk(due, D(2026, 11, 1))
    prospect = add_contact("Prospect", stage="prospect", created=D(2020, 1, 1))
    talk(prospect, D(2026, 11, 20))
    assert of(asked) == []
    assert of(prospect) == []
    item = one(due, "ask-feedback")
    assert (item.due_on, item.days_overdue) == (D(2026, 11, 22), 0)
    assert item.reason == "No feedback since 2025-11-22; ask how you are treating them"
    assert of(asked, today=D(2026, 11, 23)) == [("ask-feedback", D(2026, 11, 23))]


def test_without_feedback_the_first_purchase_then_the_day_added_counts(journal):
    from gratitude_desktop.store.models import Offering, Purchase

    buyer = add_contact("Buyer", stage="customer", created=D(2020, 1, 1))
    talk(buyer, D(2026, 11, 1))
    books = Offering.create(name="Bookkeeping")
    Purchase.create(contact=buyer, offering=books, since=D(2026, 1, 10))
    Purchase.create(contact=buyer, offering=Offering.create(name="Tax"), since=D(2025, 11, 1))
    added = add_contact("Added", stage="client", created=D(2025, 11, 2))
    talk(added, D(2026, 11, 1))
    assert of(buyer) == [("ask-feedback", D(2026, 11, 1))]
    assert of(added) == [("ask-feedback", D(2026, 11, 2))]
