"""Migration 0011: a synced record's version moves when a synced field changes, only then."""

from __future__ import annotations

from gratitude_desktop.journal.contacts import ContactData, MethodData, load_contact, save_contact
from gratitude_desktop.store import sync_state
from gratitude_desktop.store.models import Contact
from gratitude_desktop.store.sync_state import SyncItem


def test_versions_move_for_synced_contacts_on_synced_fields_only(journal):
    unsynced = save_contact(ContactData(given_name="Bob"))
    synced = save_contact(ContactData(given_name="Ada", methods=[MethodData("email", "a@x.org")]))
    book = sync_state.collection_for("http://127.0.0.1/ann/book/", "addressbook")
    SyncItem.create(
        collection=book, href="h", uid="u", kind="contact", record_id=synced, synced_version=1
    )
    assert sync_state.changed_items(book, "contact") == []
    assert sync_state.unlinked_contacts(book) == [unsynced]

    # Not a synced field: the version stays.
    Contact.update(last_interaction_on="2026-01-01").where(Contact.id == synced).execute()
    assert sync_state.changed_items(book, "contact") == []
    data = load_contact(synced)
    data.title = "Countess"
    save_contact(data)
    assert sync_state.changed_items(book, "contact") == [synced]
    before = sync_state.versions("contact", [synced])[synced]
    data = load_contact(synced)
    data.methods.append(MethodData("phone", "+44 20 7946 0018"))
    save_contact(data)
    assert sync_state.versions("contact", [synced])[synced] > before

    # A contact that was never synced pays nothing: its version stays at 1.
    data = load_contact(unsynced)
    data.title = "Sir"
    save_contact(data)
    assert sync_state.versions("contact", [unsynced])[unsynced] == 1

    # Deleted for good: its item is orphaned, to be deleted on the server.
    Contact.update(trashed_at="2026-01-01 00:00:00").where(Contact.id == synced).execute()
    assert sync_state.changed_items(book, "contact") == []  # trashed: nothing to write up
    Contact.delete().where(Contact.id == synced).execute()
    assert [i.href for i in sync_state.orphaned_items(book, "contact")] == ["h"]
    # SQLite gives a new contact the deleted one's id: the item does not follow it.
    assert save_contact(ContactData(given_name="Cleo")) == synced
    assert sync_state.changed_items(book, "contact") == []
    assert synced in sync_state.unlinked_contacts(book)
    assert [i.href for i in sync_state.orphaned_items(book, "contact")] == ["h"]
