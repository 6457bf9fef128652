"""The first schema: every core table of docs/DESIGN.md "Data", frozen as SQL.

A snapshot on purpose: later migrations change it step by step, and this file
never follows the models again.
"""

STATEMENTS = [
    'CREATE TABLE "import_batch" ("id" INTEGER NOT NULL PRIMARY KEY, "file" TEXT NOT NULL, "flavour" VARCHAR(255) NOT NULL, "encoding" VARCHAR(255) NOT NULL, "started_at" DATETIME NOT NULL, "finished_at" DATETIME, "created" INTEGER NOT NULL, "merged" INTEGER NOT NULL, "skipped" INTEGER NOT NULL, "refused" INTEGER NOT NULL, "undone_at" DATETIME)',
    'CREATE TABLE "contact" ("id" INTEGER NOT NULL PRIMARY KEY, "display_name" TEXT NOT NULL, "sort_key" TEXT NOT NULL, "prefix" TEXT, "given_name" TEXT, "middle_name" TEXT, "family_name" TEXT, "suffix" TEXT, "nickname" TEXT, "organization" TEXT, "title" TEXT, "stage" VARCHAR(255) NOT NULL, "circles" TEXT NOT NULL, "met_on" DATE, "how_we_met" TEXT, "story" TEXT, "needs" TEXT, "notes" TEXT, "birthday" VARCHAR(255), "anniversary" VARCHAR(255), "cadence_days" INTEGER, "dnc_since" DATE, "dnc_channels" TEXT NOT NULL, "dnc_reason" TEXT, "lost_since" DATE, "lost_reason" VARCHAR(255), "lost_note" TEXT, "referred_by_id" INTEGER, "last_interaction_on" DATE, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "trashed_at" DATETIME, "import_batch_id" INTEGER, FOREIGN KEY ("referred_by_id") REFERENCES "contact" ("id") ON DELETE SET NULL, FOREIGN KEY ("import_batch_id") REFERENCES "import_batch" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "contact_sort_key" ON "contact" ("sort_key")',
    'CREATE INDEX "contact_referred_by_id" ON "contact" ("referred_by_id")',
    'CREATE INDEX "contact_last_interaction_on" ON "contact" ("last_interaction_on")',
    'CREATE INDEX "contact_trashed_at" ON "contact" ("trashed_at")',
    'CREATE INDEX "contact_import_batch_id" ON "contact" ("import_batch_id")',
    'CREATE TABLE "contact_method" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "kind" VARCHAR(255) NOT NULL, "label" VARCHAR(255) NOT NULL, "value" TEXT NOT NULL, "match_key" TEXT NOT NULL, "primary" INTEGER NOT NULL, "confirmed_on" DATE, "bad" INTEGER NOT NULL, "position" INTEGER NOT NULL, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "contact_method_contact_id" ON "contact_method" ("contact_id")',
    'CREATE INDEX "contact_method_match_key" ON "contact_method" ("match_key")',
    'CREATE TABLE "offering" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "active" INTEGER NOT NULL)',
    'CREATE UNIQUE INDEX "offering_name" ON "offering" ("name")',
    'CREATE TABLE "interaction" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "at" DATETIME NOT NULL, "channel" VARCHAR(255) NOT NULL, "direction" VARCHAR(255) NOT NULL, "purpose" VARCHAR(255) NOT NULL, "summary" TEXT NOT NULL, "notes" TEXT NOT NULL, "next_step_on" DATE, "offering_id" INTEGER, "override_reason" TEXT, "created_at" DATETIME NOT NULL, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE, FOREIGN KEY ("offering_id") REFERENCES "offering" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "interaction_contact_id" ON "interaction" ("contact_id")',
    'CREATE INDEX "interaction_offering_id" ON "interaction" ("offering_id")',
    'CREATE INDEX "interaction_contact_id_at" ON "interaction" ("contact_id", "at")',
    'CREATE TABLE "promise" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "direction" VARCHAR(255) NOT NULL, "what" TEXT NOT NULL, "made_on" DATE NOT NULL, "due_on" DATE, "status" VARCHAR(255) NOT NULL, "blocked_reason" TEXT, "done_on" DATE, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "promise_contact_id" ON "promise" ("contact_id")',
    'CREATE INDEX "promise_due_on" ON "promise" ("due_on")',
    'CREATE INDEX "promise_status" ON "promise" ("status")',
    'CREATE TABLE "referral" ("id" INTEGER NOT NULL PRIMARY KEY, "by_id" INTEGER, "person_id" INTEGER NOT NULL, "to_id" INTEGER, "on" DATE NOT NULL, "outcome" TEXT, "thanked_on" DATE, FOREIGN KEY ("by_id") REFERENCES "contact" ("id") ON DELETE CASCADE, FOREIGN KEY ("person_id") REFERENCES "contact" ("id") ON DELETE CASCADE, FOREIGN KEY ("to_id") REFERENCES "contact" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "referral_by_id" ON "referral" ("by_id")',
    'CREATE INDEX "referral_person_id" ON "referral" ("person_id")',
    'CREATE INDEX "referral_to_id" ON "referral" ("to_id")',
    'CREATE TABLE "purchase" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "offering_id" INTEGER NOT NULL, "since" DATE, "until" DATE, "recurring" INTEGER NOT NULL, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE, FOREIGN KEY ("offering_id") REFERENCES "offering" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "purchase_contact_id" ON "purchase" ("contact_id")',
    'CREATE INDEX "purchase_offering_id" ON "purchase" ("offering_id")',
    'CREATE TABLE "goal" ("id" INTEGER NOT NULL PRIMARY KEY, "title" TEXT NOT NULL, "metric" VARCHAR(255) NOT NULL, "target" REAL NOT NULL, "period" VARCHAR(255) NOT NULL, "rank" INTEGER NOT NULL)',
    'CREATE TABLE "snooze" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "until" DATE NOT NULL, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "snooze_contact_id" ON "snooze" ("contact_id")',
    'CREATE TABLE "import_change" ("id" INTEGER NOT NULL PRIMARY KEY, "batch_id" INTEGER NOT NULL, "contact_id" INTEGER, "action" VARCHAR(255) NOT NULL, "before" TEXT, FOREIGN KEY ("batch_id") REFERENCES "import_batch" ("id") ON DELETE CASCADE, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "import_change_batch_id" ON "import_change" ("batch_id")',
    'CREATE INDEX "import_change_contact_id" ON "import_change" ("contact_id")',
    'CREATE TABLE "announcement" ("id" INTEGER NOT NULL PRIMARY KEY, "key" TEXT NOT NULL, "announced_at" DATETIME NOT NULL)',
    'CREATE UNIQUE INDEX "announcement_key" ON "announcement" ("key")',
    'CREATE TABLE "setting" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
]


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)
