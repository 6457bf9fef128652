"""Bulk inserts for imports: one prepared statement run with executemany.

Model.insert_many builds SQL text value by value, which costs more than the database
work itself at 100,000 rows; this builds the statement once per column set.
"""

from __future__ import annotations

from collections.abc import Sequence

from peewee import AutoField, BooleanField, CharField, IntegerField, Model, TextField

# Fields whose Python values sqlite3 stores as they are (str, int, bool, None).
_PLAIN = {AutoField, BooleanField, CharField, IntegerField, TextField}


def insert_rows(model: type[Model], rows: Sequence[dict]) -> None:
    """Insert `rows` (field name -> Python value, same keys in every row) into `model`'s table.

    Values go through each field's db_value, as Model.insert would; fields left out get
    their default. Runs inside the caller's transaction.
    """
    if not rows:
        return
    meta = model._meta
    names = list(rows[0])
    defaults = [
        (name, field)
        for name, field in meta.fields.items()
        if name not in rows[0] and field.default is not None and not field.primary_key
    ]
    fields = [meta.fields[name] for name in names] + [field for _, field in defaults]
    columns = ", ".join(f'"{field.column_name}"' for field in fields)
    marks = ", ".join("?" for _ in fields)
    sql = f'INSERT INTO "{meta.table_name}" ({columns}) VALUES ({marks})'
    extra = tuple(
        field.db_value(field.default() if callable(field.default) else field.default)
        for _, field in defaults
    )
    plain = [name for name in names if type(meta.fields[name]) in _PLAIN]
    converted = [(name, meta.fields[name].db_value) for name in names if name not in plain]
    order = plain + [name for name, _ in converted]
    if order != names:  # keep the statement's column order in step with the values
        fields = [meta.fields[name] for name in order] + [field for _, field in defaults]
        columns = ", ".join(f'"{field.column_name}"' for field in fields)
        sql = f'INSERT INTO "{meta.table_name}" ({columns}) VALUES ({marks})'
    params = [
        tuple([row[name] for name in plain] + [convert(row[name]) for name, convert in converted])
        + extra
        for row in rows
    ]
    meta.database.connection().executemany(sql, params)
