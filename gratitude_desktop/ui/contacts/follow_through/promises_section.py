"""The contact page's promises, both ways: add, edit, kept, can't keep it, broken, nudge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gratitude_desktop.journal import promises
from gratitude_desktop.journal.outreach import log_outreach
from gratitude_desktop.journal.promises import PromiseInvalid, PromiseRow
from gratitude_desktop.store.enums import PromiseDirection, PromiseStatus
from gratitude_desktop.ui.contacts.follow_through.section import ALERT, Section
from gratitude_desktop.ui.promises.questions import APOLOGISE_AND_REDATE
from gratitude_desktop.ui.undo import undoable

if TYPE_CHECKING:
    from gratitude_desktop.ui.promises.dialog import PromiseDialog


def promise_text(row: PromiseRow, today) -> str:
    """One line (two when narrow) saying who owes what, made and due on, and its status."""
    who = "I owe" if row.we_owe else "They owe"
    bits = [f"{who}: {row.what}"]
    dates = [f"made {row.made_on:%Y-%m-%d}"]
    if row.due_on:
        dates.append(f"due {row.due_on:%Y-%m-%d}")
    if row.status == PromiseStatus.OPEN:
        late = row.days_overdue(today)
        state = f"overdue {late} day{'s' if late != 1 else ''}" if late else "open"
    else:
        state = row.status + (f" {row.done_on:%Y-%m-%d}" if row.done_on else "")
        if row.blocked_reason:
            state += f" (couldn't: {row.blocked_reason})"
    if row.nudged_text:
        state += f" · {row.nudged_text}"
    if row.replaces_id is not None:
        state += " · promised again after a broken one"
    return f"{bits[0]}\n{' · '.join(dates)} · {state}"


class PromisesSection(Section):
    """Promises we owe this contact and promises they owe us."""

    empty_text = "No promises either way. Add one when you or they promise something."

    def __init__(self, status, today, parent=None):
        super().__init__(status, today, parent)
        self.setObjectName("promisesSection")
        self.rows: list[PromiseRow] = []
        self.add_button("add", "Add…", "Add a promise: I promised to… / They promised to…",
                        self.add)  # fmt: skip
        self.add_button("kept", "Kept", "Mark it kept and log that on the timeline", self.kept)
        self.add_button("cant", "Can't keep…",
                        "Something beyond your control stands in the way: tell them",
                        self.cant_keep)  # fmt: skip
        self.add_button("broken", "Broken…", "Mark it broken (and perhaps log an apology)",
                        self.broken)  # fmt: skip
        self.add_button("nudge", "Nudge", "Log a polite nudge for what they owe and is overdue",
                        self.nudge)  # fmt: skip
        self.finish_buttons()
        self.list.itemDoubleClicked.connect(lambda _item: self.edit())
        self.dialog: PromiseDialog | None = None

    def reload(self) -> None:
        today = self.today()
        self.rows = promises.promises_of(self.contact_id, today) if self.contact_id else []
        open_rows = [r for r in self.rows if r.status == PromiseStatus.OPEN]
        late = sum(1 for r in open_rows if r.days_overdue(today))
        title = f"Promises ({len(open_rows)} open"
        title += f", {late} overdue)" if late else ")"
        self.set_title(title if self.rows else "Promises")
        self.set_rows(
            [
                (
                    promise_text(r, today),
                    r.id,
                    r.what,
                    r.status != PromiseStatus.OPEN,
                )
                for r in self.rows
            ]
        )
        for i, r in enumerate(self.rows):
            if r.status == PromiseStatus.OPEN and r.days_overdue(today):
                self.list.item(i).setForeground(ALERT)

    def current(self) -> PromiseRow | None:
        value = self.current_value()
        return next((r for r in self.rows if r.id == value), None)

    def update_buttons(self) -> None:
        row = self.current()
        is_open = row is not None and row.status == PromiseStatus.OPEN
        self.buttons["add"].setEnabled(self.contact_id is not None)
        self.buttons["kept"].setEnabled(is_open)
        self.buttons["cant"].setEnabled(is_open and row.we_owe)
        self.buttons["broken"].setEnabled(is_open)
        self.buttons["nudge"].setEnabled(is_open and promises.can_nudge(row, self.today()))

    # -- actions ---------------------------------------------------------------------------------

    def _open_dialog(self, promise_id: int | None = None, direction: str | None = None):
        from gratitude_desktop.ui.promises.dialog import PromiseDialog

        dialog = PromiseDialog(
            self.contact_id,
            self,
            promise_id,
            today=self.today(),
            direction=direction or PromiseDirection.WE_OWE.value,
        )
        self.dialog = dialog
        dialog.saved.connect(self._saved)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        return dialog

    def add(self, direction: str | None = None) -> PromiseDialog | None:
        """Open PromiseDialog for a new promise (window-modal); returns it."""
        if self.contact_id is None:
            return None
        return self._open_dialog(direction=direction)

    def edit(self) -> PromiseDialog | None:
        row = self.current()
        if row is None:
            return None
        return self._open_dialog(row.id)

    def _saved(self, promise_id: int) -> None:
        self.reload()
        self.select_value(promise_id)
        self.say("Promise saved.")
        self.changed.emit(self.contact_id)

    def _done(self, row: PromiseRow, message: str, logged: bool) -> None:
        self.reload()
        self.select_value(row.id)
        self.say(message)
        self.changed.emit(row.contact_id)
        if logged:
            self.logged.emit(row.contact_id)

    def kept(self) -> None:
        """One action: kept, and logged on the timeline ("Kept: …")."""
        row = self.current()
        if row is None or row.status != PromiseStatus.OPEN:
            return
        try:
            ok, _id = self.with_reason(
                lambda reason, confirmed: undoable(
                    f"mark “{row.what}” kept ({row.contact_name})",
                    [row.contact_id],
                    lambda: promises.mark_kept(
                        row.id, self.today(), reason=reason, confirmed=confirmed
                    ),
                )
            )
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return
        if ok:
            self._done(row, f"Kept: {row.what} — logged on the timeline.", True)

    def cant_keep(self) -> None:
        """Record what stands in the way; a promise to tell them why is added, due today."""
        row = self.current()
        if row is None or row.status != PromiseStatus.OPEN or not row.we_owe:
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
                lambda: promises.cant_keep(row.id, reason, self.today()),
            )
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return
        self._done(row, f"Recorded. Next: {promises.load_promise(tell).what}", False)
        self.select_value(tell)

    def broken(self) -> None:
        """Mark it broken; for one we made, offer to apologise and promise it again."""
        row = self.current()
        if row is None or row.status != PromiseStatus.OPEN:
            return
        choice = self.ask_broken(row)
        if choice in (None, "Cancel"):
            return
        if choice == APOLOGISE_AND_REDATE:
            self._apologise_and_redate(row)
            return
        try:
            suggestion = undoable(
                f"mark “{row.what}” broken ({row.contact_name})",
                [row.contact_id],
                lambda: promises.break_promise(row.id, self.today()),
            )
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return
        message, logged = f"Broken: {row.what}.", False
        if suggestion is not None and choice == "Break and log apology":
            logged, _id = self.with_reason(
                lambda reason, confirmed: undoable(
                    "",
                    [row.contact_id],
                    lambda: log_outreach(
                        suggestion.interaction,
                        today=self.today(),
                        reason=reason,
                        confirmed=confirmed,
                    ),
                    joins=True,  # one Ctrl+Z takes back the break and its apology
                )
            )
            if logged:
                message += " Apology logged on the timeline."
        self._done(row, message, logged)

    def _apologise_and_redate(self, row: PromiseRow) -> None:
        try:
            done = self.redate_asked(row, self.today())
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return
        if done is not None:
            new = promises.load_promise(done.new_id)
            self._done(row, f"Apology logged; promised again for {new.due_on.isoformat()}.", True)
            self.select_value(done.new_id)

    def nudge(self) -> None:
        """One action: log a polite nudge for an overdue promise owed to us (asks first when
        the last nudge was less than a week ago, and offers to release it on the third)."""
        row = self.current()
        if row is None or not promises.can_nudge(row, self.today()):
            return
        try:
            outcome = self.nudge_asked(row, self.today())
        except PromiseInvalid as problem:
            self.show_problem(str(problem))
            return
        if outcome == "released":
            self._done(row, f"Released: {row.what}.", False)
        elif outcome == "nudged":
            self._done(row, f"Nudge logged on the timeline: {row.what}.", True)
