"""ContactListModel: paging, filters, lookups, and no database work inside data()."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument

from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact, trash_contacts
from gratitude_desktop.journal.interactions import InteractionData, save_interaction
from gratitude_desktop.store.models import Contact, ContactMethod, database
from gratitude_desktop.store.queries import ContactFilter
from gratitude_desktop.ui.contacts import list_model
from gratitude_desktop.ui.contacts.list_model import (
    EMAIL,
    ID_ROLE,
    LAST_CONTACT,
    NAME,
    ORGANIZATION,
    PHONE,
    STAGE,
    ContactListModel,
)


def _many(count: int) -> None:
    """`count` contacts named Person 0000.. quickly, with an email each, indexed for search."""
    from gratitude_desktop.store import search

    with database.atomic():
        Contact.insert_many(
            [
                dict(display_name=f"Person {i:04d}", sort_key=f"person {i:04d}", stage="prospect")
                for i in range(count)
            ]
        ).execute()
        ids = [c.id for c in Contact.select(Contact.id).order_by(Contact.id)]
        ContactMethod.insert_many(
            [dict(contact=cid, kind="email", value=f"p{cid}@example.org") for cid in ids]
        ).execute()
        search.rebuild()


def test_model_passes_qtmodeltester_with_hundreds_of_contacts(journal, qtmodeltester):
    _many(450)
    model = ContactListModel(page_size=100)
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    qtmodeltester.check(model)
    assert model.rowCount() == 450


def test_model_fetches_in_pages_until_every_contact_is_loaded(journal):
    _many(450)
    model = ContactListModel(page_size=200)
    assert model.rowCount() == 200
    assert model.total() == 450
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 450
    assert not model.canFetchMore(QModelIndex())
    names = [model.data(model.index(r, NAME)) for r in range(model.rowCount())]
    assert names == [f"Person {i:04d}" for i in range(450)]


def test_data_rowcount_and_header_never_touch_the_database(journal, monkeypatch, qapp):
    _many(250)
    ada = save_contact(
        ContactData(
            display_name="Ada",
            organization="Engines",
            dnc_channels=("email",),
            methods=[MethodData("phone", "+44 20 7946 0000")],
        )
    )
    model = ContactListModel(page_size=100)
    model.ensure_loaded(ada)

    def boom(*args, **kwargs):
        raise AssertionError("database used inside a read-only model call")

    monkeypatch.setattr(journal.db, "execute_sql", boom)
    monkeypatch.setattr(list_model, "contact_page", boom)
    monkeypatch.setattr(list_model, "count_contacts", boom)
    monkeypatch.setattr(list_model, "contact_position", boom)
    roles = [
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.AccessibleTextRole,
        ID_ROLE,
    ]
    seen = 0
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            for role in roles:
                model.data(model.index(r, c), role)
                seen += 1
    for c in range(model.columnCount()):
        model.headerData(c, Qt.Orientation.Horizontal)
    assert model.row_of(ada) >= 0
    assert seen == model.rowCount() * 6 * len(roles)
    # and the helper really would have raised, so the check above could fail
    with pytest.raises(AssertionError):
        model.fetchMore(QModelIndex())


def test_columns_show_name_organisation_stage_email_phone_and_last_contact(journal):
    ada = save_contact(
        ContactData(
            display_name="Ada Lovelace",
            organization="Analytical Engines",
            stage="networking-partner",
            methods=[
                MethodData("email", "other@example.org"),
                MethodData("email", "ada@example.org", primary=True),
                MethodData("phone", "+44 20 7946 0000"),
            ],
        )
    )
    save_interaction(InteractionData(contact_id=ada, at=dt.datetime(2026, 11, 2, 10, 30)))
    model = ContactListModel()
    row = model.row_of(ada)
    values = [model.data(model.index(row, c)) for c in range(6)]
    assert values == [
        "Ada Lovelace",
        "Analytical Engines",
        "Networking partner",
        "ada@example.org",
        "+44 20 7946 0000",
        "2026-11-02",
    ]
    assert model.data(model.index(row, NAME), ID_ROLE) == ada
    assert model.contact_id(row) == ada
    assert model.contact_id(99) is None
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "Name",
        "Organisation",
        "Stage",
        "Email",
        "Phone",
        "Last contact",
    ]
    assert (NAME, ORGANIZATION, STAGE, EMAIL, PHONE, LAST_CONTACT) == (0, 1, 2, 3, 4, 5)


def test_an_email_or_phone_known_to_be_bad_is_not_offered_in_the_list(journal):
    moved = save_contact(
        ContactData(
            display_name="Moved Mo",
            methods=[
                MethodData("email", "mo@old.example", primary=True, bad=True),
                MethodData("email", "mo@new.example"),
                MethodData("phone", "+1 202 555 0100", bad=True),
            ],
        )
    )
    model = ContactListModel()
    row = model.row_of(moved)
    assert model.data(model.index(row, EMAIL)) == "mo@new.example"
    assert not model.data(model.index(row, PHONE))  # its only phone is disconnected


def test_do_not_contact_is_marked_by_a_sign_and_a_tooltip(journal, qapp):
    quiet = save_contact(ContactData(display_name="Quiet Person", dnc_channels=("email", "phone")))
    fine = save_contact(ContactData(display_name="Fine Person"))
    model = ContactListModel()
    quiet_index = model.index(model.row_of(quiet), NAME)
    fine_index = model.index(model.row_of(fine), NAME)
    assert model.data(quiet_index, Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(fine_index, Qt.ItemDataRole.DecorationRole) is None
    doc = QTextDocument()
    doc.setHtml(model.data(quiet_index, Qt.ItemDataRole.ToolTipRole))
    assert doc.toPlainText() == "Quiet Person\nDo not contact (email, phone)"


def test_html_in_a_name_is_shown_literally_in_cell_and_tooltip(journal, qapp):
    evil = save_contact(ContactData(display_name="<b>Bold</b> <script>x()</script>"))
    model = ContactListModel()
    index = model.index(model.row_of(evil), NAME)
    assert model.data(index) == "<b>Bold</b> <script>x()</script>"
    doc = QTextDocument()
    doc.setHtml(model.data(index, Qt.ItemDataRole.ToolTipRole))
    assert doc.toPlainText() == "<b>Bold</b> <script>x()</script>"


def test_set_filter_searches_and_filters_from_the_first_page(journal):
    save_contact(ContactData(display_name="Jürgen Klein", stage="client", circles=("friend",)))
    save_contact(ContactData(display_name="Mia Gross", stage="prospect", dnc_channels=("all",)))
    save_contact(ContactData(display_name="Zoe Ray", stage="client", notes="met at the fair"))
    model = ContactListModel()
    assert model.rowCount() == 3

    def names():
        return [model.data(model.index(r, NAME)) for r in range(model.rowCount())]

    model.set_filter(ContactFilter(text="jurg"))
    assert names() == ["Jürgen Klein"]
    model.set_filter(ContactFilter(text="fair"))
    assert names() == ["Zoe Ray"]
    model.set_filter(ContactFilter(stage="client"))
    assert names() == ["Jürgen Klein", "Zoe Ray"]
    model.set_filter(ContactFilter(circle="friend"))
    assert names() == ["Jürgen Klein"]
    model.set_filter(ContactFilter(do_not_contact=True))
    assert names() == ["Mia Gross"]
    model.set_filter(ContactFilter(do_not_contact=False))
    assert names() == ["Jürgen Klein", "Zoe Ray"]
    assert model.total() == 2


def test_trash_filter_lists_only_trashed_contacts(journal):
    keep = save_contact(ContactData(display_name="Keep"))
    gone = save_contact(ContactData(display_name="Gone"))
    trash_contacts([gone])
    live = ContactListModel()
    trash = ContactListModel(ContactFilter(trashed=True))
    assert [live.contact_id(r) for r in range(live.rowCount())] == [keep]
    assert [trash.contact_id(r) for r in range(trash.rowCount())] == [gone]


def test_refresh_keeps_loaded_rows_and_sees_new_contacts(journal):
    _many(300)
    model = ContactListModel(page_size=100)
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 200
    new = save_contact(ContactData(display_name="Aaron First"))
    model.refresh()
    assert model.rowCount() == 200
    assert model.total() == 301
    assert model.row_of(new) == 0


def test_ensure_loaded_fetches_up_to_a_contact_far_down_the_list(journal):
    _many(500)
    last = Contact.select().order_by(Contact.sort_key.desc()).first().id
    model = ContactListModel(page_size=50)
    assert model.row_of(last) == -1
    assert model.ensure_loaded(last) == 499
    assert model.rowCount() == 500
    model.set_filter(ContactFilter(stage="client"))
    assert model.ensure_loaded(last) == -1


def test_in_the_trash_the_last_column_says_since_when(journal):
    gone = save_contact(ContactData(display_name="Gone Gail"))
    save_interaction(InteractionData(contact_id=gone, at=dt.datetime(2026, 10, 1, 9)))
    trash_contacts([gone])
    trashed_on = Contact.get_by_id(gone).trashed_at.date()
    trash = ContactListModel(ContactFilter(trashed=True))
    assert trash.headerData(LAST_CONTACT, Qt.Orientation.Horizontal) == "Trashed on"
    assert trash.data(trash.index(0, LAST_CONTACT)) == trashed_on.isoformat()
    live = ContactListModel()
    assert live.headerData(LAST_CONTACT, Qt.Orientation.Horizontal) == "Last contact"
