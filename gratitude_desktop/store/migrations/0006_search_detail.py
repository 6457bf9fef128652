"""The search index keeps which column a word is in, not where in it (FTS5 detail=column).

Search only asks for word prefixes (store.search.match_expression), never phrases, so
word positions were never read; without them an import indexes ~15 % faster and the
index is smaller. The index is derived from the contacts, so it is rebuilt here.
"""

from gratitude_desktop.store.search import rebuild

STATEMENTS = [
    'DROP TABLE "contact_search"',
    'CREATE VIRTUAL TABLE "contact_search" USING fts5 ('
    '"names", "organization", "methods", "notes", '
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3', detail=column)",
]


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)
    rebuild(db)
