"""Tags, relationships between contacts and photos, as the journal keeps them."""

from __future__ import annotations

import pytest

from gratitude_desktop.journal import photos, relationships, tags
from gratitude_desktop.journal.ask_around import who_knows
from gratitude_desktop.journal.contacts import (
    ContactData,
    MethodData,
    delete_forever,
    save_contact,
    trash_contacts,
)
from gratitude_desktop.journal.relationships import RelationshipData, RelationshipInvalid
from gratitude_desktop.store.models import Tag
from gratitude_desktop.store.queries import ContactFilter, contact_page

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 40


def contact(name, **kw):
    return save_contact(ContactData(display_name=name, **kw))


def test_tags_are_created_once_whatever_their_case_and_listed_by_name(journal):
    ada, ben = contact("Ada"), contact("Ben")
    assert tags.set_tags(ada, ["Golf club", "  chamber "]) == []
    tags.set_tags(ben, ["golf  CLUB"])
    assert [t.name for t in tags.tags_of(ada)] == ["chamber", "Golf club"]
    assert [t.name for t in tags.tags_of(ben)] == ["Golf club"]
    assert Tag.select().count() == 2
    assert tags.set_tags(ada, ["chamber"]) == ["chamber", "Golf club"]
    assert tags.tag_names_by_contact() == {ada: ["chamber"], ben: ["Golf club"]}


def test_a_tag_name_with_a_comma_or_nothing_in_it_is_refused(journal):
    ada = contact("Ada")
    for bad in ["", "a,b", "x" * 61]:
        with pytest.raises(tags.TagInvalid):
            tags.set_tags(ada, [bad])
    assert tags.tags_of(ada) == []


def test_the_list_filters_by_tag(journal):
    ada, ben = contact("Ada"), contact("Ben")
    tags.set_tags(ada, ["Golf"])
    tags.set_tags(ben, ["Chamber"])
    golf = tags.tag_named("golf")
    rows = contact_page(ContactFilter(tag=golf.id), 0, 10)
    assert [r.display_name for r in rows] == ["Ada"]


def test_a_new_tag_gets_a_colour_the_user_can_change(journal):
    ada = contact("Ada")
    tags.set_tags(ada, ["Golf"])
    golf = tags.tag_named("Golf")
    assert golf.color == tags.default_color("golf")
    assert tags.set_color(golf.id, "#ff0000") == golf.color
    assert tags.tag_named("Golf").color == "#ff0000"


def test_add_tags_links_many_and_skips_what_is_there(journal):
    ada, ben = contact("Ada"), contact("Ben")
    tags.set_tags(ada, ["Golf"])
    assert tags.add_tags([(ada, "golf"), (ada, "VIP"), (ben, "VIP"), (ben, "a,b")]) == 2
    assert tags.tag_names_by_contact() == {ada: ["Golf", "VIP"], ben: ["VIP"]}


def test_a_relationship_shows_on_both_pages_read_from_each_side(journal):
    ada, ben, cy = contact("Ada"), contact("Ben"), contact("Cy")
    relationships.link(RelationshipData(ada, ben, "spouse"))
    relationships.link(RelationshipData(ada, cy, "parent"))  # Cy is Ada's parent
    assert [(r.label, r.name) for r in relationships.relatives(ada)] == [
        ("Spouse", "Ben"),
        ("Parent", "Cy"),
    ]
    assert [(r.label, r.name) for r in relationships.relatives(ben)] == [("Spouse", "Ada")]
    assert [(r.label, r.name) for r in relationships.relatives(cy)] == [("Child", "Ada")]


def test_a_child_link_is_stored_as_the_parent_link_it_mirrors(journal):
    ada, cy = contact("Ada"), contact("Cy")
    relationships.link(RelationshipData(cy, ada, "child"))  # Ada is Cy's child
    assert [(r.label, r.name) for r in relationships.relatives(ada)] == [("Parent", "Cy")]
    with pytest.raises(RelationshipInvalid):
        relationships.link(RelationshipData(ada, cy, "parent"))  # the same link again


def test_links_that_make_no_sense_are_refused(journal):
    ada, ben = contact("Ada"), contact("Ben")
    relationships.link(RelationshipData(ada, ben, "spouse"))
    for data in (
        RelationshipData(ada, ada, "friend"),
        RelationshipData(ada, ben, "cousin"),
        RelationshipData(ben, ada, "spouse"),  # symmetric: already there
        RelationshipData(ada, 9999, "friend"),
    ):
        with pytest.raises(RelationshipInvalid):
            relationships.link(data)


def test_unlink_gives_back_the_link_and_deleting_a_contact_drops_its_links(journal):
    ada, ben = contact("Ada"), contact("Ben")
    rid = relationships.link(RelationshipData(ada, ben, "assistant"))
    assert [r.label for r in relationships.relatives(ben)] == ["Assistant to"]
    gone = relationships.unlink(rid)
    assert (gone.contact_id, gone.other_id, gone.kind) == (ada, ben, "assistant")
    relationships.link(gone)
    trash_contacts([ben])
    assert relationships.relatives(ada) == []  # the trash is not shown
    delete_forever([ben])
    assert relationships.all_links() == []


def test_who_may_know_them_offers_their_relatives(journal):
    ada = contact("Ada", methods=[MethodData("email", "ada@example.org", bad=True)])
    ben = contact("Ben")
    relationships.link(RelationshipData(ada, ben, "spouse"))
    assert [(a.name, a.why) for a in who_knows(ada)] == [("Ben", "their spouse")]


def test_a_photo_is_stored_once_and_replaced(journal):
    ada = contact("Ada")
    assert photos.set_photo(ada, PNG) is None
    assert photos.photo_of(ada) == photos.PhotoData("image/png", PNG)
    jpeg = b"\xff\xd8\xff\xe0" + b"\0" * 20
    assert photos.set_photo(ada, jpeg).data == PNG
    assert photos.photo_of(ada).mime == "image/jpeg"
    assert photos.remove_photo(ada).data == jpeg
    assert photos.photo_of(ada) is None


def test_what_is_not_an_image_or_too_big_is_refused(journal):
    ada = contact("Ada")
    for bad in [b"", b"hello", b"\xff\xd8\xff" + b"\0" * photos.MAX_BYTES]:
        with pytest.raises(photos.PhotoInvalid):
            photos.set_photo(ada, bad)
    assert photos.add_photos({ada: b"hello"}) == [
        (ada, "The photo is not a JPEG, PNG or GIF image.")
    ]
    assert photos.photo_of(ada) is None
