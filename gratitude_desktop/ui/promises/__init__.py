"""The Promises view: every open promise, grouped, with one-key follow-through."""

from gratitude_desktop.ui.promises.dialog import PromiseDialog
from gratitude_desktop.ui.promises.view import PromisesView

__all__ = ["PromiseDialog", "PromisesView"]
