"""User text in places where Qt guesses HTML.

A tooltip (and an item model's ToolTipRole) is read as rich text whenever it looks like
it, so a name such as "<b>Ann</b>" or imported notes holding "<img …>" would be drawn as
markup. `plain_tooltip` makes the tooltip rich text on purpose, with the text escaped,
so it shows exactly as typed, line breaks kept. `plain_label` is a wrapping label that
shows its text as plain text, never as markup.
"""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip that Qt shows literally; '' stays '' (no tooltip)."""
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def plain_label(text: str, parent=None):
    """A word-wrapped QLabel that shows `text` as plain text (never as HTML)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label
