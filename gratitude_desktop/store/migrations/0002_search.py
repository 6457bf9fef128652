"""Full-text search over contacts (FTS5), filled from the contacts already there."""


def _joined(*columns: str) -> str:
    # concat_ws needs SQLite 3.44; Debian 12 ships 3.40.
    return " || ' ' || ".join(f"coalesce({c}, '')" for c in columns)


STATEMENTS = [
    'CREATE VIRTUAL TABLE "contact_search" USING fts5 ('
    '"names", "organization", "methods", "notes", '
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    'INSERT INTO "contact_search" (rowid, "names", "organization", "methods", "notes") '
    "SELECT c.id, "
    + _joined(
        "c.display_name",
        "c.prefix",
        "c.given_name",
        "c.middle_name",
        "c.family_name",
        "c.suffix",
        "c.nickname",
    )
    + ", "
    + _joined("c.organization", "c.title")
    + ", (SELECT group_concat(m.value || ' ' || m.match_key || CASE WHEN m.kind = 'phone' THEN ' ' || replace(replace(replace(replace(replace(replace(m.value,' ',''),'-',''),'(',''),')',''),'.',''),'/','') ELSE '' END, ' ') "
    "FROM contact_method m WHERE m.contact_id = c.id), "
    + _joined("c.notes", "c.story", "c.needs", "c.how_we_met")
    + " FROM contact c",
]


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)
