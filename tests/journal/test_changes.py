"""journal.changes: undo and redo put back exactly the rows a change touched, and refuse
to write over rows something else changed since."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from gratitude_desktop.journal import changes
from gratitude_desktop.journal.changes import ChangedSince
from gratitude_desktop.journal.contacts import (
    ContactData,
    MethodData,
    delete_forever,
    load_contact,
    save_contact,
    trash_contacts,
)
from gratitude_desktop.journal.interactions import (
    InteractionData,
    delete_interaction,
    save_interaction,
)
from gratitude_desktop.journal.promises import add_promise, break_promise, mark_kept
from gratitude_desktop.journal.snoozes import snooze, snoozed_until
from gratitude_desktop.store.models import Contact, Interaction, Promise, StageChange
from gratitude_desktop.store.queries import ContactFilter, contact_page

TODAY = dt.date(2026, 11, 20)


def person(name: str, **values) -> int:
    return save_contact(
        ContactData(
            display_name=name, methods=[MethodData("email", f"{name[0]}@x.example")], **values
        )
    )


def mark_dnc(contact_id: int) -> None:
    data = load_contact(contact_id)
    save_contact(
        replace(data, dnc_channels=("all",), dnc_since=TODAY, dnc_reason="Take me off your list")
    )


def test_undo_puts_back_only_the_contact_the_change_touched(journal):
    sofia, chloe = person("Sofia Marquez"), person("Chloe Adams")
    _, change = changes.record([sofia], lambda: mark_dnc(sofia))
    save_contact(replace(load_contact(chloe), notes="Met at the fair"))

    changes.undo(change)

    assert load_contact(sofia).dnc_channels == ()
    assert load_contact(chloe).notes == "Met at the fair"
    assert change.contact_ids == {sofia}


def test_redo_makes_the_change_again_and_undo_after_redo_works(journal):
    sofia = person("Sofia Marquez")
    _, change = changes.record([sofia], lambda: mark_dnc(sofia))
    changes.undo(change)
    changes.redo(change)
    assert load_contact(sofia).dnc_channels == ("all",)
    changes.undo(change)
    assert load_contact(sofia).dnc_channels == ()


def test_a_change_lists_only_the_rows_that_differ(journal):
    sofia = person("Sofia Marquez")
    interaction = save_interaction(
        InteractionData(
            contact_id=sofia,
            at=dt.datetime(2026, 11, 1, 9),
            channel="call",
            direction="outbound",
            purpose="check-in",
        )  # fmt: skip
    )
    _, change = changes.record([sofia], lambda: snooze(sofia, TODAY))
    assert [model.__name__ for model, _ in change.before] == ["Snooze"]
    assert (Interaction, interaction) not in change.before


def test_undo_of_a_stage_change_removes_the_ladder_step_it_logged(journal):
    sofia = person("Sofia Marquez")
    data = load_contact(sofia)
    _, change = changes.record([sofia], lambda: save_contact(replace(data, stage="customer")))
    assert StageChange.select().where(StageChange.contact == sofia).count() == 1
    changes.undo(change)
    assert load_contact(sofia).stage == data.stage
    assert StageChange.select().where(StageChange.contact == sofia).count() == 0


def test_undo_of_trash_restores_and_redo_trashes_again(journal):
    sofia = person("Sofia Marquez")
    _, change = changes.record([sofia], lambda: trash_contacts([sofia]))
    changes.undo(change)
    assert Contact.get_by_id(sofia).trashed_at is None
    changes.redo(change)
    assert Contact.get_by_id(sofia).trashed_at is not None


def test_undo_of_a_logged_interaction_deletes_it_and_recomputes_last_touch(journal):
    sofia = person("Sofia Marquez")
    at = dt.datetime(2026, 11, 1, 9)
    entry = InteractionData(contact_id=sofia, at=at, channel="call", direction="outbound",
                            purpose="check-in")  # fmt: skip
    new_id, change = changes.record([sofia], lambda: save_interaction(entry))
    assert Contact.get_by_id(sofia).last_interaction_on == at.date()
    changes.undo(change)
    assert not Interaction.select().where(Interaction.id == new_id).exists()
    assert Contact.get_by_id(sofia).last_interaction_on is None
    changes.redo(change)
    assert Interaction.get_by_id(new_id).summary == ""
    assert Contact.get_by_id(sofia).last_interaction_on == at.date()


def test_undo_of_a_deleted_interaction_brings_it_back_with_its_id(journal):
    sofia = person("Sofia Marquez")
    entry = InteractionData(contact_id=sofia, at=dt.datetime(2026, 11, 1, 9), channel="call",
                            direction="outbound", purpose="check-in", summary="Called")  # fmt: skip
    interaction = save_interaction(entry)
    _, change = changes.record([sofia], lambda: delete_interaction(interaction))
    changes.undo(change)
    assert Interaction.get_by_id(interaction).summary == "Called"


def test_undo_of_a_kept_promise_reopens_it_and_removes_what_it_logged(journal):
    sofia = person("Sofia Marquez")
    promise = add_promise(sofia, "Send the link", TODAY, due_on=TODAY)
    logged, change = changes.record([sofia], lambda: mark_kept(promise, TODAY))
    changes.undo(change)
    assert Promise.get_by_id(promise).status == "open"
    assert not Interaction.select().where(Interaction.id == logged).exists()


def test_undo_of_a_snooze_wakes_the_contact(journal):
    sofia = person("Sofia Marquez")
    _, change = changes.record([sofia], lambda: snooze(sofia, TODAY))
    changes.undo(change)
    assert snoozed_until(sofia) is None


def test_undo_of_an_edit_keeps_the_search_index_current(journal):
    sofia = person("Sofia Marquez")
    data = load_contact(sofia)
    _, change = changes.record([sofia], lambda: save_contact(replace(data, display_name="Zed")))
    changes.undo(change)
    assert [r.id for r in contact_page(ContactFilter(text="Sofia"), 0, 10)] == [sofia]
    assert contact_page(ContactFilter(text="Zed"), 0, 10) == []


def test_undo_refuses_when_the_record_changed_since_and_writes_nothing(journal):
    sofia = person("Sofia Marquez")
    _, change = changes.record([sofia], lambda: mark_dnc(sofia))
    # Another process (or an import) edits Sofia after the change.
    save_contact(replace(load_contact(sofia), notes="Changed elsewhere"))

    with pytest.raises(ChangedSince) as refused:
        changes.undo(change)

    assert refused.value.names == ["Sofia Marquez"]
    assert "Sofia Marquez" in str(refused.value)
    kept = load_contact(sofia)
    assert kept.dnc_channels == ("all",) and kept.notes == "Changed elsewhere"


def test_redo_refuses_when_the_record_changed_since_the_undo(journal):
    sofia = person("Sofia Marquez")
    _, change = changes.record([sofia], lambda: mark_dnc(sofia))
    changes.undo(change)
    save_contact(replace(load_contact(sofia), notes="Changed elsewhere"))
    with pytest.raises(ChangedSince):
        changes.redo(change)
    assert load_contact(sofia).dnc_channels == ()


def test_derived_columns_filled_since_do_not_make_a_change_stale(journal):
    sofia = person("Sofia Marquez")
    _, change = changes.record([sofia], lambda: mark_dnc(sofia))
    # The reminder worker fills the kept cadence; a logged mail moves the last touch.
    journal.db.execute_sql("UPDATE contact SET cadence_effective = 30 WHERE id = ?", [sofia])
    Contact.update(last_interaction_on=TODAY).where(Contact.id == sofia).execute()
    changes.undo(change)
    assert load_contact(sofia).dnc_channels == ()


def test_undo_refuses_when_a_contact_it_needs_was_deleted_for_good(journal):
    sofia = person("Sofia Marquez")
    entry = InteractionData(contact_id=sofia, at=dt.datetime(2026, 11, 1, 9), channel="call",
                            direction="outbound", purpose="check-in")  # fmt: skip
    interaction = save_interaction(entry)
    _, change = changes.record([sofia], lambda: delete_interaction(interaction))
    trash_contacts([sofia])
    delete_forever([sofia])
    with pytest.raises(ChangedSince):
        changes.undo(change)
    assert Interaction.select().count() == 0


def test_undo_of_a_new_contact_removes_it_and_redo_brings_it_back(journal):
    data = ContactData(display_name="Ada King", methods=[MethodData("email", "ada@x.example")])
    new_id, change = changes.record([], lambda: save_contact(data), lambda made: [made])
    changes.undo(change)
    assert not Contact.select().where(Contact.id == new_id).exists()
    changes.redo(change)
    assert load_contact(new_id).methods[0].value == "ada@x.example"


def test_two_changes_joined_undo_together_to_the_first_before(journal):
    sofia = person("Sofia Marquez")
    promise = add_promise(sofia, "Send the link", TODAY, due_on=TODAY)
    _, broken = changes.record([sofia], lambda: break_promise(promise, TODAY))
    entry = InteractionData(contact_id=sofia, at=dt.datetime(2026, 11, 20, 9), channel="email",
                            direction="outbound", purpose="apology", summary="Sorry")  # fmt: skip
    apology, logged = changes.record([sofia], lambda: save_interaction(entry))
    both = broken.then(logged)
    changes.undo(both)
    assert Promise.get_by_id(promise).status == "open"
    assert not Interaction.select().where(Interaction.id == apology).exists()
    changes.redo(both)
    assert Promise.get_by_id(promise).status == "broken"
    assert Interaction.get_by_id(apology).summary == "Sorry"


def test_goals_created_reranked_and_deleted_are_undone_and_redone(journal):
    from gratitude_desktop.journal.goals import GoalData, delete_goal, list_goals, save_goal

    first = save_goal(GoalData(title="Meet people", metric="meetings", target=4,
                               period="month"))  # fmt: skip
    data = GoalData(title="Thank referrers", metric="meetings", target=1, period="month")
    second, made = changes.record([], lambda: save_goal(data), goals=True)
    _, deleted = changes.record([], lambda: delete_goal(first), goals=True)
    changes.undo(deleted)
    assert [g.title for g in list_goals()] == ["Meet people", "Thank referrers"]
    changes.undo(made)
    assert [g.id for g in list_goals()] == [first]
    changes.redo(made)
    assert [g.id for g in list_goals()] == [first, second]


def test_a_renamed_offering_changed_since_is_refused_by_its_name(journal):
    from gratitude_desktop.journal.purchases import add_offering, list_offerings, rename_offering

    offering = add_offering("Coaching")
    _, renamed = changes.record([], lambda: rename_offering(offering, "Mentoring"), offerings=True)
    rename_offering(offering, "Group mentoring")
    with pytest.raises(ChangedSince) as refused:
        changes.undo(renamed)
    assert refused.value.names == ["Group mentoring"]
    assert [o.name for o in list_offerings()] == ["Group mentoring"]


def test_tags_relationships_and_photos_are_undone_and_redone(journal):
    from gratitude_desktop.journal import photos, relationships, tags
    from gratitude_desktop.journal.relationships import RelationshipData

    ada = save_contact(ContactData(display_name="Ada"))
    ben = save_contact(ContactData(display_name="Ben"))
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 20
    _, tagged = changes.record([ada], lambda: tags.set_tags(ada, ["Golf"]))
    _, linked = changes.record(
        [ada, ben], lambda: relationships.link(RelationshipData(ada, ben, "spouse"))
    )
    _, pictured = changes.record([ada], lambda: photos.set_photo(ada, png))
    for change in (pictured, linked, tagged):
        changes.undo(change)
    assert tags.tags_of(ada) == [] and relationships.relatives(ben) == []
    assert photos.photo_of(ada) is None
    for change in (tagged, linked, pictured):
        changes.redo(change)
    assert [t.name for t in tags.tags_of(ada)] == ["Golf"]
    assert [r.name for r in relationships.relatives(ben)] == ["Ada"]
    assert photos.photo_of(ada).data == png
