"""Goals: every metric on a hand-made journal with a fixed today, periods, CRUD, progress."""

from __future__ import annotations

import datetime as dt

import pytest

from gratitude_desktop.journal.contacts import ContactData, save_contact, trash_contacts
from gratitude_desktop.journal.goals import (
    METRICS,
    GoalData,
    GoalInvalid,
    MilestoneData,
    all_progress,
    announce_reached,
    celebration_text,
    delete_goal,
    goal_progress,
    list_goals,
    load_goal,
    measure,
    move_goal,
    period_bounds,
    period_label,
    recent_periods,
    save_goal,
)
from gratitude_desktop.journal.interactions import InteractionData, save_interaction
from gratitude_desktop.store.models import Announcement, Goal, GoalMilestone, Promise, Referral

D = dt.date
TODAY = D(2026, 11, 22)  # a Sunday
NOV = (D(2026, 11, 1), D(2026, 11, 30))
OCT = (D(2026, 10, 1), D(2026, 10, 31))
JAN5 = D(2026, 1, 5)
SEP1 = D(2026, 9, 1)


def person(name="Ada Lovelace", *, created=JAN5, **fields) -> int:
    return save_contact(
        ContactData(
            display_name=name, created_at=dt.datetime.combine(created, dt.time(9)), **fields
        )
    )


def talk(cid, on, *, channel="call", direction="outbound", purpose="check-in", hour=12):
    return save_interaction(
        InteractionData(
            contact_id=cid,
            at=dt.datetime.combine(on, dt.time(hour)),
            channel=channel,
            direction=direction,
            purpose=purpose,
        )
    )


def promise(cid, *, due, status="open", done=None, direction="we-owe", made=SEP1):
    return Promise.create(
        contact=cid,
        direction=direction,
        what="Send the deck",
        made_on=made,
        due_on=due,
        status=status,
        done_on=done,
    ).id


def m(key, period=NOV, today=TODAY):
    return measure(key, *period, today)


# --- periods -----------------------------------------------------------------------------


def test_period_bounds_of_each_kind():
    assert period_bounds("week", TODAY) == (D(2026, 11, 16), D(2026, 11, 22))
    assert period_bounds("month", TODAY) == NOV
    assert period_bounds("month", D(2026, 12, 31)) == (D(2026, 12, 1), D(2026, 12, 31))
    assert period_bounds("month", D(2028, 2, 10)) == (D(2028, 2, 1), D(2028, 2, 29))
    assert period_bounds("quarter", TODAY) == (D(2026, 10, 1), D(2026, 12, 31))
    assert period_bounds("quarter", D(2026, 5, 2)) == (D(2026, 4, 1), D(2026, 6, 30))
    assert period_bounds("year", TODAY) == (D(2026, 1, 1), D(2026, 12, 31))


def test_recent_periods_go_back_across_the_year_oldest_first():
    assert recent_periods("quarter", D(2026, 2, 1), 3) == [
        (D(2025, 7, 1), D(2025, 9, 30)),
        (D(2025, 10, 1), D(2025, 12, 31)),
        (D(2026, 1, 1), D(2026, 3, 31)),
    ]
    weeks = recent_periods("week", TODAY, 6)
    assert [s for s, _ in weeks][0] == D(2026, 10, 12)
    assert weeks[-1] == (D(2026, 11, 16), D(2026, 11, 22))


def test_period_labels():
    assert period_label("month", D(2026, 11, 1)) == "Nov"
    assert period_label("quarter", D(2026, 10, 1)) == "Q4 2026"
    assert period_label("week", D(2026, 11, 16)) == "W47"
    assert period_label("year", D(2026, 1, 1)) == "2026"


# --- metrics -------------------------------------------------------------------------------


def test_new_contacts_met_uses_the_day_met_else_the_day_added(journal):
    person("Met in November", met_on=D(2026, 11, 3), created=D(2026, 1, 1))
    person("Added in November", created=D(2026, 11, 30))
    person("Met in October, added in November", met_on=D(2026, 10, 30), created=D(2026, 11, 2))
    person("Added in December", created=D(2026, 12, 1))
    gone = person("Trashed", met_on=D(2026, 11, 5))
    trash_contacts([gone])
    assert m("new-contacts-met") == 2
    assert m("new-contacts-met", OCT) == 1


def test_meetings_count_in_person_and_video_meetings_only(journal):
    ada = person()
    talk(ada, D(2026, 11, 2), channel="in-person", purpose="check-in")
    talk(ada, D(2026, 11, 3), channel="in-person", purpose="meeting", direction="inbound")
    talk(ada, D(2026, 11, 4), channel="video", purpose="meeting")
    talk(ada, D(2026, 11, 5), channel="video", purpose="follow-up")  # not a meeting
    talk(ada, D(2026, 11, 6), channel="call", purpose="meeting")  # not one-on-one in person
    talk(ada, D(2026, 10, 31), channel="in-person", hour=23)  # October
    talk(ada, D(2026, 11, 30), channel="in-person", hour=23)  # last evening of November
    assert m("meetings") == 4
    assert m("meetings", OCT) == 1


def test_follow_ups_are_outbound_follow_ups(journal):
    ada = person()
    talk(ada, D(2026, 11, 2), purpose="follow-up")
    talk(ada, D(2026, 11, 3), purpose="follow-up", channel="email")
    talk(ada, D(2026, 11, 4), purpose="follow-up", direction="inbound")
    talk(ada, D(2026, 11, 5), purpose="check-in")
    assert m("follow-ups-done") == 2


def test_greetings_sent_are_outbound_greetings_and_thank_yous(journal):
    ada = person()
    talk(ada, D(2026, 11, 2), purpose="greeting", channel="mail")
    talk(ada, D(2026, 11, 3), purpose="thank-you", channel="email")
    talk(ada, D(2026, 11, 4), purpose="greeting", direction="inbound")
    talk(ada, D(2026, 10, 4), purpose="greeting")
    assert m("greetings-sent") == 2


def test_trashed_contacts_interactions_do_not_count(journal):
    ada = person()
    talk(ada, D(2026, 11, 2), purpose="follow-up")
    trash_contacts([ada])
    assert m("follow-ups-done") == 0


def test_promises_kept_on_time_is_the_share_of_ours_done_in_the_period(journal):
    ada = person()
    promise(ada, due=D(2026, 11, 10), status="kept", done=D(2026, 11, 10))  # on time
    promise(ada, due=D(2026, 11, 10), status="kept", done=D(2026, 11, 12))  # late
    promise(ada, due=None, status="kept", done=D(2026, 11, 4))  # no due day: on time
    promise(ada, due=D(2026, 11, 1), status="broken", done=D(2026, 11, 3))  # broken
    promise(ada, due=D(2026, 11, 1), status="released", done=D(2026, 11, 3))  # left out
    promise(ada, due=D(2026, 11, 1), status="kept", done=D(2026, 11, 1), direction="they-owe")
    promise(ada, due=D(2026, 10, 1), status="kept", done=D(2026, 10, 1))  # October
    assert m("promises-kept-on-time") == pytest.approx(2 / 4)
    assert m("promises-kept-on-time", OCT) == 1.0
    assert m("promises-kept-on-time", (D(2026, 8, 1), D(2026, 8, 31))) is None


def test_an_open_promise_past_its_due_day_is_not_kept_on_time(journal):
    """Five promises overdue and none kept late is not '100%, reached' (issue 15, point 7)."""
    ada = person()
    promise(ada, due=D(2026, 11, 10), status="kept", done=D(2026, 11, 9))  # on time
    for _ in range(5):
        promise(ada, due=D(2026, 10, 20))  # still open: overdue since October
    promise(ada, due=D(2026, 11, 22))  # due today: not late yet
    promise(ada, due=D(2026, 11, 20), direction="they-owe")  # theirs: not ours to keep
    assert m("promises-overdue") == 5
    assert m("promises-kept-on-time") == pytest.approx(1 / 6)
    # On October's last day the five were overdue already, and nothing was kept.
    assert m("promises-kept-on-time", OCT) == 0.0


def test_promises_overdue_counts_open_ones_past_due_as_of_the_period_end(journal):
    ada = person()
    promise(ada, due=D(2026, 11, 20))  # overdue today
    promise(ada, due=D(2026, 11, 22))  # due today: not overdue yet
    promise(ada, due=D(2026, 10, 15), status="kept", done=D(2026, 11, 5))  # overdue at Oct end
    promise(ada, due=D(2026, 10, 15), direction="they-owe")  # theirs
    promise(ada, due=D(2026, 10, 15), status="released", done=D(2026, 10, 20))
    assert m("promises-overdue") == 1
    assert m("promises-overdue", OCT) == 1


def test_referrals_thanked_within_seven_days(journal):
    ada, bob, cy = person("Ada"), person("Bob"), person("Cy")
    Referral.create(by=ada, person=bob, on=D(2026, 11, 1), thanked_on=D(2026, 11, 8))  # day 7
    Referral.create(by=ada, person=cy, on=D(2026, 11, 2), thanked_on=D(2026, 11, 10))  # day 8
    Referral.create(by=bob, person=cy, on=D(2026, 11, 3))  # not thanked
    Referral.create(by=None, person=cy, to=ada, on=D(2026, 11, 3))  # given, not received
    assert m("referrals-thanked") == pytest.approx(1 / 3)
    assert m("referrals-thanked", OCT) is None


def test_referrals_given_are_ours_to_a_contact(journal):
    ada, bob = person("Ada"), person("Bob")
    Referral.create(by=None, person=bob, to=ada, on=D(2026, 11, 3))
    Referral.create(by=None, person=ada, to=bob, on=D(2026, 11, 30))
    Referral.create(by=ada, person=bob, on=D(2026, 11, 4))  # received
    Referral.create(by=None, person=ada, to=bob, on=D(2026, 12, 1))
    assert m("referrals-given") == 2


def test_clients_and_customers_within_cadence(journal):
    # client: 30 days; customer: 60 days (shipped defaults)
    fresh = person("Fresh client", stage="client")
    talk(fresh, D(2026, 11, 1))  # 21 days ago: within
    stale = person("Stale client", stage="client")
    talk(stale, D(2026, 10, 20))  # 33 days ago: not within
    cust = person("Customer", stage="customer")
    talk(cust, D(2026, 10, 1))  # 52 days: within 60
    never = person("Never", stage="client", cadence_days=0)  # no cadence: left out
    talk(never, D(2025, 1, 1))
    person("Prospect", stage="prospect")  # not a client or customer
    assert m("clients-within-cadence") == pytest.approx(2 / 3)
    # On October 31: fresh was last touched... never before Nov (created Jan 5: quiet),
    # stale on Oct 20 (11 days), the customer on Oct 1 (30 days).
    assert m("clients-within-cadence", OCT) == pytest.approx(2 / 3)


def test_lost_customers_asked_why(journal):
    asked = person("Asked", stage="lost-customer", lost_since=D(2026, 10, 10), lost_reason="price")
    talk(asked, D(2026, 11, 2))
    person("Not asked", stage="lost-customer", lost_since=D(2026, 10, 10), lost_reason="price")
    before = person(
        "Talked before only", stage="lost-customer", lost_since=D(2026, 11, 10), lost_reason="price"
    )
    talk(before, D(2026, 11, 1))
    assert m("lost-asked-why") == pytest.approx(1 / 3)
    # On October 31 only two were lost, and nobody had been asked yet.
    assert m("lost-asked-why", OCT) == 0.0


def test_every_metric_has_a_title_and_description():
    assert len(METRICS) == 10
    for metric in METRICS.values():
        assert metric.title and metric.description


# --- goals -------------------------------------------------------------------------------


def goal(title="Meet people", metric="new-contacts-met", target=4, period="month", **kw):
    return save_goal(GoalData(title, metric, target, period, **kw))


def test_goals_are_ranked_in_the_order_added_and_can_be_moved(journal):
    a, b, c = goal("A"), goal("B"), goal("C")
    assert [g.id for g in list_goals()] == [a, b, c]
    assert move_goal(c, 0) == [c, a, b]
    assert [g.title for g in list_goals()] == ["C", "A", "B"]
    assert [g.rank for g in list_goals()] == [1, 2, 3]


def test_edit_keeps_rank_and_replaces_milestones(journal):
    a = goal("A")
    goal("B")
    save_goal(
        GoalData(
            "A better",
            "meetings",
            8,
            "quarter",
            (MilestoneData(3, D(2026, 11, 15), "halfway"),),
            id=a,
        )
    )
    got = load_goal(a)
    assert (got.title, got.metric, got.target, got.period, got.rank) == (
        "A better",
        "meetings",
        8,
        "quarter",
        1,
    )
    assert got.milestones == (MilestoneData(3, D(2026, 11, 15), "halfway"),)


def test_delete_removes_the_goal_and_its_milestones(journal):
    a = goal(milestones=(MilestoneData(2, D(2026, 11, 15)),))
    delete_goal(a)
    assert Goal.select().count() == 0
    assert GoalMilestone.select().count() == 0


def test_invalid_goals_are_refused_naming_the_fields(journal):
    with pytest.raises(GoalInvalid) as caught:
        save_goal(GoalData(" ", "nonsense", -1, "fortnight"))
    assert {p.field for p in caught.value.problems} == {"title", "metric", "target", "period"}
    with pytest.raises(GoalInvalid):
        save_goal(GoalData("Share", "promises-kept-on-time", 95, "month"))


def test_progress_this_period_history_and_on_track(journal):
    for day in (D(2026, 11, 2), D(2026, 11, 9), D(2026, 10, 5), D(2026, 6, 1)):
        person(f"Met {day}", met_on=day)
    gid = goal(target=4)
    p = goal_progress(load_goal(gid), TODAY)
    assert (p.start, p.end, p.value, p.target) == (NOV[0], NOV[1], 2, 4)
    assert not p.reached
    # 22 of 30 days gone: 4 * 22/30 = 2.93 expected by now, 2 is behind.
    assert p.on_track is False
    assert [s for s, _ in p.history] == [D(2026, m_, 1) for m_ in range(6, 12)]
    assert [v for _, v in p.history] == [1, 0, 0, 0, 1, 2]
    assert p.text == "2 of 4"
    early = goal_progress(load_goal(gid), D(2026, 11, 10))  # 10/30 * 4 = 1.33 <= 2
    assert early.on_track is True


def test_at_most_goals_are_reached_when_at_or_under_the_ceiling(journal):
    ada = person()
    promise(ada, due=D(2026, 11, 20))
    gid = goal("No overdue promises", "promises-overdue", 0, "week")
    p = goal_progress(load_goal(gid), TODAY)
    assert (p.value, p.reached, p.on_track) == (1, False, False)
    assert p.text == "1 (at most 0)"


def test_share_goal_reads_as_a_percentage(journal):
    ada = person()
    promise(ada, due=D(2026, 11, 10), status="kept", done=D(2026, 11, 10))
    gid = goal("Keep promises", "promises-kept-on-time", 0.95, "quarter")
    p = goal_progress(load_goal(gid), TODAY)
    assert p.value == 1.0 and p.reached
    assert p.text == "100% of 95%"


def test_milestones_measure_from_the_period_start_to_their_day(journal):
    person("A", met_on=D(2026, 2, 1))
    person("B", met_on=D(2026, 5, 1))
    person("C", met_on=D(2026, 8, 1))
    gid = goal(
        "Meet 10 this year",
        target=10,
        period="year",
        milestones=(
            MilestoneData(2, D(2026, 6, 30), "by midyear"),
            MilestoneData(5, D(2026, 12, 31)),
            MilestoneData(1, D(2027, 3, 31)),
        ),
    )
    p = goal_progress(load_goal(gid), TODAY)
    assert [(x.value, x.reached) for x in p.milestones] == [(2, True), (3, False), (None, False)]


def test_a_reached_goal_is_celebrated_once_per_period(journal):
    for day in (D(2026, 11, 2), D(2026, 11, 9)):
        person(f"Met {day}", met_on=day)
    gid = goal("Meet two", target=2)
    goal("Meet ten", target=10)
    now = dt.datetime(2026, 11, 22, 10, 0)
    first = announce_reached(all_progress(TODAY), now)
    assert [p.goal_id for p in first] == [gid]
    assert celebration_text(first[0]) == "Goal reached: Meet two (2 of 2)"
    assert announce_reached(all_progress(TODAY), now) == []
    assert Announcement.get().key == f"goal-reached:{gid}:2026-11-01"


def test_a_goal_with_an_unknown_metric_shows_no_figure(journal):
    gid = Goal.create(title="Old", metric="from-the-future", target=1, period="month").id
    p = goal_progress(load_goal(gid), TODAY)
    assert p.value is None and not p.reached and p.text == "— of 1"


def test_goals_and_milestones_round_trip_through_the_archive(journal, tmp_path):
    import json

    from gratitude_desktop.io.archive import export_archive, import_archive
    from gratitude_desktop.store.db import open_journal

    goal("Meet people", target=4)
    goal(
        "Meetings this year",
        "meetings",
        40,
        "year",
        milestones=(
            MilestoneData(10, D(2026, 3, 31), "first quarter"),
            MilestoneData(20.5, D(2026, 6, 30)),
        ),
    )
    path = tmp_path / "out.json"
    export_archive(path)
    written = json.loads(path.read_text(encoding="utf-8"))["goals"]
    assert "milestones" not in written[0]
    assert written[1]["milestones"] == [
        {"target": 10, "due_on": "2026-03-31", "note": "first quarter"},
        {"target": 20.5, "due_on": "2026-06-30", "note": ""},
    ]
    before = list_goals()
    journal.close()
    other = open_journal(tmp_path / "other")
    try:
        import_archive(path)
        after = list_goals()
        strip = [(g.title, g.metric, g.target, g.period, g.rank, g.milestones) for g in before]
        assert [
            (g.title, g.metric, g.target, g.period, g.rank, g.milestones) for g in after
        ] == strip
        import_archive(path)  # merging the same file again adds nothing
        assert GoalMilestone.select().count() == 2
    finally:
        other.close()


# --- goals for a life: tallied by hand, reviewed (issue 16) --------------------------------

from gratitude_desktop.journal import goals as goals_mod  # noqa: E402


def test_a_free_text_goal_is_done_or_not_and_ranked_with_the_rest(journal):
    metric_goal = goals_mod.save_goal(
        goals_mod.GoalData("Meet four new people", "new-contacts-met", 4, "month"), TODAY
    )
    mentor = goals_mod.save_goal(
        goals_mod.GoalData("Find a mentor", goals_mod.MANUAL, 0, "year", done=False), TODAY
    )
    assert [g.id for g in goals_mod.list_goals()] == [metric_goal, mentor]
    progress = goals_mod.goal_progress(goals_mod.load_goal(mentor), TODAY)
    assert (progress.text, progress.reached, progress.on_track) == ("not done yet", False, True)
    goals_mod.set_done(mentor, True)
    progress = goals_mod.goal_progress(goals_mod.load_goal(mentor), TODAY)
    assert (progress.text, progress.reached) == ("done", True)
    with pytest.raises(goals_mod.GoalInvalid):
        goals_mod.set_tally(mentor, 3)
    with pytest.raises(goals_mod.GoalInvalid):
        goals_mod.set_done(metric_goal, True)


def test_a_tallied_goal_counts_toward_its_target(journal):
    speak = goals_mod.save_goal(
        goals_mod.GoalData("Speak at the Chamber twice", goals_mod.MANUAL, 2, "year", tally=0),
        TODAY,
    )
    goals_mod.set_tally(speak, 1)
    progress = goals_mod.goal_progress(goals_mod.load_goal(speak), TODAY)
    assert (progress.value, progress.target, progress.text) == (1.0, 2, "1 of 2")
    assert not progress.on_track  # 1 of 2 with the year nearly gone is behind
    goals_mod.set_tally(speak, 2)
    assert goals_mod.goal_progress(goals_mod.load_goal(speak), TODAY).reached
    with pytest.raises(goals_mod.GoalInvalid):
        goals_mod.set_tally(speak, -1)


def test_a_goal_is_due_for_review_at_the_end_of_its_period_and_a_review_moves_it_on(journal):
    goal_id = goals_mod.save_goal(
        goals_mod.GoalData("Meet people", "new-contacts-met", 4, "month"), TODAY
    )
    assert goals_mod.load_goal(goal_id).review_on == D(2026, 11, 30)
    assert goals_mod.goals_due_for_review(TODAY) == []
    assert [g.id for g in goals_mod.goals_due_for_review(D(2026, 11, 30))] == [goal_id]
    assert goals_mod.goal_progress(goals_mod.load_goal(goal_id), D(2026, 12, 2)).due_for_review
    goals_mod.review_goal(goal_id, "  Met three; the breakfast  was cancelled ", D(2026, 12, 2))
    assert goals_mod.load_goal(goal_id).review_on == D(2026, 12, 31)
    assert goals_mod.goals_due_for_review(D(2026, 12, 2)) == []
    assert goals_mod.reviews_of(goal_id) == [
        goals_mod.ReviewRow(D(2026, 12, 2), "Met three; the breakfast was cancelled")
    ]


def test_an_early_review_moves_the_date_to_the_end_of_the_next_period(journal):
    goal_id = goals_mod.save_goal(
        goals_mod.GoalData("Meet people", "new-contacts-met", 4, "quarter"), TODAY
    )
    goals_mod.review_goal(goal_id, "On the way", D(2026, 12, 20))
    assert goals_mod.load_goal(goal_id).review_on == D(2027, 3, 31)


def test_a_tick_and_a_review_are_undone_and_redone_exactly(journal):
    from gratitude_desktop.journal import changes

    goal_id = goals_mod.save_goal(
        goals_mod.GoalData("Find a mentor", goals_mod.MANUAL, 1, "year", done=False), TODAY
    )
    _, ticked = changes.record([], lambda: goals_mod.set_done(goal_id, True), goals=True)
    _, reviewed = changes.record(
        [], lambda: goals_mod.review_goal(goal_id, "Asked Grace", TODAY), goals=True
    )
    changes.undo(reviewed)
    assert goals_mod.reviews_of(goal_id) == []
    assert goals_mod.load_goal(goal_id).review_on == D(2026, 12, 31)
    changes.undo(ticked)
    assert goals_mod.load_goal(goal_id).done is False
    changes.redo(ticked)
    changes.redo(reviewed)
    assert goals_mod.reviews_of(goal_id) == [goals_mod.ReviewRow(TODAY, "Asked Grace")]
    assert goals_mod.load_goal(goal_id).done is True
