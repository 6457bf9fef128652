"""The contact page's purchases: what the customer has now, and what they had."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from gratitude_desktop.journal import purchases
from gratitude_desktop.journal.purchases import PurchaseRow
from gratitude_desktop.store.queries import contact_names
from gratitude_desktop.ui.contacts.follow_through.section import Section
from gratitude_desktop.ui.undo import undoable

if TYPE_CHECKING:
    from gratitude_desktop.ui.contacts.follow_through.purchase_dialog import PurchaseDialog


def purchase_text(row: PurchaseRow) -> str:
    dates = []
    if row.since:
        dates.append(f"since {row.since:%Y-%m-%d}")
    if row.until:
        dates.append(f"until {row.until:%Y-%m-%d}" if row.active else f"ended {row.until:%Y-%m-%d}")
    if row.recurring:
        dates.append("recurring")
    head = ("Has: " if row.active else "Had: ") + row.offering_name
    return f"{head}\n{' · '.join(dates)}" if dates else head


def end_day(row: PurchaseRow, today: dt.date) -> dt.date:
    """The last day they had it when ended now: yesterday (so it is no longer theirs today),
    or its first day when it started today or later."""
    last = today - dt.timedelta(days=1)
    if row.since and row.since > last:
        return row.since
    return last


class PurchasesSection(Section):
    """What this customer has (active purchases) and their purchase history."""

    empty_text = "No purchases recorded."

    def __init__(self, status, today, parent=None):
        super().__init__(status, today, parent)
        self.setObjectName("purchasesSection")
        self.rows: list[PurchaseRow] = []
        self.add_button("add", "Add…", "Record something they bought", self.add)
        self.add_button("end", "End", "They no longer have it (ends yesterday)", self.end)
        self.finish_buttons()
        self.list.itemDoubleClicked.connect(lambda _item: self.edit())
        self.dialog: PurchaseDialog | None = None

    def reload(self) -> None:
        self.rows = purchases.purchases_of(self.contact_id, self.today()) if self.contact_id else []
        active = sum(1 for r in self.rows if r.active)
        self.set_title(f"Purchases ({active} active)" if self.rows else "Purchases")
        self.set_rows([(purchase_text(r), r.id, "", not r.active) for r in self.rows])

    def current(self) -> PurchaseRow | None:
        value = self.current_value()
        return next((r for r in self.rows if r.id == value), None)

    def update_buttons(self) -> None:
        row = self.current()
        self.buttons["add"].setEnabled(self.contact_id is not None)
        self.buttons["end"].setEnabled(row is not None and row.active)

    def _open(self, purchase_id: int | None = None) -> PurchaseDialog | None:
        if self.contact_id is None:
            return None
        from gratitude_desktop.ui.contacts.follow_through.purchase_dialog import PurchaseDialog

        dialog = PurchaseDialog(self.contact_id, self, purchase_id, today=self.today())
        self.dialog = dialog
        dialog.saved.connect(self._saved)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        return dialog

    def add(self) -> PurchaseDialog | None:
        """Open PurchaseDialog for a new purchase (window-modal); returns it."""
        return self._open()

    def edit(self) -> PurchaseDialog | None:
        row = self.current()
        return self._open(row.id) if row is not None else None

    def _saved(self, purchase_id: int) -> None:
        self.reload()
        self.select_value(purchase_id)
        self.say("Purchase saved.")
        self.changed.emit(self.contact_id)

    def end(self) -> None:
        row = self.current()
        if row is None or not row.active:
            return
        last = end_day(row, self.today())
        name = contact_names([self.contact_id]).get(self.contact_id, "")
        undoable(
            f"end {row.offering_name} for {name}",
            [self.contact_id],
            lambda: purchases.end_purchase(row.id, last),
        )
        self.reload()
        self.select_value(row.id)
        self.say(f"{row.offering_name}: ended, last day {last:%Y-%m-%d}.")
        self.changed.emit(self.contact_id)
