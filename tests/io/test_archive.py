"""The JSON archive: export, read, import, merge — a round trip loses nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest

from gratitude_desktop import resources
from gratitude_desktop.io.archive import (
    FLAVOUR,
    export_archive,
    import_archive,
    journal_archive,
    read_archive,
)
from gratitude_desktop.io.report import ImportRefused
from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact, trash_contacts
from gratitude_desktop.journal.dates import parse_partial_date
from gratitude_desktop.journal.interactions import InteractionData, save_interaction
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.models import (
    Contact,
    ContactMethod,
    Goal,
    GoalReview,
    ImportBatch,
    ImportChange,
    Interaction,
    Offering,
    Promise,
    Purchase,
    Referral,
    Snooze,
)
from gratitude_desktop.store.queries import ContactFilter, contact_page


def without_moment(archive: dict) -> dict:
    return {k: v for k, v in archive.items() if k != "exported_at"}


def build_rich_journal() -> dict[str, int]:
    """Every field and record type, with the awkward values a real journal has."""
    ada = save_contact(
        ContactData(
            display_name="Ada Lovelace",
            prefix="Countess",
            given_name="Ada",
            middle_name="Augusta",
            family_name="Lovelace",
            suffix="FRS",
            nickname="Enchantress",
            organization="Analytical Engines Ltd",
            title="Founder",
            stage="client",
            circles=("networking-partner", "mentor"),
            met_on=dt.date(2024, 3, 2),
            how_we_met="Chamber breakfast",
            story="Started as a teacher;\nnow runs a workshop of twelve.",
            needs="Bookkeeping help",
            notes="Prefers calls before noon",
            birthday="--12-10",
            anniversary="2015-06-20",
            cadence_days=21,
            created_at=dt.datetime(2024, 3, 2, 10, 0, 0),
            methods=[
                MethodData("email", "ada@example.org", "work", True, dt.date(2026, 1, 10)),
                MethodData("email", "old-ada@example.org", "home", False, None, True),
                MethodData("phone", "+44 20 7946 0958", "mobile", True),
                MethodData("website", "https://engines.example", "site"),
                MethodData("address", "12 St James's Square\nLondon", "office"),
                MethodData("social", "@ada", "mastodon"),
            ],
        )
    )
    jurgen = save_contact(
        ContactData(
            display_name="Jürgen Groß 日本 <script>alert(1)</script>",
            organization="<b>Bold & Co</b>",
            stage="lost-customer",
            birthday="1988-02-29",
            lost_since=dt.date(2026, 5, 1),
            lost_reason="promise-not-kept",
            lost_note="We missed the filing date.",
            referred_by=ada,
            cadence_days=0,
            created_at=dt.datetime(2025, 1, 1, 8, 30, 0),
        )
    )
    quiet = save_contact(
        ContactData(
            display_name="Nora Quiet",
            dnc_since=dt.date(2026, 2, 2),
            dnc_channels=("all",),
            dnc_reason="“Please stop contacting me.”",
            created_at=dt.datetime(2025, 2, 2, 9, 0, 0),
        )
    )
    email_only = save_contact(
        ContactData(
            display_name="Eve Email-Only",
            dnc_channels=("email", "message"),
            dnc_reason="No newsletters",
            created_at=dt.datetime(2025, 3, 3, 9, 0, 0),
        )
    )
    gone = save_contact(
        ContactData(display_name="Trashed Tom", created_at=dt.datetime(2025, 4, 4, 9, 0, 0))
    )
    trash_contacts([gone])
    partner = save_contact(
        ContactData(
            display_name="Paula Partner",
            stage="networking-partner",
            created_at=dt.datetime(2025, 5, 5, 9, 0, 0),
        )
    )
    monthly = Offering.create(name="Monthly bookkeeping")
    Offering.create(name="Year-end accounts", active=False)
    save_interaction(
        InteractionData(
            ada,
            dt.datetime(2026, 10, 1, 15, 0),
            "call",
            "outbound",
            "follow-up",
            "Asked how the launch went",
            "She said <i>fine</i>",
            dt.date(2026, 10, 15),
        )
    )
    save_interaction(
        InteractionData(
            ada,
            dt.datetime(2026, 10, 20, 9, 30),
            "email",
            "outbound",
            "offer",
            "Quarterly review",
            offering_id=monthly.id,
        )
    )
    save_interaction(
        InteractionData(
            quiet,
            dt.datetime(2026, 3, 1, 12, 0),
            "email",
            "outbound",
            "check-in",
            "Sent anyway",
            override_reason="She asked for the invoice copy",
        )
    )
    save_interaction(
        InteractionData(jurgen, dt.datetime(2026, 4, 1, 11, 0), "in-person", "inbound", "feedback")
    )
    Promise.create(
        contact=ada,
        direction="we-owe",
        what="Send the grant link",
        made_on=dt.date(2026, 10, 1),
        due_on=dt.date(2026, 10, 8),
    )
    Promise.create(
        contact=ada,
        direction="they-owe",
        what="Their Q3 receipts",
        made_on=dt.date(2026, 9, 1),
        due_on=dt.date(2026, 9, 30),
        status="broken",
        blocked_reason="Box lost in the move",
        done_on=dt.date(2026, 10, 2),
    )
    nudged = Promise.create(
        contact=ada,
        direction="they-owe",
        what="The signed engagement letter",
        made_on=dt.date(2026, 10, 1),
        due_on=dt.date(2026, 10, 15),
        nudged_on=dt.date(2026, 11, 2),
        nudges=2,
    )
    broken = Promise.create(
        contact=jurgen,
        direction="we-owe",
        what="Send the VAT summary",
        made_on=dt.date(2026, 9, 1),
        due_on=dt.date(2026, 9, 10),
        status="broken",
        done_on=dt.date(2026, 9, 12),
    )
    Promise.create(
        contact=jurgen,
        direction="we-owe",
        what="Send the VAT summary",
        made_on=dt.date(2026, 9, 12),
        due_on=dt.date(2026, 9, 19),
        replaces=broken,
    )
    assert nudged.id
    Referral.create(by=ada, person=jurgen, to=None, on=dt.date(2025, 1, 1))
    Referral.create(
        by=None,
        person=ada,
        to=partner,
        on=dt.date(2026, 2, 1),
        outcome="They hit it off",
        thanked_on=dt.date(2026, 2, 3),
    )
    Purchase.create(contact=ada, offering=monthly, since=dt.date(2025, 1, 1), recurring=True)
    Purchase.create(
        contact=jurgen, offering=monthly, since=dt.date(2025, 2, 1), until=dt.date(2026, 5, 1)
    )
    Goal.create(
        title="Meet four new people a month",
        metric="new-contacts-met",
        target=4,
        period="month",
        rank=1,
    )
    Goal.create(
        title="Keep 95% of promises",
        metric="promises-kept-on-time",
        target=0.95,
        period="quarter",
        rank=2,
    )
    mentor = Goal.create(
        title="Find a mentor",
        metric="manual",
        target=1,
        period="year",
        rank=3,
        done=True,
        review_on=dt.date(2026, 12, 31),
    )
    GoalReview.create(goal=mentor, on=dt.date(2026, 6, 30), note="Asked Grace; she said yes")
    Goal.create(
        title="Speak at the Chamber twice this year",
        metric="manual",
        target=2,
        period="year",
        rank=4,
        tally=1,
    )
    Snooze.create(contact=partner, until=dt.date(2026, 12, 1))
    return {
        "ada": ada,
        "jurgen": jurgen,
        "quiet": quiet,
        "email_only": email_only,
        "gone": gone,
        "partner": partner,
    }


def reopen(folder: Path):
    """A second, empty journal; the models are bound to it from now on."""
    return open_journal(folder, lock=False)


def test_round_trip_into_an_empty_journal_loses_nothing(journal, tmp_path):
    build_rich_journal()
    first = tmp_path / "first.json"
    assert export_archive(first) == 6
    journal.close()

    second_journal = reopen(tmp_path / "second")
    try:
        report = import_archive(first)
        assert (report.created, report.merged, report.refused) == (6, 0, [])
        second = tmp_path / "second.json"
        export_archive(second)
        before = json.loads(first.read_text(encoding="utf-8"))
        after = json.loads(second.read_text(encoding="utf-8"))
        assert without_moment(after) == without_moment(before)

        by_name = {c["display_name"]: c for c in after["contacts"]}
        jurgen = by_name["Jürgen Groß 日本 <script>alert(1)</script>"]
        assert jurgen["birthday"] == "1988-02-29"
        assert jurgen["referred_by"] == by_name["Ada Lovelace"]["id"]
        assert jurgen["lost"] == {
            "since": "2026-05-01",
            "reason": "promise-not-kept",
            "note": "We missed the filing date.",
        }
        assert by_name["Ada Lovelace"]["birthday"] == "--12-10"
        assert by_name["Ada Lovelace"]["created_at"] == "2024-03-02T10:00:00"
        assert by_name["Trashed Tom"]["trashed"] is True
        assert by_name["Nora Quiet"]["do_not_contact"]["channels"] == ["all"]
        assert by_name["Eve Email-Only"]["do_not_contact"]["channels"] == ["email", "message"]
        assert [m["value"] for m in by_name["Ada Lovelace"]["methods"]][:2] == [
            "ada@example.org",
            "old-ada@example.org",
        ]
        assert {(r["by"], r["to"]) for r in after["referrals"]} == {
            (by_name["Ada Lovelace"]["id"], None),
            (None, by_name["Paula Partner"]["id"]),
        }
        assert after["goals"][1]["target"] == 0.95
        mentor, speak = after["goals"][2:]
        assert mentor == {
            "title": "Find a mentor",
            "metric": "manual",
            "period": "year",
            "rank": 3,
            "done": True,
            "review_on": "2026-12-31",
            "reviews": [{"on": "2026-06-30", "note": "Asked Grace; she said yes"}],
        }
        assert (speak["target"], speak["tally"]) == (2, 1)
        by_what = {(p["what"], p["made_on"]): p for p in after["promises"]}
        letter = by_what[("The signed engagement letter", "2026-10-01")]
        assert (letter["nudged_on"], letter["nudges"]) == ("2026-11-02", 2)
        redated = by_what[("Send the VAT summary", "2026-09-12")]
        assert redated["replaces"] == by_what[("Send the VAT summary", "2026-09-01")]["id"]
        assert after["interactions"][2]["override_reason"] == "She asked for the invoice copy"
        ada = Contact.get(Contact.display_name == "Ada Lovelace")
        assert ada.last_interaction_on == dt.date(2026, 10, 20)
        assert Contact.get(Contact.display_name == "Trashed Tom").trashed_at is not None
        # The search index knows the imported contacts.
        rows = contact_page(ContactFilter(text="jurg"), 0, 10)
        assert [r.display_name for r in rows] == ["Jürgen Groß 日本 <script>alert(1)</script>"]
    finally:
        second_journal.close()


def test_import_into_an_empty_journal_records_a_batch_that_can_be_undone(journal, tmp_path):
    build_rich_journal()
    path = tmp_path / "a.json"
    export_archive(path)
    journal.close()
    second = reopen(tmp_path / "second")
    try:
        report = import_archive(path)
        batch = ImportBatch.get_by_id(report.batch_id)
        assert (batch.flavour, batch.created, batch.merged) == (FLAVOUR, 6, 0)
        assert batch.finished_at is not None
        changes = list(ImportChange.select().where(ImportChange.batch == batch))
        assert {c.action for c in changes} == {"created"}
        assert sorted(c.contact_id for c in changes) == sorted(
            c.id for c in Contact.select(Contact.id)
        )
        assert {c.import_batch_id for c in Contact.select()} == {batch.id}
    finally:
        second.close()


def test_export_is_owner_only_replaces_the_old_file_and_leaves_no_temp_files(journal, tmp_path):
    save_contact(ContactData(display_name="Ada"))
    path = tmp_path / "out.json"
    path.write_text("old contents")
    assert export_archive(path) == 1
    assert json.loads(path.read_text())["contacts"][0]["display_name"] == "Ada"
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out.json"]


def test_export_writes_the_documented_header(journal, tmp_path):
    archive = journal_archive(dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC))
    assert archive["format"] == "gratitude-journal"
    assert archive["version"] == 1
    assert archive["exported_at"] == "2026-11-22T09:30:00Z"
    assert archive["contacts"] == []


def write(tmp_path: Path, payload, name: str = "in.json") -> Path:
    path = tmp_path / name
    if isinstance(payload, bytes):
        path.write_bytes(payload)
    else:
        path.write_text(
            payload if isinstance(payload, str) else json.dumps(payload), encoding="utf-8"
        )
    return path


def archive_of(*contacts, **sections) -> dict:
    return {"format": "gratitude-journal", "version": 1, "contacts": list(contacts), **sections}


def refusal(tmp_path, payload) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        import_archive(write(tmp_path, payload))
    return caught.value


def test_an_unknown_version_is_refused(journal, tmp_path):
    error = refusal(tmp_path, {"format": "gratitude-journal", "version": 2, "contacts": []})
    assert error.field == "version"
    assert "version 2" in error.reason


def test_an_unknown_stage_is_refused_naming_the_record_and_field(journal, tmp_path):
    contacts = [{"id": f"c{i}", "display_name": f"Person {i}"} for i in range(3)]
    contacts.append({"id": "c3", "display_name": "Ada Lovelace", "stage": "boss"})
    error = refusal(tmp_path, archive_of(*contacts))
    assert error.field == "stage"
    assert error.reason.startswith("contacts[3] (Ada Lovelace): ")
    assert "“boss”" in str(error) or '"boss"' in str(error)
    assert Contact.select().count() == 0


@pytest.mark.parametrize(
    "record, field",
    [
        ({"display_name": "A", "circles": ["enemy"]}, "circles"),
        ({"display_name": "A", "do_not_contact": {"channels": ["fax"]}}, "do_not_contact.channels"),
        ({"display_name": "A", "lost": {"reason": "bored"}}, "lost.reason"),
        ({"display_name": "A", "methods": [{"kind": "pager", "value": "1"}]}, "kind"),
        ({"display_name": "A", "met_on": "2026-02-30"}, "met_on"),
        ({"display_name": "A", "met_on": "yesterday"}, "met_on"),
        ({"display_name": "A", "birthday": "--13-01"}, "birthday"),
        ({"display_name": "A", "created_at": "2026-01-01 10:00"}, "created_at"),
        ({"display_name": "A", "cadence_days": -3}, "cadence_days"),
        ({"display_name": "A", "trashed": "yes"}, "trashed"),
        (
            {"display_name": "A", "methods": [{"kind": "email", "value": "not-an-email"}]},
            "methods[0]",
        ),
        ({"display_name": "  "}, "display_name"),
        ({"display_name": "\ud800 lone surrogate"}, "display_name"),
        ({"display_name": "NUL\x00inside"}, "display_name"),
        ({"display_name": "A", "referred_by": "nobody"}, "referred_by"),
    ],
)
def test_a_bad_contact_value_is_refused_naming_its_field(journal, tmp_path, record, field):
    error = refusal(tmp_path, archive_of(dict(record, id="c1")))
    assert error.field == field
    assert error.reason.startswith("contacts[0]")


@pytest.mark.parametrize(
    "section, record, field",
    [
        (
            "interactions",
            {
                "contact": "c1",
                "at": "2026-01-01T10:00:00",
                "channel": "pigeon",
                "direction": "inbound",
                "purpose": "meeting",
            },
            "channel",
        ),
        (
            "interactions",
            {
                "contact": "c9",
                "at": "2026-01-01T10:00:00",
                "channel": "call",
                "direction": "inbound",
                "purpose": "meeting",
            },
            "contact",
        ),
        (
            "interactions",
            {
                "contact": "c1",
                "at": "soon",
                "channel": "call",
                "direction": "inbound",
                "purpose": "meeting",
            },
            "at",
        ),
        (
            "interactions",
            {
                "contact": "c1",
                "at": "2026-01-01T10:00:00",
                "channel": "call",
                "direction": "inbound",
                "purpose": "greeting",
                "offering": "o1",
            },
            "offering",
        ),
        (
            "promises",
            {
                "contact": "c1",
                "direction": "we-owe",
                "what": "x",
                "made_on": "2026-01-01",
                "status": "forgotten",
            },
            "status",
        ),
        ("promises", {"contact": "c1", "direction": "we-owe", "what": "x"}, "made_on"),
        ("referrals", {"by": "c1", "person": "c2", "on": "2026-01-01"}, "person"),
        ("purchases", {"contact": "c1", "offering": "o7"}, "offering"),
        ("goals", {"title": "t", "metric": "m", "target": "four", "period": "month"}, "target"),
        ("goals", {"title": "t", "metric": "m", "target": 4, "period": "decade"}, "period"),
        ("snoozes", {"contact": "c1", "until": "2026-13-01"}, "until"),
    ],
)
def test_a_bad_record_is_refused_naming_the_record_and_field(
    journal, tmp_path, section, record, field
):
    payload = archive_of(
        {"id": "c1", "display_name": "Ada"}, offerings=[{"id": "o1", "name": "Bookkeeping"}]
    )
    payload[section] = [record]
    error = refusal(tmp_path, payload)
    assert error.field == field
    assert error.reason.startswith(f"{section}[0]: ")


@pytest.mark.parametrize(
    "payload, words",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a UTF-8"),
        ("{not json", "not a JSON file"),
        ("[1, 2, 3]", "not an object"),
        ({"format": "something-else", "version": 1}, "not a Gratitude journal archive"),
        ({"version": 1, "contacts": []}, "not a Gratitude journal archive"),
        ({"format": "gratitude-journal", "version": 1, "contacts": {"a": 1}}, "must be a list"),
        ("", "not a JSON file"),
    ],
)
def test_a_file_that_is_not_an_archive_is_refused_with_a_clear_reason(
    journal, tmp_path, payload, words
):
    error = refusal(tmp_path, payload)
    assert words in error.reason
    assert error.file.endswith("in.json")


def test_a_missing_file_is_refused_naming_it(journal, tmp_path):
    with pytest.raises(ImportRefused) as caught:
        read_archive(tmp_path / "nowhere.json")
    assert "no such file" in caught.value.reason


def test_unknown_fields_are_ignored_with_a_warning(journal, tmp_path):
    payload = archive_of(
        {
            "id": "c1",
            "display_name": "Ada",
            "shoe_size": 38,
            "methods": [{"kind": "email", "value": "a@b.org", "colour": "red"}],
        },
        mood="sunny",
    )
    report = import_archive(write(tmp_path, payload))
    assert report.created == 1
    assert report.warnings == [
        "unknown field “mood” ignored.",
        "contacts[0] (Ada): unknown field “shoe_size” ignored.",
        "contacts[0] (Ada) methods[0]: unknown field “colour” ignored.",
    ]
    assert Contact.get().display_name == "Ada"


def test_a_refused_file_leaves_the_journal_unchanged(journal, tmp_path):
    build_rich_journal()
    before = without_moment(journal_archive())
    batches = ImportBatch.select().count()
    payload = archive_of(
        {"id": "n1", "display_name": "New Person"},
        {
            "id": "n2",
            "display_name": "Ada Lovelace",
            "methods": [{"kind": "email", "value": "ada@example.org"}],
        },
        interactions=[
            {
                "contact": "n1",
                "at": "2026-01-01T10:00:00",
                "channel": "call",
                "direction": "inbound",
                "purpose": "meeting",
            },
            {
                "contact": "n1",
                "at": "2026-01-01T10:00:00",
                "channel": "call",
                "direction": "sideways",
                "purpose": "meeting",
            },
        ],
    )
    error = refusal(tmp_path, payload)
    assert error.reason.startswith("interactions[1]: ")
    assert without_moment(journal_archive()) == before
    assert ImportBatch.select().count() == batches


def test_a_dry_run_counts_but_writes_nothing(journal, tmp_path):
    save_contact(ContactData(display_name="Ada", methods=[MethodData("email", "ada@example.org")]))
    payload = archive_of(
        {
            "id": "c1",
            "display_name": "Ada L.",
            "methods": [{"kind": "email", "value": "ADA@example.org"}],
        },
        {"id": "c2", "display_name": "Grace"},
    )
    report = import_archive(write(tmp_path, payload), dry_run=True)
    assert (report.created, report.merged, report.dry_run, report.batch_id) == (1, 1, True, None)
    assert [c.display_name for c in Contact.select()] == ["Ada"]
    assert ImportBatch.select().count() == 0
    assert "Would import" in report.summary()


def test_merge_fills_empty_fields_adds_methods_and_never_overwrites(journal, tmp_path):
    ada = save_contact(
        ContactData(
            display_name="Ada Lovelace",
            organization="Analytical Engines",
            title="Founder",
            stage="client",
            notes="Met at the Chamber.",
            circles=("mentor",),
            methods=[MethodData("email", "ada@example.org", primary=True)],
        )
    )
    payload = archive_of(
        {
            "id": "x",
            "display_name": "Ada Lovelace",
            "organization": "Difference Engines",
            "title": "Founder",
            "needs": "A tax adviser",
            "stage": "prospect",
            "circles": ["friend"],
            "birthday": "--12-10",
            "do_not_contact": {"channels": ["email"], "reason": "No newsletters"},
            "methods": [
                {"kind": "email", "value": "ADA@example.org", "primary": True},
                {"kind": "phone", "value": "+44 20 7946 0958", "primary": True},
            ],
        },
        interactions=[
            {
                "contact": "x",
                "at": "2026-10-01T15:00:00",
                "channel": "call",
                "direction": "inbound",
                "purpose": "meeting",
                "summary": "Coffee",
            }
        ],
    )
    report = import_archive(write(tmp_path, payload))
    assert (report.created, report.merged) == (0, 1)
    contact = Contact.get_by_id(ada)
    assert contact.organization == "Analytical Engines"
    assert contact.stage == "client"
    assert contact.needs == "A tax adviser"
    assert contact.birthday == "--12-10"
    assert contact.circles == ("friend", "mentor")
    assert contact.dnc_channels == ("email",)
    assert contact.notes == (
        "Met at the Chamber.\nImported organisation: Difference Engines\nImported stage: prospect"
    )
    methods = [
        (m.kind, m.value, m.primary)
        for m in ContactMethod.select()
        .where(ContactMethod.contact == ada)
        .order_by(ContactMethod.position)
    ]
    assert methods == [("email", "ada@example.org", True), ("phone", "+44 20 7946 0958", True)]
    assert contact.last_interaction_on == dt.date(2026, 10, 1)
    change = ImportChange.get(ImportChange.batch == report.batch_id)
    assert change.action == "merged"
    before = json.loads(change.before)
    assert (before["id"], before["organization"], before["needs"]) == (
        ada,
        "Analytical Engines",
        "",
    )
    assert before["circles"] == ["mentor"] and before["dnc_channels"] == []
    assert [m["value"] for m in before["methods"]] == ["ada@example.org"]


@pytest.mark.parametrize(
    "existing, incoming",
    [
        (
            ContactData(display_name="A", methods=[MethodData("phone", "(415) 555-0100")]),
            {
                "display_name": "Someone Else",
                "methods": [{"kind": "phone", "value": "+1 415 555 0100"}],
            },
        ),
        (
            ContactData(display_name="José Núñez", organization="Acme"),
            {"display_name": "jose nunez", "organization": "ACME"},
        ),
    ],
)
def test_merge_matches_by_phone_or_by_name_and_organisation(journal, tmp_path, existing, incoming):
    contact_id = save_contact(existing)
    report = import_archive(write(tmp_path, archive_of(dict(incoming, id="c1"))))
    assert (report.created, report.merged) == (0, 1)
    assert Contact.select().count() == 1
    assert ImportChange.get().contact_id == contact_id


def test_same_name_in_another_organisation_is_a_new_contact(journal, tmp_path):
    save_contact(ContactData(display_name="John Smith", organization="Acme"))
    report = import_archive(
        write(
            tmp_path, archive_of({"id": "c1", "display_name": "John Smith", "organization": "Zeta"})
        )
    )
    assert (report.created, report.merged) == (1, 0)
    assert Contact.select().count() == 2


def test_importing_the_same_archive_twice_adds_no_duplicates(journal, tmp_path):
    build_rich_journal()
    path = tmp_path / "a.json"
    export_archive(path)
    counts = {
        m: m.select().count()
        for m in (Contact, Interaction, Promise, Referral, Purchase, Goal, Snooze, Offering)
    }
    report = import_archive(path)
    assert (report.created, report.merged) == (0, 6)
    assert {m: m.select().count() for m in counts} == counts


def test_the_sample_journal_imports_cleanly(journal):
    path = resources.path("sample-journal.json")
    report = import_archive(path)
    assert report.refused == [] and report.warnings == []
    assert 35 <= report.created <= 50
    assert Interaction.select().count() >= 200
    contacts = list(Contact.select())
    assert {c.stage for c in contacts} >= {
        "acquaintance",
        "networking-partner",
        "prospect",
        "customer",
        "client",
        "lost-customer",
    }
    circles = {w for c in contacts for w in c.circles}
    assert circles == {
        "friend",
        "family",
        "mentor",
        "mentee",
        "networking-partner",
        "referral-source",
        "colleague",
    }
    assert sorted(c.dnc_channels for c in contacts if c.dnc_channels) == [("all",), ("email",)]
    assert any(c.birthday and c.birthday.startswith("--") for c in contacts)
    assert Offering.select().count() == 4
    assert Purchase.select().count() >= 4
    assert Goal.select().count() >= 2 and Snooze.select().count() >= 1
    assert Referral.select().where(Referral.to.is_null(), Referral.thanked_on.is_null()).exists()
    assert Referral.select().where(Referral.by.is_null()).exists()
    assert {p.status for p in Promise.select()} >= {"open", "kept", "broken"}
    assert {p.direction for p in Promise.select()} == {"we-owe", "they-owe"}
    latest = max(i.at for i in Interaction.select())
    assert latest.date() <= dt.date(2026, 11, 20)
    next_week = [
        c.display_name
        for c in contacts
        if c.birthday
        and dt.date(2026, 11, 23)
        <= parse_partial_date(c.birthday).in_year(2026)
        <= dt.date(2026, 11, 30)
    ]
    assert next_week


def test_the_sample_journal_is_what_the_app_itself_writes(journal, tmp_path):
    path = resources.path("sample-journal.json")
    import_archive(path)
    shipped = json.loads(path.read_text(encoding="utf-8"))
    assert without_moment(journal_archive()) == without_moment(shipped)


def test_merging_never_drops_a_do_not_contact(journal):
    from gratitude_desktop.io.merge import merge

    existing = ContactData(
        display_name="Eve", dnc_channels=("email",), dnc_reason="No newsletters", notes="Old"
    )
    incoming = ContactData(
        display_name="Eve", dnc_channels=("all",), dnc_reason="Stop calling", notes="New"
    )
    merged = merge(existing, incoming)
    assert merged.dnc_channels == ("all",)
    assert merged.dnc_reason == "No newsletters"
    assert merged.notes == "Old\nNew\nImported do-not-contact reason: Stop calling"
    assert merge(merged, incoming) == merged  # merging twice changes nothing more
    assert merge(incoming, ContactData(display_name="Eve")).dnc_channels == ("all",)


def test_moments_with_an_offset_are_stored_in_local_time(journal, tmp_path):
    payload = archive_of(
        {"id": "c1", "display_name": "Ada", "created_at": "2026-03-01T09:00:00Z"},
        interactions=[
            {
                "contact": "c1",
                "at": "2026-10-01T15:00:00+02:00",
                "channel": "call",
                "direction": "inbound",
                "purpose": "meeting",
            }
        ],
    )
    import_archive(write(tmp_path, payload))
    utc = dt.UTC
    local = lambda moment: moment.astimezone().replace(tzinfo=None)  # noqa: E731
    assert Contact.get().created_at == local(dt.datetime(2026, 3, 1, 9, 0, tzinfo=utc))
    assert Interaction.get().at == local(dt.datetime(2026, 10, 1, 13, 0, tzinfo=utc))


def test_an_older_archive_without_the_new_fields_still_reads(journal, tmp_path):
    # ARCHIVE.md, added 2026-12-06: an older file simply lacks nudged_on, tally, review_on.
    payload = archive_of(
        {"id": "c1", "display_name": "Ada"},
        promises=[
            {
                "contact": "c1",
                "direction": "they-owe",
                "what": "Receipts",
                "made_on": "2026-10-01",
                "nudged_on": "2026-11-01",
            }
        ],
        goals=[{"title": "Meet people", "metric": "meetings", "target": 4, "period": "month"}],
    )
    report = import_archive(write(tmp_path, payload))
    assert report.refused == []
    promise = Promise.get()
    assert (promise.nudged_on, promise.nudges, promise.replaces) == (dt.date(2026, 11, 1), 1, None)
    goal = Goal.get()
    assert (goal.tally, goal.done, goal.review_on) == (None, None, None)


def test_a_promise_replacing_one_not_in_the_file_is_refused(journal, tmp_path):
    payload = archive_of(
        {"id": "c1", "display_name": "Ada"},
        promises=[
            {"id": "p1", "contact": "c1", "direction": "we-owe", "what": "X",
             "made_on": "2026-10-01", "replaces": "p9"},
        ],
    )  # fmt: skip
    problem = refusal(tmp_path, payload)
    assert "replaces" in str(problem) and "p9" in str(problem)
