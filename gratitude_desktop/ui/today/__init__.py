"""The Today page: today's agenda with one-key actions (model.py holds the rows, view.py the page)."""

from gratitude_desktop.ui.today.model import TodayModel
from gratitude_desktop.ui.today.view import TodayView

__all__ = ["TodayModel", "TodayView"]
