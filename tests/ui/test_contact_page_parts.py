"""The contact page's parts: avatar, photo from a file, read view and edit mode, read-only."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact
from gratitude_desktop.journal.photos import photo_of
from gratitude_desktop.ui.contacts.avatar import initials, photo_from_file, scaled_photo


@pytest.fixture
def page(qtbot, journal):
    from gratitude_desktop.ui.contacts.page import ContactPage

    widget = ContactPage()
    qtbot.addWidget(widget)
    widget.resize(700, 800)
    widget.show()
    return widget


def test_initials_take_the_first_and_last_word():
    assert initials("Ada King Lovelace") == "AL"
    assert initials("ada@example.org") == "A"
    assert initials("  ") == "?"


def test_a_big_image_is_scaled_to_the_avatar_size_once(tmp_path):
    image = QImage(1200, 900, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    data = scaled_photo(image)
    stored = QImage.fromData(data)
    assert (stored.width(), stored.height()) == (256, 192)
    path = tmp_path / "x.txt"
    path.write_text("not an image")
    assert photo_from_file(path) == b""


def test_a_photo_chosen_from_a_file_is_stored_and_shown(qtbot, page, tmp_path):
    cid = save_contact(ContactData(display_name="Ada Lovelace"))
    page.show_contact(cid)
    assert not page.header.avatar.has_photo()
    path = tmp_path / "ada.png"
    image = QImage(40, 30, QImage.Format.Format_ARGB32)
    image.fill(QColor(10, 20, 30, 128))
    image.save(str(path))
    page.edit()
    dialog = page.choose_photo()
    dialog.fileSelected.emit(str(path))  # as the dialog does when a file is chosen
    assert photo_of(cid).mime == "image/png"  # with transparency: kept as PNG
    assert page.header.avatar.has_photo()
    dialog.reject()


def test_a_new_contact_opens_in_the_form_and_an_existing_one_reads(page):
    page.show_contact(None)
    assert page.in_edit_mode() and page.form.isVisible()
    cid = save_contact(ContactData(display_name="Ada", methods=[MethodData("email", "a@x.org")]))
    page.show_contact(cid)
    assert not page.in_edit_mode() and page.tabs.isVisible() and page.links.isVisible()
    assert page.buttons["edit"].isVisible() and not page.buttons["save"].isVisible()
    width = page.minimumWidth()
    page.edit()
    assert page.buttons["save"].isVisible() and not page.buttons["edit"].isVisible()
    assert page.minimumWidth() == width  # no mode moves the splitter


def test_a_read_only_journal_offers_no_edit_tags_or_links(page):
    cid = save_contact(ContactData(display_name="Ada"))
    page.set_read_only(True)
    page.show_contact(cid)
    assert not page.buttons["edit"].isEnabled()
    page.edit()
    assert not page.in_edit_mode()
    assert not page.header.chips.add_button.isVisible()
    assert not page.relatives.link_button.isVisible()
    assert page.add_tag("Golf") is False
