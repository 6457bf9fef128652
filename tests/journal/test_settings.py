"""Typed settings stored as JSON in the Setting table."""

from __future__ import annotations

from dataclasses import replace

from gratitude_desktop.journal.settings import (
    DEFAULT_CADENCES,
    Settings,
    get_setting,
    load_settings,
    save_settings,
    set_setting,
    with_changes,
)
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.models import Setting


def test_an_empty_journal_has_the_documented_defaults(journal):
    settings = load_settings()
    assert settings.birthday_days_ahead == 7
    assert settings.close_to_tray is True
    assert settings.start_at_login is False
    assert settings.reminder_minutes == 5
    assert settings.tray_told is False
    assert settings.cadence_defaults["client"] == 30
    assert settings.cadence_defaults["acquaintance"] == 180
    assert settings.cadence_defaults["lost-customer"] == 180
    assert (settings.pester_touches, settings.pester_days) == (3, 7)
    assert settings.cadence_defaults == DEFAULT_CADENCES


def test_saved_settings_come_back_after_reopening(data_dir):
    journal = open_journal(data_dir)
    changed = Settings(
        cadence_defaults={**DEFAULT_CADENCES, "client": 21, "friend": None},
        birthday_days_ahead=3,
        close_to_tray=False,
        start_at_login=True,
        reminder_minutes=15,
        tray_told=True,
    )
    save_settings(changed)
    journal.close()

    journal = open_journal(data_dir)
    try:
        assert load_settings() == changed
    finally:
        journal.close()


def test_get_and_set_setting_hold_any_json_value(journal):
    assert get_setting("window", {"w": 800}) == {"w": 800}
    set_setting("window", {"w": 1024, "h": 700})
    set_setting("window", {"w": 1280, "h": 720})
    assert get_setting("window") == {"w": 1280, "h": 720}
    assert Setting.select().where(Setting.key == "window").count() == 1


def test_unreadable_or_wrong_typed_values_fall_back_to_defaults(journal):
    Setting.create(key="birthday_days_ahead", value="not json")
    set_setting("reminder_minutes", "often")
    set_setting("close_to_tray", 1)
    set_setting("cadence_defaults", {"client": -4, "prospect": "soon", "martian": 3})
    settings = load_settings()
    assert settings.birthday_days_ahead == 7
    assert settings.reminder_minutes == 5
    assert settings.close_to_tray is True
    assert settings.cadence_defaults["client"] == 30
    assert settings.cadence_defaults["prospect"] == 14
    assert "martian" not in settings.cadence_defaults


def test_a_stored_partial_cadence_table_keeps_the_other_defaults(journal):
    set_setting("cadence_defaults", {"family": 7})
    defaults = load_settings().cadence_defaults
    assert defaults["family"] == 7
    assert defaults["friend"] == 60


def test_with_changes_merges_cadence_defaults():
    settings = with_changes(Settings(), cadence_defaults={"mentor": 14}, reminder_minutes=2)
    assert settings.cadence_defaults["mentor"] == 14
    assert settings.cadence_defaults["mentee"] == 30
    assert settings.reminder_minutes == 2
    assert replace(settings, reminder_minutes=5).reminder_minutes == 5
