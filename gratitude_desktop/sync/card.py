"""A contact as a CardDAV vCard and back, and the three-way merge of one contact's fields.

The standard properties are io.export's (one vCard writer); the journal's own fields
travel as X-GRATITUDE-* properties that other clients keep and ignore. A card read
from the server goes through io.vcard's reader (one vCard reader). Properties
Gratitude does not model (PHOTO, a phone's own X- properties) are copied from the
server's last card into the card written back, so a sync never strips them.

Fields are compared as `fields_of` gives them: plain JSON values after a trip through
the writer and the reader, so a label the card cannot spell exactly is not taken for
a change on every sync.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from gratitude_desktop.io.export import fold, vcard_escape, vcard_lines
from gratitude_desktop.io.merge import MERGED_FIELDS
from gratitude_desktop.io.report import RefusedRow
from gratitude_desktop.io.vcard.card import unescape
from gratitude_desktop.io.vcard.reader import read_cards
from gratitude_desktop.journal.contacts import ContactData, MethodData
from gratitude_desktop.journal.methods import match_key

PRODID = "-//Gratitude//Gratitude desktop//EN"

# The journal's own fields, as X-GRATITUDE-<NAME>.
_OWN = {
    "stage": "STAGE",
    "cadence_days": "CADENCE-DAYS",
    "met_on": "MET-ON",
    "how_we_met": "HOW-WE-MET",
    "story": "STORY",
    "needs": "NEEDS",
    "dnc_since": "DNC-SINCE",
    "dnc_channels": "DNC-CHANNELS",
    "dnc_reason": "DNC-REASON",
    "lost_since": "LOST-SINCE",
    "lost_reason": "LOST-REASON",
    "lost_note": "LOST-NOTE",
}
_OWN_BY_NAME = {f"X-GRATITUDE-{v}": k for k, v in _OWN.items()}
_DATES = {"met_on", "dnc_since", "lost_since"}
_WORDS = {"circles", "dnc_channels"}

# Every field a sync carries, in the order a report lists them.
FIELDS = (
    "display_name",
    "prefix",
    "given_name",
    "middle_name",
    "family_name",
    "suffix",
    "nickname",
    "organization",
    "title",
    "birthday",
    "anniversary",
    "notes",
    "circles",
    *_OWN,
    "methods",
)
WORDS = {
    **MERGED_FIELDS,
    "notes": "notes",
    "circles": "circles",
    "methods": "emails, phones and addresses",
    "stage": "stage",
    "cadence_days": "keep-in-touch days",
    "met_on": "met on",
    "dnc_since": "do not contact since",
    "dnc_channels": "do not contact on",
    "dnc_reason": "do not contact, their words",
    "lost_since": "lost since",
    "lost_reason": "lost because",
    "lost_note": "lost, note",
}

# Properties the writer owns: left out when the server's other properties are kept.
_WRITTEN = {
    "BEGIN", "END", "VERSION", "UID", "PRODID", "REV", "FN", "N", "NICKNAME", "ORG", "TITLE",
    "BDAY", "ANNIVERSARY", "X-ANNIVERSARY", "EMAIL", "TEL", "URL", "ADR", "X-SOCIALPROFILE",
    "NOTE", "CATEGORIES", "X-ABLABEL",
}  # fmt: skip
_UNFOLD = re.compile(r"\r?\n[ \t]")
_NAME = re.compile(r"^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)")


def _lines(text: str) -> list[str]:
    return [line for line in _UNFOLD.sub("", text).splitlines() if line.strip()]


def _prop(line: str) -> tuple[str, str]:
    """(group, NAME) of a content line."""
    found = _NAME.match(line)
    if not found:
        return "", ""
    return (found.group(1) or "").casefold(), found.group(2).upper()


def card_version(text: str | None) -> str:
    """The VERSION of a card ("3.0", "4.0"); 4.0 when there is none."""
    for line in _lines(text or ""):
        if line.upper().startswith("VERSION:"):
            return "3.0" if line.split(":", 1)[1].strip() in ("2.1", "3.0") else "4.0"
    return "4.0"


def kept_lines(text: str) -> list[str]:
    """The lines of a server card that Gratitude does not write itself (PHOTO, X-…)."""
    lines = _lines(text)
    props = [_prop(line) for line in lines]
    owned_groups = {g for g, n in props if g and (n in _WRITTEN or n.startswith("X-GRATITUDE-"))}
    kept = []
    for line, (group, name) in zip(lines, props, strict=True):
        if not name or name in _WRITTEN or name.startswith("X-GRATITUDE-"):
            continue
        if group and group in owned_groups:
            continue
        kept.append(line)
    return kept


def card_text(data: ContactData, uid: str, server_card: str | None = None) -> str:
    """The vCard for a contact; keeps the server card's other properties and its version."""
    version = card_version(server_card) if server_card else "4.0"
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"PRODID:{PRODID}", f"UID:{vcard_escape(uid)}"]
    lines += vcard_lines(data, data.methods, version)
    for name, prop in _OWN.items():
        value = getattr(data, name)
        if value is None or value == "" or value == ():
            continue
        if name in _DATES:
            value = value.isoformat()
        elif name in _WORDS:
            value = ",".join(value)
        lines.append(f"X-GRATITUDE-{prop}:{vcard_escape(str(value))}")
    if server_card:
        lines += kept_lines(server_card)
    lines.append("END:VCARD")
    return fold(lines)


class CardUnreadable(ValueError):
    """A server card that makes no contact (no name, no email, no phone); says why."""


def read_card(text: str, where: str) -> tuple[ContactData, str]:
    """The contact a server card holds, and its UID; raises CardUnreadable."""
    found = None
    for _, item in read_cards(text, where):
        found = item
        break
    if found is None:
        raise CardUnreadable(f"{where}: not a vCard")
    if isinstance(found, RefusedRow):
        raise CardUnreadable(f"{where}: {found.reason}")
    uid = ""
    for line in _lines(text):
        group, name = _prop(line)
        if name == "UID":
            uid = unescape(line.split(":", 1)[1]).strip() if ":" in line else ""
        elif name in _OWN_BY_NAME and ":" in line:
            _set_own(found, _OWN_BY_NAME[name], unescape(line.split(":", 1)[1]).strip())
    return found, uid


def _set_own(data: ContactData, name: str, value: str) -> None:
    if not value:
        return
    try:
        if name in _DATES:
            setattr(data, name, dt.date.fromisoformat(value))
        elif name in _WORDS:
            setattr(data, name, tuple(w.strip() for w in value.split(",") if w.strip()))
        elif name == "cadence_days":
            data.cadence_days = int(value)
        else:
            setattr(data, name, value)
    except ValueError:
        data.notes = "\n".join(filter(None, [data.notes, f"{WORDS[name]}: {value}"]))


# --- fields compared --------------------------------------------------------------------


def fields_of(data: ContactData) -> dict:
    """The synced fields as plain JSON values (dates as ISO text, word sets as sorted lists)."""
    out: dict = {}
    for name in FIELDS:
        if name == "methods":
            out[name] = [[m.kind, m.value, m.label, bool(m.primary)] for m in data.methods]
            continue
        value = getattr(data, name)
        if name in _DATES:
            value = value.isoformat() if value else None
        elif name in _WORDS:
            value = sorted(value)
        elif isinstance(value, str):
            value = value.strip()
        out[name] = value
    return out


def normalized(data: ContactData) -> dict:
    """fields_of the contact as the server will hold it: written as a card, read back."""
    try:
        return fields_of(read_card(card_text(data, "x"), "journal")[0])
    except CardUnreadable:
        return fields_of(data)


def apply_fields(data: ContactData, values: dict) -> ContactData:
    """`data` with `values` (fields_of form) set; methods keep their journal-only details."""
    changes: dict = {}
    for name, value in values.items():
        if name == "methods":
            known = {(m.kind, match_key(m.kind, m.value)): m for m in data.methods}
            methods = []
            for kind, text, label, primary in value:
                old = known.get((kind, match_key(kind, text)))
                confirmed, bad = (old.confirmed_on, old.bad) if old else (None, False)
                methods.append(MethodData(kind, text, label, primary, confirmed, bad))
            changes[name] = methods
        elif name in _DATES:
            changes[name] = dt.date.fromisoformat(value) if value else None
        elif name in _WORDS:
            changes[name] = tuple(value)
        else:
            changes[name] = value if value is not None or name == "cadence_days" else ""
    return replace(data, **changes)


@dataclass(frozen=True)
class FieldConflict:
    """A field changed on both sides: the journal's value kept, the server's noted."""

    field: str
    kept: object
    other: object

    @property
    def words(self) -> str:
        return WORDS.get(self.field, self.field)


def _shown(name: str, value) -> str:
    if name == "methods":
        return ", ".join(f"{m[0]} {m[1]}" for m in value)
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else str(value)


def merge3(
    base: dict | None, local: dict, remote: dict, today: dt.date, side: str = "the server"
) -> tuple[dict, list[FieldConflict]]:
    """Three-way merge of one contact: a field changed on one side wins; changed on both,
    the journal's value is kept and the other side's goes to the notes with the date.

    Without a base (never synced), every difference counts as changed on both sides.
    Methods and circles changed on both sides are united, so none is lost.
    """
    merged: dict = {}
    conflicts: list[FieldConflict] = []
    for name in FIELDS:
        mine, theirs = local.get(name), remote.get(name)
        was = base.get(name) if base is not None else None
        if mine == theirs:
            merged[name] = mine
        elif base is not None and mine == was:
            merged[name] = theirs
        elif base is not None and theirs == was:
            merged[name] = mine
        elif name == "circles":
            merged[name] = sorted(set(mine or ()) | set(theirs or ()))
        elif name == "methods":
            keys = {(m[0], match_key(m[0], m[1])) for m in mine}
            extra = [m for m in theirs if (m[0], match_key(m[0], m[1])) not in keys]
            merged[name] = mine + [[k, v, label, False] for k, v, label, _ in extra]
            if extra:
                conflicts.append(FieldConflict(name, mine, theirs))
        else:
            merged[name] = mine
            if theirs not in (None, "", []):
                conflicts.append(FieldConflict(name, mine, theirs))
    lines = []
    for conflict in conflicts:
        if conflict.field == "methods":
            continue  # united above: nothing to note
        if conflict.field == "notes":
            kept = (merged.get("notes") or "").splitlines()
            added = [ln for ln in str(conflict.other).splitlines() if ln and ln not in kept]
            if added:
                lines.append(f"From {side} on {today.isoformat()}, notes:")
                lines += added
            continue
        lines.append(
            f"From {side} on {today.isoformat()}, {conflict.words}: "
            f"{_shown(conflict.field, conflict.other)}"
        )
    if lines:
        notes = merged.get("notes") or ""
        new = [ln for ln in lines if ln not in notes.splitlines()]
        if new:
            merged["notes"] = "\n".join([notes, *new]).strip("\n")
    return merged, conflicts
