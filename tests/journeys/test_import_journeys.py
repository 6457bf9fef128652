"""Journeys through File → Import: a messy CSV through the wizard and undone; the mapping page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel

from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact
from gratitude_desktop.journal.settings import set_setting
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.store.models import Contact
from gratitude_desktop.ui.import_wizard import ImportWizard
from tests.journeys.walk import CTRL, click, visible_button

CORPUS = Path(__file__).resolve().parents[1] / "io" / "corpus"
GOOGLE = CORPUS / "google" / "google_contacts.csv"
WAIT = 15000

# Semicolons, a byte-order mark, a note over two lines, a row with nothing to make a
# contact from, and the same person twice (rows 3 and 6, by the email in any case).
MESSY = (
    "\ufeffName;E-mail;Organization;Notes\r\n"
    "Grace Hopper;grace@example.org;US Navy;\r\n"
    'Katherine Johnson;kj@example.org;NASA;"Orbits,\r\nby hand"\r\n'
    ";;;only a note\r\n"
    "\r\n"
    "G. Hopper;GRACE@example.org;;met her twice\r\n"
)


def journal_with(folder: Path, *names: str) -> None:
    """A journal holding these contacts, past the first-start welcome."""
    journal = open_journal(folder)
    try:
        set_setting("first_start_done", "empty")
        for name in names:
            save_contact(
                ContactData(display_name=name, methods=[MethodData("email", f"{name[0]}@x.org")])
            )
    finally:
        journal.close()


def live_names() -> list[str]:
    return sorted(c.display_name for c in Contact.select().where(Contact.trashed_at.is_null()))


def wizard_of(qtbot) -> ImportWizard:
    found: list[ImportWizard] = []

    def shown() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, ImportWizard) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(shown, timeout=WAIT)
    return found[0]


def next_page(qtbot, wizard: ImportWizard, label: str = "Next >") -> None:
    button = visible_button(wizard, label)
    qtbot.waitUntil(button.isEnabled, timeout=WAIT)
    click(qtbot, button)


def open_by_menu(qtbot, window, answer, path: Path) -> ImportWizard:
    """File → Import… (Ctrl+I), the file's name typed in the file dialog (it opens in `path`'s folder)."""
    chose = answer("Open", typing=path.name)
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL)  # File → Import…
    qtbot.waitUntil(lambda: chose.done or chose.error is not None, timeout=WAIT)
    assert chose.error is None, chose.error
    return wizard_of(qtbot)


def test_a_messy_csv_through_the_wizard_then_undo(journey_dir, home, start_app, answer, qtbot):
    journal_with(journey_dir, "Zed Already")
    messy = home / "messy contacts.csv"
    messy.write_text(MESSY, encoding="utf-8", newline="")

    def walk(window):
        wizard = open_by_menu(qtbot, window, answer, messy)
        assert wizard.currentId() == wizard.FOUND
        next_page(qtbot, wizard)  # the columns, matched by their names
        next_page(qtbot, wizard)
        page = wizard.duplicates_page
        qtbot.waitUntil(lambda: page.status.text().startswith("1 group"), timeout=WAIT)
        status = page.status.text()
        model = page.view.model()
        header = model.headerData(0, Qt.Orientation.Horizontal)
        same_as = model.index(0, 0).data()
        next_page(qtbot, wizard, "Import")
        qtbot.waitUntil(lambda: wizard.currentId() == wizard.SUMMARY, timeout=WAIT)
        done = wizard.summary_page
        headline = done.headline.text()
        counts = {w: done.findChild(QLabel, f"count-{w}").text() for w in ("created", "merged")}
        after_import = live_names()
        asked = answer("Undo the import", title="Undo this import?")
        click(qtbot, done.undo_button)
        qtbot.waitUntil(lambda: asked.done, timeout=WAIT)
        qtbot.waitUntil(lambda: "Undid the import" in done.status.text(), timeout=WAIT)
        result = done.status.text()
        next_page(qtbot, wizard, "Finish")
        qtbot.waitUntil(lambda: window.count_status.text() == "1 contact", timeout=WAIT)
        return status, header, same_as, headline, counts, after_import, asked, result

    status, header, same_as, headline, counts, after_import, asked, result = start_app(walk)
    assert status.startswith("1 group of contacts looks like the same person")
    assert header != "Already there"  # row 3 was not there before the file
    assert same_as == "Grace Hopper (row 2 of this file)"
    assert headline == "Imported messy contacts.csv (Other CSV, utf-8-sig)."
    assert counts == {"created": "2", "merged": "1"}
    assert after_import == ["Grace Hopper", "Katherine Johnson", "Zed Already"]
    assert "The 2 contacts it created will be removed" in asked.text
    assert "existing contact" not in asked.text  # the merge was into a row of the same file
    assert "no contact that was in your journal before the import is changed" in asked.text
    assert "removed 2, restored 0" in result
    assert live_names() == ["Zed Already"]


def box_at(qtbot, view, index) -> QComboBox:
    """The combo box drawn in the cell at `index` (what the pointer is over there).

    After a scroll the boxes move on the next layout pass: wait until one sits in the cell.
    """
    found: list[QComboBox] = []

    def there() -> bool:
        cell = view.visualRect(index)  # the cell may run past the right edge: its visible start
        spot = QPoint(min(cell.left() + 20, view.viewport().width() - 5), cell.center().y())
        widget = view.viewport().childAt(spot)
        while widget is not None and not isinstance(widget, QComboBox):
            widget = widget.parentWidget()
        found[:] = [widget] if widget is not None else []
        return widget is not None and widget.geometry().top() == cell.top()

    qtbot.waitUntil(there, timeout=WAIT)
    return found[0]


def wheel(widget, steps: int = -1) -> None:
    """Turn the mouse wheel over the middle of `widget` (negative: towards the person).

    A real wheel event that a widget ignores goes on to its parents (Qt does that for
    events from the window system only), so the walk up is done here as Qt would.
    """
    where = QPoint(widget.rect().center())
    target = widget
    while target is not None:
        local = QPointF(target.mapFrom(widget, where)) if target is not widget else QPointF(where)
        event = QWheelEvent(
            local,
            QPointF(widget.mapToGlobal(where)),
            QPoint(0, 0),
            QPoint(0, 120 * steps),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(target, event)
        if event.isAccepted() or target.isWindow():
            return
        target = target.parentWidget()


def test_the_wheel_over_the_mapping_scrolls_and_a_chosen_change_keeps_the_flavour(
    journey_dir, home, start_app, answer, qtbot
):
    journal_with(journey_dir, "Zed Already")
    google = home / GOOGLE.name
    google.write_bytes(GOOGLE.read_bytes())

    def walk(window):
        wizard = open_by_menu(qtbot, window, answer, google)
        qtbot.waitUntil(lambda: "Google" in wizard.found_page.flavour.currentText(), timeout=WAIT)
        next_page(qtbot, wizard)
        view = wizard.columns_page.view
        model = view.model()
        headers = [model.index(r, 0).data() for r in range(model.rowCount())]
        row = headers.index("Organization Name")
        view.scrollTo(model.index(row, 0))  # as a person scrolls to the row
        combo = box_at(qtbot, view, model.index(row, model.columnCount() - 1))
        before = combo.currentText()
        scrolled = view.verticalScrollBar().value()
        for _ in range(3):
            wheel(combo)
        after_wheel = combo.currentText()
        moved = view.verticalScrollBar().value() != scrolled
        # Now on purpose: click the box, choose "Notes" with the keys, Enter.
        view.scrollTo(model.index(row, 0))
        click(qtbot, combo)
        popup = combo.view()
        qtbot.waitUntil(popup.isVisible, timeout=WAIT)
        target = combo.findText("Notes")
        popup.setCurrentIndex(combo.model().index(target, 0))
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not wizard.reading, timeout=WAIT)
        chosen = combo.currentText()
        next_page(qtbot, wizard)
        next_page(qtbot, wizard, "Import")
        qtbot.waitUntil(lambda: wizard.currentId() == wizard.SUMMARY, timeout=WAIT)
        headline = wizard.summary_page.headline.text()
        next_page(qtbot, wizard, "Finish")
        return before, after_wheel, moved, chosen, headline

    before, after_wheel, moved, chosen, headline = start_app(walk)
    assert before == "Organisation"
    assert after_wheel == before  # the wheel went past the box, not into it
    assert moved  # it scrolled the table instead
    assert chosen == "Notes"
    assert headline.startswith("Imported google_contacts.csv (Google")
