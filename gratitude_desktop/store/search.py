"""Keep the FTS5 contact index current and turn typed text into a MATCH query."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from operator import itemgetter

from peewee import SQL

from gratitude_desktop.store.bulk import executemany
from gratitude_desktop.store.models import NAME_PARTS, database

_CHUNK = 500
# The contact columns each index column is made of; an index row joins their texts with
# spaces (a missing one counts as empty).
_NAMES = NAME_PARTS
_ORGANIZATION = ("organization", "title")
_NOTES = ("notes", "story", "needs", "how_we_met")
_READ = ("id", *_NAMES, *_ORGANIZATION, *_NOTES)
_INSERT = (
    'INSERT INTO "contact_search" (rowid, "names", "organization", "methods", "notes") '
    "VALUES (?, ?, ?, ?, ?)"
)
# Letters and digits, as the unicode61 tokenizer cuts words (an underscore separates):
# a typed word that held two index words would be a phrase, which detail=column refuses.
_TOKEN = re.compile(r"[^\W_]+")


def _index_rows(
    contacts: Iterable[Sequence], at: dict[str, int], methods: Iterable[Sequence]
) -> list[tuple]:
    """The one definition of a contact's search text: its index rows.

    `contacts` are contact rows whose columns `at` locates (id and every column in
    _NAMES, _ORGANIZATION, _NOTES); `methods` are (contact id, kind, value, match key).
    A method is indexed by its value's words, and a phone also by its normalised form
    and by its digits run together; other kinds' match keys only repeat their value's
    words (the tokenizer folds case and accents).
    """
    words: dict[int, list[str]] = {}
    for contact_id, kind, value, key in methods:
        if kind == "phone":
            value = f"{value} {key} {_run_together(value)}"
        found = words.get(contact_id)
        if found is None:
            words[contact_id] = [value]
        else:
            found.append(value)
    names = itemgetter(*(at[name] for name in _NAMES))
    organization = itemgetter(*(at[name] for name in _ORGANIZATION))
    notes = itemgetter(*(at[name] for name in _NOTES))
    ident = at["id"]
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
    return rows


def _run_together(value: str) -> str:
    """A phone number without its spaces and punctuation."""
    for mark in (" ", "-", "(", ")", ".", "/"):
        value = value.replace(mark, "")
    return value


def _read(db, where: str, params: Sequence) -> list[tuple]:
    """The index rows of the contacts `where` picks, read from the journal."""
    columns = ", ".join(f'"{name}"' for name in _READ)
    contacts = db.execute_sql(f'SELECT {columns} FROM "contact" WHERE {where}', params).fetchall()
    methods = db.execute_sql(
        'SELECT "contact_id", "kind", "value", "match_key" FROM "contact_method" '
        f'WHERE "contact_id" IN (SELECT "id" FROM "contact" WHERE {where}) '
        'ORDER BY "contact_id", "position", "id"',
        params,
    ).fetchall()
    return _index_rows(contacts, {name: i for i, name in enumerate(_READ)}, methods)


def reindex(contact_ids: Iterable[int]) -> None:
    """Rewrite the index rows of these contacts (deleted contacts just drop out)."""
    ids = list(dict.fromkeys(int(i) for i in contact_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = _read(database, f'"id" IN ({marks})', chunk)
        database.execute_sql(f'DELETE FROM "contact_search" WHERE rowid IN ({marks})', chunk)
        executemany(database, _INSERT, rows)


def index_prepared(
    columns: Sequence[str],
    contacts: Sequence[tuple],
    method_columns: Sequence[str],
    methods: Iterable[tuple],
) -> None:
    """Index contacts an import just inserted, from the rows it inserted (not read back).

    `contacts` and `methods` are the database-ready rows (`columns` and `method_columns`
    name their values, as for store.bulk.insert_tuples); their ids must be one range,
    low..high. Reading the new rows back cost more than using the ones at hand.
    """
    if not contacts:
        return
    m_at = {name: i for i, name in enumerate(method_columns)}
    pick = itemgetter(m_at["contact"], m_at["kind"], m_at["value"], m_at["match_key"])
    at = {name: i for i, name in enumerate(columns)}
    rows = _index_rows(contacts, at, map(pick, methods))
    ids = [row[0] for row in rows]
    low, high = min(ids), max(ids)
    database.execute_sql('DELETE FROM "contact_search" WHERE rowid BETWEEN ? AND ?', [low, high])
    executemany(database, _INSERT, rows)


def rebuild(db=database) -> None:
    """Rebuild the whole index (after bulk imports that bypassed reindex)."""
    db.execute_sql('DELETE FROM "contact_search"')
    ids = [i for (i,) in db.execute_sql('SELECT "id" FROM "contact" ORDER BY "id"')]
    step = 10 * _CHUNK
    for start in range(0, len(ids), step):
        chunk = ids[start : start + step]
        rows = _read(db, '"id" BETWEEN ? AND ?', [chunk[0], chunk[-1]])
        executemany(db, _INSERT, rows)


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


def folded_words(text: str) -> list[str]:
    """The words of `text` as the search index keeps them: case and accents folded.

    unicode61 with remove_diacritics 2 cuts words where match_expression does and drops
    the marks of a decomposed letter ("Jürgen" -> "jurgen").
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _TOKEN.findall(plain.casefold())


def holds_words(text: str, typed: list[str]) -> bool:
    """Whether every typed word (folded_words of the search text) begins a word of `text`."""
    if not typed:
        return False
    words = folded_words(text)
    return all(any(word.startswith(t) for word in words) for t in typed)


def timeline_matches(expr: str) -> SQL:
    """The ids of contacts with an interaction whose summary or notes hold `expr`."""
    return SQL(
        '(SELECT "contact_id" FROM "interaction" WHERE "id" IN '
        '(SELECT rowid FROM "interaction_search" WHERE "interaction_search" MATCH ?))',
        [expr],
    )
