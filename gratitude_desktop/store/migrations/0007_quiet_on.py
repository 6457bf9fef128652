"""The agenda finds who has gone quiet, whose birthday is near and who was lost by index.

`contact.cadence_effective` holds the contact's keep-in-touch days as the agenda reads
them: its own cadence_days, else the shortest default of its stage and circles under
the settings recorded in the 'agenda.cadences_for' setting; 0 = never; NULL = not known
yet. It is not a peewee field: only journal.cadence writes it, so a contact saved from
a stale copy can never write an old value back. New contacts start NULL; the trigger
below makes a contact NULL again when its stage, circles or own cadence change. The
agenda reads NULL contacts the slow way (computing their threshold), so a NULL is never
wrong, only slower; journal.cadence.fill_effective_cadences fills them in.

The day a contact goes quiet, last touch + cadence, is an expression index, so "quiet on
or before today" is a range scan. Birthdays and anniversaries are indexed by their
'MM-DD' ending, lost customers by the day they were lost.
"""

STATEMENTS = [
    'ALTER TABLE "contact" ADD COLUMN "cadence_effective" INTEGER',
    'CREATE INDEX "contact_quiet_on" ON "contact" ('
    'date(COALESCE("last_interaction_on", "met_on", substr("created_at", 1, 10)), '
    "'+' || \"cadence_effective\" || ' days')) "
    'WHERE "cadence_effective" > 0',
    'CREATE INDEX "contact_cadence_unknown" ON "contact" ("id") WHERE "cadence_effective" IS NULL',
    'CREATE INDEX "contact_birthday_day" ON "contact" (substr("birthday", -5)) '
    'WHERE "birthday" IS NOT NULL',
    'CREATE INDEX "contact_anniversary_day" ON "contact" (substr("anniversary", -5)) '
    'WHERE "anniversary" IS NOT NULL',
    'CREATE INDEX "contact_lost_since" ON "contact" ("lost_since") WHERE "lost_since" IS NOT NULL',
    'CREATE TRIGGER "contact_cadence_changed" '
    'AFTER UPDATE OF "stage", "circles", "cadence_days" ON "contact" '
    'WHEN NEW."cadence_effective" IS NOT NULL AND (NEW."stage" IS NOT OLD."stage" '
    'OR NEW."circles" IS NOT OLD."circles" OR NEW."cadence_days" IS NOT OLD."cadence_days") '
    'BEGIN UPDATE "contact" SET "cadence_effective" = NULL WHERE "id" = NEW."id"; END',
]


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)
