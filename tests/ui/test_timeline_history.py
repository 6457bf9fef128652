"""The timeline model merges interactions (paged) with the other events, filters and searches."""

from __future__ import annotations

import datetime as dt

from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.interactions import InteractionData, save_interaction
from gratitude_desktop.journal.promises import PromiseData, save_promise
from gratitude_desktop.store.models import Interaction, database
from gratitude_desktop.ui.timeline.model import Column, IdRole, KindRole, TimelineModel


def _setup(count=25):
    ada = save_contact(ContactData(display_name="Ada"))
    start = dt.datetime(2020, 1, 1, 9)
    with database.atomic():
        Interaction.insert_many(
            [
                dict(
                    contact=ada,
                    at=start + dt.timedelta(days=i),
                    channel="call" if i % 2 else "email",
                    direction="outbound",
                    purpose="follow-up",
                    summary=f"entry {i}" + (" christmas" if i == 3 else ""),
                    notes="",
                )
                for i in range(count)
            ]
        ).execute()
    # A promise made between entry 9 and entry 10: it must sit between them.
    save_promise(
        PromiseData(
            contact_id=ada, direction="we-owe", what="Send the link", made_on=dt.date(2020, 1, 10)
        ),
        dt.date(2020, 1, 10),
    )
    return ada


def texts(model):
    return [model.index(r, Column.SUMMARY).data() for r in range(model.rowCount())]


def test_events_are_merged_in_date_order_across_pages(journal, qtmodeltester):
    ada = _setup()
    model = TimelineModel(page_size=10)
    model.set_contact(ada)
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    qtmodeltester.check(model)
    shown = texts(model)
    assert model.total() == len(shown) == 25 + 1  # 25 entries and the promise
    i = shown.index("You promised: Send the link")
    assert shown[i - 1 : i + 2] == ["entry 10", "You promised: Send the link", "entry 9"]
    row = shown.index("You promised: Send the link")
    assert model.index(row, 0).data(IdRole) is None  # an event: no edit, no delete
    assert model.index(row, 0).data(KindRole) == "event"
    assert model.interaction_at(row) is None and model.event_at(row).kind == "promises"


def test_a_filter_narrows_both_and_is_dropped_for_the_next_contact(journal, qtmodeltester):
    ada = _setup()
    # Every row in one page: Qt's tester fetches more inside its model-reset check, which
    # it then counts as rows inserted during the reset.
    model = TimelineModel(page_size=100)
    model.set_contact(ada)
    model.set_filter("christ")
    qtmodeltester.check(model)
    assert texts(model) == ["entry 3 christmas"]
    model.set_filter("", "promises")
    assert texts(model) == ["You promised: Send the link"]
    model.set_filter("", "conversations")
    assert model.total() == 12  # the calls
    model.set_contact(ada)
    assert not model.filtering() and model.total() == 26


def test_a_new_entry_shows_after_reload(journal):
    ada = _setup(3)
    model = TimelineModel()
    model.set_contact(ada)
    save_interaction(InteractionData(contact_id=ada, at=dt.datetime(2030, 1, 1), summary="newest"))
    model.reload()
    assert texts(model)[0] == "newest"
