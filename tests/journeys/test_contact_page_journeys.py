"""Journeys through the contact page (issue 19): read a person, reach them, edit on demand,
search what was said, tag, link, set a photo. Keys and clicks only; then the screen and
the journal are checked."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QPointF, Qt, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from gratitude_desktop.journal.contacts import load_contact
from gratitude_desktop.journal.interactions import timeline_count
from gratitude_desktop.journal.photos import photo_of
from gratitude_desktop.journal.relationships import relatives
from gratitude_desktop.journal.tags import tags_of
from gratitude_desktop.store.models import Contact
from tests.journeys.walk import CTRL, WAIT, click, open_by_name, press


def contact_id(name: str) -> int:
    return Contact.get(Contact.display_name == name).id


def list_names(window) -> list[str]:
    model = window.contact_list.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


class MailHandler(QObject):
    """Stands in for the desktop's mail program: remembers what it was asked to open."""

    def __init__(self):
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.opened.append(url.toString())


def the_box(qtbot, name: str) -> QMessageBox:
    qtbot.waitUntil(
        lambda: any(
            w.objectName() == name and w.isVisible() for w in QApplication.topLevelWidgets()
        ),
        timeout=WAIT,
    )
    return next(
        w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()
    )


def test_open_a_contact_and_read_its_header(sample_window, qtbot):
    window, page = sample_window, sample_window.contact_page
    open_by_name(qtbot, window, "Priya Raman")
    header = page.header
    assert header.work.text() == "Owner and head chef at Raman's Kitchen"
    chips = [c.text() for c in header.chips.findChildren(type(header.name)) if c.isVisible()]
    assert {"Client", "Referral source", "# Chamber breakfast", "# Hospitality"} <= set(chips)
    assert header.met.text().startswith("Met 2024-08-15 · Leeds Chamber of Commerce breakfast")
    assert header.touch.text().startswith("Last touch ")
    assert " · quiet " in header.touch.text()
    assert "You promised: Draft the cash-flow forecast" in header.due.text()
    assert header.avatar.has_photo()
    assert header.dnc.isHidden()
    assert not page.form.isVisible()  # a person, not a form
    assert page.timeline.isVisible() and page.timeline.model.total() > 30


def test_a_refused_email_is_no_link_and_an_allowed_one_opens_mail_and_logs(sample_window, qtbot):
    window, page = sample_window, sample_window.contact_page
    handler = MailHandler()
    QDesktopServices.setUrlHandler("mailto", handler, "handle")
    try:
        open_by_name(qtbot, window, "Helen Ward")  # asked for no more contact at all
        assert page.header.dnc.isVisible()
        assert "Please take me off your list" in page.header.dnc.text()
        assert page.header.dnc.text().count("“") == 1  # their words, quoted once
        email = next(w for link, w in page.links.links if link.kind == "email")
        assert not isinstance(email, QPushButton)  # not a link
        assert "They asked not to be contacted." in email.text()
        click(qtbot, email)
        assert handler.opened == []

        open_by_name(qtbot, window, "Priya Raman")
        before = timeline_count(contact_id("Priya Raman"))
        email = next(w for link, w in page.links.links if link.kind == "email")
        click(qtbot, email)
        assert handler.opened == ["mailto:priya@ramanskitchen.example"]
        box = the_box(qtbot, "logTouch")
        assert box.text() == "Log this email to Priya Raman?"
        click(qtbot, box.button(QMessageBox.StandardButton.Yes))
        qtbot.waitUntil(
            lambda: timeline_count(contact_id("Priya Raman")) == before + 1, timeout=WAIT
        )
        assert page.timeline.model.index(0, 3).data() == "Email to priya@ramanskitchen.example"
    finally:
        QDesktopServices.unsetUrlHandler("mailto")


def test_edit_save_and_undo(sample_window, qtbot):
    window, page = sample_window, sample_window.contact_page
    open_by_name(qtbot, window, "Tom Whitaker")
    tom = contact_id("Tom Whitaker")
    press(qtbot, Qt.Key.Key_E, CTRL)
    assert page.form.isVisible()
    assert QApplication.focusWidget() is page.form.lines["display_name"]
    title = page.form.lines["title"]
    page.form.ensureWidgetVisible(title)
    click(qtbot, title)
    title.selectAll()
    qtbot.keyClicks(title, "Master joiner")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert load_contact(tom).title == "Master joiner"
    assert not page.form.isVisible()  # back to the person
    assert page.header.work.text() == "Master joiner at Whitaker Joinery"
    view = window.contact_list.view
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.visualRect(view.currentIndex()).center(),
    )
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert load_contact(tom).title == "Director"
    qtbot.waitUntil(lambda: page.header.work.text() == "Director at Whitaker Joinery", timeout=WAIT)


def test_cancel_throws_the_edits_away(sample_window, qtbot):
    window, page = sample_window, sample_window.contact_page
    open_by_name(qtbot, window, "Tom Whitaker")
    press(qtbot, Qt.Key.Key_E, CTRL)
    qtbot.keyClicks(page.form.lines["display_name"], " Jr")
    click(qtbot, page.buttons["revert"])
    assert not page.form.isVisible() and not page.has_unsaved_changes()
    assert load_contact(contact_id("Tom Whitaker")).display_name == "Tom Whitaker"


def test_search_the_timeline(sample_window, qtbot):
    window, page = sample_window, sample_window.contact_page
    open_by_name(qtbot, window, "Priya Raman")
    search = page.timeline.search
    click(qtbot, search)
    qtbot.keyClicks(search, "tronc")
    model = page.timeline.model
    shown = [model.index(r, 3).data() for r in range(model.rowCount())]
    assert shown and all("tronc" in s.lower() for s in shown)
    assert model.total() < timeline_count(contact_id("Priya Raman"))
    open_by_name(qtbot, window, "Tom Whitaker")
    assert search.text() == "" and not model.filtering()  # nothing carried over


def test_find_a_person_by_a_word_in_an_old_call_note(sample_window, qtbot):
    window = sample_window
    press(qtbot, Qt.Key.Key_F, CTRL)
    search = window.contact_list.search
    qtbot.keyClicks(search, "lease versus buy")  # in the notes of a call with Tom
    qtbot.waitUntil(lambda: list_names(window) == ["Tom Whitaker"], timeout=WAIT)


def test_add_a_tag_and_filter_by_it(sample_window, qtbot):
    window, page = sample_window, sample_window.contact_page
    open_by_name(qtbot, window, "Kate Sullivan")
    chips = page.header.chips
    click(qtbot, chips.add_button)
    assert QApplication.focusWidget() is chips.tag_edit
    qtbot.keyClicks(chips.tag_edit, "Nurseries")
    press(qtbot, Qt.Key.Key_Return, widget=chips.tag_edit)
    qtbot.waitUntil(lambda: "Nurseries" in chips.tag_names(), timeout=WAIT)
    assert [t.name for t in tags_of(contact_id("Kate Sullivan"))] == ["Nurseries"]
    combo = window.contact_list.tag_filter
    combo.setFocus()
    index = combo.findText("# Nurseries")
    assert index > 0
    for _ in range(index):
        press(qtbot, Qt.Key.Key_Down, widget=combo)
    qtbot.waitUntil(lambda: list_names(window) == ["Kate Sullivan"], timeout=WAIT)
    # Ctrl+Z takes the tag back off.
    view = window.contact_list.view
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.visualRect(view.model().index(0, 0)).center(),
    )
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert tags_of(contact_id("Kate Sullivan")) == []


def test_link_a_spouse_and_see_it_on_both_pages(sample_window, qtbot):
    window, page = sample_window, sample_window.contact_page
    open_by_name(qtbot, window, "Marcus Reid")
    click(qtbot, page.relatives.link_button)
    dialog = the_box(qtbot, "linkDialog")
    dialog.kind.setFocus()
    while dialog.kind.currentData() != "spouse":
        press(qtbot, Qt.Key.Key_Up, widget=dialog.kind)
    edit = dialog.other.edit
    click(qtbot, edit)
    qtbot.keyClicks(edit, "Isabel")
    popup = dialog.other.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    press(qtbot, Qt.Key.Key_Down, widget=popup)
    press(qtbot, Qt.Key.Key_Return, widget=popup)
    qtbot.waitUntil(lambda: edit.text() == "Isabel Moreno", timeout=WAIT)
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    # Spouse first, then the colleague the sample already links him to.
    qtbot.waitUntil(
        lambda: (
            [b.text() for b in page.relatives.relative_buttons()]
            == ["Isabel Moreno", "Sunita Kaur"]
        ),
        timeout=WAIT,
    )
    assert [(r.label, r.name) for r in relatives(contact_id("Marcus Reid"))][0] == (
        "Spouse",
        "Isabel Moreno",
    )
    isabel = page.relatives.relative_buttons()[0]
    click(qtbot, isabel)
    qtbot.waitUntil(lambda: page.name_label.text() == "Isabel Moreno", timeout=WAIT)
    assert [b.text() for b in page.relatives.relative_buttons()] == ["Marcus Reid"]
    assert page.relatives.found[0].label == "Spouse"


def drop_file(widget, path) -> None:
    """Drag a file from the desktop and drop it on the middle of `widget`."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    at = QPointF(widget.rect().center())
    enter = QDragEnterEvent(
        at.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted(), "the avatar refuses the file"
    drop = QDropEvent(
        at,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, drop)


def test_set_a_photo(sample_window, qtbot, tmp_path):
    window, page = sample_window, sample_window.contact_page
    picture = tmp_path / "kate.png"
    image = QImage(600, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("#4a7ab5"))
    assert image.save(str(picture))
    open_by_name(qtbot, window, "Kate Sullivan")
    assert not page.header.avatar.has_photo()
    press(qtbot, Qt.Key.Key_E, CTRL)
    drop_file(page.header.avatar, picture)  # the file dragged from the desktop
    kate = contact_id("Kate Sullivan")
    qtbot.waitUntil(lambda: photo_of(kate) is not None, timeout=WAIT)
    stored = QImage.fromData(photo_of(kate).data)
    assert max(stored.width(), stored.height()) == 256  # scaled once, kept in the journal
    assert page.header.avatar.has_photo()
