"""The Goals view: ranked goals accounted for from the journal (issue 9)."""

from gratitude_desktop.ui.goals.dialog import GoalDialog
from gratitude_desktop.ui.goals.view import GoalsView

__all__ = ["GoalDialog", "GoalsView"]
