"""Keep-in-touch cadence: how many days may pass before a contact has gone quiet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from peewee import fn

from gratitude_desktop.journal.settings import (
    DEFAULT_CADENCES,
    Settings,
    get_setting,
    load_settings,
    set_setting,
)
from gratitude_desktop.store import kept_cadence
from gratitude_desktop.store.db import unless_busy
from gratitude_desktop.store.models import Contact, database
from gratitude_desktop.store.queries import last_touch, live


def cadence_defaults(settings: Settings | None = None) -> dict[str, int | None]:
    """Default days per stage or circle word (None: no default), from settings or shipped."""
    return dict(settings.cadence_defaults) if settings is not None else dict(DEFAULT_CADENCES)


def default_cadence(
    stage: str, circles: Iterable[str], settings: Settings | None = None
) -> int | None:
    """The shortest default among the stage and circles; None when none of them has one."""
    defaults = cadence_defaults(settings)
    candidates = [defaults.get(word) for word in (stage, *circles)]
    days = [d for d in candidates if d]
    return min(days) if days else None


def effective_cadence(
    contact_cadence_days: int | None,
    stage: str,
    circles: Iterable[str],
    settings: Settings | None = None,
) -> int | None:
    """Days between touches for this contact, or None when they are never reminded.

    The contact's own value wins (0 = never); without one, `default_cadence`.
    """
    if contact_cadence_days is not None:
        return contact_cadence_days or None
    return default_cadence(stage, circles, settings)


def cadence_groups(
    where, as_of: dt.date, settings: Settings, last_interaction=Contact.last_interaction_on
) -> Iterator[tuple[str, tuple[str, ...], int | None, int, int]]:
    """The live contacts `where` picks, in groups that share a cadence and a last touch:
    (stage, circle words, effective cadence days or None, days from the last touch to
    `as_of`, how many). Goals and Insights count "within cadence" from these.

    `last_interaction` may be a subquery (the last interaction up to `as_of`).
    """
    touch = last_touch(last_interaction)
    query = (
        Contact.select(
            Contact.cadence_days, Contact.stage, Contact.circles, touch, fn.COUNT(Contact.id)
        )
        .where(live() & where)
        .group_by(Contact.cadence_days, Contact.stage, Contact.circles, touch)
    )
    cadences: dict[tuple, int | None] = {}
    ages: dict[str, int] = {}
    ordinal = as_of.toordinal()
    for own, stage, circles, touched, n in database.execute(query):
        words = tuple(w for w in (circles or "").split(",") if w)
        key = (own, stage, circles)
        if key not in cadences:
            cadences[key] = effective_cadence(own, stage, words, settings)
        since = ages.get(touched)
        if since is None:
            since = ages[touched] = ordinal - dt.date.fromisoformat(str(touched)[:10]).toordinal()
        yield stage, words, cadences[key], since, n


def describe_cadence(days: int | None) -> str:
    """Cadence in words: 'every 30 days', 'every day', 'never'."""
    if not days:
        return "never"
    if days == 1:
        return "every day"
    return f"every {days} days"


# --- the effective cadence kept on each contact, for the agenda's index ----------------

# The setting that records which cadence defaults contact.cadence_effective was computed with.
FILLED_FOR = "agenda.cadences_for"


def _fingerprint(settings: Settings | None) -> dict[str, int | None]:
    return {word: days or None for word, days in sorted(cadence_defaults(settings).items())}


def cadences_known_for(settings: Settings | None) -> bool:
    """True when the cadences kept on the contacts were computed with these defaults.

    Contacts whose cadence is not known yet (NULL) may still exist; the agenda reads them
    the slow way. Under other defaults (the settings changed, or a caller passes its own)
    no kept value can be trusted.
    """
    return get_setting(FILLED_FOR) == _fingerprint(settings)


def cadences_to_fill(settings: Settings | None) -> bool:
    """True when fill_effective_cadences(settings) has something to do."""
    return not cadences_known_for(settings) or kept_cadence.any_unknown()


def fill_effective_cadences(settings: Settings | None = None, *, chunk: int = 5_000) -> int:
    """Keep on every contact the cadence `effective_cadence` gives it; returns how many it set.

    Only contacts not known yet are computed, unless the cadence defaults differ from the
    ones the kept values were computed with: then every contact is. `effective_cadence`
    stays the one rule: it is asked once per distinct stage and circles, and SQLite
    copies its answers onto the contacts. `chunk` contacts are written per transaction,
    so a window saving a contact meanwhile never waits long.
    """
    if settings is None:
        settings = load_settings()
    wanted = _fingerprint(settings)
    with database.atomic():
        if get_setting(FILLED_FOR) != wanted:
            kept_cadence.forget_all()
            set_setting(FILLED_FOR, wanted)
    filled = 0
    while True:
        with database.atomic():
            if get_setting(FILLED_FOR) != wanted:
                return filled  # another fill under other settings took over
            ids = kept_cadence.unknown_ids(chunk)
            if not ids:
                return filled
            low, high = ids[0], ids[-1]
            kept_cadence.keep_own_cadences(low, high)
            days = []
            for stage, circles in kept_cadence.unknown_stage_circles(low, high):
                words = [w for w in circles.split(",") if w]
                days.append((stage, circles, default_cadence(stage, words, settings) or 0))
            kept_cadence.keep_default_cadences(low, high, days)
            filled += len(ids)


def fill_effective_cadences_now(settings: Settings | None = None) -> int | None:
    """fill_effective_cadences unless the journal cannot be written this instant.

    None when it is read-only or another connection is writing (an import, say): the
    kept cadences only make the agenda faster, so it never waits for them.
    """
    if settings is None:
        settings = load_settings()
    if not cadences_to_fill(settings):
        return 0
    return unless_busy(lambda: fill_effective_cadences(settings))
