"""The timeline: paged model (qtmodeltester), newest first, edit and delete from the page."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.interactions import InteractionData, save_interaction
from gratitude_desktop.store.models import Interaction, database
from gratitude_desktop.ui.timeline.model import (
    PAGE_SIZE,
    Column,
    IdRole,
    KindRole,
    TimelineModel,
)


def _many(contact_id: int, count: int) -> None:
    start = dt.datetime(2020, 1, 1, 8, 0)
    rows = [
        dict(
            contact=contact_id,
            at=start + dt.timedelta(hours=i),
            channel="call",
            direction="outbound",
            purpose="follow-up",
            summary=f"entry {i}",
            notes="",
        )
        for i in range(count)
    ]
    with database.atomic():
        for chunk in range(0, count, 200):
            Interaction.insert_many(rows[chunk : chunk + 200]).execute()


@pytest.fixture
def contact_id(journal):
    return save_contact(ContactData(display_name="Ada"))


def test_model_passes_qtmodeltester_with_paging(qtmodeltester, contact_id):
    _many(contact_id, 250)
    model = TimelineModel(page_size=100)
    model.set_contact(contact_id)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() <= 250
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 250
    assert not model.canFetchMore()


def test_model_pages_newest_first(contact_id):
    _many(contact_id, 1000)
    model = TimelineModel()
    model.set_contact(contact_id)
    assert model.rowCount() == PAGE_SIZE
    assert model.total() == 1000
    assert model.index(0, Column.SUMMARY).data() == "entry 999"
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE_SIZE
    assert model.index(PAGE_SIZE, Column.SUMMARY).data() == "entry 899"


def test_model_data_reads_no_database(contact_id, monkeypatch):
    _many(contact_id, 5)
    model = TimelineModel()
    model.set_contact(contact_id)

    def refuse(*args, **kwargs):
        raise AssertionError("data() queried the database")

    monkeypatch.setattr(database.obj, "execute_sql", refuse)
    for row in range(model.rowCount()):
        for column in Column:
            for role in (Qt.DisplayRole, Qt.ToolTipRole, IdRole, KindRole):
                model.index(row, column).data(role)


def test_greetings_and_offers_are_tagged_apart(contact_id):
    for purpose in ("greeting", "offer", "thank-you", "check-in"):
        save_interaction(
            InteractionData(
                contact_id=contact_id,
                at=dt.datetime(2026, 1, 1, 12, 0),
                purpose=purpose,
                direction="inbound",
            )
        )
    model = TimelineModel()
    model.set_contact(contact_id)
    kinds = {
        model.index(r, Column.PURPOSE).data(): model.index(r, 0).data(KindRole)
        for r in range(model.rowCount())
    }
    assert kinds == {
        "Greeting": "greeting",
        "Thank you": "greeting",
        "Offer": "offer",
        "Check in": "other",
    }
    greeting_row = next(r for r in range(4) if model.index(r, 0).data(KindRole) == "greeting")
    offer_row = next(r for r in range(4) if model.index(r, 0).data(KindRole) == "offer")
    assert model.index(greeting_row, Column.PURPOSE).data(Qt.BackgroundRole) != model.index(
        offer_row, Column.PURPOSE
    ).data(Qt.BackgroundRole)


def test_direction_reads_as_words(contact_id):
    save_interaction(InteractionData(contact_id=contact_id, at=dt.datetime(2026, 1, 1)))
    save_interaction(
        InteractionData(contact_id=contact_id, at=dt.datetime(2026, 1, 2), direction="inbound")
    )
    model = TimelineModel()
    model.set_contact(contact_id)
    assert model.index(0, Column.CHANNEL).data() == "← Call"
    assert model.index(1, Column.CHANNEL).data() == "→ Call"
    assert "← they did" in model.index(0, Column.SUMMARY).data(Qt.ToolTipRole)
    assert "→ we reached out" in model.index(1, Column.WHEN).data(Qt.ToolTipRole)


def test_tooltip_shows_html_in_notes_literally(contact_id):
    save_interaction(
        InteractionData(
            contact_id=contact_id, at=dt.datetime(2026, 1, 1), notes="<script>x</script>"
        )
    )
    model = TimelineModel()
    model.set_contact(contact_id)
    tip = model.index(0, 0).data(Qt.ToolTipRole)
    assert "&lt;script&gt;x&lt;/script&gt;" in tip
    assert "<script>" not in tip


@pytest.fixture
def page(qtbot, journal):
    from gratitude_desktop.ui.contacts.page import ContactPage

    widget = ContactPage()
    qtbot.addWidget(widget)
    widget.resize(900, 900)
    widget.show()
    return widget


def test_logged_interaction_shows_on_the_timeline_newest_first(qtbot, page, contact_id):
    save_interaction(
        InteractionData(contact_id=contact_id, at=dt.datetime(2020, 1, 1), summary="old one")
    )
    page.show_contact(contact_id)
    dialog = page.log_interaction()
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.summary, "the newest one")
    with qtbot.waitSignal(page.interactionLogged) as logged:
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert logged.args == [contact_id]
    model = page.timeline.model
    assert model.rowCount() == 2
    assert model.index(0, Column.SUMMARY).data() == "the newest one"
    assert model.index(1, Column.SUMMARY).data() == "old one"
    assert page.header.touch.text().startswith("Last touch")


def test_log_interaction_on_a_new_contact_saves_it_first(qtbot, page, journal):
    page.show_contact(None)
    qtbot.keyClicks(page.form.lines["display_name"], "Brand New")
    dialog = page.log_interaction()
    assert dialog is not None
    assert page.current_contact_id() is not None
    assert dialog.contact_id == page.current_contact_id()


def test_edit_entry_with_enter_opens_a_prefilled_dialog(qtbot, page, contact_id):
    iid = save_interaction(
        InteractionData(contact_id=contact_id, at=dt.datetime(2026, 1, 1), summary="Coffee")
    )
    page.show_contact(contact_id)
    timeline = page.timeline
    timeline.select_row(0)
    timeline.view.setFocus()
    qtbot.keyClick(timeline.view, Qt.Key_Return)
    dialog = timeline.dialog
    assert dialog is not None and dialog.interaction_id == iid
    assert dialog.summary.text() == "Coffee"
    dialog.summary.setText("Coffee, edited")
    with qtbot.waitSignal(page.interactionLogged):
        dialog.accept()
    assert timeline.model.index(0, Column.SUMMARY).data() == "Coffee, edited"
    assert Interaction.get_by_id(iid).summary == "Coffee, edited"


def test_delete_key_asks_then_deletes_the_entry(qtbot, page, contact_id, monkeypatch):
    keep = save_interaction(
        InteractionData(contact_id=contact_id, at=dt.datetime(2026, 1, 1), summary="keep")
    )
    doomed = save_interaction(
        InteractionData(contact_id=contact_id, at=dt.datetime(2026, 2, 1), summary="doomed")
    )
    page.show_contact(contact_id)
    timeline = page.timeline
    asked = []
    monkeypatch.setattr(timeline, "confirm_delete", lambda text: asked.append(text) or False)
    timeline.select_row(0)
    timeline.view.setFocus()
    qtbot.keyClick(timeline.view, Qt.Key_Delete)
    assert asked and "doomed" in asked[0]
    assert Interaction.select().count() == 2  # said no: nothing deleted

    monkeypatch.setattr(timeline, "confirm_delete", lambda text: True)
    with qtbot.waitSignal(page.interactionLogged):
        qtbot.keyClick(timeline.view, Qt.Key_Delete)
    assert [i.id for i in Interaction.select()] == [keep]
    assert timeline.model.rowCount() == 1
    assert timeline.model.index(0, 0).data(IdRole) == keep
    assert doomed != keep


def test_page_for_a_contact_with_1000_interactions_reads_only_the_first_page(
    qtbot, page, contact_id
):
    _many(contact_id, 1000)
    page.show_contact(contact_id)
    assert page.timeline.model.rowCount() == PAGE_SIZE
    assert page.timeline.model.total() == 1000
    assert page.timeline.title.text() == "Timeline · 1000 entries"


def test_selected_entry_notes_show_below_as_plain_text(qtbot, page, contact_id):
    save_interaction(
        InteractionData(contact_id=contact_id, at=dt.datetime(2026, 1, 1), notes="<b>not bold</b>")
    )
    page.show_contact(contact_id)
    timeline = page.timeline
    assert timeline.details.isHidden()
    timeline.select_row(0)
    assert timeline.details.isVisible()
    assert timeline.details.textFormat() == Qt.PlainText
    assert timeline.details.text().endswith("\n\n<b>not bold</b>")
    assert timeline.details.text().startswith("2026-01-01 00:00 · Call · → we reached out")
