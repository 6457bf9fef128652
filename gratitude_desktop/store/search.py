"""Keep the FTS5 contact index current and turn typed text into a MATCH query."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Sequence
from operator import itemgetter

from gratitude_desktop.store.models import NAME_PARTS, database

_CHUNK = 500
_REINDEX = (
    'INSERT INTO "contact_search" (rowid, "names", "organization", "methods", "notes") '
    "SELECT c.id, "
    "coalesce(c.display_name,'') || ' ' || coalesce(c.prefix,'') || ' ' || coalesce(c.given_name,'')"
    " || ' ' || coalesce(c.middle_name,'') || ' ' || coalesce(c.family_name,'') || ' ' ||"
    " coalesce(c.suffix,'') || ' ' || coalesce(c.nickname,''), "
    "coalesce(c.organization,'') || ' ' || coalesce(c.title,''), "
    # A method's words, and for a phone its normalised and its run-together digits; other
    # kinds' match keys only repeat their value's words (the tokenizer folds case).
    "(SELECT group_concat(m.value || CASE WHEN m.kind = 'phone' THEN ' ' || m.match_key || ' ' || replace(replace(replace(replace(replace(replace(m.value,' ',''),'-',''),'(',''),')',''),'.',''),'/','') ELSE '' END, ' ') "
    " FROM contact_method m WHERE m.contact_id = c.id), "
    "coalesce(c.notes,'') || ' ' || coalesce(c.story,'') || ' ' || coalesce(c.needs,'')"
    " || ' ' || coalesce(c.how_we_met,'') "
    "FROM contact c WHERE c.id IN ({marks})"
)
# Letters and digits, as the unicode61 tokenizer cuts words (an underscore separates):
# a typed word that held two index words would be a phrase, which detail=column refuses.
_TOKEN = re.compile(r"[^\W_]+")


def reindex(contact_ids: Iterable[int]) -> None:
    """Rewrite the index rows of these contacts (deleted contacts just drop out)."""
    ids = list(dict.fromkeys(int(i) for i in contact_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        database.execute_sql(f'DELETE FROM "contact_search" WHERE rowid IN ({marks})', chunk)
        database.execute_sql(_REINDEX.format(marks=marks), chunk)


# What _REINDEX reads, for index_prepared: the contact columns of each index column.
_NAMES = NAME_PARTS
_ORGANIZATION = ("organization", "title")
_NOTES = ("notes", "story", "needs", "how_we_met")
_INSERT = (
    'INSERT INTO "contact_search" (rowid, "names", "organization", "methods", "notes") '
    "VALUES (?, ?, ?, ?, ?)"
)


def index_prepared(
    columns: Sequence[str],
    contacts: Sequence[tuple],
    method_columns: Sequence[str],
    methods: Iterable[tuple],
) -> None:
    """Index contacts an import just inserted, from the rows it inserted (not read back).

    `contacts` and `methods` are the database-ready rows (`columns` and `method_columns`
    name their values, as for store.bulk.insert_tuples); their ids must be one range,
    low..high. The index rows are what _REINDEX makes of the stored rows (held to it by
    tests/io/test_import_search.py), built in Python and written by executemany:
    reading the new rows back with _REINDEX's joins cost more than building them here.
    """
    if not contacts:
        return
    at = {name: i for i, name in enumerate(columns)}
    names = itemgetter(*(at[name] for name in _NAMES))
    organization = itemgetter(*(at[name] for name in _ORGANIZATION))
    notes = itemgetter(*(at[name] for name in _NOTES))
    ident = at["id"]
    m_at = {name: i for i, name in enumerate(method_columns)}
    m_contact, m_kind, m_value, m_key = (
        m_at["contact"],
        m_at["kind"],
        m_at["value"],
        m_at["match_key"],
    )
    words: dict[int, list[str]] = {}
    for method in methods:
        value = method[m_value]
        if method[m_kind] == "phone":  # its normalised and its run-together digits too
            value = f"{value} {method[m_key]} {_run_together(value)}"
        found = words.get(method[m_contact])
        if found is None:
            words[method[m_contact]] = [value]
        else:
            found.append(value)
    rows = []
    for contact in contacts:
        found = words.get(contact[ident])
        rows.append(
            (
                contact[ident],
                " ".join([text or "" for text in names(contact)]),
                " ".join([text or "" for text in organization(contact)]),
                " ".join(found) if found else None,
                " ".join([text or "" for text in notes(contact)]),
            )
        )
    ids = [row[0] for row in rows]
    low, high = min(ids), max(ids)
    database.execute_sql('DELETE FROM "contact_search" WHERE rowid BETWEEN ? AND ?', [low, high])
    database.connection().executemany(_INSERT, rows)


def _run_together(value: str) -> str:
    """A phone number without its spaces and punctuation, as _REINDEX's replace() calls make it."""
    for mark in (" ", "-", "(", ")", ".", "/"):
        value = value.replace(mark, "")
    return value


def rebuild(db=database) -> None:
    """Rebuild the whole index (after bulk imports that bypassed reindex, or a migration)."""
    db.execute_sql('DELETE FROM "contact_search"')
    db.execute_sql(_REINDEX.replace(" WHERE c.id IN ({marks})", ""))


_HASHSIZE = "hashsize"
_HASHSIZE_DEFAULT = 1 << 20  # FTS5's own
_HASHSIZE_BULK = 16 << 20


@contextlib.contextmanager
def bulk_indexing(db=database) -> Iterator[None]:
    """For a big import, inside its transaction: index terms are written 16 MB at a time.

    FTS5 gathers new terms in memory and writes them out as a segment when they pass its
    hashsize (1 MB by default), merging segments as they pile up. Larger, fewer segments
    cut the index build by a sixth at 100,000 contacts, and searches afterwards are as
    fast. The setting is kept in the index's config table, so it is put back at the end,
    in the same transaction: a rollback or a crash leaves the journal's as it was.
    """
    row = db.execute_sql("SELECT v FROM contact_search_config WHERE k = ?", [_HASHSIZE]).fetchone()
    _configure(db, _HASHSIZE, _HASHSIZE_BULK)
    try:
        yield
    finally:
        _configure(db, _HASHSIZE, _HASHSIZE_DEFAULT if row is None else row[0])
        if row is None:  # FTS5 now holds its default again: leave no row saying so
            db.execute_sql("DELETE FROM contact_search_config WHERE k = ?", [_HASHSIZE])


def _configure(db, name: str, value: int) -> None:
    db.execute_sql(
        'INSERT INTO "contact_search" ("contact_search", rank) VALUES (?, ?)', [name, value]
    )


def match_expression(text: str) -> str | None:
    """Typed text -> an FTS5 query: every word must match as a prefix.

    Each word is quoted, so FTS5 operators and punctuation typed by the user are
    taken literally. Returns None when nothing searchable was typed.
    """
    words = _TOKEN.findall(text)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)
