"""contact.cadence_effective (migration 0007): the SQL that reads and writes it.

The column is not a peewee field (see models.QUIET_ON_SQL); journal.cadence decides
what goes in it, and these functions are the only ones that touch it. NULL means not
known yet; 0 means never.
"""

from __future__ import annotations

from collections.abc import Sequence

from peewee import SQL

from gratitude_desktop.store.models import QUIET_ON_SQL, Contact, database

_UNKNOWN = '"cadence_effective" IS NULL'
_BETWEEN = f'{_UNKNOWN} AND "id" BETWEEN ? AND ?'
_COMBOS_PER_STATEMENT = 300  # 3 bound values each, well under SQLite's variable limit


def forget_all() -> None:
    """Every contact's kept cadence becomes unknown (the defaults it came from changed)."""
    database.execute_sql(
        'UPDATE "contact" SET "cadence_effective" = NULL WHERE "cadence_effective" IS NOT NULL'
    )


def any_unknown() -> bool:
    return (
        database.execute_sql(f'SELECT 1 FROM "contact" WHERE {_UNKNOWN} LIMIT 1').fetchone()
        is not None
    )


def unknown_ids(limit: int) -> list[int]:
    """Up to `limit` ids of contacts whose cadence is not known, lowest first."""
    rows = database.execute_sql(
        f'SELECT "id" FROM "contact" WHERE {_UNKNOWN} ORDER BY "id" LIMIT ?', [limit]
    )
    return [contact_id for (contact_id,) in rows]


def keep_own_cadences(low: int, high: int) -> None:
    """Unknown contacts low..high with a cadence of their own keep it (0, never, stays 0)."""
    database.execute_sql(
        f'UPDATE "contact" SET "cadence_effective" = "cadence_days" '
        f'WHERE {_BETWEEN} AND "cadence_days" IS NOT NULL',
        [low, high],
    )


def unknown_stage_circles(low: int, high: int) -> list[tuple[str, str]]:
    """The distinct (stage, circles) of the unknown contacts low..high."""
    rows = database.execute_sql(
        f'SELECT DISTINCT "stage", "circles" FROM "contact" WHERE {_BETWEEN}', [low, high]
    )
    return [(stage, circles) for stage, circles in rows]


def keep_default_cadences(low: int, high: int, days: Sequence[tuple[str, str, int]]) -> None:
    """Unknown contacts low..high keep the days given for their (stage, circles)."""
    for start in range(0, len(days), _COMBOS_PER_STATEMENT):
        part = days[start : start + _COMBOS_PER_STATEMENT]
        values = ", ".join(["(?, ?, ?)"] * len(part))
        database.execute_sql(
            f'WITH "d" ("stage", "circles", "days") AS (VALUES {values}) '
            'UPDATE "contact" SET "cadence_effective" = ('
            'SELECT "d"."days" FROM "d" WHERE "d"."stage" = "contact"."stage" '
            'AND "d"."circles" = "contact"."circles") '
            f'WHERE {_BETWEEN} AND ("stage", "circles") IN (SELECT "stage", "circles" FROM "d")',
            [value for row in part for value in row] + [low, high],
        )


def quiet_by(day: str):
    """Contacts whose kept cadence says they are quiet on or before `day` (an index scan)."""
    return Contact.select(Contact.id).where(
        SQL(f'"cadence_effective" > 0 AND {QUIET_ON_SQL} <= ?', [day])
    )


def unknown():
    """A condition: the contact's cadence is not known yet (the contact_cadence_unknown index)."""
    return SQL(_UNKNOWN)
