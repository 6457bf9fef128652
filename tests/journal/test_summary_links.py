"""The page header's facts and the method links, as the journal answers them."""

from __future__ import annotations

import datetime as dt

from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact
from gratitude_desktop.journal.interactions import InteractionData, save_interaction
from gratitude_desktop.journal.links import method_links, method_url, touch, touch_question
from gratitude_desktop.journal.promises import PromiseData, save_promise
from gratitude_desktop.journal.summary import contact_summary, dnc_words, quiet_words
from gratitude_desktop.journal.tags import set_tags

TODAY = dt.date(2026, 12, 6)


def test_quiet_in_and_quiet_for():
    assert quiet_words(TODAY - dt.timedelta(days=18), 30, TODAY) == ("quiet in 12 days", False)
    assert quiet_words(TODAY - dt.timedelta(days=70), 30, TODAY) == ("quiet for 40 days", True)
    assert quiet_words(TODAY - dt.timedelta(days=29), 30, TODAY) == ("quiet in 1 day", False)
    assert quiet_words(TODAY, None, TODAY) == ("", False)


def test_their_words_are_quoted_once_even_when_they_came_with_quotes():
    assert dnc_words(("all",), dt.date(2026, 1, 10), "“Please stop.”") == (
        "Do not contact since 2026-01-10: “Please stop.”"
    )
    assert dnc_words(("email",), None, '"No more newsletters"') == (
        'Do not contact by email: "No more newsletters"'
    )
    assert dnc_words(("all",), None, "“Retired.” (email, 3 Sept)") == (
        "Do not contact: “Retired.” (email, 3 Sept)"
    )
    assert dnc_words(("phone",), None, "no calls please") == (
        "Do not contact by phone: “no calls please”"
    )
    assert dnc_words((), None, "x") == ""


def test_the_summary_tells_the_story_at_a_glance(journal):
    cid = save_contact(
        ContactData(
            display_name="Ada Lovelace",
            organization="Analytical Engines",
            title="Founder",
            stage="client",
            circles=("mentor",),
            met_on=dt.date(2024, 3, 2),
            how_we_met="Chamber breakfast",
            birthday="--12-10",
            cadence_days=30,
        )
    )
    set_tags(cid, ["Golf"])
    save_interaction(InteractionData(contact_id=cid, at=dt.datetime(2026, 11, 18, 10)))
    save_promise(
        PromiseData(
            contact_id=cid,
            direction="we-owe",
            what="Send the grant link",
            made_on=dt.date(2026, 11, 18),
            due_on=dt.date(2026, 12, 1),
        ),
        TODAY,
    )
    s = contact_summary(cid, TODAY)
    assert (s.name, s.work, s.stage, s.circles) == (
        "Ada Lovelace",
        "Founder at Analytical Engines",
        "client",
        ("mentor",),
    )
    assert [t.name for t in s.tags] == ["Golf"]
    assert s.met == "Met 2024-03-02 · Chamber breakfast"
    assert (s.last_touch, s.quiet, s.overdue) == (dt.date(2026, 11, 18), "quiet in 12 days", False)
    assert s.due == (
        "You promised: Send the grant link — due 2026-12-01 (overdue)",
        "Birthday in 4 days (Thu 10 Dec)",
    )
    assert s.dnc == ""


def test_a_refused_channel_is_no_link_and_a_bad_one_is_marked(journal):
    cid = save_contact(
        ContactData(
            display_name="Ben",
            dnc_channels=("email",),
            dnc_since=TODAY,
            methods=[
                MethodData("email", "ben@example.org"),
                MethodData("phone", "+1 415 555 0100", bad=True),
                MethodData("website", "ben.example.org"),
                MethodData("address", "1 Main St, Springfield"),
            ],
        )
    )
    email, phone, web, address = method_links(cid)
    assert (email.url, email.refused) == (None, "They asked not to be emailed.")
    assert (phone.url, phone.bad, phone.channel) == ("tel:+14155550100", True, "call")
    assert (web.url, web.channel) == ("https://ben.example.org", None)
    assert (
        address.url == "https://www.openstreetmap.org/search?query=1%20Main%20St%2C%20Springfield"
    )
    assert method_url("email", "a b@example.org") == "mailto:a%20b@example.org"


def test_opening_a_link_offers_to_log_the_touch(journal):
    cid = save_contact(ContactData(display_name="Ben", methods=[MethodData("email", "ben@x.org")]))
    (link,) = method_links(cid)
    assert link.url == "mailto:ben@x.org"
    assert touch_question("Ben", link.channel) == "Log this email to Ben?"
    data = touch(cid, link, dt.datetime(2026, 12, 6, 9, 30, 12, 5))
    assert (data.channel, data.direction, data.summary) == (
        "email",
        "outbound",
        "Email to ben@x.org",
    )
