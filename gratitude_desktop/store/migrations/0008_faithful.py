"""Issue 16 (faithful to the letter): nudges remembered, promises re-dated, goals for a life.

- promise.nudged_on / promise.nudges: the day of the latest nudge about a promise owed to
  us and how many were sent; the agenda's promise-owed item waits 7 days after a nudge.
- promise.replaces_id: the broken promise a re-dated one replaces (the broken one stays).
- goal.tally / goal.done / goal.review_on and the goal_review table: goals tallied by
  hand (metric 'manual'), a review date, and the notes written when reviewing.
- interaction (purpose, contact_id, at): the agenda asks "when did this customer last give
  feedback?" by index, per customer (a covering seek; with the contact first in the index
  the same agenda took about a fifth longer on 100,000 contacts).
- The lost-customer cadence default becomes 180 days (AGENDA.md). Settings saved before
  stored it as null, the only value the old default allowed there: it becomes 180 too.
"""

STATEMENTS = [
    'ALTER TABLE "promise" ADD COLUMN "nudged_on" DATE',
    'ALTER TABLE "promise" ADD COLUMN "nudges" INTEGER NOT NULL DEFAULT 0',
    'ALTER TABLE "promise" ADD COLUMN "replaces_id" INTEGER '
    'REFERENCES "promise" ("id") ON DELETE SET NULL',
    'CREATE INDEX "promise_replaces_id" ON "promise" ("replaces_id")',
    'ALTER TABLE "goal" ADD COLUMN "tally" REAL',
    'ALTER TABLE "goal" ADD COLUMN "done" INTEGER',
    'ALTER TABLE "goal" ADD COLUMN "review_on" DATE',
    'CREATE TABLE "goal_review" ("id" INTEGER NOT NULL PRIMARY KEY, "goal_id" INTEGER NOT NULL, '
    '"on" DATE NOT NULL, "note" TEXT NOT NULL, '
    'FOREIGN KEY ("goal_id") REFERENCES "goal" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "goal_review_goal_id" ON "goal_review" ("goal_id")',
    'CREATE INDEX "interaction_purpose_contact_id_at" ON "interaction" '
    '("purpose", "contact_id", "at")',
    """UPDATE "setting" SET "value" = json_set("value", '$."lost-customer"', 180) """
    """WHERE "key" = 'cadence_defaults' AND json_valid("value") """
    """AND json_type("value", '$."lost-customer"') = 'null'""",
]


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)
