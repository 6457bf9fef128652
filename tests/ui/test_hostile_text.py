"""HTML in names, notes, imported fields, summaries and promises is shown literally everywhere.

The whole window is built as app.py builds it, then every label, every item model
(DisplayRole and ToolTipRole), the tray tooltip and messages and the log dialog are
swept: wherever a payload shows, it must be the literal text, in a widget that does
not read it as HTML.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTextEdit, QWidget

from gratitude_desktop import app
from gratitude_desktop.io.importer import import_file
from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.interactions import InteractionData, save_interaction
from gratitude_desktop.journal.promises import add_promise
from gratitude_desktop.store.models import Contact

NAME = "<b>Bold</b> <img src=x onerror=alert(1)>"
ORG = "<i>Acme</i> & <a href='http://evil.example'>Co</a>"
NOTES = "<script>alert('notes')</script><h1>Big</h1>"
SUMMARY = "<img src=x onerror=alert('summary')> <u>met</u>"
PROMISE = "<b>send</b> the <img src=y> quote"
IMPORTED = "<marquee>Imported</marquee> <img src=z onerror=1>"
PAYLOADS = (NAME, ORG, NOTES, SUMMARY, PROMISE, IMPORTED)
MARKERS = ("<b>", "<img", "<i>", "<script>", "<u>", "<marquee>", "<a href")


def rich(text: str) -> bool:
    """Whether Qt would read `text` as HTML where the format is automatic (tooltips)."""
    return QtGui.Qt.mightBeRichText(text)


def _has_markup(text: str) -> bool:
    return any(m in text for m in MARKERS)


@pytest.fixture
def hostile(journal, tmp_path):
    today = dt.date.today()
    contact_id = save_contact(
        ContactData(
            display_name=NAME,
            organization=ORG,
            notes=NOTES,
            stage="prospect",
            # Their own words go into the badge's tooltip, which Qt reads as HTML if it can.
            dnc_channels=("email",),
            dnc_reason=NOTES,
        )
    )
    save_interaction(
        InteractionData(
            contact_id=contact_id,
            at=dt.datetime.combine(today - dt.timedelta(days=40), dt.time(10)),
            summary=SUMMARY,
            notes=NOTES,
        )
    )
    add_promise(
        contact_id, PROMISE, today - dt.timedelta(days=10), due_on=today - dt.timedelta(days=3)
    )
    csv = tmp_path / "hostile.csv"
    csv.write_text(f'Name,Company,Notes\n"{IMPORTED}","{ORG}","{NOTES}"\n', encoding="utf-8")
    import_file(csv)
    return contact_id


@pytest.fixture
def window(hostile, journal, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    w = app.build_window(journal)
    qtbot.addWidget(w)
    w.reminders.today.refresh()
    w.show()
    return w


def sweep(root: QWidget) -> list[str]:
    """Every shown text that holds a payload; fails on one that would be read as HTML."""
    seen: list[str] = []
    for label in root.findChildren(QLabel):
        text = label.text()
        if _has_markup(text):
            assert label.textFormat() == Qt.TextFormat.PlainText, (label.objectName(), text)
            seen.append(text)
        tip = label.toolTip()
        assert not _has_markup(tip) or rich(tip) is False or "&lt;" in tip, tip
    for edit in root.findChildren(QTextEdit):
        assert not _has_markup(edit.toHtml()) or edit.acceptRichText() is False, edit.objectName()
        if _has_markup(edit.toPlainText()):
            seen.append(edit.toPlainText())
    for model in root.findChildren(QAbstractItemModel):
        seen.extend(model_texts(model))
    return seen


def model_texts(model: QAbstractItemModel) -> list[str]:
    texts = []
    for row in range(min(model.rowCount(QModelIndex()), 200)):
        try:
            columns = model.columnCount(QModelIndex())
        except TypeError:  # a list model (e.g. a completer's) hides it
            columns = 1
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str) and _has_markup(value):
                    if role == Qt.ItemDataRole.ToolTipRole:
                        # Qt reads a tooltip as HTML when it looks like it: it must not.
                        assert not rich(value) or "&lt;" in value, (
                            type(model).__name__,
                            index.column(),
                            value,
                        )
                    texts.append(value)
    return texts


def test_every_page_shows_the_payloads_literally(window, hostile):
    shown: list[str] = []
    for page in ("Today", "Contacts", "Promises", "Trash"):
        window.go_to(page)
        QApplication.processEvents()
        shown += sweep(window)
    window.open_contact(hostile)
    QApplication.processEvents()
    shown += sweep(window)
    joined = "\n".join(shown)
    for payload in (NAME, ORG, SUMMARY, PROMISE, IMPORTED):
        assert payload in joined, payload  # shown, and shown as typed


def test_contact_list_display_and_tooltip_are_literal(window):
    model = window.contact_list.model
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert NAME in names and IMPORTED in names
    texts = model_texts(model)
    assert any(NAME in t for t in texts)


def test_log_dialog_shows_the_name_literally(window, hostile, qtbot):
    window.open_contact(hostile)
    dialog = window.contact_page.log_interaction()
    assert dialog is not None
    qtbot.addWidget(dialog)
    shown = sweep(dialog)
    assert any(NAME in t for t in shown)
    dialog.reject()


def test_tray_tooltip_and_messages_never_carry_markup(hostile, qtbot, monkeypatch):
    from PySide6.QtWidgets import QSystemTrayIcon

    from gratitude_desktop.journal.agenda import compute_agenda
    from gratitude_desktop.ui.tray import TrayIcon

    items = [i for i in compute_agenda(dt.date.today()) if i.contact_id == hostile]
    assert items and items[0].contact_name == NAME
    sent = []
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda self, t, body, *a: sent.append(body))
    for markup in (False, True):
        tray = TrayIcon(available=True, markup=markup)
        tray.notify(items[:1])
        assert not _has_markup(tray.tray.toolTip())
    plain, escaped = sent
    assert plain.startswith(NAME)  # Qt's own balloon: plain text, shown as typed
    assert "<img" not in escaped and escaped.startswith("&lt;b&gt;Bold&lt;/b&gt;")


def test_the_imported_contact_keeps_its_fields_as_typed(hostile):
    imported = Contact.get(Contact.display_name == IMPORTED)
    assert (imported.organization, imported.notes) == (ORG, NOTES)
