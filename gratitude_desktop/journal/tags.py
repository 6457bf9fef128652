"""Tags: free labels the user makes up (besides the fixed circles), each with a colour."""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from peewee import fn

from gratitude_desktop.journal.contacts import FieldProblem, FieldRefused
from gratitude_desktop.store.models import ContactTag, Tag, database

MAX_TAG_LENGTH = 60
# Soft colours dark text reads well on; a new tag takes one from its name, so the same
# word gets the same colour in every journal until the user picks another.
PALETTE = (
    "#e3f2fd",
    "#e8f5e9",
    "#fff3e0",
    "#f3e5f5",
    "#fce4ec",
    "#e0f7fa",
    "#f9fbe7",
    "#ede7f6",
    "#efebe9",
    "#fffde7",
)


@dataclass(frozen=True)
class TagInfo:
    """A tag as the window shows it."""

    id: int
    name: str
    color: str


class TagInvalid(FieldRefused):
    """The tag was not saved; `problem` says why."""


def clean_name(name: str) -> str:
    """A tag name as stored: inner runs of spaces folded, ends trimmed."""
    return " ".join((name or "").split())


def name_problem(name: str) -> str | None:
    """Why this text cannot be a tag name, or None."""
    name = clean_name(name)
    if not name:
        return "A tag needs a name."
    if len(name) > MAX_TAG_LENGTH:
        return f"A tag name has at most {MAX_TAG_LENGTH} characters."
    if "," in name:
        # vCard CATEGORIES and the CSV exports separate tags by commas.
        return "A tag name cannot hold a comma."
    return None


def default_color(name: str) -> str:
    return PALETTE[zlib.crc32(clean_name(name).casefold().encode()) % len(PALETTE)]


def _info(tag: Tag) -> TagInfo:
    return TagInfo(tag.id, tag.name, tag.color)


def all_tags() -> list[TagInfo]:
    """Every tag in the journal, by name."""
    return [_info(t) for t in Tag.select().order_by(fn.lower(Tag.name))]


def tag_named(name: str) -> TagInfo | None:
    tag = Tag.get_or_none(Tag.name == clean_name(name))
    return _info(tag) if tag else None


def ensure_tags(names: Iterable[str]) -> dict[str, int]:
    """The id of each tag name (case-folded key), creating the tags that are missing."""
    wanted: dict[str, str] = {}
    for name in names:
        name = clean_name(name)
        if name_problem(name) is None:
            wanted.setdefault(name.casefold(), name)
    if not wanted:
        return {}
    found: dict[str, int] = {}
    with database.atomic():
        for start in range(0, len(wanted), 500):
            chunk = list(wanted.values())[start : start + 500]
            for tid, name in Tag.select(Tag.id, Tag.name).where(Tag.name.in_(chunk)).tuples():
                found[name.casefold()] = tid
        for key, name in wanted.items():
            if key not in found:
                found[key] = Tag.insert(name=name, color=default_color(name)).execute()
    return found


def tags_of(contact_id: int) -> list[TagInfo]:
    """The contact's tags, by name."""
    query = (
        Tag.select()
        .join(ContactTag)
        .where(ContactTag.contact == contact_id)
        .order_by(fn.lower(Tag.name))
    )
    return [_info(t) for t in query]


def tag_names_by_contact(contact_ids: Iterable[int] | None = None) -> dict[int, list[str]]:
    """Tag names per contact (all contacts when None), each list by name: for export."""
    query = (
        ContactTag.select(ContactTag.contact, Tag.name)
        .join(Tag)
        .order_by(ContactTag.contact, fn.lower(Tag.name))
    )
    out: dict[int, list[str]] = {}
    if contact_ids is None:
        rows = query.tuples()
    else:
        ids = list(contact_ids)
        rows = []
        for start in range(0, len(ids), 500):
            rows.extend(query.where(ContactTag.contact.in_(ids[start : start + 500])).tuples())
    for cid, name in rows:
        out.setdefault(cid, []).append(name)
    return out


def set_tags(contact_id: int, names: Iterable[str]) -> list[str]:
    """Give the contact exactly these tags (creating new ones); returns the names it had."""
    names = [clean_name(n) for n in names]
    for name in names:
        problem = name_problem(name)
        if problem:
            raise TagInvalid(FieldProblem("tags", f"“{name}”: {problem}"))
    with database.atomic():
        before = [t.name for t in tags_of(contact_id)]
        ids = ensure_tags(names)
        ContactTag.delete().where(ContactTag.contact == contact_id).execute()
        if ids:
            ContactTag.insert_many(
                [{"contact": contact_id, "tag": tid} for tid in dict.fromkeys(ids.values())]
            ).execute()
    return before


def add_tags(pairs: Iterable[tuple[int, str]]) -> int:
    """Tag many contacts at once (an import): (contact id, tag name) pairs; returns links made."""
    pairs = [(cid, clean_name(name)) for cid, name in pairs]
    pairs = [(cid, name) for cid, name in pairs if name_problem(name) is None]
    if not pairs:
        return 0
    with database.atomic():
        ids = ensure_tags(name for _, name in pairs)
        rows = list(dict.fromkeys((cid, ids[name.casefold()]) for cid, name in pairs))
        before = ContactTag.select().count()
        for start in range(0, len(rows), 400):
            (
                ContactTag.insert_many(rows[start : start + 400], fields=["contact", "tag"])
                .on_conflict_ignore()
                .execute()
            )
        return ContactTag.select().count() - before


def set_color(tag_id: int, color: str) -> str:
    """Recolour a tag; returns its colour before."""
    with database.atomic():
        before = Tag.get_by_id(tag_id).color
        Tag.update(color=color).where(Tag.id == tag_id).execute()
    return before


def colors(names: Iterable[str]) -> dict[str, str]:
    """The colour of each existing tag name, by case-folded name (for an archive)."""
    names = [clean_name(n) for n in names]
    return {
        name.casefold(): color
        for name, color in Tag.select(Tag.name, Tag.color).where(Tag.name.in_(names)).tuples()
    }
