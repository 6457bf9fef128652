"""undo_preview counts what undo_import will do: same-file merges are not "restored"."""

from __future__ import annotations

from gratitude_desktop.io.importer import import_file, undo_import, undo_preview
from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact

CSV = (
    "Name,E-mail\n"
    "Grace Hopper,grace@example.org\n"
    "Katherine Johnson,kj@example.org\n"
    "G. Hopper,GRACE@example.org\n"  # the same person as row 2: merged into what row 2 made
)


def import_then_undo(folder) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    """(created, merged) of the import; (created, restored) foreseen; (removed, restored) done."""
    path = folder / "people.csv"
    path.write_text(CSV, encoding="utf-8")
    report = import_file(path)
    preview = undo_preview(report.batch_id)
    done = undo_import(report.batch_id)
    return (
        (report.created, report.merged),
        (preview.created, preview.restored),
        (done.removed, done.restored),
    )


def test_a_merge_inside_the_file_is_not_promised_a_restore(journal, tmp_path):
    assert import_then_undo(tmp_path) == ((2, 1), (2, 0), (2, 0))


def test_a_merge_into_a_contact_from_before_is_restored(journal, tmp_path):
    save_contact(
        ContactData(display_name="Katherine J.", methods=[MethodData("email", "kj@example.org")])
    )
    assert import_then_undo(tmp_path) == ((1, 2), (1, 1), (1, 1))
