"""Address books' labels become tags and their photos avatars, and go back out the same way."""

from __future__ import annotations

import base64

from gratitude_desktop.io import importer
from gratitude_desktop.io.export import export_csv, export_vcard
from gratitude_desktop.journal.contacts import ContactData, load_contact, save_contact
from gratitude_desktop.journal.photos import photo_of, set_photo
from gratitude_desktop.journal.tags import set_tags, tags_of
from gratitude_desktop.store.models import Contact

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(60))


def only_contact():
    return Contact.get()


def test_vcard_categories_become_tags_and_circles_and_an_inline_photo_is_kept(journal, tmp_path):
    encoded = base64.b64encode(JPEG).decode()
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\n"
        "CATEGORIES:Friend,Golf club,Chamber\r\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:{encoded[:40]}\r\n {encoded[40:]}\r\n"
        "END:VCARD\r\n"
    )
    path = tmp_path / "ada.vcf"
    path.write_text(card)
    report = importer.import_file(path)
    assert report.created == 1 and not report.warnings
    ada = only_contact()
    assert [t.name for t in tags_of(ada.id)] == ["Chamber", "Golf club"]
    assert load_contact(ada.id).circles == ("friend",)
    assert photo_of(ada.id).data == JPEG
    assert load_contact(ada.id).notes == ""


def test_a_vcard_4_data_uri_photo_is_read_and_a_linked_one_is_noted(journal, tmp_path):
    encoded = base64.b64encode(JPEG).decode()
    path = tmp_path / "two.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\n"
        f"PHOTO:data:image/jpeg;base64,{encoded}\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ben\r\n"
        "PHOTO:https://example.org/ben.jpg\r\nEND:VCARD\r\n"
    )
    importer.import_file(path)
    ids = {c.display_name: c.id for c in Contact.select()}
    assert photo_of(ids["Ada"]).data == JPEG
    assert photo_of(ids["Ben"]) is None
    assert "Photo not kept: it is a link" in load_contact(ids["Ben"]).notes


def test_outlook_categories_become_tags(journal, tmp_path):
    path = tmp_path / "outlook.csv"
    path.write_text(
        "First Name,Last Name,E-mail Address,Categories\r\n"
        "Ada,Lovelace,ada@example.org,Golf club;VIP\r\n",
        encoding="utf-8",
    )
    report = importer.import_file(path)
    assert report.flavour.startswith("outlook"), report.flavour
    assert [t.name for t in tags_of(only_contact().id)] == ["Golf club", "VIP"]


def test_tags_and_photos_go_back_out_in_vcard_and_csv_and_read_back(journal, tmp_path):
    ada = save_contact(
        ContactData(
            display_name="Ada Lovelace",
            given_name="Ada",
            family_name="Lovelace",
            circles=("mentor",),
        )
    )
    set_tags(ada, ["Golf club", "Chamber"])
    set_photo(ada, JPEG)
    vcf, csv = tmp_path / "out.vcf", tmp_path / "out.csv"
    export_vcard(vcf)
    export_csv(csv)
    text = vcf.read_text()
    assert "CATEGORIES:mentor,Chamber,Golf club" in text
    assert "PHOTO:data:image/jpeg;base64," in text
    assert "mentor ::: Chamber ::: Golf club" in csv.read_text()
    journal.close()
    from gratitude_desktop.store.db import open_journal

    for path in (vcf, csv):
        other = open_journal(tmp_path / f"from-{path.suffix[1:]}")
        try:
            report = importer.import_file(path)
            assert report.created == 1, (path, report)
            contact = only_contact()
            assert [t.name for t in tags_of(contact.id)] == ["Chamber", "Golf club"]
            assert load_contact(contact.id).circles == ("mentor",)
            if path is vcf:
                assert photo_of(contact.id).data == JPEG
        finally:
            other.close()


def test_importing_again_adds_no_second_tag_or_photo(journal, tmp_path):
    path = tmp_path / "ada.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEMAIL:ada@example.org\r\n"
        "CATEGORIES:Golf\r\nEND:VCARD\r\n"
    )
    importer.import_file(path)
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEMAIL:ada@example.org\r\n"
        "CATEGORIES:golf,Chamber\r\nEND:VCARD\r\n"
    )
    report = importer.import_file(path)
    assert report.merged == 1
    assert [t.name for t in tags_of(only_contact().id)] == ["Chamber", "Golf"]
