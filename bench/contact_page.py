"""Opening a contact's page when the contact has 1,000 interactions.

measure(data_dir, contact_id) shows a ContactPage offscreen and times show_contact()
for the heavy contact followed by a synchronous repaint (form filled, timeline's first
page loaded and painted). Another contact is shown between rounds so nothing is reused.
"""

from __future__ import annotations

import time
from pathlib import Path


def measure(data_dir: Path, contact_id: int, other_id: int, rounds: int) -> dict[str, list[float]]:
    from PySide6.QtWidgets import QApplication

    from gratitude_desktop.store.db import open_journal
    from gratitude_desktop.ui.contacts.page import ContactPage

    app = QApplication.instance() or QApplication([])
    journal = open_journal(data_dir)
    try:
        page = ContactPage()
        page.resize(900, 800)
        page.show()
        app.processEvents()
        page.show_contact(other_id)
        app.processEvents()
        times: list[float] = []
        entries = 0
        for _ in range(rounds):
            began = time.perf_counter()
            page.show_contact(contact_id)
            page.repaint()
            times.append((time.perf_counter() - began) * 1000)
            entries = page.timeline.model.total()
            page.show_contact(other_id)
            app.processEvents()
        page.close()
        page.deleteLater()
        app.processEvents()
        return {"ms": times, "entries": [entries]}
    finally:
        journal.close()
