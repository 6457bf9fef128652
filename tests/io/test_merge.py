"""Duplicates against the journal and within the file; merge/keep-both/skip; undo."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from gratitude_desktop.io import importer, merge
from gratitude_desktop.journal.contacts import (
    ContactData,
    MethodData,
    load_contact,
    load_contacts,
    save_contact,
    trash_contacts,
)
from gratitude_desktop.journal.interactions import InteractionData, save_interaction
from gratitude_desktop.store.models import Contact, ContactMethod, ImportBatch, ImportChange


def write_csv(tmp_path, text: str, name: str = "c.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def existing(**values) -> int:
    methods = values.pop("methods", [])
    return save_contact(ContactData(**values, methods=[MethodData(*m) for m in methods]))


def test_same_email_merges_into_the_journal_contact_filling_empty_fields(journal, tmp_path):
    ada = existing(display_name="Ada Lovelace", methods=[("email", "ADA@example.org", "work")])
    path = write_csv(
        tmp_path,
        "Name,Email,Phone,Company,Birthday\nAda L.,ada@example.org,+44 20 7946 0001,Engines,1815-12-10\n",
    )
    report = importer.import_file(path)
    assert (report.created, report.merged) == (0, 1)
    contact = load_contact(ada)
    assert contact.display_name == "Ada Lovelace"  # never overwritten
    assert contact.organization == "Engines"
    assert contact.birthday == "1815-12-10"
    assert [(m.kind, m.value) for m in contact.methods] == [
        ("email", "ADA@example.org"),
        ("phone", "+44 20 7946 0001"),
    ]
    assert "Imported name: Ada L." in contact.notes


def test_same_phone_written_differently_is_a_duplicate(journal, tmp_path):
    alan = existing(display_name="Alan Turing", methods=[("phone", "(202) 555-0143")])
    path = write_csv(tmp_path, "Name,Mobile\nA. Turing,+1 202-555-0143\n")
    report = importer.import_file(path)
    assert (report.created, report.merged) == (0, 1)
    assert Contact.select().count() == 1
    assert [m.value for m in load_contact(alan).methods] == ["(202) 555-0143"]


def test_same_name_with_matching_organisation_is_a_duplicate_but_name_alone_is_not(
    journal, tmp_path
):
    existing(display_name="John Smith", organization="Acme")
    path = write_csv(
        tmp_path,
        "Name,Company,Email\njohn  SMITH,ACME,john@acme.example\nJohn Smith,Other Co,js@other.example\n",
    )
    report = importer.import_file(path)
    assert (report.created, report.merged) == (1, 1)
    assert Contact.select().count() == 2


def test_a_conflicting_value_is_kept_as_a_note_and_never_overwrites(journal, tmp_path):
    cid = existing(
        display_name="Grace Hopper",
        organization="US Navy",
        birthday="1906-12-09",
        methods=[("email", "g@navy.example")],
    )
    path = write_csv(
        tmp_path, "Name,Email,Company,Birthday\nGrace Hopper,g@navy.example,Yale,1906-12-10\n"
    )
    importer.import_file(path)
    contact = load_contact(cid)
    assert (contact.organization, contact.birthday) == ("US Navy", "1906-12-09")
    assert contact.notes == "Imported organisation: Yale\nImported birthday: 1906-12-10"


def test_importing_the_same_file_twice_changes_nothing_the_second_time(journal, tmp_path):
    path = write_csv(
        tmp_path, "Name,Email,Company\nAda,ada@example.org,Engines\nAlan,alan@example.org,\n"
    )
    first = importer.import_file(path)
    before = {c.id: load_contact(c.id) for c in Contact.select()}
    second = importer.import_file(path)
    assert (first.created, second.created, second.merged) == (2, 0, 2)
    assert {c.id: load_contact(c.id) for c in Contact.select()} == before
    assert ImportChange.select().where(ImportChange.batch == second.batch_id).count() == 0


def test_duplicates_within_the_file_are_merged_into_one_contact(journal, tmp_path):
    path = write_csv(
        tmp_path,
        "Name,Email,Phone\nAda Lovelace,ada@example.org,\nAda,ADA@example.org,+44 20 7946 0001\n"
        "Countess,,+44 (20) 7946 0001\n",
    )
    report = importer.import_file(path)
    assert (report.created, report.merged) == (1, 2)
    contact = load_contact(Contact.get().id)
    assert contact.display_name == "Ada Lovelace"
    assert [(m.kind, m.value) for m in contact.methods] == [
        ("email", "ada@example.org"),
        ("phone", "+44 20 7946 0001"),
    ]
    assert contact.notes == "Imported name: Ada\nImported name: Countess"


def test_a_duplicate_of_a_contact_already_written_is_merged_into_it(journal, tmp_path, monkeypatch):
    """Rows are written in batches as they are read; a later row can match an earlier batch."""
    monkeypatch.setattr(importer, "_BATCH", 2)
    path = write_csv(
        tmp_path,
        "Name,Email,Phone\nAda Lovelace,ada@example.org,\nAlan Turing,alan@example.org,\n"
        "Grace Hopper,grace@example.org,\nAda,ADA@example.org,+44 20 7946 0001\n",
    )
    report = importer.import_file(path)
    assert (report.created, report.merged) == (3, 1)
    ada = load_contact(Contact.get(Contact.display_name == "Ada Lovelace").id)
    assert [(m.kind, m.value) for m in ada.methods] == [
        ("email", "ada@example.org"),
        ("phone", "+44 20 7946 0001"),
    ]
    assert ada.notes == "Imported name: Ada"
    # It was made by the import, so undoing the import removes it with the merge.
    assert ImportChange.select().count() == 0
    importer.undo_import(report.batch_id)
    assert Contact.select().count() == 0


def test_a_duplicate_of_a_refused_row_is_imported_on_its_own(journal, tmp_path, monkeypatch):
    """A row the journal refuses (the readers clean most problems away, so one is forced)."""
    from gratitude_desktop.journal.contacts import ContactInvalid, FieldProblem

    real = importer.contact_rows

    def refuse_ada(data, *args, **kwargs):
        if data.display_name == "Ada":
            raise ContactInvalid([FieldProblem("display_name", "refused for the test")])
        return real(data, *args, **kwargs)

    monkeypatch.setattr(importer, "contact_rows", refuse_ada)
    monkeypatch.setattr(importer, "_BATCH", 1)
    path = write_csv(tmp_path, "Name,Email\nAda,ada@example.org\nAda L,ada@example.org\n")
    report = importer.import_file(path)
    assert report.created == 1
    assert [(r.row, r.field) for r in report.refused] == [(2, "display_name")]
    assert [c.display_name for c in Contact.select()] == ["Ada L"]


@pytest.mark.parametrize(
    ("policy", "count", "created", "skipped"), [("keep-both", 2, 1, 0), ("skip", 1, 0, 1)]
)
def test_keep_both_and_skip_policies(journal, tmp_path, policy, count, created, skipped):
    cid = existing(display_name="Ada Lovelace", methods=[("email", "ada@example.org")])
    path = write_csv(tmp_path, "Name,Email,Company\nAda,ada@example.org,Engines\n")
    report = importer.import_file(path, policy=policy)
    assert (report.created, report.skipped, report.merged) == (created, skipped, 0)
    assert Contact.select().count() == count
    assert load_contact(cid).organization == ""


def test_find_duplicates_groups_the_file_and_the_journal_and_decisions_apply_per_group(
    journal, tmp_path
):
    ada = existing(display_name="Ada Lovelace", methods=[("email", "ada@example.org")])
    path = write_csv(
        tmp_path,
        "Name,Email\nAda,ada@example.org\nAlan Turing,alan@example.org\nA. Turing,alan@example.org\n"
        "Grace,grace@example.org\n",
    )
    rows = importer.preview(path, rows=100).rows
    groups = merge.find_duplicates(rows)
    assert [(g.key, g.reason, g.existing_id, g.rows) for g in groups] == [
        (f"contact:{ada}", "same email", ada, [2]),
        ("row:3", "same email", None, [3, 4]),
    ]
    assert groups[1].names == ["Alan Turing", "A. Turing"]
    report = importer.import_file(path, decisions={f"contact:{ada}": "skip", "row:3": "keep-both"})
    assert (report.created, report.merged, report.skipped) == (3, 0, 1)
    assert sorted(c.display_name for c in Contact.select()) == [
        "A. Turing",
        "Ada Lovelace",
        "Alan Turing",
        "Grace",
    ]


def test_undo_removes_created_and_restores_merged_contacts(journal, tmp_path):
    ada = existing(display_name="Ada Lovelace", methods=[("email", "ada@example.org")])
    untouched = existing(display_name="Someone Else")
    before = load_contact(ada)
    path = write_csv(
        tmp_path,
        "Name,Email,Company\nAda,ada@example.org,Engines\nAlan Turing,alan@example.org,Bletchley\n",
    )
    report = importer.import_file(path)
    assert load_contact(ada).organization == "Engines"
    result = importer.undo_import(report.batch_id)
    assert (result.removed, result.restored, result.kept) == (1, 1, 0)
    after = load_contact(ada)
    assert (after.organization, after.notes, after.methods) == (
        before.organization,
        before.notes,
        before.methods,
    )
    assert sorted(c.id for c in Contact.select()) == sorted([ada, untouched])
    assert ContactMethod.select().where(ContactMethod.value == "alan@example.org").count() == 0
    assert ImportBatch.get_by_id(report.batch_id).undone_at is not None
    with pytest.raises(importer.UndoRefused, match="already undone"):
        importer.undo_import(report.batch_id)


def test_undo_trashes_rather_than_deletes_a_created_contact_with_history(journal, tmp_path):
    path = write_csv(
        tmp_path, "Name,Email\nAlan Turing,alan@example.org\nGrace,grace@example.org\n"
    )
    report = importer.import_file(path)
    alan = Contact.get(Contact.display_name == "Alan Turing").id
    save_interaction(
        InteractionData(
            contact_id=alan,
            at=dt.datetime(2026, 1, 5, 10, 0),
            channel="call",
            direction="outbound",
            purpose="check-in",
        )
    )
    result = importer.undo_import(report.batch_id)
    assert (result.removed, result.kept) == (1, 1)
    assert Contact.get_by_id(alan).trashed_at is not None


def test_list_batches_newest_first_with_counts(journal, tmp_path):
    importer.import_file(write_csv(tmp_path, "Name,Email\nA,a@example.org\n", "one.csv"))
    importer.import_file(
        write_csv(tmp_path, "Name,Email\nA,a@example.org\nB,b@example.org\n", "two.csv")
    )
    batches = importer.list_batches()
    assert [(b.file.rsplit("/", 1)[-1], b.created, b.merged) for b in batches] == [
        ("two.csv", 1, 1),
        ("one.csv", 1, 0),
    ]


def test_merge_never_loses_a_value_and_is_idempotent():
    base = ContactData(
        given_name="Ada",
        notes="Old note",
        circles=("friend",),
        methods=[MethodData("email", "a@x.org", primary=True)],
    )
    incoming = ContactData(
        given_name="Augusta",
        circles=("mentor", "friend"),
        family_name="King",
        notes="New note",
        methods=[
            MethodData("email", "A@X.org", primary=True),
            MethodData("phone", "555 0100", primary=True),
        ],
    )
    kept = copy.deepcopy(base)
    merged = merge.merge(base, incoming)
    assert base == kept  # neither argument changes
    assert merged.family_name == "King"
    assert merged.circles == ("friend", "mentor")
    assert merged.notes == "Old note\nNew note\nImported given name: Augusta"
    assert [(m.value, m.primary) for m in merged.methods] == [("a@x.org", True), ("555 0100", True)]
    assert merge.merge(merged, incoming) == merged


def test_snapshot_round_trips_a_contact():
    data = ContactData(
        id=3,
        display_name="Ada",
        met_on=dt.date(2020, 1, 2),
        circles=("friend",),
        methods=[MethodData("email", "a@x.org", "work", True, dt.date(2021, 1, 1))],
    )
    assert merge.from_snapshot(merge.snapshot(data)) == data


def test_load_contacts_gives_what_load_contact_gives(journal):
    ids = [
        existing(display_name="Ada", methods=[("email", "a@x.org", "work"), ("phone", "555 0100")]),
        existing(display_name="Alan", organization="Bletchley"),
    ]
    found = load_contacts([*ids, 9999])
    assert found == {i: load_contact(i) for i in ids}


def test_the_matcher_prefers_a_live_contact_and_falls_back_to_a_trashed_one(journal, tmp_path):
    gone = existing(display_name="Old Ada", methods=[("email", "ada@example.org")])
    trash_contacts([gone])
    only_trashed = merge.Matcher().find(
        merge.keys_of(
            ContactData(display_name="Ada", methods=[MethodData("email", "Ada@Example.org")])
        )
    )
    assert only_trashed == (("contact", gone), "same email")
    live = existing(display_name="Ada", methods=[("email", "ada@example.org")])
    matcher = merge.Matcher()
    keys = [("email", "ada@example.org")]
    assert matcher.find(keys) == (("contact", live), "same email")
    assert matcher.find(keys, exclude={live}) == (("contact", gone), "same email")
    assert matcher.find(keys, exclude={live, gone}) is None
    # A CSV row with that email merges into the live contact, never a second one.
    report = importer.import_file(write_csv(tmp_path, "Name,Email\nAda,ADA@example.org\n"))
    assert (report.created, report.merged) == (0, 1)
    assert Contact.select().count() == 2


def test_name_and_organisation_match_whatever_the_case_accents_and_spacing(journal):
    rene = existing(display_name="René  Dupont", organization="Société Générale")
    hit = merge.Matcher().find(
        merge.keys_of(ContactData(display_name="rene dupont", organization="SOCIETE generale"))
    )
    assert hit == (("contact", rene), "same name and organisation")
    # A company filed under its own name is no evidence of a person.
    assert merge.keys_of(ContactData(display_name="Acme", organization="ACME")) == []


def test_a_record_created_at_the_same_moment_matches_only_when_the_incoming_one_says_so(journal):
    moment = dt.datetime(2025, 4, 4, 9, 0, 0)
    ada = save_contact(ContactData(display_name="Ada", created_at=moment))
    matcher = merge.Matcher()
    assert matcher.find(merge.keys_of(ContactData(display_name="Ada"))) is None
    again = merge.keys_of(ContactData(display_name="ADA", created_at=moment))
    assert matcher.find(again) == (("contact", ada), "same contact exported earlier")
    later = merge.keys_of(ContactData(display_name="Ada", created_at=moment.replace(second=1)))
    assert matcher.find(later) is None


def test_merge_moves_the_stage_on_only_from_acquaintance_and_keeps_a_lost_mark():
    base = ContactData(display_name="Bo", stage="prospect", lost_reason="price")
    incoming = ContactData(display_name="Bo", stage="client", lost_reason="timing", cadence_days=30)
    merged = merge.merge(base, incoming)
    assert (merged.stage, merged.lost_reason, merged.cadence_days) == ("prospect", "price", 30)
    assert merged.notes == "Imported stage: client\nImported lost: timing"
    fresh = merge.merge(ContactData(display_name="Bo"), incoming)
    assert (fresh.stage, fresh.lost_reason) == ("client", "timing")
