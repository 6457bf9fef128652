"""Insights: health by stage and circle, interactions per week, the ladder, recency."""

from __future__ import annotations

import datetime as dt

from gratitude_desktop.journal.contacts import (
    ContactData,
    load_contact,
    save_contact,
    trash_contacts,
)
from gratitude_desktop.journal.insights import (
    DUE,
    NO_CADENCE,
    OVERDUE,
    WITHIN,
    compute_insights,
    health,
    interactions_per_week,
    ladder,
    recency_weeks,
    status_of,
)
from gratitude_desktop.journal.interactions import InteractionData, save_interaction
from gratitude_desktop.journal.settings import Settings
from gratitude_desktop.store.models import Offering, Purchase, StageChange

D = dt.date
TODAY = D(2026, 11, 22)  # Sunday; this week began Monday 2026-11-16
JAN5 = D(2026, 1, 5)


def person(name="Ada", *, created=JAN5, **fields) -> int:
    return save_contact(
        ContactData(
            display_name=name, created_at=dt.datetime.combine(created, dt.time(9)), **fields
        )
    )


def talk(cid, on, hour=12, purpose="follow-up"):
    return save_interaction(
        InteractionData(contact_id=cid, at=dt.datetime.combine(on, dt.time(hour)), purpose=purpose)
    )


def test_status_of_a_contact_by_days_since_and_cadence():
    assert status_of(22, 30) == WITHIN
    assert status_of(23, 30) == DUE  # 7 days left
    assert status_of(29, 30) == DUE
    assert status_of(30, 30) == OVERDUE  # the day the agenda calls them quiet
    assert status_of(400, None) == NO_CADENCE


def test_health_counts_by_stage_and_circle(journal):
    a = person("Client within", stage="client")  # 30 days
    talk(a, D(2026, 11, 10))  # 12 days
    b = person("Client due", stage="client")
    talk(b, D(2026, 10, 27))  # 26 days: due within a week
    c = person("Client overdue, friend", stage="client", circles=("friend",))
    talk(c, D(2026, 10, 1))  # 52 days: client (30) is the shorter cadence
    person("Prospect met long ago", stage="prospect", met_on=D(2026, 6, 1))  # 14 days: overdue
    person("Never", cadence_days=0, circles=("friend",))
    person("Lost", stage="lost-customer", lost_since=D(2026, 5, 1), lost_reason="price")
    gone = person("Trashed", stage="client")
    trash_contacts([gone])
    h = health(TODAY, Settings())
    assert h.by_stage["client"].as_tuple() == (1, 1, 1, 0)
    assert h.by_stage["prospect"].as_tuple() == (0, 0, 1, 0)
    assert h.by_stage["acquaintance"].as_tuple() == (0, 0, 0, 1)
    assert h.by_stage["lost-customer"].as_tuple() == (0, 0, 1, 0)  # every 180 days
    assert h.by_circle["friend"].as_tuple() == (0, 0, 1, 1)
    assert h.by_circle["family"].as_tuple() == (0, 0, 0, 0)
    assert h.total.as_tuple() == (1, 1, 3, 1)
    assert h.total.total == 6


def test_interactions_per_week_last_52_weeks_this_week_last(journal):
    a, b = person("A"), person("B")
    talk(a, D(2026, 11, 16), hour=0)  # this week's Monday
    talk(b, D(2026, 11, 22), hour=23)  # today, late
    talk(a, D(2026, 11, 15))  # last week's Sunday
    talk(a, D(2025, 11, 24))  # the first of the 52 weeks (Monday)
    talk(a, D(2025, 11, 23))  # just before: left out
    weeks = interactions_per_week(TODAY)
    assert len(weeks) == 52
    assert weeks[0] == (D(2025, 11, 24), 1)
    assert weeks[-1] == (D(2026, 11, 16), 2)
    assert weeks[-2] == (D(2026, 11, 9), 1)
    assert sum(n for _, n in weeks) == 4


def test_recency_weeks_are_for_one_contact(journal):
    a, b = person("A"), person("B")
    talk(a, D(2026, 11, 20))
    talk(a, D(2026, 11, 1))
    talk(b, D(2026, 11, 20))
    strip = recency_weeks(a, TODAY)
    assert len(strip) == 52
    assert strip[-1] == 1 and strip[-4] == 1  # Nov 1 is in the week of Oct 26
    assert sum(strip) == 2


def test_ladder_counts_recorded_stage_changes_per_quarter(journal):
    a = person("A", stage="prospect")
    data = load_contact(a)
    from dataclasses import replace

    save_contact(replace(data, stage="customer"))
    change = StageChange.get()
    assert (change.from_stage, change.to_stage) == ("prospect", "customer")
    StageChange.update(on=D(2026, 8, 3)).execute()  # pretend it happened in Q3
    StageChange.create(contact=a, from_stage="customer", to_stage="client", on=D(2026, 11, 2))
    rows = dict(ladder(TODAY, quarters=4))
    assert list(rows) == [D(2026, 1, 1), D(2026, 4, 1), D(2026, 7, 1), D(2026, 10, 1)]
    assert rows[D(2026, 7, 1)] == {"networking-partner": 0, "customer": 1, "client": 0}
    assert rows[D(2026, 10, 1)] == {"networking-partner": 0, "customer": 0, "client": 1}


def test_ladder_without_recorded_changes_uses_first_purchase_or_the_day_met(journal):
    shop = Offering.create(name="Coaching")
    c = person("Customer", stage="customer", met_on=D(2024, 3, 1))
    Purchase.create(contact=c, offering=shop, since=D(2026, 5, 10))
    Purchase.create(contact=c, offering=shop, since=D(2026, 9, 10))
    person("Partner", stage="networking-partner", met_on=D(2026, 2, 2))
    person("Old partner", stage="networking-partner", met_on=D(2020, 2, 2))  # before the chart
    person("Acquaintance", met_on=D(2026, 2, 2))  # not a rung
    rows = dict(ladder(TODAY, quarters=4))
    assert rows[D(2026, 1, 1)] == {"networking-partner": 1, "customer": 0, "client": 0}
    assert rows[D(2026, 4, 1)] == {"networking-partner": 0, "customer": 1, "client": 0}
    assert sum(sum(r.values()) for r in rows.values()) == 2


def test_saving_without_a_stage_change_records_nothing(journal):
    a = person("A", stage="prospect")
    save_contact(load_contact(a))
    assert StageChange.select().count() == 0


def test_compute_insights_bundles_everything(journal):
    talk(person("A", stage="client"), D(2026, 11, 20))
    got = compute_insights(TODAY, Settings())
    assert got.today == TODAY
    assert got.health.by_stage["client"].within == 1
    assert len(got.weekly) == 52 and got.weekly[-1][1] == 1
    assert len(got.ladder) == 8


# --- lost reasons; details not confirmed for two years (issue 16) -------------------------

from gratitude_desktop.journal.contacts import MethodData  # noqa: E402
from gratitude_desktop.journal.insights import (  # noqa: E402
    LostReasonCount,
    details_last_confirmed,
    lost_reasons,
    unconfirmed_for_years,
)
from gratitude_desktop.store.models import Contact  # noqa: E402


def test_lost_reasons_are_totalled_with_asked_and_won_back(journal):
    def lost(name, reason, **kw):
        return person(name, lost_since=D(2026, 6, 1), lost_reason=reason, **kw)

    asked = lost("Asked", "price", stage="lost-customer")
    talk(asked, D(2026, 6, 10), purpose="feedback")
    offered = lost("Only offered", "price", stage="lost-customer")
    talk(offered, D(2026, 6, 10), purpose="offer")
    back = lost("Back", "price", stage="client")
    talk(back, D(2026, 7, 1), purpose="meeting")
    lost("Silent", "staff-failure", stage="lost-customer")
    trashed = lost("Trashed", "price", stage="lost-customer")
    trash_contacts([trashed])
    assert lost_reasons() == [
        LostReasonCount("price", 3, 2, 1),
        LostReasonCount("staff-failure", 1, 0, 0),
    ]


def test_contacts_not_confirmed_for_two_years_are_listed_oldest_first(journal):
    old = person(
        "Old number",
        methods=[MethodData("phone", "+44 1", confirmed_on=D(2024, 11, 21))],
    )
    fresh = person(
        "Fresh",
        methods=[
            MethodData("phone", "+44 2", confirmed_on=D(2023, 1, 1)),
            MethodData("email", "f@x.org", confirmed_on=D(2026, 1, 1)),
        ],
    )
    person("Never confirmed, added long ago")
    Contact.update(created_at=dt.datetime(2020, 5, 1, 9)).where(
        Contact.display_name == "Never confirmed, added long ago"
    ).execute()
    person("Just added")
    rows, total = unconfirmed_for_years(TODAY)
    assert [r.name for r in rows] == ["Never confirmed, added long ago", "Old number"]
    assert total == 2
    assert details_last_confirmed(old) == D(2024, 11, 21)
    assert details_last_confirmed(fresh) == D(2026, 1, 1)
