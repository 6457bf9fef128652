"""Contacts ↔ a real Radicale address book: both directions, edits, conflicts, deletes."""

from __future__ import annotations

import datetime as dt

import httpx
import vobject

from gratitude_desktop.journal.contacts import (
    ContactData,
    MethodData,
    empty_trash,
    load_contact,
    save_contact,
    trash_contacts,
)
from gratitude_desktop.store.models import Contact
from gratitude_desktop.sync.service import SyncAccount, sync_journal

TODAY = dt.date(2026, 12, 6)
USER = "ann"


def account(radicale) -> SyncAccount:
    return SyncAccount(url=radicale.url, user=USER)


def sync(journal, radicale, **kwargs):
    result = sync_journal(
        journal.data_dir, journal.path, account(radicale), "pw", today=TODAY, **kwargs
    )
    assert result.ok, result.message
    return result


def phone_put(radicale, name: str, text: str, etag: str | None = None) -> None:
    """A second client (the phone) writes a card straight to the server."""
    headers = {"Content-Type": "text/vcard"}
    if etag:
        headers["If-Match"] = etag
    url = f"{radicale.url}{USER}/gratitude/{name}"
    response = httpx.put(url, content=text.encode(), headers=headers, auth=(USER, "pw"))
    assert response.status_code in (201, 204), response.text


def phone_card(uid: str, fn: str, email: str, extra: str = "") -> str:
    family, _, given = fn.partition(" ")[::-1]
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        f"UID:{uid}\r\nFN:{fn}\r\nN:{family};{given};;;\r\n"
        f"EMAIL;TYPE=INTERNET:{email}\r\n{extra}END:VCARD\r\n"
    )


def ada() -> ContactData:
    return ContactData(
        given_name="Ada",
        family_name="Lovelace",
        organization="Analytical Engines",
        title="Countess",
        birthday="1815-12-10",
        anniversary="--07-08",
        notes="Met at the Babbage soirée;\nloves poetry, maths",
        stage="customer",
        circles=("mentor",),
        how_we_met="A soirée",
        story="Wrote the first program",
        needs="Funding",
        cadence_days=30,
        methods=[
            MethodData("email", "ada@example.org", "work", True),
            MethodData("phone", "+44 20 7946 0018", "mobile", True),
            MethodData("address", "12 St James's Square, London"),
        ],
    )


def test_first_sync_writes_every_contact_as_a_valid_card(journal, radicale, tmp_path):
    contact_id = save_contact(ada())
    ics = tmp_path / "reminders.ics"
    result = sync_journal(
        journal.data_dir,
        journal.path,
        SyncAccount(radicale.url, USER, reminders_file=str(ics)),
        "pw",
        today=TODAY,
    )
    assert result.ok, result.message
    assert "Reminders calendar: 2 events" in result.message  # birthday and anniversary
    assert "SUMMARY:Birthday: Ada Lovelace" in ics.read_text()
    assert result.contacts["created_there"] == 1
    cards = radicale.cards(USER, "gratitude")
    assert len(cards) == 1
    (text,) = cards.values()
    card = vobject.readOne(text)  # an independent parser reads what a second client sees
    assert card.fn.value == "Ada Lovelace"
    assert card.n.value.family == "Lovelace" and card.n.value.given == "Ada"
    assert card.org.value == ["Analytical Engines"]
    assert card.title.value == "Countess"
    assert card.email.value == "ada@example.org"
    assert card.tel.value == "+44 20 7946 0018"
    assert card.note.value == "Met at the Babbage soirée;\nloves poetry, maths"
    assert card.contents["x-gratitude-stage"][0].value == "customer"
    assert card.contents["x-gratitude-story"][0].value == "Wrote the first program"
    assert card.contents["x-gratitude-cadence-days"][0].value == "30"
    assert card.uid.value.endswith(f"-{contact_id}")
    # A second sync with nothing changed writes nothing.
    again = sync(journal, radicale)
    assert again.contacts["created_there"] == again.contacts["updated_there"] == 0
    assert again.contacts["created_here"] == [] and again.contacts["updated_here"] == []


def test_a_phone_contact_arrives_and_an_edit_on_each_side_travels(journal, radicale):
    contact_id = save_contact(ada())
    sync(journal, radicale)
    phone_put(radicale, "grace.vcf", phone_card("grace-1", "Grace Hopper", "grace@navy.mil"))
    result = sync(journal, radicale)
    assert result.contacts["created_here"] == ["Grace Hopper"]
    grace = Contact.get(Contact.display_name == "Grace Hopper")
    assert load_contact(grace.id).methods[0].value == "grace@navy.mil"

    # The phone edits Grace's title; the journal edits Ada's needs.
    phone_put(
        radicale,
        "grace.vcf",
        phone_card("grace-1", "Grace Hopper", "grace@navy.mil", "TITLE:Rear Admiral\r\n"),
    )
    data = load_contact(contact_id)
    data.needs = "A better engine"
    save_contact(data)
    result = sync(journal, radicale)
    assert load_contact(grace.id).title == "Rear Admiral"
    assert result.contacts["updated_there"] == 1
    (ada_card,) = [t for n, t in radicale.cards(USER, "gratitude").items() if "Lovelace" in t]
    assert vobject.readOne(ada_card).contents["x-gratitude-needs"][0].value == "A better engine"
    # The phone's card keeps what Gratitude does not know when written back.
    data = load_contact(grace.id)
    data.organization = "US Navy"
    save_contact(data)
    phone_put_with_photo = radicale.cards(USER, "gratitude")["grace.vcf"]
    assert "ORG:US Navy" not in phone_put_with_photo
    sync(journal, radicale)
    assert "ORG:US Navy" in radicale.cards(USER, "gratitude")["grace.vcf"]


def test_same_field_on_both_sides_keeps_the_journals_and_notes_the_other(journal, radicale):
    contact_id = save_contact(ada())
    sync(journal, radicale)
    (name, text) = next(iter(radicale.cards(USER, "gratitude").items()))
    etag = httpx.get(f"{radicale.url}{USER}/gratitude/{name}", auth=(USER, "pw")).headers["etag"]
    phone_put(radicale, name, text.replace("TITLE:Countess", "TITLE:Mathematician"), etag)
    data = load_contact(contact_id)
    data.title = "Enchantress of Numbers"
    save_contact(data)
    result = sync(journal, radicale)
    after = load_contact(contact_id)
    assert after.title == "Enchantress of Numbers"
    assert "From the server on 2026-12-06, title: Mathematician" in after.notes
    assert [c["field"] for c in result.contacts["conflicts"]] == ["title"]
    card = vobject.readOne(radicale.cards(USER, "gratitude")[name])
    assert card.title.value == "Enchantress of Numbers"


def test_deleted_on_the_server_goes_to_the_trash_and_emptied_trash_deletes_there(journal, radicale):
    ada_id = save_contact(ada())
    bob_id = save_contact(ContactData(given_name="Bob", methods=[MethodData("email", "bob@x.org")]))
    sync(journal, radicale)
    names = radicale.cards(USER, "gratitude")
    (ada_file,) = [n for n, t in names.items() if "Lovelace" in t]
    httpx.delete(f"{radicale.url}{USER}/gratitude/{ada_file}", auth=(USER, "pw"))
    result = sync(journal, radicale)
    assert result.contacts["trashed_here"] == ["Ada Lovelace"]
    assert Contact.get_by_id(ada_id).trashed_at is not None

    trash_contacts([bob_id])
    sync(journal, radicale)
    assert len(radicale.cards(USER, "gratitude")) == 1  # trashed, not emptied: still there
    empty_trash()
    result = sync(journal, radicale)
    assert result.contacts["deleted_there"] == 1
    assert radicale.cards(USER, "gratitude") == {}
