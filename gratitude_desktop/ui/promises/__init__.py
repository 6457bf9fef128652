"""The Promises view: every open promise, grouped, with one-key follow-through."""

from gratitude_desktop.ui.promises.view import PromisesView

__all__ = ["PromisesView"]
