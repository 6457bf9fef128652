"""Duplicates: find incoming contacts that are already in the journal or the file, and merge them.

Two contacts are the same person when they share an email, a phone number (compared
normalised), or a name together with an organisation. Merging fills empty fields and adds
new methods; it never overwrites: a conflicting value goes to the notes as
"Imported <field>: <value>".
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace

from gratitude_desktop.journal.contacts import ContactData, MethodData, composed_name
from gratitude_desktop.journal.methods import DEFAULT_REGION, match_key, normalize_phone
from gratitude_desktop.store.models import Contact, ContactMethod

MERGE = "merge"
KEEP_BOTH = "keep-both"
SKIP = "skip"
POLICIES = (MERGE, KEEP_BOTH, SKIP)

# Fields a merge may fill when empty; a different value becomes a note.
MERGED_FIELDS = {
    "display_name": "name",
    "prefix": "name prefix",
    "given_name": "given name",
    "middle_name": "middle name",
    "family_name": "family name",
    "suffix": "name suffix",
    "nickname": "nickname",
    "organization": "organisation",
    "title": "title",
    "birthday": "birthday",
    "anniversary": "anniversary",
    "how_we_met": "how we met",
    "story": "story",
    "needs": "needs",
}
MIN_PHONE_KEY = 6  # shorter numbers (extensions, short codes) are not evidence of a person

Owner = tuple[str, int]  # ("contact", id) in the journal, or ("row", row number) in the file


@dataclass
class DuplicateGroup:
    """Incoming rows that are the same person, and the journal contact they match (if any)."""

    key: str  # "contact:<id>" or "row:<first row>": what `decisions` are keyed by
    reason: str
    existing_id: int | None = None
    existing_name: str = ""
    rows: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


def owner_key(owner: Owner) -> str:
    return f"{owner[0]}:{owner[1]}"


def _norm(text: str) -> str:
    return " ".join((text or "").casefold().split())


def keys_of(data: ContactData) -> list[tuple[str, str]]:
    """The match keys of a contact: ("email", key), ("phone", key), ("name", name+org)."""
    keys: list[tuple[str, str]] = []
    for method in data.methods:
        kind = method.kind
        if kind == "email":
            value = method.value
            key = value.strip().casefold() if value else ""  # match_key("email", value)
            if key:
                keys.append(("email", key))
        elif kind == "phone":
            value = method.value
            key = normalize_phone(value.strip(), DEFAULT_REGION) if value else ""  # match_key
            if len(key) >= MIN_PHONE_KEY:
                keys.append(("phone", key))
    org = data.organization
    if org:  # without one there is no name key: the name need not be composed
        name, org = _norm(composed_name(data)), _norm(org)
        if name and org and name != org:
            keys.append(("name", f"{name}\x1f{org}"))
    return keys


_REASONS = {
    "email": "same email",
    "phone": "same phone number",
    "name": "same name and organisation",
}


class Matcher:
    """An index from match keys to the contact (journal or file row) that owns them."""

    def __init__(self, *, journal: bool = True):
        self.index: dict[tuple[str, str], Owner] = {}
        if journal:
            self._load()

    def _load(self) -> None:
        live = Contact.select(Contact.id).where(Contact.trashed_at.is_null(True))
        query = (
            ContactMethod.select(ContactMethod.kind, ContactMethod.match_key, ContactMethod.contact)
            .where(ContactMethod.kind.in_(["email", "phone"]) & ContactMethod.contact.in_(live))
            .tuples()
        )
        for kind, key, contact_id in query.iterator():
            if key and (kind == "email" or len(key) >= MIN_PHONE_KEY):
                self.index.setdefault((kind, key), ("contact", contact_id))
        rows = (
            Contact.select(Contact.id, Contact.display_name, Contact.organization)
            .where(Contact.trashed_at.is_null(True) & Contact.organization.is_null(False))
            .tuples()
        )
        for contact_id, name, org in rows.iterator():
            name, org = _norm(name), _norm(org)
            if name and org and name != org:
                self.index.setdefault(("name", f"{name}\x1f{org}"), ("contact", contact_id))

    def find(self, keys: Iterable[tuple[str, str]]) -> tuple[Owner, str] | None:
        """The owner of the first key already known, with the reason, or None."""
        for key in keys:
            owner = self.index.get(key)
            if owner is not None:
                return owner, _REASONS[key[0]]
        return None

    def add(self, owner: Owner, keys: Iterable[tuple[str, str]]) -> None:
        for key in keys:
            self.index.setdefault(key, owner)


def merge_into(base: ContactData, incoming: ContactData) -> bool:
    """Merge `incoming` into `base` in place; True when `base` changed.

    Empty fields are filled, new methods added, conflicting values noted — never overwritten.
    Merging the same data twice changes nothing the second time.
    """
    changed = False
    notes: list[str] = []
    for name, words in MERGED_FIELDS.items():
        new = (getattr(incoming, name) or "").strip()
        if not new:
            continue
        old = (getattr(base, name) or "").strip()
        if not old:
            setattr(base, name, new)
            changed = True
        elif _norm(old) != _norm(new):
            notes.append(f"Imported {words}: {new}")
    new_circles = [c for c in incoming.circles if c not in base.circles]
    if new_circles:
        base.circles = tuple(base.circles) + tuple(new_circles)
        changed = True
    if base.met_on is None and incoming.met_on is not None:
        base.met_on = incoming.met_on
        changed = True
    existing_notes = base.notes or ""
    if incoming.notes.strip() and incoming.notes.strip() not in existing_notes:
        notes.insert(0, incoming.notes.strip())
    notes = [n for n in dict.fromkeys(notes) if n not in existing_notes]
    if notes:
        base.notes = "\n".join([existing_notes.rstrip(), *notes]).strip("\n")
        changed = True
    known = {(m.kind, match_key(m.kind, m.value)) for m in base.methods}
    has_primary = {m.kind for m in base.methods if m.primary}
    for method in incoming.methods:
        key = (method.kind, match_key(method.kind, method.value))
        if key in known:
            continue
        known.add(key)
        base.methods.append(
            replace(method, primary=method.primary and method.kind not in has_primary)
        )
        has_primary.update([method.kind] if method.primary else [])
        changed = True
    return changed


def find_duplicates(
    incoming: Iterable[ContactData | tuple[int, ContactData]],
) -> list[DuplicateGroup]:
    """Groups of incoming contacts that match the journal or each other (for the import wizard).

    `incoming` holds ContactData, or (row number, ContactData) pairs as the readers yield
    them; only groups with a duplicate are returned, in file order.
    """
    matcher = Matcher()
    groups: dict[str, DuplicateGroup] = {}
    first_names: dict[Owner, str] = {}
    for position, item in enumerate(incoming, start=1):
        if isinstance(item, tuple):
            row, data = item
        else:
            row, data = position, item
        if not isinstance(data, ContactData):
            continue  # a refused row
        keys = keys_of(data)
        hit = matcher.find(keys)
        if hit is None:
            owner: Owner = ("row", row)
            matcher.add(owner, keys)
            first_names[owner] = composed_name(data)
            continue
        owner, reason = hit
        key = owner_key(owner)
        group = groups.get(key)
        if group is None:
            if owner[0] == "contact":
                name = Contact.get_by_id(owner[1]).display_name
                group = DuplicateGroup(key, reason, owner[1], name)
            else:
                group = DuplicateGroup(key, reason, rows=[owner[1]], names=[first_names[owner]])
            groups[key] = group
        group.rows.append(row)
        group.names.append(composed_name(data))
        matcher.add(owner, keys)
    return list(groups.values())


# --- Snapshots for undo ---------------------------------------------------------------------


def snapshot(data: ContactData) -> str:
    """A contact as JSON, to restore it when an import is undone."""

    def plain(value):
        if isinstance(value, dt.date | dt.datetime):
            return value.isoformat()
        return value

    values = {f.name: plain(getattr(data, f.name)) for f in _CONTACT_FIELDS if f.name != "methods"}
    values["methods"] = [
        {f.name: plain(getattr(m, f.name)) for f in _METHOD_FIELDS} for m in data.methods
    ]
    return json.dumps(values, ensure_ascii=False)


_CONTACT_FIELDS = fields(ContactData)
_METHOD_FIELDS = fields(MethodData)


_DATES = {"met_on", "dnc_since", "lost_since"}
_DATETIMES = {"created_at", "trashed_at"}


def from_snapshot(text: str) -> ContactData:
    """The contact a snapshot holds."""
    values = json.loads(text)
    known = {f.name for f in fields(ContactData)}
    out = {}
    for name, value in values.items():
        if name not in known or name == "methods":
            continue
        if value is not None and name in _DATES:
            value = dt.date.fromisoformat(value)
        elif value is not None and name in _DATETIMES:
            value = dt.datetime.fromisoformat(value)
        elif name in ("circles", "dnc_channels"):
            value = tuple(value)
        out[name] = value
    methods = []
    for m in values.get("methods", []):
        confirmed = m.get("confirmed_on")
        methods.append(
            MethodData(
                kind=m["kind"],
                value=m["value"],
                label=m.get("label", ""),
                primary=bool(m.get("primary")),
                confirmed_on=dt.date.fromisoformat(confirmed) if confirmed else None,
                bad=bool(m.get("bad")),
            )
        )
    return ContactData(**out, methods=methods)
