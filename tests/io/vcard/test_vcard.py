"""vCard import: 2.1, 3.0 and 4.0 with folding, quoted-printable, charsets, groups and photos."""

from __future__ import annotations

from pathlib import Path

import pytest

from gratitude_desktop.io import importer
from gratitude_desktop.io.report import ImportRefused, RefusedRow
from gratitude_desktop.io.vcard import reader as vcard
from gratitude_desktop.journal.contacts import load_contact
from gratitude_desktop.journal.tags import tags_of
from gratitude_desktop.store.models import Contact, ImportBatch

CORPUS = Path(__file__).parents[1] / "corpus"


def cards(text: str) -> list:
    return [item for _, item in vcard.read_cards(text, "test.vcf")]


def methods(contact, kind: str) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in contact.methods if m.kind == kind]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_thunderbird_dos_vcard_in_both_line_endings(journal, tmp_path, newline):
    text = (CORPUS / "thunderbird" / "dos_vcard_addressbook.vcf").read_text(encoding="utf-8")
    path = tmp_path / "dos.vcf"
    path.write_bytes(text.replace("\r\n", "\n").replace("\n", newline).encode("utf-8"))
    report = importer.import_file(path)
    assert (report.flavour, report.created) == ("vcard", 1)
    contact = load_contact(Contact.get().id)
    assert contact.display_name == "Name Surname"
    assert (contact.given_name, contact.family_name) == ("Name", "Surname")
    assert methods(contact, "email") == [("home", "example@gmail.com")]


def test_crlf_copy_in_the_corpus_imports_the_same(journal):
    raw = (CORPUS / "thunderbird" / "dos_vcard_crlf.vcf").read_bytes()
    assert b"\r\n" in raw
    importer.import_file(CORPUS / "thunderbird" / "dos_vcard_crlf.vcf")
    assert Contact.get().display_name == "Name Surname"


def test_vcard_21_quoted_printable_with_charsets_and_soft_breaks(journal):
    report = importer.import_file(CORPUS / "vcard" / "v21_quoted_printable.vcf")
    assert report.refused == []
    contact = load_contact(Contact.get().id)
    assert contact.display_name == "Jürgen Müller"
    assert (contact.given_name, contact.family_name) == ("Jürgen", "Müller")
    assert (
        contact.notes
        == "Grüße aus Köln, eine sehr lange Notiz, die weitergeht\nund eine zweite Zeile"
    )
    assert methods(contact, "phone") == [("mobile", "+49 170 1234567"), ("work", "030 123456")]
    assert [m.primary for m in contact.methods if m.kind == "phone"] == [True, False]
    assert methods(contact, "email") == [("", "juergen@example.de")]
    assert methods(contact, "address") == [("home", "Straße 1, 50667 Köln, Deutschland")]


def test_vcard_30_apple_groups_labels_folding_and_yearless_birthday(journal):
    report = importer.import_file(CORPUS / "vcard" / "v30_apple_groups.vcf")
    assert report.created == 2
    contacts = {c.display_name: load_contact(c.id) for c in Contact.select()}
    grace = contacts["Grace Hopper"]
    assert (grace.prefix, grace.given_name, grace.middle_name, grace.family_name) == (
        "RAdm.",
        "Grace",
        "Brewster Murray",
        "Hopper",
    )
    assert (grace.organization, grace.title, grace.birthday) == (
        "US Navy",
        "Rear Admiral",
        "--12-09",
    )
    assert methods(grace, "email") == [
        ("other", "grace@navy.example"),
        ("conference", "amazing.grace@example.org"),
    ]
    assert methods(grace, "phone") == [("mobile", "(202) 555-0143")]
    assert methods(grace, "website") == [("homepage", "https://example.org/grace")]
    assert methods(grace, "social") == [("twitter", "https://twitter.com/gracehopper")]
    assert grace.notes == (
        'Invented the compiler, found a moth; said "it\'s easier to ask forgiveness"\n'
        "than permission.\nDepartment: Computing"
    )
    assert contacts["Only An Org"].organization == "Acme Widgets"


def test_vcard_40_yearless_birthday_anniversary_and_uri_phone(journal):
    importer.import_file(CORPUS / "vcard" / "v40.vcf")
    ada = load_contact(Contact.get().id)
    assert (ada.prefix, ada.given_name, ada.middle_name, ada.family_name) == (
        "Dr.",
        "Ada",
        "King",
        "Lovelace",
    )
    assert ada.nickname == "Enchantress of Numbers"
    assert (ada.birthday, ada.anniversary) == ("--12-10", "1835-07-08")
    assert methods(ada, "phone") == [("work", "+44-20-7946-0001")]
    assert methods(ada, "address") == [
        ("home", "12 St James's Square, SW1Y 4JH London, United Kingdom")
    ]
    assert ada.notes == "Poetical science; notes on the engine, 1843."
    assert [t.name for t in tags_of(ada.id)] == ["mathematics", "poetry"]  # CATEGORIES: tags


def test_a_truncated_vcard_file_is_refused_and_nothing_written(journal):
    with pytest.raises(ImportRefused, match="ends in the middle of card 2"):
        importer.import_file(CORPUS / "vcard" / "truncated.vcf")
    assert Contact.select().count() == 0
    assert ImportBatch.select().count() == 0


def test_a_card_without_any_name_is_refused_with_its_number():
    found = cards(
        "BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nNOTE:x\nEND:VCARD\n"
    )
    assert found[0].display_name == "A"
    assert isinstance(found[1], RefusedRow)
    assert found[1].row == 2
    assert "no name" in found[1].reason


def test_folding_with_tab_and_space_and_escapes():
    (card,) = cards(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Very Long\r\n  Name\r\nNOTE:a\\nb\\, c\\; d\\\\e\r\n\tf\r\nEND:VCARD\r\n"
    )
    assert card.display_name == "Very Long Name"
    assert card.notes == "a\nb, c; d\\ef"


def test_escaped_semicolons_stay_inside_a_name_part():
    (card,) = cards("BEGIN:VCARD\nVERSION:4.0\nN:Smith\\;Jones;Anne;;;\nEND:VCARD\n")
    assert (card.family_name, card.given_name) == ("Smith;Jones", "Anne")


def test_photos_are_skipped_and_bare_21_base64_lines_ignored():
    (card,) = cards(
        "BEGIN:VCARD\nVERSION:2.1\nN:Doe;Jo\nPHOTO;JPEG;ENCODING=BASE64:\n"
        "/9j/4AAQSkZJRgABAQEASABIAAD\nAAAAAAAAAAAAAAAAAAA\n\nEMAIL:jo@example.org\nEND:VCARD\n"
    )
    assert (card.given_name, card.family_name) == ("Jo", "Doe")
    assert [m.value for m in card.methods] == ["jo@example.org"]


def test_quoted_printable_latin1_charset_and_lowercase_keywords():
    (card,) = cards(
        "begin:vcard\nversion:2.1\nfn;charset=iso-8859-1;encoding=quoted-printable:Ren=E9e\nend:vcard\n"
    )
    assert card.display_name == "Renée"


def test_a_file_without_cards_is_refused(journal, tmp_path):
    path = tmp_path / "empty.vcf"
    path.write_text("just some text\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="no vCard"):
        importer.import_file(path)


def test_bad_email_is_kept_in_the_notes_not_lost():
    (card,) = cards("BEGIN:VCARD\nVERSION:3.0\nFN:X Y\nEMAIL:not an email\nEND:VCARD\n")
    assert card.methods == []
    assert card.notes == "Imported email: not an email"
