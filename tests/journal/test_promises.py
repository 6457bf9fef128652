"""Promises both ways: kept, released, broken, can't keep it, nudges, and the view's groups."""

from __future__ import annotations

import datetime as dt

import pytest

from gratitude_desktop.journal.contacts import ContactData, save_contact, trash_contacts
from gratitude_desktop.journal.interactions import timeline
from gratitude_desktop.journal.outreach import OutreachRefused, log_outreach
from gratitude_desktop.journal.promises import (
    DONE,
    DUE_THIS_WEEK,
    GROUPS,
    LATER,
    OVERDUE,
    OWED_TO_US,
    PromiseData,
    PromiseInvalid,
    add_promise,
    break_promise,
    cant_keep,
    count_open_by_group,
    edit_promise,
    group_promises,
    load_promise,
    mark_kept,
    nudge,
    open_promises,
    promises_of,
    release,
    reopen,
)

TODAY = dt.date(2026, 11, 23)


def days(n):
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def ada(journal):
    return save_contact(ContactData(display_name="Ada Lovelace"))


def test_adding_a_promise_defaults_to_made_today_and_open(ada):
    pid = add_promise(ada, "  Send the   grant link ", TODAY, due_on=days(5))
    p = load_promise(pid)
    assert (p.what, p.direction, p.made_on, p.due_on, p.status) == (
        "Send the grant link",
        "we-owe",
        TODAY,
        days(5),
        "open",
    )


def test_a_promise_needs_what_and_cannot_fall_due_before_it_was_made(ada):
    with pytest.raises(PromiseInvalid) as invalid:
        add_promise(ada, " ", TODAY, due_on=days(-1))
    assert {p.field for p in invalid.value.problems} == {"what", "due_on"}
    with pytest.raises(PromiseInvalid):
        add_promise(ada, "x", TODAY, direction="sideways")


def test_editing_a_promise_keeps_the_change(ada):
    pid = add_promise(ada, "Send link", TODAY)
    data = load_promise(pid)
    data.what, data.due_on = "Send both links", days(2)
    edit_promise(data, TODAY)
    assert (load_promise(pid).what, load_promise(pid).due_on) == ("Send both links", days(2))


def test_marking_kept_logs_it_on_the_timeline(ada):
    pid = add_promise(ada, "Send the grant link", TODAY, due_on=days(1))
    interaction_id = mark_kept(pid, TODAY)
    p = load_promise(pid)
    assert (p.status, p.done_on) == ("kept", TODAY)
    [entry] = timeline(ada)
    assert (entry.id, entry.summary, entry.purpose, entry.direction) == (
        interaction_id,
        "Kept: Send the grant link",
        "follow-up",
        "outbound",
    )
    with pytest.raises(PromiseInvalid, match="already kept"):
        mark_kept(pid, TODAY)


def test_a_promise_they_kept_is_logged_as_inbound(ada):
    pid = add_promise(ada, "Send their deck", TODAY, direction="they-owe")
    mark_kept(pid, TODAY)
    assert timeline(ada)[0].direction == "inbound"


def test_keeping_a_promise_to_a_do_not_contact_person_needs_a_reason(journal):
    cy = save_contact(ContactData(display_name="Cy", dnc_channels=("all",)))
    pid = add_promise(cy, "Return the book", TODAY)
    with pytest.raises(OutreachRefused):
        mark_kept(pid, TODAY)
    assert load_promise(pid).status == "open" and timeline(cy) == []
    mark_kept(pid, TODAY, reason="Promised before they asked for no contact")
    assert load_promise(pid).status == "kept"


def test_keeping_picks_a_channel_the_person_allows(journal):
    bo = save_contact(ContactData(display_name="Bo", dnc_channels=("email",)))
    mark_kept(add_promise(bo, "Call back", TODAY), TODAY)
    assert timeline(bo)[0].channel == "call"


def test_release_closes_the_promise_without_logging(ada):
    pid = add_promise(ada, "Read their blog", TODAY)
    release(pid, TODAY)
    assert (load_promise(pid).status, timeline(ada)) == ("released", [])


def test_breaking_a_promise_suggests_an_apology_but_logs_nothing(ada):
    pid = add_promise(ada, "Make the introduction", TODAY)
    suggestion = break_promise(pid, TODAY)
    assert load_promise(pid).status == "broken"
    assert timeline(ada) == []
    assert "Log an apology to Ada Lovelace" in suggestion.question
    assert suggestion.interaction.purpose == "apology"
    assert "Make the introduction" in suggestion.interaction.summary
    log_outreach(suggestion.interaction, today=TODAY)
    assert timeline(ada)[0].purpose == "apology"


def test_breaking_a_promise_they_made_suggests_no_apology(ada):
    pid = add_promise(ada, "Pay the invoice", TODAY, direction="they-owe")
    assert break_promise(pid, TODAY) is None


def test_cant_keep_records_why_and_opens_a_promise_to_tell_them(ada):
    pid = add_promise(ada, "Mail the brochure", TODAY, due_on=days(3))
    tell = cant_keep(pid, "their address comes back unknown", TODAY)
    old, new = load_promise(pid), load_promise(tell)
    assert (old.status, old.blocked_reason, old.done_on) == (
        "released",
        "their address comes back unknown",
        TODAY,
    )
    assert (new.what, new.direction, new.due_on, new.status) == (
        "Tell Ada Lovelace why: their address comes back unknown",
        "we-owe",
        TODAY,
        "open",
    )
    assert [r.id for r in group_promises(TODAY)[DUE_THIS_WEEK]] == [tell]


def test_cant_keep_needs_a_reason_and_our_own_promise(ada):
    pid = add_promise(ada, "Mail the brochure", TODAY)
    with pytest.raises(PromiseInvalid, match="what stands in the way"):
        cant_keep(pid, "  ", TODAY)
    theirs = add_promise(ada, "Send photos", TODAY, direction="they-owe")
    with pytest.raises(PromiseInvalid):
        cant_keep(theirs, "dead link", TODAY)
    assert load_promise(pid).status == "open"


def test_nudge_logs_one_polite_follow_up_for_an_overdue_promise_owed_to_us(ada):
    pid = add_promise(ada, "Send the signed form", days(-10), direction="they-owe", due_on=days(-1))
    nudge(pid, TODAY)
    [entry] = timeline(ada)
    assert (entry.summary, entry.direction, entry.purpose) == (
        "Polite nudge: Send the signed form",
        "outbound",
        "follow-up",
    )
    assert load_promise(pid).status == "open"


def test_nudge_waits_until_the_promise_is_overdue(ada):
    due_today = add_promise(ada, "Send form", TODAY, direction="they-owe", due_on=TODAY)
    with pytest.raises(PromiseInvalid, match="not overdue"):
        nudge(due_today, TODAY)
    ours = add_promise(ada, "Send ours", days(-9), due_on=days(-3))
    with pytest.raises(PromiseInvalid):
        nudge(ours, TODAY)
    assert timeline(ada) == []


def test_group_promises_puts_each_open_promise_in_its_group(ada):
    bob = save_contact(ContactData(display_name="Bob"))
    made = days(-30)
    overdue = add_promise(ada, "late", made, due_on=days(-1))
    today = add_promise(ada, "today", made, due_on=TODAY)
    week_end = add_promise(bob, "in six days", made, due_on=days(6))
    next_week = add_promise(ada, "in seven days", made, due_on=days(7))
    someday = add_promise(bob, "no date", made)
    theirs = add_promise(ada, "theirs late", made, direction="they-owe", due_on=days(-5))
    theirs_later = add_promise(bob, "theirs later", made, direction="they-owe", due_on=days(20))
    kept = add_promise(ada, "kept", made, due_on=days(-3))
    mark_kept(kept, TODAY)
    groups = group_promises(TODAY)
    assert list(groups) == list(GROUPS)
    assert [r.id for r in groups[OVERDUE]] == [overdue]
    assert [r.id for r in groups[DUE_THIS_WEEK]] == [today, week_end]
    assert [r.id for r in groups[LATER]] == [next_week, someday]
    assert [r.id for r in groups[OWED_TO_US]] == [theirs, theirs_later]
    assert count_open_by_group(TODAY) == {OVERDUE: 1, DUE_THIS_WEEK: 2, LATER: 2, OWED_TO_US: 2}


def test_open_promises_search_sort_and_page(ada):
    bob = save_contact(ContactData(display_name="Bob 100%"))
    a = add_promise(ada, "Send link", TODAY, due_on=days(1))
    b = add_promise(bob, "Send book", TODAY, due_on=days(2))
    add_promise(ada, "Read blog", TODAY, due_on=days(3))
    assert [r.id for r in open_promises(TODAY, "send")] == [a, b]
    assert [r.id for r in open_promises(TODAY, "100%")] == [b]
    assert [r.id for r in open_promises(TODAY, "bob")] == [b]
    assert open_promises(TODAY, "_") == []
    assert [r.id for r in open_promises(TODAY, "send", sort="due", descending=True)] == [b, a]
    assert [r.what for r in open_promises(TODAY, sort="what")] == [
        "Read blog",
        "Send book",
        "Send link",
    ]
    assert [r.id for r in open_promises(TODAY, offset=1, limit=1)] == [b]
    row = open_promises(TODAY, "bob")[0]
    assert (row.contact_name, row.contact_id, row.group) == ("Bob 100%", bob, DUE_THIS_WEEK)


def test_closed_promises_follow_in_the_done_group_when_asked(ada):
    first = add_promise(ada, "first kept", days(-9))
    second = add_promise(ada, "then broken", days(-9))
    still_open = add_promise(ada, "still open", days(-9), due_on=days(1))
    mark_kept(first, days(-2))
    break_promise(second, days(-1))
    assert [r.id for r in open_promises(TODAY)] == [still_open]
    rows = open_promises(TODAY, include_done=True)
    assert [(r.id, r.group) for r in rows] == [
        (still_open, DUE_THIS_WEEK),
        (second, DONE),
        (first, DONE),
    ]
    assert count_open_by_group(TODAY, include_done=True)[DONE] == 2
    assert DONE not in count_open_by_group(TODAY)


def test_promises_of_trashed_contacts_are_not_listed(ada):
    add_promise(ada, "Send link", days(-5), due_on=days(-1))
    trash_contacts([ada])
    assert group_promises(TODAY)[OVERDUE] == []


def test_promises_of_a_contact_show_open_first_then_done(ada):
    kept = add_promise(ada, "kept one", days(-5), due_on=days(-2))
    mark_kept(kept, days(-1))
    open_one = add_promise(ada, "open one", TODAY, direction="they-owe")
    assert [r.id for r in promises_of(ada, TODAY)] == [open_one, kept]
    assert [r.id for r in promises_of(ada, TODAY, status="kept")] == [kept]


def test_promise_data_round_trips_through_load_and_edit(ada):
    pid = add_promise(ada, "x", TODAY)
    data = load_promise(pid)
    assert isinstance(data, PromiseData) and data.id == pid


def test_reopen_undoes_kept_released_and_broken(ada):
    for close in (mark_kept, release, break_promise):
        pid = add_promise(ada, "Send link", TODAY)
        close(pid, TODAY)
        assert load_promise(pid).status != "open"
        reopen(pid)
        p = load_promise(pid)
        assert (p.status, p.done_on) == ("open", None)
    with pytest.raises(PromiseInvalid):
        reopen(999)


def test_everything_follow_through_wrote_survives_the_json_archive(journal, tmp_path):
    """Issue 3, "the JSON archive carries all of it": run every flow, export, import, compare."""
    import json

    from gratitude_desktop.io.archive import export_archive, import_archive
    from gratitude_desktop.journal.lost import log_listening, mark_lost
    from gratitude_desktop.journal.mistakes import log_mistake
    from gratitude_desktop.journal.purchases import (
        PurchaseData,
        add_offering,
        deactivate_offering,
        save_purchase,
    )
    from gratitude_desktop.journal.referrals import (
        follow_up_given,
        record_given,
        record_received,
        thank,
    )
    from gratitude_desktop.store.db import open_journal

    ada = save_contact(ContactData(display_name="Ada", stage="customer"))
    bob = save_contact(ContactData(display_name="Bob", dnc_channels=("phone",)))
    cy = save_contact(ContactData(display_name="Cy"))
    mark_kept(add_promise(ada, "Send link", days(-9), due_on=days(-2)), TODAY)
    cant_keep(add_promise(ada, "Mail brochure", days(-9)), "address unknown", TODAY)
    break_promise(add_promise(cy, "Intro", days(-9)), TODAY)
    nudge(add_promise(bob, "Signed form", days(-9), direction="they-owe", due_on=days(-1)), TODAY)
    thank(record_received(ada, cy, days(-20)), TODAY)
    record_received(bob, ada, days(-3))
    follow_up_given(record_given(cy, bob, days(-30)), "It helped", TODAY, log=False)
    audit, books = add_offering("Audit"), add_offering("Old books")
    save_purchase(PurchaseData(ada, audit, since=days(-400), until=days(-1)))
    save_purchase(PurchaseData(ada, books, since=days(-100), recurring=True))
    deactivate_offering(books)
    mark_lost(ada, days(-1), "price", "Too dear", TODAY)
    log_listening(ada, "Found it cheaper", TODAY)
    log_mistake(
        bob, "Wrong name", "Sorry", "Fixed it", "Send a card", days(3), today=TODAY, channel="email"
    )
    from gratitude_desktop.journal.interactions import InteractionData

    log_outreach(
        InteractionData(bob, dt.datetime(2026, 11, 23, 9), channel="call"),
        today=TODAY,
        reason="He asked for a call back",
    )

    first = tmp_path / "first.json"
    export_archive(first)
    journal.close()
    second = open_journal(tmp_path / "second", lock=False)
    try:
        report = import_archive(first)
        assert report.refused == []
        again = tmp_path / "again.json"
        export_archive(again)
    finally:
        second.close()
    before = json.loads(first.read_text(encoding="utf-8"))
    after = json.loads(again.read_text(encoding="utf-8"))
    for key in ("promises", "referrals", "offerings", "purchases", "interactions"):
        assert after[key] == before[key], key
    statuses = sorted(p["status"] for p in after["promises"])
    assert statuses == ["broken", "kept", "open", "open", "open", "released"]
    assert {o["name"]: o.get("active", True) for o in after["offerings"]} == {
        "Audit": True,
        "Old books": False,
    }
    reasons = [i["override_reason"] for i in after["interactions"] if i.get("override_reason")]
    assert reasons == ["He asked for a call back"]


# --- issue 16: nudges remembered, broken promises apologised for and re-dated -------------

from gratitude_desktop.journal.promises import (  # noqa: E402
    apologise_and_redate,
    nudge_question,
)
from gratitude_desktop.store.models import Promise  # noqa: E402


def test_a_nudge_is_remembered_on_the_promise(ada):
    pid = add_promise(ada, "Send the form", days(-10), direction="they-owe", due_on=days(-1))
    assert nudge_question(pid, TODAY) is None
    logged = nudge(pid, TODAY)
    p = load_promise(pid)
    assert (p.nudged_on, p.nudges) == (TODAY, 1)
    [row] = promises_of(ada, TODAY)
    assert row.nudged_text == f"nudged once, on {TODAY.isoformat()}"
    assert [e.id for e in timeline(ada)] == [logged]


def test_a_second_nudge_within_a_week_asks_first(ada):
    pid = add_promise(ada, "Send the form", days(-20), direction="they-owe", due_on=days(-10))
    nudge(pid, days(-3))
    question = nudge_question(pid, TODAY)
    assert question is not None and not question.suggest_release
    assert "3 days ago" in question.text and "Nudge again anyway?" in question.text
    assert nudge_question(pid, days(4)) is None  # a week after the nudge


def test_a_third_nudge_suggests_releasing_the_promise(ada):
    pid = add_promise(ada, "Send the form", days(-40), direction="they-owe", due_on=days(-30))
    nudge(pid, days(-20))
    nudge(pid, days(-10))
    question = nudge_question(pid, TODAY)
    assert question.suggest_release
    assert "nudged Ada Lovelace 2 times" in question.text
    assert load_promise(pid).nudges == 2


def test_apologise_and_redate_breaks_logs_the_apology_and_promises_again(ada):
    pid = add_promise(ada, "Send the grant link", days(-10), due_on=days(-2))
    done = apologise_and_redate(pid, days(5), TODAY)
    old, new = load_promise(pid), load_promise(done.new_id)
    assert (old.status, old.done_on) == ("broken", TODAY)
    assert (new.what, new.status, new.made_on, new.due_on) == (
        "Send the grant link",
        "open",
        TODAY,
        days(5),
    )
    assert Promise.get_by_id(done.new_id).replaces_id == pid
    [apology] = timeline(ada)
    assert (apology.purpose, apology.direction) == ("apology", "outbound")
    assert "Send the grant link" in apology.summary
    assert done.broken_id == pid and done.apology_id == apology.id


def test_apologising_to_a_do_not_contact_person_goes_through_the_guard(journal):
    from gratitude_desktop.journal.outreach import OutreachRefused

    cid = save_contact(ContactData(display_name="Nora", dnc_channels=("all",)))
    pid = add_promise(cid, "Send it", days(-10), due_on=days(-2))
    with pytest.raises(OutreachRefused):
        apologise_and_redate(pid, days(3), TODAY)
    assert load_promise(pid).status == "open" and Promise.select().count() == 1
    apologise_and_redate(pid, days(3), TODAY, reason="They asked where it was")
    assert timeline(cid)[0].override_reason == "They asked where it was"


def test_a_new_date_in_the_past_is_refused(ada):
    pid = add_promise(ada, "Send it", days(-10), due_on=days(-2))
    with pytest.raises(PromiseInvalid, match="past"):
        apologise_and_redate(pid, days(-1), TODAY)
    assert load_promise(pid).status == "open"


def test_an_interaction_and_its_promises_are_logged_all_or_nothing(ada):
    from gratitude_desktop.journal.interactions import InteractionData
    from gratitude_desktop.journal.promises import log_with_promises
    from gratitude_desktop.store.models import Interaction, Promise

    call = InteractionData(
        contact_id=ada, at=dt.datetime(2026, 11, 23, 9, 0), channel="call", summary="Catch-up"
    )
    with pytest.raises(PromiseInvalid):
        log_with_promises(call, [("we-owe", "Send the deck", None), ("we-owe", "", None)], TODAY)
    assert (Interaction.select().count(), Promise.select().count()) == (0, 0)
    logged = log_with_promises(call, [("they-owe", "Send the signed form", days(3))], TODAY)
    [promise] = Promise.select()
    assert (promise.contact_id, promise.what, promise.direction, promise.due_on) == (
        ada,
        "Send the signed form",
        "they-owe",
        days(3),
    )
    assert Interaction.get_by_id(logged).summary == "Catch-up"
