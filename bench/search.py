"""Search as you type: a keystroke in the contact search until the list holds its first page.

measure(data_dir) runs in-process (offscreen Qt): for every prefix of a few typed
queries, the search box of a ContactListPanel gets the text and apply_filter() runs
(what the debounce timer calls), so the model re-counts and fetches its first page.
The baseline is the bare FTS5 prefix query for the same text, first page only.
"""

from __future__ import annotations

import time
from pathlib import Path

# What someone looks for in the generated journal: names with accents, an organisation.
TYPED = ("jürgen", "ada love", "hopper", "zoë mül", "knuth & partners", "grace h")

BARE = 'SELECT rowid FROM "contact_search" WHERE "contact_search" MATCH ? LIMIT 200'


def keystrokes() -> list[str]:
    """Every prefix of every typed query, as the search box sees them."""
    return [text[:n] for text in TYPED for n in range(1, len(text) + 1) if text[:n].strip()]


def measure(data_dir: Path, rounds: int) -> dict[str, list[float]]:
    """Milliseconds per keystroke (app) and per bare FTS5 query (baseline)."""
    from PySide6.QtWidgets import QApplication

    from gratitude_desktop.store.db import open_journal
    from gratitude_desktop.store.search import match_expression
    from gratitude_desktop.ui.contacts.list_panel import ContactListPanel

    app = QApplication.instance() or QApplication([])
    journal = open_journal(data_dir)
    try:
        panel = ContactListPanel()
        panel.resize(900, 700)
        panel.show()
        app.processEvents()
        app_ms: list[float] = []
        bare_ms: list[float] = []
        for _ in range(rounds):
            for text in keystrokes():
                began = time.perf_counter()
                panel.search.setText(text)
                panel.apply_filter()
                app_ms.append((time.perf_counter() - began) * 1000)
                assert panel.model.contact_filter().text == text.strip()
                expr = match_expression(text)
                began = time.perf_counter()
                journal.db.execute_sql(BARE, [expr]).fetchall()
                bare_ms.append((time.perf_counter() - began) * 1000)
            panel.search.setText("")
            panel.apply_filter()
        panel.close()
        panel.deleteLater()
        app.processEvents()
        return {"app_ms": app_ms, "bare_ms": bare_ms}
    finally:
        journal.close()
