"""Goal milestones (intermediate targets with dates) and the stage-change record.

stage_change is written going forward whenever a contact's stage changes, so the
Insights "ladder" can count who climbed which rung in which quarter.
"""

STATEMENTS = [
    'CREATE TABLE "goal_milestone" ("id" INTEGER NOT NULL PRIMARY KEY, "goal_id" INTEGER NOT NULL, '
    '"target" REAL NOT NULL, "due_on" DATE NOT NULL, "note" TEXT NOT NULL, '
    'FOREIGN KEY ("goal_id") REFERENCES "goal" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "goal_milestone_goal_id" ON "goal_milestone" ("goal_id")',
    'CREATE TABLE "stage_change" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, '
    '"from_stage" VARCHAR(255), "to_stage" VARCHAR(255) NOT NULL, "on" DATE NOT NULL, '
    'FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "stage_change_on" ON "stage_change" ("on", "to_stage")',
    'CREATE INDEX "stage_change_contact_id" ON "stage_change" ("contact_id")',
]


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)
