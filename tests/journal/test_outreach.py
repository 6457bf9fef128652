"""The outreach guard: do-not-contact, greetings are not sales, already has it."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.interactions import InteractionData, timeline
from gratitude_desktop.journal.outreach import (
    OFFER_WORDS,
    OutreachRefused,
    check_outreach,
    is_reachable,
    log_outreach,
    outreach_list,
    reads_as_offer,
)
from gratitude_desktop.journal.purchases import PurchaseData, add_offering, save_purchase
from gratitude_desktop.store.models import Contact

TODAY = dt.date(2026, 11, 23)
NOON = dt.datetime(2026, 11, 23, 12)


def person(name, **kw):
    return save_contact(ContactData(display_name=name, **kw))


def check(cid, channel="call", direction="outbound", purpose="follow-up", offering=None, text=""):
    return check_outreach(cid, channel, direction, purpose, offering, text, TODAY)


def test_email_do_not_contact_still_allows_a_phone_call(journal):
    cid = person("Ada", dnc_channels=("email",), dnc_since=TODAY, dnc_reason="Too many mails")
    assert check(cid, channel="call").ok
    email = check(cid, channel="email")
    assert email.blocked and email.needs_reason and email.blocked_by == ("email",)
    assert "Too many mails" in email.warnings[0]


@pytest.mark.parametrize(
    ("channel", "dnc"),
    [
        ("email", "email"),
        ("call", "phone"),
        ("video", "phone"),
        ("message", "message"),
        ("mail", "mail"),
        ("in-person", "in-person"),
        ("event", "in-person"),
    ],
)
def test_each_channel_is_blocked_by_its_do_not_contact_word(journal, channel, dnc):
    cid = person("Ada", dnc_channels=(dnc,))
    assert check(cid, channel=channel).blocked
    others = [c for c in ("email", "call", "message", "mail", "in-person") if c != channel]
    unblocked = [c for c in others if not check(cid, channel=c).blocked]
    assert unblocked  # the word blocks its own channels, not every channel


def test_do_not_contact_all_blocks_every_outbound_channel(journal):
    cid = person("Ada", dnc_channels=("all",))
    for channel in ("email", "call", "video", "message", "mail", "in-person", "event"):
        assert check(cid, channel=channel).blocked


def test_inbound_contact_from_a_do_not_contact_person_is_always_recorded(journal):
    cid = person("Ada", dnc_channels=("all",))
    result = check(cid, channel="email", direction="inbound")
    assert result.ok and not result.blocked
    data = InteractionData(cid, NOON, channel="email", direction="inbound", summary="They wrote")
    log_outreach(data, today=TODAY)
    assert [i.summary for i in timeline(cid)] == ["They wrote"]


def test_outreach_to_do_not_contact_is_refused_without_a_reason(journal):
    cid = person("Ada", dnc_channels=("phone",))
    data = InteractionData(cid, NOON, channel="call", summary="Called anyway")
    with pytest.raises(OutreachRefused) as refused:
        log_outreach(data, today=TODAY)
    assert "Ada asked not to be contacted by phone" in str(refused.value)
    assert timeline(cid) == []
    with pytest.raises(OutreachRefused):
        log_outreach(data, today=TODAY, reason="   ")
    log_outreach(data, today=TODAY, reason="She asked me to call about the invoice")
    [logged] = timeline(cid)
    assert logged.override_reason == "She asked me to call about the invoice"


def test_a_reason_is_not_recorded_when_no_guard_applied(journal):
    cid = person("Ada")
    log_outreach(InteractionData(cid, NOON), today=TODAY, reason="not needed")
    assert timeline(cid)[0].override_reason == ""


def test_greeting_or_thank_you_cannot_name_an_offering(journal):
    cid = person("Ada")
    audit = add_offering("Audit")
    for purpose in ("greeting", "thank-you"):
        result = check(cid, purpose=purpose, offering=audit)
        assert result.greeting_with_offer and result.errors
        with pytest.raises(OutreachRefused, match="never carries an offer"):
            log_outreach(
                InteractionData(cid, NOON, purpose=purpose, offering_id=audit), today=TODAY
            )
    assert timeline(cid) == []


def test_an_offer_must_name_its_offering(journal):
    cid = person("Ada")
    assert check(cid, purpose="offer").errors == ("Say which offering this offer is for.",)


def test_offer_for_something_they_already_have_needs_confirmation(journal):
    cid = person("Ada")
    audit = add_offering("Audit")
    save_purchase(PurchaseData(cid, audit, since=dt.date(2026, 1, 1)))
    result = check(cid, purpose="offer", offering=audit)
    assert result.already_has and not result.ok and result.offering_name == "Audit"
    data = InteractionData(cid, NOON, purpose="offer", offering_id=audit, summary="Audit again?")
    with pytest.raises(OutreachRefused, match="Ada already has Audit"):
        log_outreach(data, today=TODAY)
    log_outreach(data, today=TODAY, confirm_already_has=True)
    assert len(timeline(cid)) == 1


def test_offer_after_the_purchase_ended_yesterday_is_not_flagged(journal):
    cid = person("Ada")
    audit = add_offering("Audit")
    save_purchase(
        PurchaseData(cid, audit, since=dt.date(2025, 1, 1), until=TODAY - dt.timedelta(1))
    )
    assert check(cid, purpose="offer", offering=audit).ok


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Happy birthday! 20% off your next audit", ("% off",)),
        ("Happy birthday — and a DISCOUNT for you", ("discount",)),
        ("Thanks! Our summer Sale starts Monday", ("sale",)),
        ("Thanks, see the special   price inside", ("special price",)),
        ("Congratulations! Time to upgrade? Special offer", ("upgrade", "special offer")),
        ("Thank you for the help you offered", ()),
        ("Happy anniversary to you both", ()),
        ("Happy wholesale day", ()),
    ],
)
def test_reads_as_offer_matches_whole_words_case_insensitively(text, words):
    assert reads_as_offer(text) == words


def test_a_greeting_that_reads_as_an_offer_warns_but_is_allowed(journal):
    cid = person("Ada")
    result = check(cid, purpose="greeting", text="Happy birthday! Big discount inside")
    assert result.reads_as_offer and result.ok
    assert "reads like an offer" in result.warnings[0]
    assert not check(cid, purpose="offer", text="discount", offering=add_offering("A")).offer_words


def test_the_offer_word_list_is_documented_and_small():
    assert "discount" in OFFER_WORDS and "% off" in OFFER_WORDS and len(OFFER_WORDS) < 30


def test_an_offer_to_a_lost_customer_warns(journal):
    cid = person("Ada", stage="lost-customer")
    result = check(cid, purpose="offer", offering=add_offering("Audit"))
    assert any("lost customer" in w for w in result.warnings)


def test_outreach_lists_leave_out_do_not_contact_and_trashed_people(journal):
    ada = person("Ada")
    bob = person("Bob", dnc_channels=("email",))
    cy = person("Cy", dnc_channels=("all",))
    dee = person("Dee")
    Contact.update(trashed_at=NOON).where(Contact.id == dee).execute()
    assert outreach_list() == [ada]
    assert outreach_list(channel="call") == [ada, bob]
    assert outreach_list(channel="email") == [ada]
    assert outreach_list([bob, cy], channel="call") == [bob]


def test_is_reachable(journal):
    bob = Contact.get_by_id(person("Bob", dnc_channels=("email", "phone")))
    assert not is_reachable(bob)
    assert not is_reachable(bob, "video")
    assert is_reachable(bob, "message")


_filler = st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Zs")), max_size=30)


@given(word=st.sampled_from(OFFER_WORDS), before=_filler, after=_filler)
def test_every_offer_word_is_found_wherever_it_stands_alone(word, before, after):
    text = f"{before} {word.upper()} {after}"
    assert word in reads_as_offer(text) or any(word in w for w in reads_as_offer(text))


@given(word=st.sampled_from([w for w in OFFER_WORDS if w[0].isalpha() and w[-1].isalpha()]))
def test_an_offer_word_inside_a_longer_word_is_not_an_offer(word):
    assert reads_as_offer(f"x{word.replace(' ', '')}y") == ()


# --- issue 16: never pester, never woo, offers stay apart ---------------------------------

from gratitude_desktop.journal.outreach import (  # noqa: E402
    ALREADY_HAS,
    JUST_BOUGHT,
    PESTER,
    offer_signals,
)
from gratitude_desktop.journal.settings import Settings, save_settings  # noqa: E402


def _log(cid, day, direction="outbound", **kw):
    from gratitude_desktop.journal.interactions import save_interaction

    at = dt.datetime.combine(day, dt.time(10))
    return save_interaction(
        InteractionData(cid, at, "email", direction, kw.pop("purpose", "follow-up"), **kw)
    )


def test_a_fourth_outbound_touch_in_a_week_without_an_answer_asks_first(journal):
    cid = person("Ada")
    for day in (17, 19, 21):
        _log(cid, dt.date(2026, 11, day))
    result = check(cid)
    assert [key for key, _ in result.questions] == [PESTER]
    assert result.questions[0][1] == (
        "You have reached out to Ada 3 times this week without an answer — log it anyway?"
    )
    assert not result.ok
    data = InteractionData(cid, NOON, "call", "outbound", "follow-up")
    with pytest.raises(OutreachRefused):
        log_outreach(data, today=TODAY)
    assert log_outreach(data, today=TODAY, confirmed=(PESTER,))
    assert check(cid, direction="inbound").ok  # their answer is always recorded


def test_an_answer_or_a_week_gone_by_resets_the_pester_count(journal):
    answered = person("Answered")
    for day in (17, 19, 21):
        _log(answered, dt.date(2026, 11, day))
    _log(answered, dt.date(2026, 11, 20), direction="inbound")
    assert check(answered).ok  # one outbound since their answer
    old = person("Old")
    for day in (10, 16, 21):  # the first is eight days before today
        _log(old, dt.date(2026, 11, day))
    assert check(old).ok


def test_the_pester_numbers_are_settings(journal):
    cid = person("Ada")
    _log(cid, dt.date(2026, 11, 22))
    assert check(cid).ok
    save_settings(Settings(pester_touches=1, pester_days=2))
    assert [key for key, _ in check(cid).questions] == [PESTER]
    assert "1 times in 2 days" in check(cid).questions[0][1]


def _lost(name="Larry"):
    return person(name, stage="lost-customer", lost_since=dt.date(2026, 11, 1), lost_reason="price")


def test_an_offer_to_a_lost_customer_not_asked_why_needs_a_reason(journal):
    cid = _lost()
    audit = add_offering("Audit")
    result = check(cid, purpose="offer", offering=audit)
    assert result.wooing and result.needs_reason and not result.blocked
    assert "Ask them why first — don't woo them back" in result.warnings[0]
    data = InteractionData(cid, NOON, "call", "outbound", "offer", offering_id=audit)
    with pytest.raises(OutreachRefused, match="don't woo them back"):
        log_outreach(data, today=TODAY)
    logged = log_outreach(data, today=TODAY, reason="They asked for a quote")
    assert timeline(cid)[0].override_reason == "They asked for a quote"
    assert logged


def test_a_greeting_with_a_price_to_a_lost_customer_is_wooing_too(journal):
    cid = _lost()
    assert check(cid, purpose="greeting", text="Merry Christmas! 20% off in January").wooing
    assert not check(cid, purpose="greeting", text="Merry Christmas!").wooing


def test_once_asked_why_a_lost_customer_may_be_offered_to(journal):
    cid = _lost()
    _log(cid, dt.date(2026, 11, 5), purpose="feedback")
    assert not check(cid, purpose="offer", offering=add_offering("Audit")).wooing


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Only £99 this month", ("£99",)),
        ("Nur 49,90 € bis Freitag", ("49,90 €",)),
        ("¥5000 or ₹1,200", ("¥5000", "₹1,200")),
        ("USD 40 or 35 CHF", ("USD 40", "35 CHF")),
        ("just 12.50 dollars", ("12.50 dollars",)),
        ("15 percent cheaper", ("15 percent",)),
        ("20% off", ("20%",)),
        ("Book now!", ("book now",)),
        ("See you at 10 on the 3rd", ()),
        ("Happy 40th birthday", ()),
        ("Call me on 020 7946 0018", ()),
        ("The ABC 40 bus", ()),
    ],
)
def test_money_and_percentages_in_any_currency_read_as_an_offer(text, found):
    assert offer_signals(text) == found


def test_a_greeting_naming_an_offering_is_flagged_and_may_be_logged_as_an_offer(journal):
    cid = person("Ada")
    books = add_offering("Monthly bookkeeping")
    result = check(
        cid, purpose="greeting", text="Happy new year — have you tried monthly Bookkeeping?"
    )
    assert result.offer_words == ("Monthly bookkeeping",)
    assert result.suggest_offer and result.suggested_offering_id == books
    assert "Greetings are not sales" in result.warnings[0]
    # Naming it in a follow-up is not selling; a price beside it is.
    assert check(cid, purpose="follow-up", text="How is monthly bookkeeping going?").ok
    assert check(cid, purpose="follow-up", text="Monthly bookkeeping for £40?").offer_words


def test_already_has_is_checked_whatever_the_purpose_when_the_text_sells_it(journal):
    cid = person("Ada")
    books = add_offering("Bookkeeping")
    save_purchase(PurchaseData(cid, books, since=dt.date(2025, 1, 1)))
    result = check(cid, purpose="greeting", text="Season's greetings! Bookkeeping for 2027?")
    assert [key for key, _ in result.questions] == [ALREADY_HAS]
    assert "Ada already has Bookkeeping" in result.questions[0][1]
    assert check(cid, purpose="follow-up", text="How is Bookkeeping?").ok


def test_an_offer_within_thirty_days_of_the_first_purchase_asks_first(journal):
    cid = person("Ada")
    books, tax = add_offering("Bookkeeping"), add_offering("Tax")
    save_purchase(PurchaseData(cid, books, since=dt.date(2026, 10, 25)))
    result = check(cid, purpose="offer", offering=tax)
    assert [key for key, _ in result.questions] == [JUST_BOUGHT]
    assert "They just bought — let them enjoy it" in result.questions[0][1]
    later = dt.date(2026, 11, 24)
    assert check_outreach(cid, "call", "outbound", "offer", tax, "", later).ok
    assert check(cid, purpose="follow-up").ok
