"""Issue 21: every dry run only reads the journal, so it blocks nobody and waits for nobody.

Each test holds SQLite's write lock from a second connection (as a real import in
another process would) while the dry run runs, and then checks the dry run counted
exactly what the real import does once the lock is let go.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from gratitude_desktop import paths
from gratitude_desktop.io.archive import import_archive
from gratitude_desktop.io.capture.scan import scan
from gratitude_desktop.io.importer import import_file
from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact
from gratitude_desktop.store.models import Contact, ImportBatch, Interaction

CORPUS = Path(__file__).parent / "corpus"
SAMPLE = Path(__file__).parents[2] / "gratitude_desktop" / "resources" / "sample-journal.json"


@contextmanager
def write_lock_held(data_dir: Path):
    """Another connection holds the journal's write lock (BEGIN IMMEDIATE) for the block."""
    other = sqlite3.connect(paths.database_path(data_dir), isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        other.execute("ROLLBACK")
        other.close()


def counts(report) -> tuple:
    return report.created, report.merged, report.skipped, len(report.refused)


def ada_archive(tmp_path: Path) -> Path:
    path = tmp_path / "ada.json"
    path.write_text(
        json.dumps(
            {
                "format": "gratitude-journal",
                "version": 1,
                "contacts": [
                    {
                        "id": "c1",
                        "display_name": "Ada L.",
                        "methods": [{"kind": "email", "value": "ADA@example.org"}],
                    },
                    {"id": "c2", "display_name": "Grace"},
                ],
            }
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def with_ada(journal):
    save_contact(ContactData(display_name="Ada", methods=[MethodData("email", "ada@example.org")]))
    return journal


@pytest.mark.parametrize(
    "source",
    ["archive", CORPUS / "google" / "google_contacts.csv", CORPUS / "vcard" / "v40.vcf"],
    ids=["archive", "csv", "vcard"],
)
def test_a_dry_run_runs_while_another_connection_writes_and_counts_the_real_import(
    with_ada, data_dir, tmp_path, source
):
    path = ada_archive(tmp_path) if source == "archive" else source
    contacts = Contact.select().count()
    with write_lock_held(data_dir):  # a writer that would make any write fail or wait
        dry = import_file(path, dry_run=True)
    assert dry.dry_run and dry.batch_id is None
    assert Contact.select().count() == contacts and ImportBatch.select().count() == 0
    real = import_file(path)
    assert counts(dry) == counts(real) and real.created + real.merged > 0


def test_an_archive_dry_run_merges_exactly_as_the_real_import(with_ada, data_dir):
    """The sample journal: many kinds of records, every merge rule; counted on a copy."""
    with write_lock_held(data_dir):
        dry = import_archive(SAMPLE, dry_run=True)
    assert Contact.select().count() == 1
    real = import_archive(SAMPLE)
    assert (dry.created, dry.merged, dry.warnings) == (real.created, real.merged, real.warnings)


def test_the_window_threads_keep_their_own_connection_during_a_dry_run(with_ada, tmp_path):
    """The copy is this thread's only: another thread still sees (and writes) the journal."""
    import threading

    from gratitude_desktop.store.db import private_copy

    seen: list[int] = []
    with private_copy():
        Contact.delete().execute()  # on the copy
        assert Contact.select().count() == 0
        worker = threading.Thread(target=lambda: seen.append(Contact.select().count()))
        worker.start()
        worker.join()
    assert seen == [1] and Contact.select().count() == 1


def test_a_capture_dry_run_runs_while_another_connection_writes(with_ada, data_dir, tmp_path):
    mail = tmp_path / "note.eml"
    mail.write_text(
        "From: Ada <ada@example.org>\nTo: me@example.org\nSubject: hi\n"
        "Date: Mon, 02 Nov 2026 10:00:00 +0000\nMessage-ID: <1@example.org>\n\nhello\n",
        encoding="utf-8",
    )
    with write_lock_held(data_dir):
        dry = scan([mail], [], ["me@example.org"], dry_run=True)
    assert Interaction.select().count() == 0
    real = scan([mail], [], ["me@example.org"])
    assert (dry.logged, dry.messages) == (real.logged, real.messages) and real.logged == 1


def test_the_command_line_dry_run_beside_a_held_write_lock(with_ada, data_dir, tmp_path):
    """`import --dry-run` in its own process while this one holds the write lock: it
    answers at once (it never waits for the lock) with the real import's counts."""
    archive = ada_archive(tmp_path)
    with_ada.close()  # the commands open it themselves
    command = [sys.executable, "-m", "gratitude_desktop", "--data-dir", str(data_dir)]
    with write_lock_held(data_dir):
        dry = subprocess.run(
            [*command, "import", "--dry-run", "--json", str(archive)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert dry.returncode == 0, dry.stderr
    real = subprocess.run(
        [*command, "import", "--json", str(archive)], capture_output=True, text=True, timeout=120
    )
    assert real.returncode == 0, real.stderr
    keys = ("created", "merged", "skipped")
    dry_json, real_json = json.loads(dry.stdout), json.loads(real.stdout)
    assert [dry_json[k] for k in keys] == [real_json[k] for k in keys] == [1, 1, 0]
