"""`gratitude-desktop agenda`: the same agenda as the Today view, for scripts and people."""

from __future__ import annotations

import datetime as dt
import json

from gratitude_desktop import cli
from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.interactions import InteractionData, save_interaction
from gratitude_desktop.journal.settings import DEFAULT_CADENCES, Settings, save_settings
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.models import Promise


def _fill(data_dir) -> dict[str, int]:
    journal = open_journal(data_dir)
    try:
        ada = save_contact(
            ContactData(
                display_name="Ada Lovelace",
                stage="client",
                created_at=dt.datetime(2026, 1, 1, 9),  # asked for feedback within a year
            )
        )
        save_interaction(InteractionData(contact_id=ada, at=dt.datetime(2026, 10, 2, 15)))
        bea = save_contact(
            ContactData(
                display_name="Bea",
                birthday="--11-24",
                dnc_channels=("email",),
                created_at=dt.datetime(2026, 11, 1, 9),
            )
        )
        Promise.create(
            contact=bea,
            direction="we-owe",
            what="Send the link",
            made_on=dt.date(2026, 11, 1),
            due_on=dt.date(2026, 11, 21),
        )
        gone = save_contact(
            ContactData(
                display_name="Gone",
                stage="client",
                dnc_channels=("all",),
                created_at=dt.datetime(2020, 1, 1, 9),
            )
        )
    finally:
        journal.close()
    return {"ada": ada, "bea": bea, "gone": gone}


def test_agenda_json_has_the_documented_shape(data_dir, capsys):
    ids = _fill(data_dir)
    code = cli.main(["agenda", "--data-dir", str(data_dir), "--today", "2026-11-22", "--json"])
    assert code == 0
    got = json.loads(capsys.readouterr().out)
    assert got["today"] == "2026-11-22"
    assert [
        (i["kind"], i["contact"], i["due_on"], i["days_overdue"], i["contact_id"])
        for i in got["items"]
    ] == [
        ("quiet", "Ada Lovelace", "2026-11-01", 21, ids["ada"]),
        ("promise-due", "Bea", "2026-11-21", 1, ids["bea"]),
        ("birthday", "Bea", "2026-11-24", -2, ids["bea"]),
    ]
    assert got["items"][0]["reason"] == "No contact for 51 days (every 30)"
    assert got["items"][0]["channels"] is None
    assert got["items"][2]["channels"] == ["phone", "mail", "message", "in-person"]


def test_agenda_text_is_grouped_by_kind_with_reasons(data_dir, capsys):
    _fill(data_dir)
    code = cli.main(["agenda", "--data-dir", str(data_dir), "--today", "2026-11-22"])
    assert code == 0
    out = capsys.readouterr().out
    assert out.startswith("Agenda for 2026-11-22: 3 items\n")
    assert "Gone quiet (1)\n  Ada Lovelace: No contact for 51 days (every 30)\n" in out
    assert "  Gone:" not in out  # do-not-contact on all channels


def test_agenda_on_the_command_line_reads_the_saved_settings(data_dir, capsys):
    _fill(data_dir)
    journal = open_journal(data_dir)
    save_settings(Settings(cadence_defaults={**DEFAULT_CADENCES, "client": 60}))
    journal.close()
    cli.main(["agenda", "--data-dir", str(data_dir), "--today", "2026-11-22", "--json"])
    kinds = [i["kind"] for i in json.loads(capsys.readouterr().out)["items"]]
    assert kinds == ["promise-due", "birthday"]
