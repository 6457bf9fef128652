"""Bulk inserts for imports: one prepared statement run with executemany.

Model.insert_many builds SQL text value by value, which costs more than the database
work itself at 100,000 rows; this builds the statement once per column set.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from operator import itemgetter

import peewee
from peewee import (
    AutoField,
    BooleanField,
    CharField,
    Database,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

# Fields whose Python values sqlite3 stores as they are (str, int, bool, None).
_PLAIN = {AutoField, BooleanField, CharField, IntegerField, TextField}
# Fields whose db_value turns None into None, so a None needs no call.
_NONE_IS_NULL = {DateField, DateTimeField, ForeignKeyField}


def executemany(db: Database, sql: str, params: Iterable) -> None:
    """sqlite3's executemany, its errors raised as peewee's (as execute_sql raises them):
    callers catch peewee.OperationalError for a locked or read-only journal."""
    with peewee.__exception_wrapper__:
        db.connection().executemany(sql, params)


def insert_rows(model: type[Model], rows: Sequence[dict]) -> None:
    """Insert `rows` (field name -> Python value, same keys in every row) into `model`'s table.

    Values go through each field's db_value, as Model.insert would; fields left out get
    their default. Runs inside the caller's transaction.
    """
    if not rows:
        return
    meta = model._meta
    given = list(rows[0])
    plain = [name for name in given if type(meta.fields[name]) in _PLAIN]
    maybe_null = [name for name in given if type(meta.fields[name]) in _NONE_IS_NULL]
    converted = [name for name in given if name not in plain and name not in maybe_null]
    defaults = [
        field
        for name, field in meta.fields.items()
        if name not in rows[0] and field.default is not None and not field.primary_key
    ]
    fields = [meta.fields[name] for name in plain + maybe_null + converted] + defaults
    columns = ", ".join(f'"{field.column_name}"' for field in fields)
    marks = ", ".join("?" for _ in fields)
    sql = f'INSERT INTO "{meta.table_name}" ({columns}) VALUES ({marks})'
    extra = [
        field.db_value(field.default() if callable(field.default) else field.default)
        for field in defaults
    ]
    # One itemgetter pulls a row's values in column order; only the few fields that need
    # db_value are converted in place (most are plain text and numbers).
    order = plain + maybe_null + converted
    get = itemgetter(*order)
    nullable = [(len(plain) + i, meta.fields[name].db_value) for i, name in enumerate(maybe_null)]
    start = len(plain) + len(maybe_null)
    others = [(start + i, meta.fields[name].db_value) for i, name in enumerate(converted)]
    single = len(order) == 1
    params = []
    for row in rows:
        values = [get(row)] if single else list(get(row))
        for i, convert in nullable:
            if values[i] is not None:
                values[i] = convert(values[i])
        for i, convert in others:
            values[i] = convert(values[i])
        values.extend(extra)
        params.append(values)
    executemany(meta.database, sql, params)


def insert_tuples(model: type[Model], columns: Sequence[str], rows: Sequence[Sequence]) -> None:
    """Insert rows that are already database-ready (each value as the database keeps it).

    `columns` names `model`'s fields in the rows' order; nothing is converted, so this
    is the fast path for values prepared for it (journal.contacts.contact_rows).
    A column that holds the same value in every row (NULL, the stage, the import's
    timestamp) is written into the statement once instead of bound for each row:
    binding is most of executemany's cost. Runs inside the caller's transaction.
    """
    if not rows:
        return
    meta = model._meta
    by_column = list(zip(*rows, strict=True))
    values, varying = [], []
    for cells in by_column:
        first = cells[0]
        literal = _literal(first)
        if literal is not None and cells.count(first) == len(cells):
            values.append(literal)
        else:
            values.append("?")
            varying.append(cells)
    names = ", ".join(f'"{meta.fields[name].column_name}"' for name in columns)
    sql = f'INSERT INTO "{meta.table_name}" ({names}) VALUES ({", ".join(values)})'
    params = zip(*varying, strict=True) if varying else [()] * len(rows)
    executemany(meta.database, sql, params)


def _literal(value: object) -> str | None:
    """`value` as an SQL literal, or None when it is better bound."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and "\x00" not in value and len(value) < 200:
        return "'" + value.replace("'", "''") + "'"
    return None


def insert_tuple(model: type[Model], columns: Sequence[str], row: Sequence) -> int:
    """Insert one database-ready row (as insert_tuples); returns its id (given or chosen)."""
    meta = model._meta
    names = ", ".join(f'"{meta.fields[name].column_name}"' for name in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT INTO "{meta.table_name}" ({names}) VALUES ({marks})'
    return meta.database.execute_sql(sql, list(row)).lastrowid


def update_tuples(model: type[Model], columns: Sequence[str], rows: Sequence[Sequence]) -> None:
    """UPDATE many rows by id from database-ready tuples; `columns[0]` must be "id".

    Nothing is converted (as insert_tuples). Runs inside the caller's transaction.
    """
    if not rows:
        return
    if columns[0] != "id":
        raise ValueError("update_tuples needs the id first")
    meta = model._meta
    sets = ", ".join(f'"{meta.fields[name].column_name}" = ?' for name in columns[1:])
    sql = f'UPDATE "{meta.table_name}" SET {sets} WHERE "id" = ?'
    executemany(meta.database, sql, [(*row[1:], row[0]) for row in rows])


@contextlib.contextmanager
def indexes_set_aside(model: type[Model], keep: Collection[str] = ()) -> Iterator[None]:
    """Drop `model`'s indexes for a bulk insert and create them again afterwards.

    Building an index once over 100,000 rows costs less than growing it row by row
    (random places in a B-tree). Only inside the caller's transaction: a rollback or a
    crash brings the indexes back with the rows. Indexes that are constraints (unique,
    primary key) stay, and so do those named in `keep` (queries during the insert use them).
    """
    db = model._meta.database
    if not db.in_transaction():
        raise RuntimeError("indexes_set_aside needs a transaction around it")
    table = model._meta.table_name
    names = [
        name
        for _, name, unique, origin, _ in db.execute_sql(f'PRAGMA index_list("{table}")')
        if origin == "c" and not unique and name not in keep
    ]
    aside = []
    for name in names:
        (sql,) = db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", [name]
        ).fetchone()
        aside.append(sql)
        db.execute_sql(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        for sql in aside:
            db.execute_sql(sql)
