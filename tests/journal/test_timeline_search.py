"""The words of every interaction are searchable, on the contact's timeline and in the list."""

from __future__ import annotations

import datetime as dt

from gratitude_desktop.journal.contacts import (
    ContactData,
    delete_forever,
    save_contact,
    trash_contacts,
)
from gratitude_desktop.journal.interactions import (
    InteractionData,
    delete_interaction,
    load_interaction,
    save_interaction,
    timeline,
    timeline_count,
)
from gratitude_desktop.store.models import Interaction
from gratitude_desktop.store.queries import ContactFilter, contact_page, count_contacts
from gratitude_desktop.store.search import match_expression


def log(cid, day, summary, notes=""):
    return save_interaction(
        InteractionData(
            contact_id=cid, at=dt.datetime(2026, 1, day, 9), summary=summary, notes=notes
        )
    )


def names(text):
    return [row.display_name for row in contact_page(ContactFilter(text=text), 0, 50)]


def test_timeline_search_finds_words_in_summaries_and_notes_as_prefixes(journal):
    kate = save_contact(ContactData(display_name="Kate Sullivan"))
    log(kate, 1, "Call about the office move")
    log(kate, 2, "Lunch", notes="She asked about Christmas bonuses for her staff")
    log(kate, 3, "Sent the brochure")
    assert [i.summary for i in timeline(kate, words="christm bonus")] == ["Lunch"]
    assert timeline_count(kate, words="the") == 2
    assert timeline_count(kate, words="") == 3
    assert timeline(kate, words="nothing-like-it") == []
    assert timeline(kate, words='"*') == []  # nothing searchable typed: nothing found


def test_timeline_search_keeps_to_the_contact(journal):
    kate = save_contact(ContactData(display_name="Kate"))
    ben = save_contact(ContactData(display_name="Ben"))
    log(kate, 1, "Christmas party")
    log(ben, 1, "Christmas card")
    assert [i.summary for i in timeline(ben, words="christmas")] == ["Christmas card"]


def test_the_contact_search_finds_people_by_words_in_their_timeline(journal):
    kate = save_contact(ContactData(display_name="Kate Sullivan"))
    save_contact(ContactData(display_name="Ben Okafor"))
    log(kate, 1, "Call", notes="Christmas bonuses for the team")
    assert names("Christmas bonuses") == ["Kate Sullivan"]
    assert names("ben") == ["Ben Okafor"]  # names still found
    assert count_contacts(ContactFilter(text="bonuses")) == 1


def test_the_index_follows_edits_deletes_and_deleted_contacts(journal):
    kate = save_contact(ContactData(display_name="Kate"))
    iid = log(kate, 1, "Talked about golf")
    assert names("golf") == ["Kate"]
    data = load_interaction(iid)
    data.summary = "Talked about tennis"
    save_interaction(data)
    assert names("golf") == [] and names("tennis") == ["Kate"]
    delete_interaction(iid)
    assert names("tennis") == []
    other = log(kate, 2, "Sailing plans")
    assert names("sailing") == ["Kate"]
    trash_contacts([kate])
    assert names("sailing") == []  # the trash is not searched
    delete_forever([kate])
    assert Interaction.get_or_none(Interaction.id == other) is None
    (found,) = journal.db.execute_sql(
        "SELECT count(*) FROM interaction_search WHERE interaction_search MATCH 'sailing'"
    ).fetchone()
    assert found == 0


def test_the_index_agrees_with_the_interactions_after_many_writes(journal):
    kate = save_contact(ContactData(display_name="Kate"))
    ids = [log(kate, 1 + n % 28, f"note {n} word{n % 3}") for n in range(30)]
    for iid in ids[::4]:
        delete_interaction(iid)
    journal.db.execute_sql(
        "INSERT INTO interaction_search (interaction_search, rank) VALUES ('integrity-check', 1)"
    )
    expected = Interaction.select().where(Interaction.summary.contains("word1")).count()
    assert timeline_count(kate, words="word1") == expected


def test_a_typed_number_is_not_taken_for_the_contact_id_the_index_keeps(journal):
    kate = save_contact(ContactData(display_name="Kate"))
    log(kate, 1, "Lunch")
    assert names(str(kate)) == []
    assert timeline(kate, words=str(kate)) == []
    assert [i.summary for i in timeline(kate, words="lunch")] == ["Lunch"]


def test_the_timeline_box_reads_words_as_the_index_does(journal):
    """Accents and case folded, underscores cut words, every typed word a prefix."""
    kate = save_contact(ContactData(display_name="Kate"))
    texts = ["Met Jürgen at the café", "file_name sent", "ÉCOLE visit", "Ünïcode"]
    for day, text in enumerate(texts, start=1):
        log(kate, day, text)
    for words in ["jurg", "cafe", "CAF", "name", "file sent", "ecole", "unicode", "x"]:
        expr = match_expression(words)
        indexed = {
            rowid
            for (rowid,) in journal.db.execute_sql(
                "SELECT rowid FROM interaction_search WHERE interaction_search MATCH ?", [expr]
            )
        }
        assert {i.id for i in timeline(kate, words=words)} == indexed, words
    assert names("müller") == []  # nobody: not their fields, not their timeline
    assert names("jurgen") == ["Kate"]  # nobody by name: found by what was said
