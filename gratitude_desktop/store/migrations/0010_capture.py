"""Capture: touches learnt from mail and calendar files (issue 17).

- `captured`: one row per interaction a scan logged — the scan (an import_batch, so it
  is undone like an import), the source it came from and the message/event key
  (Message-ID, else a digest of the headers; the event UID and start). One key logs a
  contact once: (key, contact) is unique. `flagged` marks an outbound email to someone
  who asked not to be emailed; `flag_seen_at` is set when the user has seen it.
- `capture_source`: what was read of each source so a rescan reads only what is new
  (mbox size, mtime and offset; the names of Maildir files; …) as JSON.
- `correspondent_message`: each personal message the user sent to an address that
  was not in the journal (one row per address and message, so a message read twice
  counts once), for the "new people" review; `correspondent_dismissed` the addresses
  the user waved off.
"""

STATEMENTS = [
    'CREATE TABLE "captured" ('
    '"id" INTEGER NOT NULL PRIMARY KEY, '
    '"interaction_id" INTEGER NOT NULL UNIQUE '
    'REFERENCES "interaction" ("id") ON DELETE CASCADE, '
    '"contact_id" INTEGER NOT NULL REFERENCES "contact" ("id") ON DELETE CASCADE, '
    '"batch_id" INTEGER REFERENCES "import_batch" ("id") ON DELETE SET NULL, '
    '"source" TEXT NOT NULL, '
    '"key" TEXT NOT NULL, '
    '"flagged" INTEGER NOT NULL DEFAULT 0, '
    '"flag_seen_at" DATETIME)',
    'CREATE UNIQUE INDEX "captured_key_contact" ON "captured" ("key", "contact_id")',
    'CREATE INDEX "captured_batch" ON "captured" ("batch_id")',
    'CREATE INDEX "captured_contact" ON "captured" ("contact_id")',
    'CREATE INDEX "captured_flag_open" ON "captured" ("contact_id") '
    'WHERE "flagged" = 1 AND "flag_seen_at" IS NULL',
    'CREATE TABLE "capture_source" ('
    '"key" TEXT NOT NULL PRIMARY KEY, '
    '"state" TEXT NOT NULL, '
    '"updated_at" DATETIME NOT NULL)',
    'CREATE TABLE "correspondent_message" ('
    '"address_key" TEXT NOT NULL, '
    '"message_key" TEXT NOT NULL, '
    '"address" TEXT NOT NULL, '
    "\"name\" TEXT NOT NULL DEFAULT '', "
    '"at" DATETIME NOT NULL, '
    'PRIMARY KEY ("address_key", "message_key")) WITHOUT ROWID',
    'CREATE TABLE "correspondent_dismissed" ('
    '"address_key" TEXT NOT NULL PRIMARY KEY, '
    '"at" DATETIME NOT NULL)',
]


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)
