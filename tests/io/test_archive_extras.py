"""Tags (with colours), relationships and photos go into the archive and come back unchanged."""

from __future__ import annotations

import base64
import json

import pytest

from gratitude_desktop.io.archive import export_archive, import_archive
from gratitude_desktop.io.report import ImportRefused
from gratitude_desktop.journal import photos, relationships, tags
from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.relationships import RelationshipData
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.models import Contact

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(40))


def _names_of(relatives):
    return [(r.label, r.name) for r in relatives]


def test_tags_relationships_and_photos_survive_a_round_trip(journal, tmp_path):
    ada = save_contact(ContactData(display_name="Ada"))
    ben = save_contact(ContactData(display_name="Ben"))
    cy = save_contact(ContactData(display_name="Cy"))
    tags.set_tags(ada, ["Golf club", "Chamber"])
    tags.set_color(tags.tag_named("Chamber").id, "#123456")
    relationships.link(RelationshipData(ada, ben, "spouse"))
    relationships.link(RelationshipData(cy, ada, "parent"))
    photos.set_photo(ada, PNG)
    out = tmp_path / "journal.json"
    export_archive(out)
    record = json.loads(out.read_text())["contacts"][0]
    assert record["tags"] == ["Chamber", "Golf club"]
    assert record["relationships"] == [{"kind": "spouse", "with": "c2"}]
    assert base64.b64decode(record["photo"]["data"]) == PNG
    journal.close()

    other = open_journal(tmp_path / "other")
    try:
        import_archive(out)
        ids = {c.display_name: c.id for c in Contact.select()}
        assert [t.name for t in tags.tags_of(ids["Ada"])] == ["Chamber", "Golf club"]
        assert tags.tag_named("chamber").color == "#123456"
        assert _names_of(relationships.relatives(ids["Ada"])) == [
            ("Spouse", "Ben"),
            ("Child", "Cy"),
        ]
        assert _names_of(relationships.relatives(ids["Cy"])) == [("Parent", "Ada")]
        assert photos.photo_of(ids["Ada"]) == photos.PhotoData("image/png", PNG)
        again = tmp_path / "again.json"
        export_archive(again)
        first, second = json.loads(out.read_text()), json.loads(again.read_text())
        first.pop("exported_at"), second.pop("exported_at")
        assert first == second
        # Importing the same file again merges: nothing doubled.
        import_archive(out)
        assert len(tags.tags_of(ids["Ada"])) == 2
        assert len(relationships.relatives(ids["Ada"])) == 2
    finally:
        other.close()


def _archive(contacts, **top):
    return {"format": "gratitude-journal", "version": 1, "contacts": contacts, **top}


@pytest.mark.parametrize(
    ("contact", "field"),
    [
        ({"id": "c1", "display_name": "Ada", "tags": ["a,b"]}, "tags"),
        ({"id": "c1", "display_name": "Ada", "tags": "Golf"}, "tags"),
        (
            {"id": "c1", "display_name": "Ada", "photo": {"type": "image/png", "data": "!!"}},
            "photo.data",
        ),
        (
            {
                "id": "c1",
                "display_name": "Ada",
                "photo": {"data": base64.b64encode(b"hello").decode()},
            },
            "photo.data",
        ),
        (
            {
                "id": "c1",
                "display_name": "Ada",
                "relationships": [{"kind": "cousin", "with": "c1"}],
            },
            "kind",
        ),
        (
            {
                "id": "c1",
                "display_name": "Ada",
                "relationships": [{"kind": "friend", "with": "c9"}],
            },
            "with",
        ),
        (
            {
                "id": "c1",
                "display_name": "Ada",
                "relationships": [{"kind": "friend", "with": "c1"}],
            },
            "with",
        ),
    ],
)
def test_a_bad_tag_photo_or_relationship_refuses_the_file_naming_the_field(
    journal, tmp_path, contact, field
):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_archive([contact])))
    with pytest.raises(ImportRefused) as refused:
        import_archive(path)
    assert refused.value.field == field
    assert "contacts[0] (Ada)" in str(refused.value)
    assert Contact.select().count() == 0
