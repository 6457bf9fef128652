"""The Insights view: relationship health, activity and the ladder, drawn with Qt Charts."""

from gratitude_desktop.ui.insights.view import InsightsView

__all__ = ["InsightsView"]
