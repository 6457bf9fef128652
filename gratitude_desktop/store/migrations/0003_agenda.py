"""Indexes for the agenda: interactions that carry a next step, found without a full scan.

Most interactions have no next step, so a partial index holding only those
(with the contact and time, so it covers the agenda's question) stays small.
"""

STATEMENTS = [
    'CREATE INDEX "interaction_next_step" ON "interaction" ("contact_id", "at", "next_step_on") '
    'WHERE "next_step_on" IS NOT NULL',
]


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)
