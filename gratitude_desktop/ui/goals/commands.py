"""GoalCommand: a tick, a tally or a review of one goal, as a command on the window's undo.

Goals belong to no contact, so journal.changes (which records a contact's rows) does not
cover them; this command keeps the goal's hand-set parts (tally, done, review date) as
they were before and after, and the review row it wrote, and puts exactly those back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtGui import QUndoCommand

from gratitude_desktop.journal import goals
from gratitude_desktop.ui.undo import UndoHistory

T = TypeVar("T")


class GoalCommand(QUndoCommand):
    """One change to one goal; undo and redo write its before and after state."""

    def __init__(
        self,
        history: UndoHistory,
        text: str,
        goal_id: int,
        before: dict,
        after: dict,
        review: goals.ReviewRow | None = None,
        review_id: int | None = None,
    ):
        super().__init__(text)
        self.history = history
        self.goal_id = goal_id
        self.before, self.after = before, after
        self.review, self.review_id = review, review_id
        self._done = True  # pushed after the change was made: the first redo() is a no-op

    def undo(self) -> None:
        goals.put_goal_state(self.goal_id, self.before)
        if self.review_id is not None:
            goals.delete_review(self.review_id)
        self._done = False
        self.history.applied.emit(0, f"Undone: {self.text()}.")

    def redo(self) -> None:
        if self._done:
            return
        goals.put_goal_state(self.goal_id, self.after)
        if self.review_id is not None and self.review is not None:
            goals.restore_review(self.review_id, self.goal_id, self.review.on, self.review.note)
        self._done = True
        self.history.applied.emit(0, f"Redone: {self.text()}.")


def undoable_goal(text: str, goal_id: int, action: Callable[[], T]) -> T:
    """Run `action` (a change to one goal) and push it on the window's undo stack.

    A review is recognised by `action` returning a GoalReview id (review_goal does).
    Without a window (the view tested alone) it just runs the action.
    """
    history = UndoHistory.current()
    before = goals.goal_state(goal_id)
    result = action()
    if history is None:
        return result
    after = goals.goal_state(goal_id)
    review = review_id = None
    if isinstance(result, int) and not isinstance(result, bool):
        review_id = result
        review = next(iter(goals.reviews_of(goal_id)), None)
    history.stack.push(GoalCommand(history, text, goal_id, before, after, review, review_id))
    return result
