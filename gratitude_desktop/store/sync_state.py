"""What each server collection last held, per record (migration 0011), and the queries on it.

`record.sync_version` is raised by triggers whenever a synced field of a record that is
on a server changes; a record whose version differs from its item's `synced_version`
changed here since the last sync.
"""

from __future__ import annotations

from collections.abc import Iterable

from peewee import (
    AutoField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from gratitude_desktop.store.models import BaseModel, Contact, database

VERSIONED = {"contact", "promise", "interaction", "referral", "purchase"}


class SyncCollection(BaseModel):
    """One address book or calendar on the user's server."""

    id = AutoField()
    url = TextField(unique=True)
    kind = CharField()
    sync_token = TextField(null=True)
    ctag = TextField(null=True)
    synced_at = DateTimeField(null=True)


class SyncItem(BaseModel):
    """One record on the server: where, its etag, and the fields as last agreed."""

    id = AutoField()
    collection = ForeignKeyField(SyncCollection, on_delete="CASCADE", backref="items")
    href = TextField()
    uid = TextField()
    etag = TextField(null=True)
    kind = CharField()
    record_id = IntegerField()
    synced_version = IntegerField(default=0)
    base = TextField(null=True)  # JSON: the synced fields as last agreed
    card = TextField(null=True)  # the server's text of the record


def collection_for(url: str, kind: str) -> SyncCollection:
    """The collection's row, created on first use."""
    found = SyncCollection.get_or_none(SyncCollection.url == url)
    if found is None:
        with database.atomic():
            found = SyncCollection.create(url=url, kind=kind)
    return found


def versions(kind: str, ids: Iterable[int]) -> dict[int, int]:
    """The current sync_version of records of `kind`, by id."""
    if kind not in VERSIONED:
        raise ValueError(kind)
    ids = list(ids)
    found: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        cursor = database.execute_sql(
            f'SELECT "id", "sync_version" FROM "{kind}" WHERE "id" IN ({marks})', chunk
        )
        found.update(cursor.fetchall())
    return found


def changed_items(collection: SyncCollection, kind: str) -> list[int]:
    """Ids of live records linked to the collection whose version moved since the last sync."""
    if kind not in VERSIONED:
        raise ValueError(kind)
    live = ' AND r."trashed_at" IS NULL' if kind == "contact" else ""
    cursor = database.execute_sql(
        f'SELECT r."id" FROM "sync_item" s JOIN "{kind}" r ON r."id" = s."record_id" '
        f'WHERE s."collection_id" = ? AND s."kind" = ? '
        f'AND r."sync_version" != s."synced_version"{live}',
        (collection.id, kind),
    )
    return [row[0] for row in cursor]


def unlinked_contacts(collection: SyncCollection) -> list[int]:
    """Live contacts that are not in the collection yet."""
    linked = SyncItem.select(SyncItem.record_id).where(
        (SyncItem.collection == collection) & (SyncItem.kind == "contact")
    )
    query = Contact.select(Contact.id).where(
        Contact.trashed_at.is_null(True) & Contact.id.not_in(linked)
    )
    return [c for (c,) in query.order_by(Contact.id).tuples()]


def orphaned_items(collection: SyncCollection, kind: str) -> list[SyncItem]:
    """Items whose record was deleted here for good (the Trash emptied): record_id < 0."""
    return list(
        SyncItem.select().where(
            (SyncItem.collection == collection) & (SyncItem.kind == kind) & (SyncItem.record_id < 0)
        )
    )


def items_by_href(collection: SyncCollection) -> dict[str, SyncItem]:
    """The collection's items by href, without their texts (`base`, `card` left None:
    `with_texts` reads them for the few a sync touches; a no-change sync reads none)."""
    light = (
        SyncItem.id,
        SyncItem.collection,
        SyncItem.href,
        SyncItem.uid,
        SyncItem.etag,
        SyncItem.kind,
        SyncItem.record_id,
        SyncItem.synced_version,
    )
    query = SyncItem.select(*light).where(SyncItem.collection == collection)
    return {item.href: item for item in query}


def with_texts(item: SyncItem) -> SyncItem:
    """`item` with its `base` and `card` read (once)."""
    if item.base is None and item.card is None:
        found = SyncItem.select(SyncItem.base, SyncItem.card).where(SyncItem.id == item.id).first()
        if found is not None:
            item.base, item.card = found.base, found.card
    return item
