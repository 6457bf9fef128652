"""What a command is called in Edit → Undo/Redo ("mark Sofia Marquez do-not-contact")."""

from __future__ import annotations

from gratitude_desktop.journal.contacts import ContactData, composed_name
from gratitude_desktop.store.enums import label


def contact_edit_text(before: ContactData | None, after: ContactData) -> str:
    """The most telling thing a save of the contact page did, as a command's text."""
    name = composed_name(after) or "a contact"
    if before is None:
        return f"create {name}"
    if after.dnc_channels and not before.dnc_channels:
        return f"mark {name} do-not-contact"
    if before.dnc_channels and not after.dnc_channels:
        return f"clear {name}'s do-not-contact"
    if after.lost_reason and not before.lost_reason:
        return f"mark {name} lost"
    if before.lost_reason and not after.lost_reason:
        return f"clear {name}'s lost mark"
    if after.stage != before.stage:
        return f"move {name} to {label(after.stage)}"
    if composed_name(before) != name:
        return f"rename {composed_name(before) or 'a contact'} to {name}"
    return f"edit {name}"
