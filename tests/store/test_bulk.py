"""store.bulk: the import's insert paths store exactly the values they were given."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gratitude_desktop.store.bulk import insert_tuples
from gratitude_desktop.store.models import ImportBatch, database

_TEXT = st.one_of(
    st.none(), st.text(max_size=30), st.sampled_from(["", "it's", "'; DROP", "a\x00b"])
)
_COLUMNS = ("file", "flavour", "created", "encoding", "started_at", "merged", "skipped", "refused")
_REST = ("utf-8", "2026-11-23 10:00:00", 0, 0, 0)
_ROW = st.tuples(_TEXT, _TEXT, st.one_of(st.none(), st.integers(-(2**62), 2**62), st.booleans()))


def _stored() -> list[tuple]:
    return database.execute_sql(
        'SELECT "file", "flavour", "created" FROM "import_batch" ORDER BY "id"'
    ).fetchall()


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(_ROW, min_size=1, max_size=6), same=st.booleans())
def test_insert_tuples_stores_every_value_as_given(journal, rows, same):
    """Columns equal in every row are written as literals; the stored values are the same."""
    if same:
        rows = [rows[0]] * len(rows)
    rows = [
        (f or "f", flavour if flavour is not None else "", created or 0)
        for f, flavour, created in rows
    ]
    ImportBatch.delete().execute()
    insert_tuples(ImportBatch, _COLUMNS, [(*row, *_REST) for row in rows])
    assert _stored() == [(f, flavour, int(created)) for f, flavour, created in rows]


def test_insert_tuples_inlines_constant_columns_and_binds_the_rest(journal):
    statements: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(statements.append)
    try:
        insert_tuples(
            ImportBatch, _COLUMNS, [("a.csv", "google", 1, *_REST), ("b.csv", "google", 1, *_REST)]
        )
    finally:
        connection.set_trace_callback(None)
    inserts = [s for s in statements if s.startswith("INSERT")]
    assert inserts and all("'google', 1, 'utf-8'" in s for s in inserts)
    assert _stored() == [("a.csv", "google", 1), ("b.csv", "google", 1)]
