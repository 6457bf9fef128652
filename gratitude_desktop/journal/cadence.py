"""Keep-in-touch cadence: how many days may pass before a contact has gone quiet."""

from __future__ import annotations

from collections.abc import Iterable

from gratitude_desktop.journal.settings import DEFAULT_CADENCES, Settings


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


def describe_cadence(days: int | None) -> str:
    """Cadence in words: 'every 30 days', 'every day', 'never'."""
    if not days:
        return "never"
    if days == 1:
        return "every day"
    return f"every {days} days"
