"""Scrolling the whole contact list model: fetchMore page by page, data() for every cell.

measure(data_dir) builds a ContactListModel with no filter and, for 100 pages, fetches
the next page and asks data() for every cell of the new rows in the roles a table view
asks for when it paints (display, decoration, tooltip is asked only on hover). Returns
milliseconds per row, fetching included.
"""

from __future__ import annotations

import time
from pathlib import Path

PAGES = 100
PAINT_ROLES = ("DisplayRole", "DecorationRole", "FontRole", "ForegroundRole", "TextAlignmentRole")


def measure(data_dir: Path, rounds: int, pages: int = PAGES) -> dict[str, list[float]]:
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import QApplication

    from gratitude_desktop.store.db import open_journal
    from gratitude_desktop.ui.contacts.list_model import ContactListModel

    QApplication.instance() or QApplication([])
    roles = [getattr(Qt.ItemDataRole, name) for name in PAINT_ROLES]
    journal = open_journal(data_dir)
    try:
        per_row: list[float] = []
        rows_seen = 0
        for _ in range(rounds):
            began = time.perf_counter()
            model = ContactListModel()
            root = QModelIndex()
            done = 0
            for _page in range(pages):
                if done >= model.rowCount(root):
                    if not model.canFetchMore(root):
                        break
                    model.fetchMore(root)
                columns = model.columnCount(root)
                for row in range(done, model.rowCount(root)):
                    for column in range(columns):
                        index = model.index(row, column)
                        for role in roles:
                            model.data(index, role)
                done = model.rowCount(root)
            per_row.append((time.perf_counter() - began) * 1000 / max(done, 1))
            rows_seen = done
        return {"ms_per_row": per_row, "rows": [rows_seen]}
    finally:
        journal.close()
