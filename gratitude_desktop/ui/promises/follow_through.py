"""What the user does to a promise in the Promises view: kept, can't keep it, broken,
released, nudge, reopen, edit — each one command on the window's undo history (ui/undo).

A mixin of PromisesView (it uses the view's model, table, status label and questions); the
rules themselves live in journal.promises and journal.outreach.
"""

from __future__ import annotations

from gratitude_desktop.journal import promises
from gratitude_desktop.journal.outreach import log_outreach
from gratitude_desktop.journal.promises import PromiseInvalid, PromiseRow
from gratitude_desktop.ui.promises.dialog import PromiseDialog
from gratitude_desktop.ui.promises.questions import APOLOGISE_AND_REDATE
from gratitude_desktop.ui.undo import undoable


class FollowThroughMixin:
    """The actions' slots; each ends in _done(), which re-reads the list (Ctrl+Z undoes it)."""

    def _done(self, row: PromiseRow, message: str, place: int) -> None:
        self.status.setText(message)
        self._reload_keeping_place(place)
        self.promisesChanged.emit(row.contact_id)

    def edit(self) -> None:
        """Open the promise in PromiseDialog; on save, the list shows the change."""
        row = self.current_promise()
        if row is None:
            return
        dialog = PromiseDialog(parent=self, promise_id=row.id, today=self.model.today)
        if dialog.exec() == PromiseDialog.DialogCode.Accepted:
            self.model.reload()
            if not self.select_promise(row.id):
                self.select_first()
            self.status.setText(f"Saved: {dialog.what.text().strip()}")
            self.promisesChanged.emit(row.contact_id)

    def mark_kept(self) -> None:
        """One action: the promise is kept and the fact is logged on the contact's timeline."""
        row, place = self._current_open(), self.table.currentIndex().row()
        if row is None:
            return
        try:
            ok, _logged = self.with_reason(
                lambda reason, confirmed: undoable(
                    f"mark “{row.what}” kept ({row.contact_name})",
                    [row.contact_id],
                    lambda: promises.mark_kept(
                        row.id,
                        self.model.today,
                        at=self._now_fn(),
                        reason=reason,
                        confirmed=confirmed,
                    ),
                )
            )
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return
        if ok:
            self._done(row, f"Kept: {row.what} — logged on {row.contact_name}'s timeline.", place)

    def cant_keep(self) -> None:
        """Record what stands in the way and add a promise to tell the person today."""
        row, place = self._current_open(), self.table.currentIndex().row()
        if row is None or not row.we_owe:
            return
        reason = self.ask_text(
            "Can't keep it",
            f"“{row.what}” for {row.contact_name}\n\n"
            "What stands in the way, beyond your control (wrong address, dead link…)?",
            "Record and tell them",
        )
        if not reason:
            return
        try:
            tell = undoable(
                f"record that “{row.what}” cannot be kept ({row.contact_name})",
                [row.contact_id],
                lambda: promises.cant_keep(row.id, reason, self.model.today),
            )
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return
        self._done(row, f"Recorded. Next: {promises.load_promise(tell).what}", place)

    def mark_broken(self) -> None:
        """Mark the promise broken; for one we made, offer to apologise and promise again."""
        row, place = self._current_open(), self.table.currentIndex().row()
        if row is None:
            return
        choice = self.ask_broken(row)
        if choice in (None, "Cancel"):
            return
        if choice == APOLOGISE_AND_REDATE:
            self._apologise_and_redate(row, place)
            return
        try:
            suggestion = undoable(
                f"mark “{row.what}” broken ({row.contact_name})",
                [row.contact_id],
                lambda: promises.break_promise(row.id, self.model.today),
            )
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return
        message = f"Broken: {row.what}."
        if suggestion is not None and choice == "Break and log apology":
            data = suggestion.interaction
            data.at = self._now_fn()
            ok, _apology = self.with_reason(
                lambda reason, confirmed: undoable(
                    "",
                    [row.contact_id],
                    lambda: log_outreach(
                        data, today=self.model.today, reason=reason, confirmed=confirmed
                    ),
                    joins=True,  # one Ctrl+Z takes back the break and its apology
                )
            )
            if ok:
                message += f" Apology logged on {row.contact_name}'s timeline."
        self._done(row, message, place)

    def _apologise_and_redate(self, row: PromiseRow, place: int) -> None:
        """Ask the new date, log the apology through the guard, open the new promise."""
        try:
            done = self.redate_asked(row, self.model.today, at=self._now_fn())
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return
        if done is None:
            return
        new = promises.load_promise(done.new_id)
        self._done(
            row, f"Apology logged; promised again for {new.due_on.isoformat()}: {row.what}.", place
        )
        self.select_promise(done.new_id)

    def release(self) -> None:
        row, place = self._current_open(), self.table.currentIndex().row()
        if row is None:
            return
        try:
            undoable(
                f"release {row.contact_name} from “{row.what}”"
                if not row.we_owe
                else f"mark “{row.what}” released ({row.contact_name})",
                [row.contact_id],
                lambda: promises.release(row.id, self.model.today),
            )
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return
        self._done(row, f"Released: {row.what}.", place)

    def nudge(self) -> None:
        """One action: log a polite nudge for an overdue promise owed to us (asks first when
        the last nudge was less than a week ago, and offers to release it on the third)."""
        row, place = self._current_open(), self.table.currentIndex().row()
        if row is None or not promises.can_nudge(row, self.model.today):
            return
        try:
            outcome = self.nudge_asked(row, self.model.today, at=self._now_fn())
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return
        if outcome == "released":
            self._done(row, f"Released: {row.what}.", place)
        elif outcome == "nudged":
            self._done(row, f"Nudge logged on {row.contact_name}'s timeline: {row.what}.", place)

    def reopen(self) -> None:
        """A closed promise is open again (its timeline entries stay)."""
        row, place = self.current_promise(), self.table.currentIndex().row()
        if row is None or row.status == "open":
            return
        try:
            undoable(
                f"reopen “{row.what}” ({row.contact_name})",
                [row.contact_id],
                lambda: promises.reopen(row.id),
            )
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return
        self._done(row, f"Open again: {row.what}.", place)
        self.select_promise(row.id)
