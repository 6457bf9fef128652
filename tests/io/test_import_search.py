"""The search index rows of a contact are the same however they are made.

An import indexes from the rows it wrote (store.search.index_prepared), the rest of the
journal from the rows read back (reindex), and a journal migrated through 0006 holds
what that migration's own SQL made. Generated contacts get the same index rows all three
ways, so an old journal searches like a new one.
"""

from __future__ import annotations

import datetime as dt
import importlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gratitude_desktop.journal.contacts import (
    CONTACT_COLUMNS,
    METHOD_COLUMNS,
    ContactData,
    ContactInvalid,
    MethodData,
    contact_rows,
)
from gratitude_desktop.store import search
from gratitude_desktop.store.bulk import insert_tuples
from gratitude_desktop.store.models import Contact, ContactMethod, database

TEXT = st.one_of(
    st.sampled_from(["", " ", "Ada", " Jürgen  Müller ", "O'Brien", "x\x00y", "Straße", "ǅ"]),
    st.text(max_size=12),
)
PHONES = st.one_of(
    st.sampled_from(
        ["+1 (415) 555-0100", "415.555.0100", "020/7946 0018", " 12 34 ", "(0)30-1234.56"]
    ),
    st.text(alphabet="0123456789 -()./+x", min_size=3, max_size=16),
)
METHOD = st.one_of(
    st.builds(MethodData, kind=st.just("phone"), value=PHONES, label=TEXT),
    st.builds(
        MethodData,
        kind=st.sampled_from(["email", "website", "address", "social"]),
        value=st.one_of(st.sampled_from(["ada@example.org", "https://x.org/"]), TEXT),
        label=TEXT,
    ),
)
CONTACT = st.builds(
    ContactData,
    display_name=TEXT,
    prefix=TEXT,
    given_name=TEXT,
    middle_name=TEXT,
    family_name=TEXT,
    suffix=TEXT,
    nickname=TEXT,
    organization=TEXT,
    title=TEXT,
    how_we_met=TEXT,
    story=TEXT,
    needs=TEXT,
    notes=TEXT,
    methods=st.lists(METHOD, max_size=4),
)


MIGRATION_0006 = importlib.import_module("gratitude_desktop.store.migrations.0006_search_detail")


def index_rows(low: int, high: int) -> list[tuple]:
    return database.execute_sql(
        "SELECT rowid, names, organization, methods, notes FROM contact_search "
        "WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
        [low, high],
    ).fetchall()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(CONTACT, min_size=1, max_size=6))
def test_import_reindex_and_the_migration_make_the_same_index_rows(journal, people):
    now = dt.datetime(2026, 11, 23, 16, 0, 0)
    with database.atomic() as transaction:
        start = (Contact.select(Contact.id).order_by(Contact.id.desc()).scalar() or 0) + 1
        contacts, methods = [], []
        for data in people:
            try:
                row, method_rows = contact_rows(data, start + len(contacts), now)
            except ContactInvalid:
                continue
            contacts.append(row)
            methods.extend(method_rows)
        if contacts:
            insert_tuples(Contact, CONTACT_COLUMNS, contacts)
            insert_tuples(ContactMethod, METHOD_COLUMNS, methods)
            high = start + len(contacts) - 1
            search.index_prepared(CONTACT_COLUMNS, contacts, METHOD_COLUMNS, methods)
            prepared = index_rows(start, high)
            search.reindex(range(start, high + 1))
            assert prepared == index_rows(start, high)
            assert len(prepared) == len(contacts)
            database.execute_sql('DELETE FROM "contact_search"')
            database.execute_sql(MIGRATION_0006.STATEMENTS[-1])
            assert prepared == index_rows(start, high)
        transaction.rollback()


def test_an_imported_phone_is_found_by_its_digits_run_together(journal, tmp_path):
    from gratitude_desktop.io import importer

    path = tmp_path / "people.csv"
    path.write_text("Name,Phone\nAda Lovelace,+1 (415) 555-0100\n", encoding="utf-8")
    importer.import_file(path)
    for typed in ("14155550100", "+1415555", "lovelace 415", "555 0100"):
        expression = search.match_expression(typed)
        hits = database.execute_sql(
            "SELECT rowid FROM contact_search WHERE contact_search MATCH ?", [expression]
        ).fetchall()
        assert len(hits) == 1, typed
