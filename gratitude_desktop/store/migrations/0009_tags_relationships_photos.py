"""Tags, relationships between contacts, one photo per contact, and a word index of the timeline.

- `tag` holds the free labels the user makes up (with a colour), `contact_tag` which
  contact carries which. A tag's name is unique whatever its case ("Golf" = "golf").
- `relationship` links two contacts once: `other` is `contact`'s <kind> (spouse,
  parent...); the other side reads the inverse (a parent link is a child link there).
- `photo` holds one small image per contact, in the journal itself.
- Every table has an integer id, as journal.changes (the window's undo) keys rows by it.
- `interaction_search` indexes the words of every interaction's summary and notes
  (FTS5 over the interaction table, detail=column like the contact index: search asks
  for word prefixes, never phrases): it finds the people whose timeline holds some
  words. Triggers keep it current on every write, whoever writes (the journal, an import, a cascade when a contact is deleted); the rows already
  there are indexed here.
"""

_INDEX = '"interaction_search" (rowid, "summary", "notes")'
_DELETE = '"interaction_search" ("interaction_search", rowid, "summary", "notes")'
_NEW = '(new."id", new."summary", new."notes")'
_OLD = '(\'delete\', old."id", old."summary", old."notes")'

STATEMENTS = [
    'CREATE TABLE "tag" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"name" TEXT NOT NULL COLLATE NOCASE, "color" VARCHAR(255) NOT NULL)',
    'CREATE UNIQUE INDEX "tag_name" ON "tag" ("name")',
    'CREATE TABLE "contact_tag" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"contact_id" INTEGER NOT NULL, "tag_id" INTEGER NOT NULL, '
    'FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("tag_id") REFERENCES "tag" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "contact_tag_contact_id_tag_id" ON "contact_tag" ("contact_id", "tag_id")',
    'CREATE INDEX "contact_tag_tag_id" ON "contact_tag" ("tag_id", "contact_id")',
    'CREATE TABLE "relationship" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"contact_id" INTEGER NOT NULL, "other_id" INTEGER NOT NULL, "kind" VARCHAR(255) NOT NULL, '
    'FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("other_id") REFERENCES "contact" ("id") ON DELETE CASCADE, '
    'CHECK ("contact_id" <> "other_id"))',
    'CREATE UNIQUE INDEX "relationship_contact_id_other_id_kind" '
    'ON "relationship" ("contact_id", "other_id", "kind")',
    'CREATE INDEX "relationship_other_id" ON "relationship" ("other_id")',
    'CREATE TABLE "photo" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, '
    '"mime" VARCHAR(255) NOT NULL, "data" BLOB NOT NULL, '
    'FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "photo_contact_id" ON "photo" ("contact_id")',
    'CREATE VIRTUAL TABLE "interaction_search" USING fts5 ("summary", "notes", '
    "content='interaction', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3', detail=column)",
    'CREATE TRIGGER "interaction_search_insert" AFTER INSERT ON "interaction" BEGIN '
    f"INSERT INTO {_INDEX} VALUES {_NEW}; END",
    'CREATE TRIGGER "interaction_search_delete" AFTER DELETE ON "interaction" BEGIN '
    f"INSERT INTO {_DELETE} VALUES {_OLD}; END",
    'CREATE TRIGGER "interaction_search_update" '
    'AFTER UPDATE OF "summary", "notes" ON "interaction" BEGIN '
    f"INSERT INTO {_DELETE} VALUES {_OLD}; INSERT INTO {_INDEX} VALUES {_NEW}; END",
    'INSERT INTO "interaction_search" ("interaction_search") VALUES (\'rebuild\')',
]


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)
