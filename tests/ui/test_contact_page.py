"""ContactPage: create, edit, validate beside the field, methods, referred-by, badges."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from gratitude_desktop.journal.contacts import ContactData, MethodData, load_contact, save_contact
from gratitude_desktop.store.models import Contact, ContactMethod


@pytest.fixture
def page(qtbot, journal):
    from gratitude_desktop.ui.contacts.page import ContactPage

    widget = ContactPage()
    qtbot.addWidget(widget)
    widget.resize(900, 900)
    widget.show()
    return widget


def _click(qtbot, page, key):
    qtbot.mouseClick(page.buttons[key], Qt.LeftButton)


def test_new_contact_typed_into_the_form_is_saved_with_its_values(qtbot, page):
    page.show_contact(None)
    qtbot.keyClicks(page.form.lines["given_name"], "Ada")
    qtbot.keyClicks(page.form.lines["family_name"], "Lovelace")
    qtbot.keyClicks(page.form.lines["organization"], "Analytical Engines Ltd")
    page.form.stage.set_value("prospect")
    page.form.circles.boxes["mentor"].setChecked(True)
    qtbot.keyClicks(page.form.birthday, "12-10")
    qtbot.keyClicks(page.form.met_on, "2024-03-01")
    qtbot.keyClicks(page.form.texts["needs"], "A bookkeeper")
    page.form.cadence.set_value(45)
    assert page.has_unsaved_changes()

    with qtbot.waitSignal(page.contactSaved) as saved:
        _click(qtbot, page, "save")

    contact_id = saved.args[0]
    stored = load_contact(contact_id)
    assert stored.display_name == "Ada Lovelace"
    assert stored.given_name == "Ada"
    assert stored.family_name == "Lovelace"
    assert stored.organization == "Analytical Engines Ltd"
    assert stored.stage == "prospect"
    assert stored.circles == ("mentor",)
    assert stored.birthday == "--12-10"
    assert stored.met_on == dt.date(2024, 3, 1)
    assert stored.needs == "A bookkeeper"
    assert stored.cadence_days == 45
    assert page.current_contact_id() == contact_id
    assert not page.has_unsaved_changes()
    assert page.name_label.text() == "Ada Lovelace"


def test_impossible_birthday_is_shown_beside_the_field_and_nothing_is_saved(qtbot, page):
    page.show_contact(None)
    qtbot.keyClicks(page.form.lines["display_name"], "Grace Hopper")
    qtbot.keyClicks(page.form.birthday, "1906-02-30")

    assert page.save() is False

    assert Contact.select().count() == 0
    message = page.problem_text("birthday")
    assert "1906-02-30" in message and "not a date" in message
    assert page.form.boxes["birthday"].problem.isVisible()
    assert page.form.birthday.property("problem") is True
    assert page.problem_text("display_name") == ""

    page.form.birthday.clear()
    qtbot.keyClicks(page.form.birthday, "1906-12-09")
    assert page.save() is True
    assert Contact.get().birthday == "1906-12-09"
    assert page.problem_text("birthday") == ""


def test_empty_name_is_refused_beside_the_name_field(qtbot, page):
    page.show_contact(None)
    qtbot.keyClicks(page.form.texts["notes"], "someone without a name")

    _click(qtbot, page, "save")

    assert Contact.select().count() == 0
    assert "needs a name" in page.problem_text("display_name")
    assert page.form.lines["display_name"].property("problem") is True


def test_invalid_met_on_date_and_bad_email_both_show_and_nothing_saved(qtbot, page):
    page.show_contact(None)
    qtbot.keyClicks(page.form.lines["display_name"], "Bob")
    qtbot.keyClicks(page.form.met_on, "yesterday")
    row = page.form.methods.add_method(MethodData(kind="email", value=""))
    qtbot.keyClicks(row.value, "not-an-email")

    assert page.save() is False

    assert Contact.select().count() == 0
    assert "yesterday" in page.problem_text("met_on")
    assert row.problem.isVisible()
    assert "not an email address" in row.problem.text()


def test_methods_can_be_added_and_removed(qtbot, page):
    page.show_contact(None)
    qtbot.keyClicks(page.form.lines["display_name"], "Carol")
    qtbot.mouseClick(page.form.methods.add_button, Qt.LeftButton)
    qtbot.mouseClick(page.form.methods.add_button, Qt.LeftButton)
    first, second = page.form.methods.rows
    assert first.kind.value() == "email" and first.primary.isChecked()
    assert second.kind.value() == "phone"
    qtbot.keyClicks(first.value, "carol@example.com")
    qtbot.keyClicks(first.label, "work")
    qtbot.keyClicks(first.confirmed, "2025-01-31")
    qtbot.keyClicks(second.value, "+1 212 555 0100")
    assert page.save()
    contact_id = page.current_contact_id()
    stored = load_contact(contact_id).methods
    assert [(m.kind, m.value, m.label, m.primary) for m in stored] == [
        ("email", "carol@example.com", "work", True),
        ("phone", "+1 212 555 0100", "", True),
    ]
    assert stored[0].confirmed_on == dt.date(2025, 1, 31)

    qtbot.mouseClick(page.form.methods.rows[0].remove, Qt.LeftButton)
    assert page.has_unsaved_changes()
    assert page.save()
    assert [m.value for m in ContactMethod.select().where(ContactMethod.contact == contact_id)] == [
        "+1 212 555 0100"
    ]


def test_only_one_primary_per_kind(qtbot, page):
    page.show_contact(None)
    a = page.form.methods.add_method(MethodData(kind="email", value="a@x.org", primary=True))
    b = page.form.methods.add_method(MethodData(kind="email", value="b@x.org"))
    b.primary.setChecked(True)
    assert not a.primary.isChecked()
    assert b.primary.isChecked()


def test_referred_by_picker_finds_a_contact_by_typing_and_excludes_self(qtbot, page):
    dora = save_contact(ContactData(display_name="Dora Referrer"))
    eve = save_contact(ContactData(display_name="Eve Newcomer"))
    page.show_contact(eve)

    picker = page.form.referred_by
    qtbot.keyClicks(picker.edit, "Eve")
    assert picker.completer.model().stringList() == []  # herself is not offered
    picker.edit.clear()
    qtbot.keyClicks(picker.edit, "Dor")
    names = picker.completer.model().stringList()
    assert names == ["Dora Referrer"]
    picker.completer.activated[str].emit(names[0])
    assert picker.edit.text() == "Dora Referrer"

    assert page.save()
    assert load_contact(eve).referred_by == dora
    page.show_contact(eve)
    assert page.form.referred_by.edit.text() == "Dora Referrer"


def test_referred_by_text_not_picked_from_the_list_is_a_problem(qtbot, page):
    page.show_contact(None)
    qtbot.keyClicks(page.form.lines["display_name"], "Frank")
    qtbot.keyClicks(page.form.referred_by.edit, "Nobody In Particular")
    assert page.save() is False
    assert "pick one from the list" in page.problem_text("referred_by")
    assert Contact.select().count() == 0


def test_html_in_name_and_notes_is_shown_literally(qtbot, page):
    name = "<b>Mallory</b><script>alert(1)</script>"
    contact_id = save_contact(ContactData(display_name=name, notes="<i>notes</i>"))
    page.show_contact(contact_id)

    assert page.name_label.textFormat() == Qt.PlainText
    assert page.name_label.text() == name
    assert page.form.lines["display_name"].text() == name
    assert page.form.texts["notes"].toPlainText() == "<i>notes</i>"


def test_do_not_contact_badge_shows_and_is_saved(qtbot, page):
    contact_id = save_contact(ContactData(display_name="Ivan"))
    page.show_contact(contact_id)
    assert page.header.dnc.isHidden()

    page.form.dnc.setFocus()
    qtbot.keyClick(page.form.dnc, Qt.Key_Space)
    assert page.form.dnc_channels.value() == ("all",)  # a sensible default once ticked
    page.form.dnc_channels.set_value(["email", "phone"])
    qtbot.keyClicks(page.form.dnc_reason, "please stop calling")
    assert page.save()

    stored = load_contact(contact_id)
    assert stored.dnc_channels == ("email", "phone")
    assert stored.dnc_reason == "please stop calling"
    assert stored.dnc_since == dt.date.today()
    assert page.header.dnc.isVisible()
    assert page.header.dnc.textFormat() == Qt.PlainText
    assert page.header.dnc.text() == (
        f"Do not contact by email, phone since {dt.date.today()}: “please stop calling”"
    )


def test_lost_customer_needs_a_reason(qtbot, page):
    contact_id = save_contact(ContactData(display_name="Judy", stage="customer"))
    page.show_contact(contact_id)
    page.form.lost.setChecked(True)
    assert page.save() is False
    assert "why the customer was lost" in page.problem_text("lost_reason")
    assert page.form.stage.value() == "lost-customer"  # ticking "lost" moves them down the ladder
    page.form.lost_reason.set_value("price")
    assert page.save()
    stored = load_contact(contact_id)
    assert (stored.lost_reason, stored.stage) == ("price", "lost-customer")
    assert page.header.lost.isVisible()
    assert "what went wrong" in page.notice.text()


def test_cadence_never_and_default_round_trip(qtbot, page):
    contact_id = save_contact(ContactData(display_name="Kim", cadence_days=10))
    page.show_contact(contact_id)
    assert page.form.cadence.value() == 10
    page.form.cadence.set_value(0)
    assert page.save()
    assert load_contact(contact_id).cadence_days == 0
    page.form.cadence.set_value(None)
    assert page.save()
    assert load_contact(contact_id).cadence_days is None


def test_revert_throws_away_edits(qtbot, page):
    contact_id = save_contact(ContactData(display_name="Leo"))
    page.show_contact(contact_id)
    page.edit()
    qtbot.keyClicks(page.form.lines["title"], "CEO")
    assert page.has_unsaved_changes()
    _click(qtbot, page, "revert")
    assert page.form.lines["title"].text() == ""
    assert not page.has_unsaved_changes()


def test_loading_a_contact_is_not_an_unsaved_change(qtbot, page):
    contact_id = save_contact(
        ContactData(
            display_name="Mia",
            birthday="--02-29",
            dnc_channels=("mail",),
            lost_reason="unknown",
            methods=[MethodData(kind="email", value="mia@example.com", primary=True)],
        )
    )
    page.show_contact(contact_id)
    assert not page.has_unsaved_changes()
    assert page.form.birthday.text() == "02-29"
    assert page.save()
    assert load_contact(contact_id).birthday == "--02-29"


def test_move_to_trash_emits_and_clears_the_page(qtbot, page):
    contact_id = save_contact(ContactData(display_name="Ned"))
    page.show_contact(contact_id)
    with qtbot.waitSignal(page.contactTrashed) as trashed:
        _click(qtbot, page, "trash")
    assert trashed.args == [contact_id]
    assert Contact.get_by_id(contact_id).trashed_at is not None
    assert page.current_contact_id() is None
    assert not page.has_unsaved_changes()


def test_ctrl_s_saves(qtbot, page):
    contact_id = save_contact(ContactData(display_name="Olga"))
    page.show_contact(contact_id)
    page.edit()
    page.form.lines["title"].setFocus()
    qtbot.keyClicks(page.form.lines["title"], "Chair")
    with qtbot.waitSignal(page.contactSaved):
        qtbot.keyClick(page.form.lines["title"], Qt.Key_S, Qt.ControlModifier)
    assert load_contact(contact_id).title == "Chair"


def test_qt_calls_keep_their_reference_to_none(qtbot):
    """PySide6 6.12.0 on Python < 3.12 drops a reference to None on every void call.

    The page makes hundreds of such calls per contact shown, so with that binding the
    app aborts ("none_dealloc") after a few dozen contacts; pyproject.toml keeps it out.
    """
    import sys

    from PySide6.QtWidgets import QLineEdit

    edit = QLineEdit()
    qtbot.addWidget(edit)
    before = sys.getrefcount(None)
    for _ in range(200):
        edit.setText("")
    assert sys.getrefcount(None) >= before - 20


def test_saving_a_customer_as_lost_proposes_the_listening_conversation(qtbot, page):
    from gratitude_desktop.journal.interactions import timeline

    contact_id = save_contact(ContactData(display_name="Lena", stage="client"))
    page.show_contact(contact_id)
    assert not page.listen_button.isVisible()
    page.form.lost.setChecked(True)
    page.form.lost_reason.set_value("wrong-fit")
    assert page.save()
    assert page.listen_button.isVisible()
    dialog = page.log_listening()
    assert dialog.purpose.value() == "feedback"
    with qtbot.waitSignal(page.interactionLogged, timeout=3000):
        dialog.accept()
    (logged,) = timeline(contact_id)
    assert logged.purpose == "feedback"
    assert not page.listen_button.isVisible()
    page.show_contact(contact_id)  # another visit: the proposal was for the moment of marking
    assert not page.listen_button.isVisible()


def _lost_track(name: str = "Lost Lena", **fields) -> int:
    bad = [
        MethodData("email", "lena@old.example", bad=True),
        MethodData("phone", "+1 202 555 0100", bad=True),
    ]
    return save_contact(ContactData(display_name=name, methods=bad, **fields))


def test_a_contact_we_lost_track_of_shows_who_may_know_them(qtbot, page):
    from gratitude_desktop.store.models import Referral

    lost = _lost_track(organization="Acme & Sons")
    colleague = save_contact(ContactData(display_name="Bo & <b>Bo</b>", organization="acme & sons"))
    referrer = save_contact(ContactData(display_name="Rita"))
    Referral.create(by=referrer, person=lost, on=dt.date(2026, 5, 1))
    page.show_contact(lost)
    panel = page.ask_around
    assert panel.isVisible()
    assert "every way to reach Lost Lena is marked bad" in panel.title.text()
    lines = []
    for i in range(panel.lines.count()):
        line = panel.lines.itemAt(i).widget()
        (label,) = [w for w in line.findChildren(QLabel)]
        lines.append((label.text(), [b.text() for b in line.findChildren(QPushButton)]))
    assert lines == [
        ("Referred them:", ["Rita"]),
        ("Also at Acme & Sons:", ["Bo && <b>Bo</b>"]),  # && shows one &, not a mnemonic
    ]
    with qtbot.waitSignal(page.openContactRequested) as asked:
        qtbot.mouseClick(panel.buttons[1], Qt.LeftButton)
    assert asked.args == [colleague]


def test_the_panel_says_so_when_nobody_is_linked_and_hides_for_reachable_contacts(page):
    page.show_contact(_lost_track())
    assert page.ask_around.isVisible() and page.ask_around.buttons == []
    assert "nobody in the journal is linked to them" in page.ask_around.title.text()
    reachable = save_contact(
        ContactData(
            display_name="Reachable Rob",
            methods=[
                MethodData("email", "rob@old.example", bad=True),
                MethodData("email", "rob@new.example"),
            ],
        )
    )
    page.show_contact(reachable)
    assert not page.ask_around.isVisible()
    page.show_contact(save_contact(ContactData(display_name="No Details")))
    assert not page.ask_around.isVisible()
    page.clear()
    assert not page.ask_around.isVisible()


def test_marking_the_last_way_to_reach_them_bad_shows_the_panel_on_save(qtbot, page):
    cid = save_contact(
        ContactData(display_name="Lena", methods=[MethodData("email", "lena@old.example")])
    )
    page.show_contact(cid)
    assert not page.ask_around.isVisible()
    page.form.methods.rows[0].bad.setChecked(True)
    assert page.save()
    assert page.ask_around.isVisible()
