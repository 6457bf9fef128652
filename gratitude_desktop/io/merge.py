"""The one home of "same person" and "merge": every import, the archive, capture and sync.

Same person (`keys_of`, `Matcher`): two contacts are the same person when they share an
email, a phone number of at least MIN_PHONE_KEY digits (compared normalised), a name
together with an organisation (case, accents and spacing aside), or, for a contact that
carries its creation moment (an archive record), the same name created at the same
moment. Live journal contacts are preferred; a trashed contact still matches when no live
one does, so re-importing a file or an archive does not bring back what was trashed.

Merge (`merge(existing, incoming)`): never overwrite. Empty fields are filled, circles and
do-not-contact channels add up (a "no more" is never dropped), new methods are added, the
stage moves on only from "acquaintance", a lost mark is kept; incoming notes are added as
their own lines; any other different value goes to the notes as one line
"Imported <field>: <value>". Merging the same data twice changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, fields, replace

from gratitude_desktop.journal.contacts import (
    ContactData,
    MethodData,
    composed_name,
    dnc_channels_kept,
    sort_key,
)
from gratitude_desktop.journal.methods import DEFAULT_REGION, match_key, normalize_phone
from gratitude_desktop.store.enums import Stage
from gratitude_desktop.store.models import Contact, ContactMethod

MERGE = "merge"
KEEP_BOTH = "keep-both"
SKIP = "skip"
POLICIES = (MERGE, KEEP_BOTH, SKIP)

# Fields a merge fills when empty, with the words of the note a different value becomes.
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
    "met_on": "met on",
    "cadence_days": "keep-in-touch days",
}
MIN_PHONE_KEY = 6  # shorter numbers (extensions, short codes) are not evidence of a person

Owner = tuple[str, int]  # ("contact", id) in the journal, or ("row", row number) in the file
Key = tuple[str, str]  # ("email" | "phone" | "name" | "record", normalised text)


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


def _folded(text: str) -> str:
    """Text as names and organisations are compared: case, accents and spacing aside."""
    return " ".join(sort_key(text or "").split())


def _name_key(name: str, org: str) -> Key | None:
    name, org = _folded(name), _folded(org)
    if name and org and name != org:
        return ("name", f"{name}\x1f{org}")
    return None


def _record_key(name: str, created_at: dt.datetime) -> Key:
    return ("record", f"{_folded(name)}\x1f{created_at.isoformat()}")


def keys_of(data: ContactData) -> list[Key]:
    """The match keys of a contact, strongest first: emails, phones, name + organisation,
    and (for a contact that carries its creation moment) name + that moment."""
    keys: list[Key] = []
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
    if data.organization:  # without one there is no name key: the name need not be composed
        name = _name_key(composed_name(data), data.organization)
        if name is not None:
            keys.append(name)
    if data.created_at is not None:
        keys.append(_record_key(composed_name(data), data.created_at))
    return keys


_REASONS = {
    "email": "same email",
    "phone": "same phone number",
    "name": "same name and organisation",
    "record": "same contact exported earlier",
}


class Matcher:
    """The "same person" index: match key -> the contact (journal or file row) owning it.

    With `journal`, the journal's contacts are loaded first, live before trashed; file rows
    added later (`add`) never take a key from a journal contact. A key several journal
    contacts share keeps them all, so `find(..., exclude=...)` can pass over some.
    """

    def __init__(self, *, journal: bool = True):
        self.index: dict[Key, Owner] = {}
        self._more: dict[Key, list[Owner]] = {}  # journal contacts sharing a key, after the first
        self._records = not journal  # "record" keys are loaded when first asked for
        if journal:
            self._load()

    def _put(self, key: Key, owner: Owner) -> None:
        first = self.index.setdefault(key, owner)
        if first != owner:
            self._more.setdefault(key, []).append(owner)

    def _load(self) -> None:
        put = self._put
        for trashed in (False, True):  # live contacts first: they are the better match
            which = Contact.select(Contact.id).where(Contact.trashed_at.is_null(not trashed))
            query = (
                ContactMethod.select(
                    ContactMethod.kind, ContactMethod.match_key, ContactMethod.contact
                )
                .where(
                    ContactMethod.kind.in_(["email", "phone"]) & ContactMethod.contact.in_(which)
                )
                .tuples()
            )
            for kind, key, contact_id in query.iterator():
                if key and (kind == "email" or len(key) >= MIN_PHONE_KEY):
                    put((kind, key), ("contact", contact_id))
            rows = (
                Contact.select(Contact.id, Contact.display_name, Contact.organization)
                .where(
                    Contact.trashed_at.is_null(not trashed) & Contact.organization.is_null(False)
                )
                .tuples()
            )
            for contact_id, name, org in rows.iterator():
                key = _name_key(name, org)
                if key is not None:
                    put(key, ("contact", contact_id))

    def _load_records(self) -> None:
        self._records = True
        query = Contact.select(Contact.id, Contact.display_name, Contact.created_at).order_by(
            Contact.trashed_at.is_null(False), Contact.id
        )
        for contact_id, name, created_at in query.tuples().iterator():
            if created_at is not None:
                self._put(_record_key(name, created_at), ("contact", contact_id))

    def find(self, keys: Iterable[Key], exclude: Collection[int] = ()) -> tuple[Owner, str] | None:
        """The owner of the first key already known, with the reason, or None.

        `exclude` holds journal contact ids that may not match (the archive passes the
        contacts it has already merged into, so two records never become one contact).
        """
        for key in keys:
            if not self._records and key[0] == "record":
                self._load_records()
            owner = self.index.get(key)
            if owner is None:
                continue
            if exclude and owner[0] == "contact" and owner[1] in exclude:
                owner = next((o for o in self._more.get(key, ()) if o[1] not in exclude), None)
                if owner is None:
                    continue
            return owner, _REASONS[key[0]]
        return None

    def add(self, owner: Owner, keys: Iterable[Key]) -> None:
        for key in keys:
            self.index.setdefault(key, owner)


def _empty(value: object) -> bool:
    return value is None or value == () or (isinstance(value, str) and not value.strip())


def _same(old: object, new: object) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return " ".join(old.casefold().split()) == " ".join(new.casefold().split())
    return old == new


def merge(existing: ContactData, incoming: ContactData) -> ContactData:
    """`existing` with what `incoming` adds; neither argument changes.

    The rules are the module's (see its docstring): fill, add up, never overwrite;
    `merge(merge(a, b), b) == merge(a, b)`. When `incoming` adds nothing, `existing`
    itself is returned (an import full of duplicates copies nothing).
    """
    changes: dict[str, object] = {}
    conflicts: list[str] = []
    for name, words in MERGED_FIELDS.items():
        new = getattr(incoming, name)
        if isinstance(new, str):
            new = new.strip()
        if _empty(new):
            continue
        old = getattr(existing, name)
        if _empty(old):
            changes[name] = new
        elif not _same(old, new):
            conflicts.append(f"Imported {words}: {_text(new)}")
    new_circles = [c for c in incoming.circles if c not in existing.circles]
    if new_circles:
        changes["circles"] = (*existing.circles, *new_circles)
    if incoming.stage != existing.stage and incoming.stage != Stage.ACQUAINTANCE:
        if existing.stage == Stage.ACQUAINTANCE:
            changes["stage"] = incoming.stage
        else:
            conflicts.append(f"Imported stage: {incoming.stage}")
    if incoming.dnc_channels:
        channels = dnc_channels_kept((*existing.dnc_channels, *incoming.dnc_channels))
        if channels != existing.dnc_channels:
            changes["dnc_channels"] = channels
        if existing.dnc_since is None and incoming.dnc_since is not None:
            changes["dnc_since"] = incoming.dnc_since
        if _empty(existing.dnc_reason):
            if not _empty(incoming.dnc_reason):
                changes["dnc_reason"] = incoming.dnc_reason
        elif not _empty(incoming.dnc_reason) and not _same(
            existing.dnc_reason, incoming.dnc_reason
        ):
            conflicts.append(f"Imported do-not-contact reason: {incoming.dnc_reason}")
    if incoming.lost_reason:
        if not existing.lost_reason:
            changes["lost_reason"] = incoming.lost_reason
            changes["lost_since"] = incoming.lost_since
            changes["lost_note"] = incoming.lost_note
        elif (incoming.lost_reason, incoming.lost_since) != (
            existing.lost_reason,
            existing.lost_since,
        ):
            since = _text(incoming.lost_since) if incoming.lost_since else ""
            conflicts.append(f"Imported lost: {incoming.lost_reason} {since}".strip())
    # Tags add up; the first photo stays (both are written by the importer, not save_contact).
    known_tags = {t.casefold() for t in existing.tags}
    new_tags = [t for t in incoming.tags if t.casefold() not in known_tags]
    if new_tags:
        changes["tags"] = (*existing.tags, *new_tags)
    if existing.photo is None and incoming.photo is not None:
        changes["photo"] = incoming.photo
    notes = existing.notes or ""
    added = [incoming.notes.strip()] if incoming.notes.strip() else []
    added = [line for line in dict.fromkeys([*added, *conflicts]) if line not in notes]
    if added:
        changes["notes"] = "\n".join([notes.rstrip(), *added]).strip("\n")
    known = {(m.kind, match_key(m.kind, m.value)) for m in existing.methods}
    has_primary = {m.kind for m in existing.methods if m.primary}
    methods = list(existing.methods)
    for method in incoming.methods:
        key = (method.kind, match_key(method.kind, method.value))
        if key in known:
            continue
        known.add(key)
        methods.append(replace(method, primary=method.primary and method.kind not in has_primary))
        if method.primary:
            has_primary.add(method.kind)
    if len(methods) > len(existing.methods):
        changes["methods"] = methods
    if not changes:
        return existing
    changes.setdefault("methods", methods)  # never share the list with `existing`
    return replace(existing, **changes)


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


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

    values = {f.name: plain(getattr(data, f.name)) for f in _CONTACT_FIELDS if f.name not in _APART}
    values["methods"] = [
        {f.name: plain(getattr(m, f.name)) for f in _METHOD_FIELDS} for m in data.methods
    ]
    return json.dumps(values, ensure_ascii=False)


_CONTACT_FIELDS = fields(ContactData)
# Not in a snapshot's contact fields: methods are listed apart, tags and photos are only
# ever added by an import (journal.tags, journal.photos), never restored from a snapshot.
_APART = {"methods", "tags", "photo"}
_METHOD_FIELDS = fields(MethodData)


_DATES = {"met_on", "dnc_since", "lost_since"}
_DATETIMES = {"created_at", "trashed_at"}


def from_snapshot(text: str) -> ContactData:
    """The contact a snapshot holds."""
    values = json.loads(text)
    known = {f.name for f in fields(ContactData)}
    out = {}
    for name, value in values.items():
        if name not in known or name in _APART:
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
