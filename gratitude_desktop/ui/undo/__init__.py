"""The window's one undo history: every change the window makes to the journal is a command.

All of it sits on one QUndoStack (`UndoHistory.stack`), shown as Edit → Undo/Redo named
after the action ("Undo mark Sofia Marquez do-not-contact"). The data work — which rows
a change touched, putting them back, refusing when something else changed them since —
is `journal.changes`; a command here only calls it and asks the window to show the
contact again.

How to make a new action undoable: run its journal write through `undoable`:

    from gratitude_desktop.ui.undo import undoable

    undoable(f"snooze {name}", [contact_id], lambda: snoozes.snooze(contact_id, until))

It runs the action at once and returns its result (a refusal such as OutreachRefused
propagates and nothing is pushed), records the rows it touched among those of the
contacts named (name every contact whose rows it writes: both sides of a referral, the
two of a merge), and pushes a JournalCommand. The first contact named is the one the
window shows after an undo or redo. The text is lower case, a verb first ("thank
Ada King for referring Ben Ng"): the Edit menu puts "Undo "/"Redo " before it.
Options: `creates=True` when the action makes a contact and returns its id;
`goals=True` / `offerings=True` when it writes goals or offerings; `joins=True` when
it finishes the command just pushed (an apology after "mark … broken": one Ctrl+Z
takes both back). Do not run a dialog inside the action (it runs in a transaction):
ask first, then call `undoable` — for a do-not-contact reason, wrap `undoable` in the
`with_reason` callback, as promises_section.py does.

A write on a worker thread records itself there (`journal.changes.record`, returning
its result and the Change) and the GUI thread pushes it with `push_recorded`, as
capture/new_people.py does.

Views need no slot of their own: after an undo or redo the window re-reads its pages
(`MainWindow.journalChanged`). Without a window (a view tested alone), `undoable`
just runs the action; tests of such a view may `UndoHistory().install()` and call
`history.stack.undo()`.
"""

from gratitude_desktop.ui.undo.history import (
    JournalCommand,
    UndoHistory,
    push_recorded,
    undoable,
)

__all__ = ["JournalCommand", "UndoHistory", "push_recorded", "undoable"]
