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


def _agenda_contact_plan(journal, settings) -> list[str]:
    """The query plan of the agenda's scan for quiet, birthday, anniversary and lost items."""
    import datetime as dt

    from gratitude_desktop.journal.agenda import compute_agenda

    statements: list[str] = []
    connection = journal.db.connection()
    connection.set_trace_callback(statements.append)
    try:
        compute_agenda(dt.date(2026, 11, 22), settings)
    finally:
        connection.set_trace_callback(None)
    (scan,) = [s for s in statements if '"birthday"' in s and s.lstrip().startswith("SELECT")]
    return [row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + scan)]


def test_with_cadences_kept_the_agenda_finds_contacts_by_index_not_by_scanning(journal):
    from gratitude_desktop.journal.cadence import fill_effective_cadences
    from gratitude_desktop.journal.settings import Settings

    for n in range(20):
        save_contact(ContactData(display_name=f"Person {n}", stage="client", birthday="--11-23"))
    settings = Settings()
    slow = _agenda_contact_plan(journal, settings)
    assert any(step.startswith("SCAN t1") for step in slow), slow  # nothing kept yet
    fill_effective_cadences(settings)
    plan = _agenda_contact_plan(journal, settings)
    for index in (
        "contact_quiet_on",
        "contact_cadence_unknown",
        "contact_birthday_day",
        "contact_anniversary_day",
        "contact_lost_since",
    ):
        assert any(index in step for step in plan), (index, plan)
    scans = [s for s in plan if s.startswith("SCAN") and "USING" not in s]
    assert all(" t1" not in s for s in scans), plan  # the snooze list may be scanned
