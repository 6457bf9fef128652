"""The contact page's follow-through: promises, referrals, purchases, lost customer, and the
outreach guard as the page shows it (issue 3, the page side)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from gratitude_desktop.journal import promises, purchases, referrals
from gratitude_desktop.journal.contacts import ContactData, load_contact, save_contact
from gratitude_desktop.journal.interactions import timeline
from gratitude_desktop.store.models import Promise, Referral

TODAY = dt.date(2026, 5, 4)
NOW = dt.datetime(2026, 5, 4, 9, 30)


@pytest.fixture
def ada(journal):
    return save_contact(ContactData(display_name="Ada Lovelace", stage="customer"))


@pytest.fixture
def page(qtbot, journal):
    from gratitude_desktop.ui.contacts.page import ContactPage

    widget = ContactPage()
    qtbot.addWidget(widget)
    widget.follow_through.today_fn = lambda: TODAY
    widget.follow_through.now_fn = lambda: NOW
    widget.resize(900, 1000)
    widget.show()
    return widget


def _click(qtbot, button):
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.LeftButton)


def _texts(section):
    return [section.list.item(i).text() for i in range(section.list.count())]


def _select(section, value):
    assert section.select_value(value)


# -- promises ------------------------------------------------------------------------------------


def test_promises_both_ways_show_what_made_due_and_status(page, ada):
    ours = promises.add_promise(ada, "send the link", TODAY - dt.timedelta(days=10),
                                due_on=TODAY - dt.timedelta(days=2))  # fmt: skip
    promises.add_promise(ada, "read my proposal", TODAY, direction="they-owe",
                         due_on=TODAY + dt.timedelta(days=3))  # fmt: skip
    kept = promises.add_promise(ada, "call back", TODAY - dt.timedelta(days=5))
    promises.mark_kept(kept, TODAY - dt.timedelta(days=1))
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.promises
    assert page.follow_through.isVisible()
    assert _texts(section) == [
        "I owe: send the link\nmade 2026-04-24 · due 2026-05-02 · overdue 2 days",
        "They owe: read my proposal\nmade 2026-05-04 · due 2026-05-07 · open",
        "I owe: call back\nmade 2026-04-29 · kept 2026-05-03",
    ]
    assert section.toggle.text() == "Promises (2 open, 1 overdue)"
    _select(section, ours)
    assert section.buttons["kept"].isEnabled()
    assert not section.buttons["nudge"].isEnabled()


def test_add_promise_from_the_page_opens_the_promise_dialog_and_lists_it(qtbot, page, ada):
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.promises
    _click(qtbot, section.buttons["add"])
    dialog = section.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.what, "make the introduction to Bob")
    with qtbot.waitSignal(dialog.saved):
        _click(qtbot, dialog.save_button)
    [row] = promises.promises_of(ada, TODAY)
    assert row.what == "make the introduction to Bob"
    assert row.due_on == TODAY + dt.timedelta(days=7)
    assert _texts(section)[0].startswith("I owe: make the introduction to Bob")
    assert section.current_value() == row.id


def test_marking_kept_is_one_click_and_shows_on_the_timeline(qtbot, page, ada):
    pid = promises.add_promise(ada, "send the link", TODAY, due_on=TODAY)
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.promises
    _select(section, pid)
    with qtbot.waitSignal(page.interactionLogged) as logged:
        _click(qtbot, section.buttons["kept"])
    assert logged.args == [ada]
    assert Promise.get_by_id(pid).status == "kept"
    assert [e.summary for e in timeline(ada)] == ["Kept: send the link"]
    # The timeline shows the kept note, and the promise made and kept among the events.
    assert page.timeline.model.index(0, 3).data() == "Kept: send the link"
    assert "Kept: send the link" in page.follow_through.status.text()
    assert not section.buttons["kept"].isEnabled()


def test_cant_keep_records_the_reason_and_adds_a_tell_them_promise(page, ada):
    pid = promises.add_promise(ada, "post the brochure", TODAY)
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.promises
    asked = []
    section.ask_text = lambda title, text, ok="OK": asked.append(text) or "wrong address"
    _select(section, pid)
    section.buttons["cant"].click()
    assert "post the brochure" in asked[0]
    old = Promise.get_by_id(pid)
    assert (old.status, old.blocked_reason) == ("released", "wrong address")
    tell = [r for r in promises.promises_of(ada, TODAY) if r.status == "open"]
    assert [(r.what, r.due_on) for r in tell] == [("Tell Ada Lovelace why: wrong address", TODAY)]
    assert section.current_value() == tell[0].id


def test_cancelled_cant_keep_changes_nothing(page, ada):
    pid = promises.add_promise(ada, "post the brochure", TODAY)
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.promises
    section.ask_text = lambda *a, **k: None
    _select(section, pid)
    section.buttons["cant"].click()
    assert Promise.get_by_id(pid).status == "open"
    assert Promise.select().count() == 1


@pytest.mark.parametrize(
    ("choice", "apologies"),
    [("Break and log apology", 1), ("Break only", 0)],
)
def test_breaking_a_promise_asks_whether_to_log_an_apology(page, ada, choice, apologies):
    pid = promises.add_promise(ada, "send the report", TODAY)
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.promises
    offered = []
    section.ask_choice = lambda title, text, buttons: offered.append(buttons) or choice
    _select(section, pid)
    section.buttons["broken"].click()
    assert offered == [
        ["Apologise and set a new date", "Break and log apology", "Break only", "Cancel"]
    ]
    assert Promise.get_by_id(pid).status == "broken"
    assert [e.purpose for e in timeline(ada)] == ["apology"] * apologies


def test_cancel_when_breaking_leaves_the_promise_open(page, ada):
    pid = promises.add_promise(ada, "send the report", TODAY)
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.promises
    section.ask_choice = lambda *a: "Cancel"
    _select(section, pid)
    section.buttons["broken"].click()
    assert Promise.get_by_id(pid).status == "open"


def test_nudge_is_offered_only_for_an_overdue_promise_owed_to_us(page, ada):
    late = promises.add_promise(ada, "send the contract", TODAY - dt.timedelta(days=9),
                                direction="they-owe", due_on=TODAY - dt.timedelta(days=1))  # fmt: skip
    not_yet = promises.add_promise(ada, "review", TODAY, direction="they-owe", due_on=TODAY)
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.promises
    _select(section, not_yet)
    assert not section.buttons["nudge"].isEnabled()
    assert not section.buttons["cant"].isEnabled()  # only for promises we made
    _select(section, late)
    assert section.buttons["nudge"].isEnabled()
    section.buttons["nudge"].click()
    [entry] = timeline(ada)
    assert (entry.summary, entry.direction) == ("Polite nudge: send the contract", "outbound")
    assert Promise.get_by_id(late).status == "open"


def test_keeping_a_promise_to_a_do_not_contact_person_asks_for_a_reason(page, journal):
    quiet = save_contact(ContactData(display_name="Quiet Q", dnc_channels=("all",)))
    pid = promises.add_promise(quiet, "send the refund", TODAY)
    page.show_contact(quiet)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.promises
    answers = iter([None, "they asked for the refund"])
    section.ask_text = lambda *a, **k: next(answers)
    _select(section, pid)
    section.buttons["kept"].click()  # no reason given: nothing happens
    assert Promise.get_by_id(pid).status == "open"
    assert timeline(quiet) == []
    section.buttons["kept"].click()
    assert Promise.get_by_id(pid).status == "kept"
    assert timeline(quiet)[0].override_reason == "they asked for the refund"


def test_quick_add_promises_from_the_log_interaction_dialog(qtbot, page, ada):
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    dialog = page.log_interaction()
    dialog._now = NOW
    qtbot.keyClicks(dialog.summary, "Coffee with Ada")
    mine, mine_due_box, mine_due = dialog.promise_rows["we-owe"]
    theirs, _box, _due = dialog.promise_rows["they-owe"]
    qtbot.keyClicks(mine, "send the slides")
    mine_due_box.setChecked(True)
    mine_due.setDate(QDate(2026, 5, 14))
    qtbot.keyClicks(theirs, "introduce me to Bob")
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    rows = promises.promises_of(ada, TODAY)
    assert {(r.direction, r.what, r.due_on) for r in rows} == {
        ("we-owe", "send the slides", dt.date(2026, 5, 14)),
        ("they-owe", "introduce me to Bob", None),
    }
    assert [e.summary for e in timeline(ada)] == ["Coffee with Ada"]
    assert page.follow_through.promises.list.count() == 2


def test_no_promise_is_added_when_the_interaction_is_not_logged(qtbot, journal):
    from gratitude_desktop.ui.dialogs.log_interaction import LogInteractionDialog

    quiet = save_contact(ContactData(display_name="Quiet Q", dnc_channels=("phone",)))
    dialog = LogInteractionDialog(quiet, now=NOW)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.summary, "Call")
    qtbot.keyClicks(dialog.promise_rows["we-owe"][0], "call again")
    dialog.accept()  # a call to someone who refused calls needs a reason
    assert Promise.select().count() == 0
    assert timeline(quiet) == []


def test_editing_an_interaction_has_no_promise_fields(qtbot, ada):
    from gratitude_desktop.journal.interactions import InteractionData, save_interaction
    from gratitude_desktop.ui.dialogs.log_interaction import LogInteractionDialog

    iid = save_interaction(InteractionData(contact_id=ada, at=NOW, summary="Met"))
    dialog = LogInteractionDialog(ada, interaction_id=iid, now=NOW)
    qtbot.addWidget(dialog)
    assert dialog.promise_rows == {}


# -- referrals -----------------------------------------------------------------------------------


def test_referrals_show_who_referred_them_and_whom_they_referred(page, ada):
    bob = save_contact(ContactData(display_name="Bob Byron"))
    cy = save_contact(ContactData(display_name="Cy Carter"))
    partner = save_contact(ContactData(display_name="Dee Partner"))
    referrals.record_received(bob, ada, dt.date(2026, 4, 1))
    referrals.record_received(ada, cy, dt.date(2026, 4, 2))
    referrals.record_given(ada, partner, dt.date(2026, 4, 3))
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.referrals
    assert _texts(section) == [
        "Referred to us by Bob Byron\n2026-04-01 · not thanked yet",
        "We referred them to Dee Partner\n2026-04-03 · did it help? not asked yet",
        "They referred Cy Carter to us\n2026-04-02 · not thanked yet",
    ]
    assert section.toggle.text() == "Referrals (3, 2 to thank)"
    assert page.form.referred_by.edit.text() == "Bob Byron"


def test_thanking_the_referrer_logs_a_thank_you_on_their_timeline(qtbot, page, ada):
    cy = save_contact(ContactData(display_name="Cy Carter"))
    rid = referrals.record_received(ada, cy, TODAY)
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.referrals
    _select(section, rid)
    with qtbot.waitSignal(page.interactionLogged) as logged:
        _click(qtbot, section.buttons["thank"])
    assert logged.args == [ada]
    [entry] = timeline(ada)
    assert (entry.purpose, entry.offering_id) == ("thank-you", None)
    assert entry.summary == "Thank you for referring Cy Carter"
    assert Referral.get_by_id(rid).thanked_on == TODAY
    assert _texts(section) == ["They referred Cy Carter to us\n2026-05-04 · thanked 2026-05-04"]
    assert not section.buttons["thank"].isEnabled()


def test_no_thank_you_is_proposed_for_a_referrer_who_asked_for_no_contact(page, journal):
    quiet = save_contact(ContactData(display_name="Quiet Q", dnc_channels=("all",)))
    cy = save_contact(ContactData(display_name="Cy Carter"))
    rid = referrals.record_received(quiet, cy, TODAY)
    page.show_contact(cy)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.referrals
    assert _texts(section) == [
        "Referred to us by Quiet Q\n2026-05-04 · not thanked (they asked for no contact)"
    ]
    _select(section, rid)
    assert not section.buttons["thank"].isEnabled()


def test_did_it_help_records_the_outcome_of_a_referral_we_gave(page, ada):
    partner = save_contact(ContactData(display_name="Dee Partner"))
    rid = referrals.record_given(ada, partner, dt.date(2026, 4, 3))
    page.show_contact(partner)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.referrals
    assert _texts(section) == [
        "We sent Ada Lovelace to them\n2026-04-03 · did it help? not asked yet"
    ]
    section.ask_text = lambda *a, **k: "Yes, they signed up"
    _select(section, rid)
    section.buttons["helped"].click()
    assert Referral.get_by_id(rid).outcome == "Yes, they signed up"
    [entry] = timeline(ada)
    assert entry.summary == "Did the referral to Dee Partner help? Yes, they signed up"
    assert _texts(section)[0].endswith("outcome: Yes, they signed up")


def test_recording_a_referral_from_the_page_sets_referred_by(qtbot, page, ada):
    bob = save_contact(ContactData(display_name="Bob Byron"))
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.referrals
    _click(qtbot, section.buttons["add"])
    dialog = section.dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("referred-them"))
    dialog.other.pick(bob)
    with qtbot.waitSignal(dialog.saved):
        _click(qtbot, dialog.save_button)
    assert load_contact(ada).referred_by == bob
    assert page.form.referred_by.edit.text() == "Bob Byron"
    assert _texts(section) == ["Referred to us by Bob Byron\n2026-05-04 · not thanked yet"]


# -- purchases -----------------------------------------------------------------------------------


def test_purchases_show_what_they_have_and_what_they_had(page, ada):
    books = purchases.add_offering("Bookkeeping")
    audit = purchases.add_offering("Audit")
    purchases.save_purchase(purchases.PurchaseData(ada, books, dt.date(2025, 1, 1), None, True))
    purchases.save_purchase(
        purchases.PurchaseData(ada, audit, dt.date(2024, 1, 1), TODAY - dt.timedelta(days=1))
    )
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.purchases
    assert _texts(section) == [
        "Has: Bookkeeping\nsince 2025-01-01 · recurring",
        "Had: Audit\nsince 2024-01-01 · ended 2026-05-03",
    ]
    assert section.toggle.text() == "Purchases (1 active)"


def test_add_and_end_a_purchase_from_the_page(qtbot, page, ada):
    books = purchases.add_offering("Bookkeeping")
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.purchases
    _click(qtbot, section.buttons["add"])
    dialog = section.dialog
    dialog.accept()  # no offering chosen
    assert "Choose an offering" in dialog.problems.text()
    dialog.offering.setCurrentIndex(dialog.offering.findData(books))
    dialog.since.setDate(dialog.since.date().addDays(-30))
    dialog.recurring.setChecked(True)
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    assert purchases.already_has(ada, books, TODAY)
    assert _texts(section) == ["Has: Bookkeeping\nsince 2026-04-04 · recurring"]
    section.list.setCurrentRow(0)
    _click(qtbot, section.buttons["end"])
    assert not purchases.already_has(ada, books, TODAY)
    assert _texts(section) == ["Had: Bookkeeping\nsince 2026-04-04 · ended 2026-05-03 · recurring"]


def test_offer_names_an_active_offering_and_already_has_it_needs_confirmation(qtbot, ada):
    from gratitude_desktop.store.models import Interaction
    from gratitude_desktop.ui.dialogs.log_interaction import LogInteractionDialog

    books = purchases.add_offering("Bookkeeping")
    old = purchases.add_offering("Old thing")
    purchases.deactivate_offering(old)
    purchases.save_purchase(purchases.PurchaseData(ada, books, dt.date(2025, 1, 1)))
    dialog = LogInteractionDialog(ada, now=NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.purpose.set_value("offer")
    assert dialog.offering.isVisible()
    offered = [dialog.offering.itemText(i) for i in range(1, dialog.offering.count())]
    assert offered == ["Bookkeeping"]
    qtbot.keyClicks(dialog.summary, "Offered more bookkeeping")
    dialog.accept()
    dialog.offering.setCurrentIndex(dialog.offering.findData(books))
    dialog.accept()
    assert Interaction.select().count() == 0
    assert dialog.save_button.text() == "Log anyway"
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    assert timeline(ada)[0].offering_id == books


# -- greetings are not sales --------------------------------------------------------------------


def test_a_greeting_warns_on_offer_words_and_cannot_carry_an_offering(qtbot, ada):
    from gratitude_desktop.ui.dialogs.log_interaction import LogInteractionDialog

    books = purchases.add_offering("Bookkeeping")
    dialog = LogInteractionDialog(ada, now=NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.purpose.set_value("greeting")
    qtbot.keyClicks(dialog.summary, "Happy birthday! Special price on upgrades")
    assert dialog.warnings.isVisible()
    assert "special price" in dialog.warnings.text()
    dialog.offering.setCurrentIndex(dialog.offering.findData(books))
    dialog.accept()
    assert "never carries an offer" in dialog.boxes["offering"].problem.text()
    assert timeline(ada) == []


# -- lost customer -------------------------------------------------------------------------------


def test_mark_lost_asks_why_then_later_leaves_it_to_the_agenda(qtbot, page, ada):
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    panel = page.follow_through
    assert panel.lost_button.isVisible()
    _click(qtbot, panel.lost_button)
    dialog = panel.dialog
    _click(qtbot, dialog.mark_button)  # no reason chosen yet
    assert "Choose a reason" in dialog.boxes["lost_reason"].problem.text()
    assert load_contact(ada).stage == "customer"
    dialog.reason.set_value("price")
    qtbot.keyClicks(dialog.note, "Found a cheaper bookkeeper")
    with qtbot.waitSignal(page.contactSaved):
        _click(qtbot, dialog.mark_button)
    stored = load_contact(ada)
    assert (stored.stage, stored.lost_reason, stored.lost_since) == (
        "lost-customer",
        "price",
        TODAY,
    )
    assert stored.lost_note == "Found a cheaper bookkeeper"
    assert dialog.proposal_text.text() == (
        "Ask Ada Lovelace what went wrong (listen, don't sell), by 2026-05-07."
    )
    _click(qtbot, dialog.later_button)
    assert dialog.choice == "later"
    assert timeline(ada) == []
    assert page.header.lost.isVisible() and page.form.lost.isChecked()
    assert not panel.lost_button.isVisible()


def test_log_it_now_opens_the_listening_conversation_and_records_what_was_learned(qtbot, page, ada):
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    dialog = page.follow_through.mark_lost()
    dialog.reason.set_value("staff-failure")
    dialog.mark()
    listening = dialog.log_now()
    assert dialog.result() == QDialog.Accepted
    assert listening.isVisible()
    assert listening.purpose.value() == "feedback"
    assert listening.summary.text() == "Asked what went wrong and listened"
    qtbot.keyClicks(listening.notes, "the new clerk was rude; they'd come back")
    with qtbot.waitSignal(page.interactionLogged):
        listening.accept()
    [entry] = timeline(ada)
    assert (entry.purpose, entry.direction) == ("feedback", "outbound")
    assert entry.notes == "What we learned: the new clerk was rude; they'd come back"


def test_mark_lost_saves_the_pages_unsaved_edits_first(qtbot, page, ada):
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    page.form.lines["organization"].setText("Engines Ltd")
    dialog = page.follow_through.mark_lost()
    assert load_contact(ada).organization == "Engines Ltd"
    dialog.reason.set_value("unknown")
    dialog.mark()
    assert load_contact(ada).organization == "Engines Ltd"
    assert load_contact(ada).lost_reason == "unknown"


def test_log_a_mistake_button_opens_the_mistake_dialog(qtbot, page, ada):
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    _click(qtbot, page.follow_through.mistake_button)
    dialog = page.follow_through.dialog
    qtbot.keyClicks(dialog.what, "Billed twice")
    qtbot.keyClicks(dialog.apology, "Sorry, my mistake")
    with qtbot.waitSignal(page.interactionLogged):
        _click(qtbot, dialog.save_button)
    assert [e.purpose for e in timeline(ada)] == ["apology"]
    assert page.timeline.model.rowCount() == 1


def test_a_new_contact_has_no_follow_through_panel(page):
    page.show_contact(None)
    assert not page.follow_through.isVisible()


# -- do-not-contact is marked everywhere -----------------------------------------------------


def test_do_not_contact_people_are_marked_in_search_results(journal, qapp):
    from gratitude_desktop.store.queries import ContactFilter
    from gratitude_desktop.ui.contacts.list_model import NAME, ContactListModel

    quiet = save_contact(ContactData(display_name="Mia Gross", dnc_channels=("all",)))
    save_contact(ContactData(display_name="Mia Fine"))
    model = ContactListModel()
    model.set_filter(ContactFilter(text="mia"))
    rows = {model.data(model.index(r, NAME)): r for r in range(model.rowCount())}
    assert set(rows) == {"Mia Gross", "Mia Fine"}
    marked = model.index(rows["Mia Gross"], NAME)
    plain = model.index(rows["Mia Fine"], NAME)
    assert model.data(marked, Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(plain, Qt.ItemDataRole.DecorationRole) is None
    assert "Do not contact" in model.data(marked, Qt.ItemDataRole.ToolTipRole)
    assert model.row_of(quiet) == rows["Mia Gross"]


def test_do_not_contact_badge_on_the_page(page, journal):
    quiet = save_contact(ContactData(display_name="Quiet Q", dnc_channels=("email",)))
    page.show_contact(quiet)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    assert page.header.dnc.isVisible()
    assert page.header.dnc.text().startswith("Do not contact by email")


def test_mark_lost_is_offered_only_for_customers_and_clients(page, journal):
    prospect = save_contact(ContactData(display_name="Pat Prospect", stage="prospect"))
    client = save_contact(ContactData(display_name="Cli Client", stage="client"))
    page.show_contact(prospect)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    assert not page.follow_through.lost_button.isVisible()
    page.show_contact(client)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    assert page.follow_through.lost_button.isVisible()


def test_a_promise_added_on_the_page_refreshes_the_promises_view(journal, qtbot, monkeypatch):
    from gratitude_desktop import app
    from gratitude_desktop.ui.promises import PromisesView

    window = app.build_window(journal)
    qtbot.addWidget(window)
    try:
        ada = save_contact(ContactData(display_name="Ada Lovelace", stage="customer"))
        view = window.page("Promises")
        assert isinstance(view, PromisesView)
        refreshed = []
        monkeypatch.setattr(view, "refresh", lambda: refreshed.append(True))
        window.open_contact(ada)
        section = window.contact_page.follow_through.promises
        with qtbot.waitSignal(window.contact_page.followThroughChanged) as changed:
            dialog = section.add()
            qtbot.keyClicks(dialog.what, "send the link")
            dialog.accept()
        assert changed.args == [ada]
        assert refreshed
    finally:
        window.reminders.stop()


def test_an_empty_section_offers_only_add(page, ada):
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.promises
    assert section.empty.isVisible() and not section.list.isVisible()
    assert section.buttons["add"].isVisible()
    assert not any(b.isVisible() for k, b in section.buttons.items() if k != "add")


def test_double_click_opens_the_promise_for_editing(qtbot, page, ada):
    pid = promises.add_promise(ada, "send the link", TODAY)
    page.show_contact(ada)
    page.tabs.setCurrentIndex(1)  # Promises, referrals, purchases
    section = page.follow_through.promises
    rect = section.list.visualItemRect(section.list.item(0))
    qtbot.mouseClick(section.list.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(section.list.viewport(), Qt.LeftButton, pos=rect.center())
    dialog = section.dialog
    assert dialog is not None and dialog.promise_id == pid
    assert dialog.what.text() == "send the link"
    dialog.what.setText("send the link and the slides")
    dialog.accept()
    assert promises.load_promise(pid).what == "send the link and the slides"
    assert _texts(section)[0].startswith("I owe: send the link and the slides")
