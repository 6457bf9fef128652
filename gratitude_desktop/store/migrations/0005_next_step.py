"""Each contact keeps the next-step date of its latest interaction, indexed.

The agenda's next-step item then is an indexed range scan over contacts instead
of a probe of every contact's timeline. journal.interactions.refresh_last_touch
keeps the column current on every interaction write.
"""

STATEMENTS = [
    'ALTER TABLE "contact" ADD COLUMN "next_step_on" DATE',
    'UPDATE "contact" SET "next_step_on" = ('
    'SELECT i."next_step_on" FROM "interaction" i WHERE i."contact_id" = "contact"."id" '
    'ORDER BY i."at" DESC, i."id" DESC LIMIT 1)',
    'CREATE INDEX "contact_next_step_on" ON "contact" ("next_step_on")',
]


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)
