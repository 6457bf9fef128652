"""User text in places where Qt guesses HTML.

A tooltip (and an item model's ToolTipRole) is read as rich text whenever it looks like
it, so a name such as "<b>Ann</b>" or imported notes holding "<img …>" would be drawn as
markup. `plain_tooltip` makes the tooltip rich text on purpose, with the text escaped,
so it shows exactly as typed, line breaks kept.
"""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip that Qt shows literally; '' stays '' (no tooltip)."""
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
