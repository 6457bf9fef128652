"""A search within one contact's timeline, in a journal of 1,000,000 interactions.

measure(data_dir, contact_id, rounds) times what the timeline's search box does per
keystroke — journal.interactions.timeline_count and the first page of
journal.interactions.timeline with the typed words — for the heavy contact (1,000
entries "Catch-up number N"), and, interleaved, a bare FTS5 query of the same words over
the whole index (rowids only) as the baseline. Two searches: words of that contact's
entries ("number 5": 111 of them), and a word in every other interaction of the journal
("project", in none of this contact's): the one FTS5 cannot answer from a short list.
"""

from __future__ import annotations

import time
from pathlib import Path

PAGE = 100
SEARCHES = {"number 5": "its own words", "project": "a word in 999,000 other interactions"}


def measure(data_dir: Path, contact_id: int, rounds: int) -> dict[str, dict[str, list[float]]]:
    from gratitude_desktop.journal.interactions import timeline, timeline_count
    from gratitude_desktop.store.db import open_journal
    from gratitude_desktop.store.search import match_expression

    journal = open_journal(data_dir)
    out: dict[str, dict[str, list[float]]] = {}
    try:
        db = journal.db
        (total,) = db.execute_sql("SELECT count(*) FROM interaction").fetchone()
        for words in SEARCHES:
            app: list[float] = []
            bare: list[float] = []
            found = hits = 0
            expr = match_expression(words)
            timeline_count(contact_id, words)  # warm the page cache once, as a first keystroke
            for _ in range(rounds):
                began = time.perf_counter()
                found = timeline_count(contact_id, words)
                timeline(contact_id, limit=PAGE, words=words)
                app.append((time.perf_counter() - began) * 1000)
                began = time.perf_counter()
                hits = len(
                    db.execute_sql(
                        'SELECT rowid FROM "interaction_search" WHERE "interaction_search" MATCH ?',
                        [expr],
                    ).fetchall()
                )
                bare.append((time.perf_counter() - began) * 1000)
            out[words] = {"app_ms": app, "bare_ms": bare, "found": [found], "hits": [hits]}
        out["_"] = {"interactions": [total]}
        return out
    finally:
        journal.close()
