"""The Promises view: every open promise, grouped, with one-key follow-through."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gratitude_desktop.ui.promises.dialog import PromiseDialog
    from gratitude_desktop.ui.promises.view import PromisesView

__all__ = ["PromiseDialog", "PromisesView"]

# The contact page uses promises.questions at start-up; the view and the dialog are
# imported when first named (PEP 562), so the window opens without them.
_WHERE = {
    "PromiseDialog": "gratitude_desktop.ui.promises.dialog",
    "PromisesView": "gratitude_desktop.ui.promises.view",
}


def __getattr__(name: str):
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
