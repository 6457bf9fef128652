"""One number, one function: Today, the tray and the command line count the same agenda,
and Insights' "past their cadence" is Today's "gone quiet" plus the contacts Today
leaves out for a stated reason (issue 15, point 7). Random journals, hypothesis."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gratitude_desktop import cli
from gratitude_desktop.journal.agenda import ASK_WHY_LOST, QUIET, compute_agenda, people_on
from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.insights import health
from gratitude_desktop.journal.interactions import InteractionData, save_interaction
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.models import Contact, Promise, Snooze
from gratitude_desktop.ui.today.view import TodayView
from gratitude_desktop.ui.tray import TrayIcon

TODAY = dt.date(2026, 11, 23)
STAGES = ("acquaintance", "prospect", "customer", "client", "networking-partner", "lost-customer")
CIRCLES = ("", "friend", "family", "mentor", "colleague")

people = st.lists(
    st.fixed_dictionaries(
        {
            "stage": st.sampled_from(STAGES),
            "circle": st.sampled_from(CIRCLES),
            "cadence": st.one_of(st.none(), st.sampled_from([0, 7, 30, 400])),
            "created_ago": st.integers(0, 800),
            "talked_ago": st.one_of(st.none(), st.integers(0, 500)),
            "snoozed": st.one_of(st.none(), st.integers(-5, 20)),
            "dnc": st.sampled_from(["", "all", "email"]),
            "promise_due": st.one_of(st.none(), st.integers(-30, 10)),
            "birthday_in": st.one_of(st.none(), st.integers(-3, 12)),
        }
    ),
    min_size=0,
    max_size=14,
)


def build(rows: list[dict]) -> None:
    for n, row in enumerate(rows):
        created = TODAY - dt.timedelta(days=row["created_ago"])
        birthday = None
        if row["birthday_in"] is not None:
            day = TODAY + dt.timedelta(days=row["birthday_in"])
            birthday = f"--{day.month:02d}-{day.day:02d}"
        lost = row["stage"] == "lost-customer"
        cid = save_contact(
            ContactData(
                display_name=f"Person {n}",
                stage=row["stage"],
                circles=(row["circle"],) if row["circle"] else (),
                cadence_days=row["cadence"],
                created_at=dt.datetime.combine(created, dt.time(9)),
                dnc_channels=(row["dnc"],) if row["dnc"] else (),
                lost_since=created if lost else None,
                lost_reason="price" if lost else None,
                birthday=birthday,
            )
        )
        if row["talked_ago"] is not None:
            on = TODAY - dt.timedelta(days=row["talked_ago"])
            save_interaction(
                InteractionData(contact_id=cid, at=dt.datetime.combine(on, dt.time(12)))
            )
        if row["snoozed"] is not None:
            Snooze.create(contact=cid, until=TODAY + dt.timedelta(days=row["snoozed"]))
        if row["promise_due"] is not None:
            Promise.create(
                contact=cid,
                direction="we-owe",
                what="Send the link",
                made_on=TODAY - dt.timedelta(days=60),
                due_on=TODAY + dt.timedelta(days=row["promise_due"]),
                status="open",
            )


def left_out_of_quiet(items) -> set[int]:
    """Contacts Today does not list as gone quiet, for the reasons Insights gives in words."""
    asked_why = {i.contact_id for i in items if i.kind == ASK_WHY_LOST}
    snoozed = {s.contact_id for s in Snooze.select().where(Snooze.until > TODAY)}
    dnc = {c.id for c in Contact.select() if "all" in (c.dnc_channels or ())}
    return asked_why | snoozed | dnc


def past_cadence_ids() -> set[int]:
    """The contacts Insights counts as past their cadence, read one by one (the oracle)."""
    from gratitude_desktop.journal.cadence import effective_cadence
    from gratitude_desktop.journal.settings import load_settings

    settings_ = load_settings()
    out = set()
    for c in Contact.select().where(Contact.trashed_at.is_null()):
        days = effective_cadence(c.cadence_days, c.stage, tuple(c.circles or ()), settings_)
        touch = c.last_interaction_on or c.met_on or c.created_at.date()
        if days and (TODAY - touch).days >= days:
            out.add(c.id)
    return out


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=people)
def test_today_tray_and_the_command_line_count_the_same_agenda(qtbot, capsys, rows):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "journal"
        journal = open_journal(folder)
        try:
            build(rows)
            items = compute_agenda(TODAY)
            today = TodayView(today=lambda: TODAY)
            qtbot.addWidget(today)
            today.set_items(items)
            tray = TrayIcon(available=False)
            tray.set_items(items)
            assert today.count() == tray.count() == len(items)
            overdue = health(TODAY).total.overdue
            quiet = {i.contact_id for i in items if i.kind == QUIET}
            past = past_cadence_ids()
            assert overdue == len(past)
            # Every quiet contact is past its cadence; the others past it are left out of
            # Today for the reasons Insights names (snoozed, do-not-contact, ask why first).
            assert quiet <= past
            assert past - quiet <= left_out_of_quiet(items)
            assert len(people_on(items)) == len({i.contact_id for i in items})
        finally:
            journal.close()
        capsys.readouterr()
        argv = ["agenda", "--today", TODAY.isoformat(), "--json", "--data-dir", str(folder)]
        assert cli.main(argv) == 0
        printed = json.loads(capsys.readouterr().out)["items"]
        assert len(printed) == len(items)
        assert [(p["kind"], p["contact"], p["due_on"]) for p in printed] == [
            (i.kind, i.contact_name, i.due_on.isoformat()) for i in items
        ]
