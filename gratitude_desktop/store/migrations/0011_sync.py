"""Sync state: per-record versions and what each server collection last held (issue 18).

Each synced kind of record (contact, promise, interaction, referral, purchase) gets a
`sync_version` column that the triggers below raise whenever a synced field of a record
already on a server changes (a contact's methods count as the contact). The sync engine
compares it with `sync_item.synced_version` to know what changed here since the last
sync, without reading every record. Records that were never synced have no sync_item
and are not counted (their version does not matter: they are new to the server), so a
journal without a server pays one indexed look-up per write and nothing else.

`sync_collection` holds one row per server collection (address book, task list…) with
its sync-token (RFC 6578) or ctag; `sync_item` one row per record on the server: its
href, UID and etag, the version last agreed, `base` (the synced fields as last agreed,
JSON, for the three-way merge) and `card` (the server's text, so properties Gratitude
does not model, a photo say, are kept when the record is written back). A record deleted
here for good leaves its item with a negative record_id until the server deletes it too.
"""

_CONTACT_FIELDS = [
    "display_name",
    "prefix",
    "given_name",
    "middle_name",
    "family_name",
    "suffix",
    "nickname",
    "organization",
    "title",
    "stage",
    "circles",
    "met_on",
    "how_we_met",
    "story",
    "needs",
    "notes",
    "birthday",
    "anniversary",
    "cadence_days",
    "dnc_since",
    "dnc_channels",
    "dnc_reason",
    "lost_since",
    "lost_reason",
    "lost_note",
]
_FIELDS = {
    "contact": _CONTACT_FIELDS,
    "promise": [
        "contact_id",
        "direction",
        "what",
        "made_on",
        "due_on",
        "status",
        "blocked_reason",
        "done_on",
    ],
    "interaction": [
        "contact_id",
        "at",
        "channel",
        "direction",
        "purpose",
        "summary",
        "notes",
        "next_step_on",
        "offering_id",
    ],
    "referral": ["by_id", "person_id", "to_id", "on", "outcome", "thanked_on"],
    "purchase": ["contact_id", "offering_id", "since", "until", "recurring"],
}

STATEMENTS = [
    'CREATE TABLE "sync_collection" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"url" TEXT NOT NULL UNIQUE, "kind" VARCHAR(32) NOT NULL, "sync_token" TEXT, '
    '"ctag" TEXT, "synced_at" DATETIME)',
    'CREATE TABLE "sync_item" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"collection_id" INTEGER NOT NULL, "href" TEXT NOT NULL, "uid" TEXT NOT NULL, '
    '"etag" TEXT, "kind" VARCHAR(32) NOT NULL, "record_id" INTEGER NOT NULL, '
    '"synced_version" INTEGER NOT NULL DEFAULT 0, "base" TEXT, "card" TEXT, '
    'FOREIGN KEY ("collection_id") REFERENCES "sync_collection" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "sync_item_href" ON "sync_item" ("collection_id", "href")',
    'CREATE INDEX "sync_item_record" ON "sync_item" ("kind", "record_id")',
]

_SYNCED = 'EXISTS (SELECT 1 FROM "sync_item" s WHERE s."kind" = \'{kind}\' AND s."record_id" = {row}."{key}")'
for _kind, _fields in _FIELDS.items():
    _changed = " OR ".join(f'NEW."{f}" IS NOT OLD."{f}"' for f in _fields)
    STATEMENTS += [
        f'ALTER TABLE "{_kind}" ADD COLUMN "sync_version" INTEGER NOT NULL DEFAULT 1',
        f'CREATE TRIGGER "{_kind}_sync_version" AFTER UPDATE ON "{_kind}" '
        f"WHEN ({_changed}) AND {_SYNCED.format(kind=_kind, row='NEW', key='id')} "
        f'BEGIN UPDATE "{_kind}" SET "sync_version" = OLD."sync_version" + 1 '
        'WHERE "id" = NEW."id"; END',
    ]
# A record deleted for good leaves its item with the id negated: "deleted here, delete it
# on the server". SQLite reuses the id of a deleted row, so the item must not keep it.
for _kind in _FIELDS:
    STATEMENTS.append(
        f'CREATE TRIGGER "{_kind}_sync_deleted" AFTER DELETE ON "{_kind}" '
        f"WHEN {_SYNCED.format(kind=_kind, row='OLD', key='id')} "
        'BEGIN UPDATE "sync_item" SET "record_id" = -OLD."id" '
        f'WHERE "kind" = \'{_kind}\' AND "record_id" = OLD."id"; END'
    )
for _event, _row in (("INSERT", "NEW"), ("DELETE", "OLD"), ("UPDATE", "NEW")):
    STATEMENTS.append(
        f'CREATE TRIGGER "contact_method_sync_{_event.lower()}" AFTER {_event} ON "contact_method" '
        f"WHEN {_SYNCED.format(kind='contact', row=_row, key='contact_id')} "
        'BEGIN UPDATE "contact" SET "sync_version" = "sync_version" + 1 '
        f'WHERE "id" = {_row}."contact_id"; END'
    )


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)
