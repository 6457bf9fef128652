"""UndoHistory (the window's QUndoStack) and JournalCommand (one change to the journal)."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from typing import TypeVar

import shiboken6
from peewee import DatabaseError
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

from gratitude_desktop.journal import changes

T = TypeVar("T")

# Weak: a history lives as long as its window; the last one installed and alive is current.
_installed: list[weakref.ref[UndoHistory]] = []


class UndoHistory(QObject):
    """The main window's undo stack; tells the window what to show after an undo or redo.

    `applied(contact_id, message)`: an undo or redo wrote to the journal; the window
    re-reads its pages and shows the contact. `refused(message)`: an undo or redo found
    its records changed since and wrote nothing (the command leaves the stack).
    """

    applied = Signal(int, str)
    refused = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self._actions: tuple[QAction, QAction] | None = None
        self.writable = True
        # Slots of this object, not lambdas: Qt cuts them before the stack is destroyed.
        self.stack.undoTextChanged.connect(self._sync_actions)
        self.stack.redoTextChanged.connect(self._sync_actions)
        self.stack.canUndoChanged.connect(self._sync_actions)
        self.stack.canRedoChanged.connect(self._sync_actions)

    def attach_actions(self, undo: QAction, redo: QAction) -> None:
        """Keep Edit → Undo/Redo named after the action they would undo/redo, and enabled."""
        self._actions = (undo, redo)
        self._sync_actions()

    @Slot()
    def _sync_actions(self, *_args) -> None:
        if self._actions is None:
            return
        for action, verb, text, can in (
            (self._actions[0], "Undo", self.stack.undoText(), self.stack.canUndo()),
            (self._actions[1], "Redo", self.stack.redoText(), self.stack.canRedo()),
        ):
            action.setText(f"&{verb} {text}" if text else f"&{verb}")
            action.setStatusTip(f"{verb} {text}" if text else f"Nothing to {verb.lower()}")
            action.setEnabled(self.writable and can)

    def install(self) -> None:
        """Make this the history `undoable` pushes onto (the window does, once)."""
        _installed.append(weakref.ref(self))

    @staticmethod
    def current() -> UndoHistory | None:
        """The history of the window on screen (None when no window was made)."""
        while _installed:
            history = _installed[-1]()
            if history is not None and shiboken6.isValid(history):
                return history
            _installed.pop()
        return None

    def push(
        self, text: str, change: changes.Change, contact_id: int | None, *, joins: bool = False
    ) -> None:
        """Put a change already made on the stack (nothing happens now).

        `joins`: the change finishes the command on top (an apology logged after the
        promise was broken) and is undone and redone with it, under its name.
        """
        top = self.stack.command(self.stack.index() - 1) if self.stack.index() else None
        if joins and isinstance(top, JournalCommand) and self.stack.index() == self.stack.count():
            top.change = top.change.then(change)
        elif change:
            self.stack.push(JournalCommand(self, text, change, contact_id))


class JournalCommand(QUndoCommand):
    """One change the window made; undo and redo write exactly the rows it touched."""

    def __init__(
        self, history: UndoHistory, text: str, change: changes.Change, contact_id: int | None
    ):
        super().__init__(text)
        self.history = history
        self.change = change
        self.contact_id = contact_id
        self._done = True  # pushed after the change was made: the first redo() is a no-op

    def redo(self) -> None:
        if self._done:
            return
        self._apply(changes.redo, "Redone", "redo")
        self._done = True

    def undo(self) -> None:
        self._apply(changes.undo, "Undone", "undo")
        self._done = False

    def _apply(self, write: Callable[[changes.Change], None], done: str, verb: str) -> None:
        try:
            write(self.change)
        except changes.ChangedSince as stale:
            # Qt drops an obsolete command from the stack: it can never apply again.
            self.setObsolete(True)
            self.history.refused.emit(
                f"Could not {verb} “{self.text()}”: {stale} Nothing was changed, so "
                "the newer data is kept; this step is taken off the undo list."
            )
            return
        except DatabaseError as problem:
            # Busy (another process writing) or a disk error: the transaction rolled back.
            # Qt moves past a command that does not become obsolete, so it must go too.
            self.setObsolete(True)
            self.history.refused.emit(
                f"Could not {verb} “{self.text()}”: the journal could not be written "
                f"({problem}). Nothing was changed; this step is taken off the undo list."
            )
            return
        self.history.applied.emit(self.contact_id or 0, f"{done}: {self.text()}.")


def undoable(
    text: str,
    contact_ids: Iterable[int],
    action: Callable[[], T],
    *,
    creates: bool = False,
    joins: bool = False,
    goals: bool = False,
    offerings: bool = False,
) -> T:
    """Run `action` (a journal write about these contacts) as one undoable command.

    Returns what `action` returns; its exceptions propagate and nothing is pushed.
    `creates=True`: the action makes a contact and returns its id (undo removes it).
    `joins=True`: the action finishes the last command (see UndoHistory.push).
    `goals`, `offerings`: the action writes goals or offerings (kept whole, they are few).
    See the package docstring.
    """
    history = UndoHistory.current()
    ids = [int(i) for i in contact_ids if i is not None]
    if history is None:
        return action()
    created = (lambda new_id: [new_id]) if creates else None
    result, change = changes.record(ids, action, created, goals=goals, offerings=offerings)
    shown = ids[0] if ids else (result if creates else None)
    history.push(text, change, shown, joins=joins)
    return result


def push_recorded(text: str, change: changes.Change, contact_id: int | None) -> None:
    """Push a change a worker made and recorded itself (journal.changes.record on its thread).

    For writes that run off the GUI thread: the worker returns `record`'s (result, change)
    and the GUI thread pushes it here; undo and redo then run on the GUI thread.
    """
    history = UndoHistory.current()
    if history is not None:
        history.push(text, change, contact_id)
