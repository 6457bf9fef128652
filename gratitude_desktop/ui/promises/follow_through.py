"""What the user does to a promise in the Promises view: kept, can't keep it, broken,
released, nudge, reopen, edit — and undo of the last one.

A mixin of PromisesView (it uses the view's model, table, status label and questions); the
rules themselves live in journal.promises and journal.outreach.
"""

from __future__ import annotations

from collections.abc import Callable

from gratitude_desktop.journal import promises
from gratitude_desktop.journal.interactions import delete_interaction
from gratitude_desktop.journal.outreach import OutreachRefused, log_outreach
from gratitude_desktop.journal.promises import PromiseInvalid, PromiseRow
from gratitude_desktop.ui.promises.dialog import PromiseDialog


class FollowThroughMixin:
    """The actions' slots; each ends in _done(), which re-reads the list and offers undo."""

    def _done(
        self,
        row: PromiseRow,
        message: str,
        place: int,
        undo: Callable[[], None] | None = None,
    ) -> None:
        self.status.setText(message)
        self._undo = None
        if undo is not None:

            def undo_and_say() -> None:
                undo()
                self.status.setText(f"Undone: {message}")
                self._reload_keeping_place(place)
                self.select_promise(row.id)
                self.promisesChanged.emit(row.contact_id)

            self._undo = undo_and_say
        self._reload_keeping_place(place)
        self.promisesChanged.emit(row.contact_id)

    def undo(self) -> None:
        """Undo the last change made in this view (the promise reopens, its entry goes)."""
        undo, self._undo = self._undo, None
        if undo is not None:
            try:
                undo()
            except PromiseInvalid as problem:
                self.status.setText(f"Could not undo: {problem}")
                self.refresh()
        self._update_actions()

    def edit(self) -> None:
        """Open the promise in PromiseDialog; on save, the list shows the change."""
        row = self.current_promise()
        if row is None:
            return
        dialog = PromiseDialog(parent=self, promise_id=row.id, today=self.model.today)
        if dialog.exec() == PromiseDialog.DialogCode.Accepted:
            self._undo = None
            self.model.reload()
            if not self.select_promise(row.id):
                self.select_first()
            self.status.setText(f"Saved: {dialog.what.text().strip()}")
            self.promisesChanged.emit(row.contact_id)

    def _with_reason(self, call: Callable[[str | None], object]):
        """Run an outreach call; when the guard refuses for do-not-contact, ask for a reason."""
        try:
            return True, call(None)
        except OutreachRefused as refused:
            if not refused.check.needs_reason or refused.check.errors:
                self.show_problem(str(refused))
                return False, None
            reason = self.ask_text(
                "Do not contact",
                f"{refused}\n\nWhy log it anyway?",
                "Log anyway",
            )
            if not reason:
                self.status.setText("Nothing was logged.")
                return False, None
            return True, call(reason)

    def mark_kept(self) -> None:
        """One action: the promise is kept and the fact is logged on the contact's timeline."""
        row, place = self._current_open(), self.table.currentIndex().row()
        if row is None:
            return
        try:
            ok, logged = self._with_reason(
                lambda reason: promises.mark_kept(
                    row.id, self.model.today, at=self._now_fn(), reason=reason
                )
            )
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return
        if ok:

            def undo() -> None:
                promises.reopen(row.id)
                delete_interaction(logged)

            self._done(
                row, f"Kept: {row.what} — logged on {row.contact_name}'s timeline.", place, undo
            )

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
            tell = promises.cant_keep(row.id, reason, self.model.today)
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return

        def undo() -> None:
            promises.delete_promise(tell)
            promises.reopen(row.id, clear_blocked_reason=True)

        self._done(row, f"Recorded. Next: {promises.load_promise(tell).what}", place, undo)

    def mark_broken(self) -> None:
        """Mark the promise broken; for one we made, ask whether to log an apology."""
        row, place = self._current_open(), self.table.currentIndex().row()
        if row is None:
            return
        choice = self.ask_broken(row)
        if choice in (None, "Cancel"):
            return
        try:
            suggestion = promises.break_promise(row.id, self.model.today)
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return
        message = f"Broken: {row.what}."
        apology = None
        if suggestion is not None and choice == "Break and log apology":
            data = suggestion.interaction
            data.at = self._now_fn()
            ok, apology = self._with_reason(
                lambda reason: log_outreach(data, today=self.model.today, reason=reason)
            )
            if ok:
                message += f" Apology logged on {row.contact_name}'s timeline."

        def undo() -> None:
            promises.reopen(row.id)
            if apology is not None:
                delete_interaction(apology)

        self._done(row, message, place, undo)

    def release(self) -> None:
        row, place = self._current_open(), self.table.currentIndex().row()
        if row is None:
            return
        try:
            promises.release(row.id, self.model.today)
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return
        self._done(row, f"Released: {row.what}.", place, lambda: promises.reopen(row.id))

    def nudge(self) -> None:
        """One action: log a polite nudge for an overdue promise owed to us."""
        row, place = self._current_open(), self.table.currentIndex().row()
        if row is None or not promises.can_nudge(row, self.model.today):
            return
        try:
            ok, logged = self._with_reason(
                lambda reason: promises.nudge(
                    row.id, self.model.today, at=self._now_fn(), reason=reason
                )
            )
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return
        if ok:
            self._done(
                row,
                f"Nudge logged on {row.contact_name}'s timeline: {row.what}.",
                place,
                lambda: delete_interaction(logged),
            )

    def reopen(self) -> None:
        """A closed promise is open again (its timeline entries stay)."""
        row, place = self.current_promise(), self.table.currentIndex().row()
        if row is None or row.status == "open":
            return
        try:
            promises.reopen(row.id)
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return
        self._done(row, f"Open again: {row.what}.", place)
        self.select_promise(row.id)
