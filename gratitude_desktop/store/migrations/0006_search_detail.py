"""The search index keeps which column a word is in, not where in it (FTS5 detail=column).

Search only asks for word prefixes (store.search.match_expression), never phrases, so
word positions were never read; without them an import indexes ~15 % faster and the
index is smaller. The index is derived from the contacts, so it is rebuilt here, with
the search text of this migration's day (a phone also by its normalised form and its
digits run together); store.search defines today's.
"""

STATEMENTS = [
    'DROP TABLE "contact_search"',
    'CREATE VIRTUAL TABLE "contact_search" USING fts5 ('
    '"names", "organization", "methods", "notes", '
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3', detail=column)",
    'INSERT INTO "contact_search" (rowid, "names", "organization", "methods", "notes") '
    "SELECT c.id, "
    "coalesce(c.display_name,'') || ' ' || coalesce(c.prefix,'') || ' ' || coalesce(c.given_name,'')"
    " || ' ' || coalesce(c.middle_name,'') || ' ' || coalesce(c.family_name,'') || ' ' ||"
    " coalesce(c.suffix,'') || ' ' || coalesce(c.nickname,''), "
    "coalesce(c.organization,'') || ' ' || coalesce(c.title,''), "
    "(SELECT group_concat(m.value || CASE WHEN m.kind = 'phone' THEN ' ' || m.match_key || ' ' || "
    "replace(replace(replace(replace(replace(replace(m.value,' ',''),'-',''),'(',''),')',''),"
    "'.',''),'/','') ELSE '' END, ' ') "
    " FROM contact_method m WHERE m.contact_id = c.id), "
    "coalesce(c.notes,'') || ' ' || coalesce(c.story,'') || ' ' || coalesce(c.needs,'')"
    " || ' ' || coalesce(c.how_we_met,'') "
    "FROM contact c",
]


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)
