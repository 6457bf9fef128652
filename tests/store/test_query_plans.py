"""The contact list's page query reads in name order from the sort_key index.

Found with bench/run.py: when SQLite used the trashed_at index for "not in the trash",
it sorted every live contact for each page (240 ms at row 20,000 of 100,000).
"""

from __future__ import annotations

from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.store.queries import ContactFilter, contact_page


def _page_plans(journal, flt: ContactFilter) -> tuple[list[str], list]:
    statements: list[str] = []
    connection = journal.db.connection()
    connection.set_trace_callback(statements.append)
    try:
        rows = contact_page(flt, 0, 50)
    finally:
        connection.set_trace_callback(None)
    pages = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "ORDER BY" in s]
    assert pages, statements
    plan = [row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + pages[-1])]
    return plan, rows


def test_live_contacts_page_walks_the_sort_key_index(journal):
    for name in ("Zoë Zed", "ada Lovelace", "Bob Berg"):
        save_contact(ContactData(display_name=name))
    plan, rows = _page_plans(journal, ContactFilter())
    assert [r.display_name for r in rows] == ["ada Lovelace", "Bob Berg", "Zoë Zed"]
    assert any("contact_sort_key" in step for step in plan), plan
    assert not any("trashed_at" in step for step in plan), plan
