"""Small field widgets for the contact editor: dates, cadence, circles, channels, contact picker.

Each widget reads back plain values (`value()`) and raises `FieldTextProblem` when what
was typed cannot be read, so the page can show the message beside the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.contacts import MAX_CADENCE_DAYS
from gratitude_desktop.journal.dates import DateProblem, parse_partial_date
from gratitude_desktop.store.enums import label
from gratitude_desktop.store.queries import ContactFilter, contact_names, contact_page

PROBLEM_COLOR = "#b3261e"


class FieldTextProblem(ValueError):
    """What the user typed in a field cannot be read; the message says why, in words."""


def set_problem_look(widget: QWidget, problem: bool) -> None:
    """Mark a field as wrong (drawn red by PROBLEM_STYLE) or as fine again."""
    # Always set, never read first: in PySide6 6.12 QObject.property() of a property
    # that was never set drops a reference to None and crashes the interpreter later.
    widget.setProperty("problem", problem)
    # The sheet goes on the wrong field alone: one over the whole contact page made Qt
    # style each of its ~300 widgets through QStyleSheetStyle (15 ms at start-up).
    widget.setStyleSheet(PROBLEM_STYLE if problem else "")
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


PROBLEM_STYLE = f"""
QLineEdit[problem="true"], QPlainTextEdit[problem="true"], QComboBox[problem="true"],
QSpinBox[problem="true"] {{
    border: 1px solid {PROBLEM_COLOR}; border-radius: 3px; background: #fff6f5; padding: 2px;
}}
QWidget#choiceBox[problem="true"] {{ border: 1px solid {PROBLEM_COLOR}; border-radius: 3px; }}
"""


class FieldBox(QWidget):
    """A field with room for a red plain-text problem message right under it."""

    def __init__(self, field: QWidget, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        self.problem = QLabel(self)
        self.problem.setObjectName(f"problem_{name}")
        self.problem.setTextFormat(Qt.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {PROBLEM_COLOR};")
        self.problem.hide()
        layout.addWidget(self.problem)
        # Never taller than the field and its message: extra room goes below, not around.
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)

    def set_problem(self, message: str | None) -> None:
        if message:
            old = self.problem.text()
            self.problem.setText(f"{old}\n{message}" if old and message not in old else message)
            self.problem.show()
        else:
            self.problem.clear()
            self.problem.hide()
        set_problem_look(self.field, bool(message))


class EnumCombo(QComboBox):
    """A combo over vocabulary words, showing their labels; `value()` is the word."""

    def __init__(
        self, values: Iterable[str], parent: QWidget | None = None, *, blank: str | None = None
    ):
        super().__init__(parent)
        if blank is not None:
            self.addItem(blank, "")
        for value in values:
            self.addItem(label(str(value)), str(value))

    def value(self) -> str:
        return self.currentData() or ""

    def set_value(self, value: str | None) -> None:
        index = self.findData(value or "")
        if index < 0 and value:
            # A word this version does not know (from a newer archive): keep it, visibly.
            self.addItem(value, value)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))


class DateLineEdit(QLineEdit):
    """An optional date typed as YYYY-MM-DD; empty means no date."""

    def __init__(self, parent: QWidget | None = None, *, what: str = "date"):
        super().__init__(parent)
        self._what = what
        self.setPlaceholderText("YYYY-MM-DD")
        self.setClearButtonEnabled(True)
        self.setMaximumWidth(170)

    def value(self) -> dt.date | None:
        text = self.text().strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise FieldTextProblem(
                f"“{text}” is not a date. Type it as YYYY-MM-DD, e.g. {dt.date.today():%Y-%m-%d}."
            ) from None

    def set_value(self, value: dt.date | None) -> None:
        self.setText(value.isoformat() if value else "")


class PartialDateEdit(QLineEdit):
    """A birthday or anniversary: YYYY-MM-DD, or MM-DD when the year is unknown."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText("YYYY-MM-DD, or MM-DD if the year is unknown")
        self.setToolTip("YYYY-MM-DD, or MM-DD when the year is unknown")
        self.setClearButtonEnabled(True)
        self.setMaximumWidth(300)

    def value(self) -> str:
        """The stored form: 'YYYY-MM-DD', '--MM-DD' or '' (raises FieldTextProblem)."""
        text = self.text().strip()
        if not text:
            return ""
        candidate = text
        parts = text.split("-")
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            candidate = f"--{int(parts[0]):02d}-{int(parts[1]):02d}"
        try:
            return str(parse_partial_date(candidate))
        except DateProblem:
            raise FieldTextProblem(
                f"“{text}” is not a date. Type YYYY-MM-DD, or MM-DD when the year is unknown."
            ) from None

    def set_value(self, value: str | None) -> None:
        value = value or ""
        self.setText(value[2:] if value.startswith("--") else value)


class CadenceChooser(QWidget):
    """Keep in touch: the default for the stage and circles, every N days, or never."""

    DEFAULT, EVERY, NEVER = 0, 1, 2
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.mode = QComboBox(self)
        self.mode.addItems(["Default for stage and circles", "Every N days", "Never"])
        self.days = QSpinBox(self)
        self.days.setRange(1, MAX_CADENCE_DAYS)
        self.days.setValue(30)
        self.days.setSuffix(" days")
        self.days.setAccelerated(True)
        layout.addWidget(self.mode)
        layout.addWidget(self.days)
        layout.addStretch(1)
        self.mode.currentIndexChanged.connect(self._sync)
        self.mode.currentIndexChanged.connect(self.changed)
        self.days.valueChanged.connect(self.changed)
        self._sync()

    def _sync(self) -> None:
        self.days.setVisible(self.mode.currentIndex() == self.EVERY)

    def value(self) -> int | None:
        mode = self.mode.currentIndex()
        if mode == self.NEVER:
            return 0
        if mode == self.EVERY:
            return self.days.value()
        return None

    def set_value(self, days: int | None) -> None:
        if days is None:
            self.mode.setCurrentIndex(self.DEFAULT)
        elif days == 0:
            self.mode.setCurrentIndex(self.NEVER)
        else:
            self.days.setValue(days)
            self.mode.setCurrentIndex(self.EVERY)
        self._sync()


class ChoiceBox(QWidget):
    """Checkboxes for a set of words, laid out in a grid; `value()` is the checked words."""

    changed = Signal()

    def __init__(self, values: Iterable[str], parent: QWidget | None = None, *, columns: int = 3):
        super().__init__(parent)
        self.setObjectName("choiceBox")
        self.setAttribute(Qt.WA_StyledBackground, True)
        grid = QGridLayout(self)
        grid.setContentsMargins(2, 2, 2, 2)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        self.boxes: dict[str, QCheckBox] = {}
        for index, value in enumerate(values):
            box = QCheckBox(label(str(value)), self)
            box.setObjectName(f"choice_{value}")
            box.toggled.connect(self.changed)
            grid.addWidget(box, index // columns, index % columns)
            self.boxes[str(value)] = box
        grid.setColumnStretch(columns, 1)

    def value(self) -> tuple[str, ...]:
        return tuple(word for word, box in self.boxes.items() if box.isChecked())

    def set_value(self, words: Iterable[str]) -> None:
        chosen = set(words or ())
        for word, box in self.boxes.items():
            box.setChecked(word in chosen)


class ChannelChooser(ChoiceBox):
    """Do-not-contact channels: "all", or some of email, phone, mail, message, in person."""

    def __init__(self, values: Iterable[str], parent: QWidget | None = None):
        super().__init__(values, parent, columns=3)
        if "all" in self.boxes:
            self.boxes["all"].toggled.connect(self._sync)

    def _sync(self) -> None:
        every = self.boxes["all"].isChecked()
        for word, box in self.boxes.items():
            if word != "all":
                box.setEnabled(not every)

    def value(self) -> tuple[str, ...]:
        if "all" in self.boxes and self.boxes["all"].isChecked():
            return ("all",)
        return super().value()

    def set_value(self, words: Iterable[str]) -> None:
        super().set_value(words)
        if "all" in self.boxes:
            self._sync()


class ContactPicker(QWidget):
    """Pick one contact by typing part of the name; completions come from the journal's search.

    `value()` is the picked contact's id (None when empty) and raises FieldTextProblem
    when text was typed but no contact was picked from the list.
    """

    changed = Signal()
    LIMIT = 20

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._id: int | None = None
        self._picked_name = ""
        self._exclude: int | None = None
        self._ids_by_name: dict[str, int] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Type a name, then pick from the list")
        self.edit.setClearButtonEnabled(True)
        self.edit.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self._names = QStringListModel(self)
        self.completer = QCompleter(self._names, self)
        self.completer.setCaseSensitivity(Qt.CaseInsensitive)
        # The journal already filtered by full-text search; show its answers as they are.
        self.completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.edit.setCompleter(self.completer)
        layout.addWidget(self.edit)
        self.edit.textEdited.connect(self._search)
        self.edit.textChanged.connect(self.changed)
        self.completer.activated[str].connect(self._picked)

    def set_excluded(self, contact_id: int | None) -> None:
        """A contact cannot be referred by themselves: leave this one out of the choices."""
        self._exclude = contact_id

    def _search(self, text: str) -> None:
        rows = []
        if text.strip():
            rows = contact_page(ContactFilter(text=text), 0, self.LIMIT + 1)
        self._ids_by_name = {}
        names = []
        for row in rows:
            if row.id == self._exclude:
                continue
            shown = row.display_name
            if row.organization:
                shown = f"{shown} — {row.organization}"
            if shown in self._ids_by_name:
                shown = f"{shown} (#{row.id})"
            self._ids_by_name[shown] = row.id
            names.append(shown)
        self._names.setStringList(names[: self.LIMIT])
        if names:
            self.completer.complete()

    def _picked(self, shown: str) -> None:
        contact_id = self._ids_by_name.get(shown)
        if contact_id is None:
            return
        self._id = contact_id
        name = contact_names([contact_id]).get(contact_id, shown)
        self._picked_name = name
        self.edit.setText(name)

    def pick(self, contact_id: int | None) -> None:
        """Show this contact as picked (None: nobody)."""
        self._id = contact_id
        self._picked_name = contact_names([contact_id]).get(contact_id, "") if contact_id else ""
        if contact_id and not self._picked_name:
            self._picked_name = f"#{contact_id}"
        self.edit.setText(self._picked_name)

    def value(self) -> int | None:
        text = self.edit.text().strip()
        if not text:
            return None
        if self._id is not None and text == self._picked_name:
            return self._id
        raise FieldTextProblem(f"No contact picked for “{text}”: pick one from the list.")

    set_value = pick
