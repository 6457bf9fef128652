"""The user's settings, typed, stored one JSON value per key in the Setting table."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from typing import Any

from gratitude_desktop.store.models import Setting, database

# docs/AGENDA.md, "Cadence": days between touches per stage or circle; None = no default.
DEFAULT_CADENCES: dict[str, int | None] = {
    "client": 30,
    "customer": 60,
    "prospect": 14,
    "networking-partner": 90,
    "mentor": 30,
    "mentee": 30,
    "family": 30,
    "friend": 60,
    "referral-source": 90,
    "colleague": 120,
    "acquaintance": 180,
    # Once asked why (the ask-why-lost item), a lost customer keeps a slow cadence.
    "lost-customer": 180,
}

MAX_DAYS = 3650


def _default_cadences() -> dict[str, int | None]:
    return dict(DEFAULT_CADENCES)


@dataclass(frozen=True)
class Settings:
    """Everything the user can change in the Settings dialog (the CLI reads the same)."""

    cadence_defaults: dict[str, int | None] = field(default_factory=_default_cadences)
    birthday_days_ahead: int = 7
    close_to_tray: bool = True
    start_at_login: bool = False
    reminder_minutes: int = 5
    tray_told: bool = False
    # The pester guard (journal.outreach): this many outbound touches within this many
    # days, with no inbound one since, and the next outbound one asks first.
    pester_touches: int = 3
    pester_days: int = 7


_DEFAULTS = Settings()


def get_setting(key: str, default: Any = None) -> Any:
    """The stored JSON value of `key`, or `default` when absent or unreadable."""
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return default
    try:
        return json.loads(row.value)
    except ValueError:
        return default


def set_setting(key: str, value: Any) -> None:
    """Store `value` (anything JSON can hold) under `key`, replacing what was there."""
    text = json.dumps(value, sort_keys=True)
    Setting.insert(key=key, value=text).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: text}
    ).execute()


def _days(value: Any, *, low: int, high: int = MAX_DAYS) -> int | None:
    """An int within [low, high], or None for anything else (bool is not a number here)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if low <= value <= high else None


def _cadences(value: Any) -> dict[str, int | None]:
    merged = _default_cadences()
    if not isinstance(value, dict):
        return merged
    for word, days in value.items():
        if word not in merged:
            continue  # a stage or circle this version does not know
        # None (or 0) means "no default for this one"; nonsense keeps the shipped default.
        if days is None or days == 0:
            merged[word] = None
        elif _days(days, low=1) is not None:
            merged[word] = days
    return merged


def load_settings() -> Settings:
    """The settings as stored, each missing or unreadable value replaced by its default."""
    stored = {row.key: row.value for row in Setting.select()}

    def read(name: str) -> Any:
        if name not in stored:
            return None
        try:
            return json.loads(stored[name])
        except ValueError:
            return None

    values: dict[str, Any] = {"cadence_defaults": _cadences(read("cadence_defaults"))}
    for f in fields(Settings):
        if f.name == "cadence_defaults":
            continue
        default = getattr(_DEFAULTS, f.name)
        value = read(f.name)
        if isinstance(default, bool):
            values[f.name] = value if isinstance(value, bool) else default
        elif f.name == "birthday_days_ahead":
            checked = _days(value, low=0, high=366)
            values[f.name] = default if checked is None else checked
        elif f.name in ("pester_touches", "pester_days"):
            checked = _days(value, low=1, high=365)
            values[f.name] = default if checked is None else checked
        else:
            checked = _days(value, low=1, high=24 * 60)
            values[f.name] = default if checked is None else checked
    return Settings(**values)


def save_settings(settings: Settings) -> None:
    """Store every field of `settings` in one transaction."""
    with database.atomic():
        for f in fields(Settings):
            set_setting(f.name, getattr(settings, f.name))


def with_changes(settings: Settings, **changes: Any) -> Settings:
    """A copy of `settings` with some fields changed (cadence_defaults merged, not replaced)."""
    if "cadence_defaults" in changes:
        changes["cadence_defaults"] = {**settings.cadence_defaults, **changes["cadence_defaults"]}
    return replace(settings, **changes)
