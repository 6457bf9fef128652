"""The contact-methods part of the contact page: any number of email/phone/… rows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.contacts import FieldProblem, MethodData
from gratitude_desktop.store.enums import MethodKind
from gratitude_desktop.ui.contacts.fields import (
    PROBLEM_COLOR,
    DateLineEdit,
    EnumCombo,
    FieldTextProblem,
    set_problem_look,
)

_PLACEHOLDERS = {
    MethodKind.EMAIL: "name@example.com",
    MethodKind.PHONE: "+1 555 123 4567",
    MethodKind.WEBSITE: "https://…",
    MethodKind.ADDRESS: "Street, city, postcode",
    MethodKind.SOCIAL: "@handle or profile link",
}


class MethodRow(QWidget):
    """One method: kind, label, value, primary, last confirmed, known bad, remove."""

    removeRequested = Signal(object)
    changed = Signal()
    primaryToggled = Signal(object)

    def __init__(self, data: MethodData | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        self.kind = EnumCombo([k.value for k in MethodKind], self)
        self.kind.setFixedWidth(self.kind.sizeHint().width())
        self.kind.setToolTip("What kind of contact method this is")
        self.label = QLineEdit(self)
        self.label.setPlaceholderText("Label")
        self.label.setToolTip("Work, home, mobile…")
        self.label.setFixedWidth(90)
        self.value = QLineEdit(self)
        self.value.setMinimumWidth(120)
        self.primary = QCheckBox("Primary", self)
        self.primary.setToolTip("The one to use first for this kind")
        self.confirmed = DateLineEdit(self, what="last confirmed")
        self.confirmed.setPlaceholderText("YYYY-MM-DD")
        self.confirmed.setToolTip("When you last confirmed it still works (YYYY-MM-DD)")
        self.confirmed.setFixedWidth(120)
        self.bad = QCheckBox("Known bad", self)
        self.bad.setToolTip("It bounced or is disconnected: kept for history, not used")
        self.remove = QPushButton("Remove", self)
        self.remove.setToolTip("Remove this contact method")
        self.remove.setAutoDefault(False)
        # Two lines, so the page stays usable in a narrow splitter pane:
        # kind, label, value, Remove / primary, last confirmed, known bad.
        grid.addWidget(self.kind, 0, 0)
        grid.addWidget(self.label, 0, 1)
        grid.addWidget(self.value, 0, 2)
        grid.addWidget(self.remove, 0, 3)
        details = QHBoxLayout()
        details.setSpacing(12)
        details.addWidget(self.primary)
        confirmed_caption = QLabel("Confirmed on:", self)
        confirmed_caption.setBuddy(self.confirmed)
        details.addWidget(confirmed_caption)
        details.addWidget(self.confirmed)
        details.addWidget(self.bad)
        details.addStretch(1)
        grid.addLayout(details, 1, 0, 1, 4)
        grid.setColumnStretch(2, 1)
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {PROBLEM_COLOR};")
        self.problem.hide()
        grid.addWidget(self.problem, 2, 0, 1, 4)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        for edit in (self.label, self.value, self.confirmed):
            edit.textChanged.connect(self.changed)
        self.bad.toggled.connect(self.changed)
        self.primary.toggled.connect(self.changed)
        self.primary.toggled.connect(self._primary_toggled)
        self.remove.clicked.connect(self._remove_clicked)
        if data is not None:
            self.set_data(data)
        self._kind_changed()

    def _remove_clicked(self) -> None:
        self.removeRequested.emit(self)

    def _primary_toggled(self, on: bool) -> None:
        if on:
            self.primaryToggled.emit(self)

    def _kind_changed(self) -> None:
        self.value.setPlaceholderText(_PLACEHOLDERS.get(self.kind.value(), ""))
        self.changed.emit()

    def set_data(self, data: MethodData) -> None:
        self.kind.set_value(data.kind)
        self.label.setText(data.label or "")
        self.value.setText(data.value or "")
        self.primary.setChecked(bool(data.primary))
        self.confirmed.set_value(data.confirmed_on)
        self.bad.setChecked(bool(data.bad))

    def data(self) -> MethodData:
        """The row as MethodData; raises FieldTextProblem for an unreadable date."""
        return MethodData(
            kind=self.kind.value(),
            value=self.value.text(),
            label=self.label.text(),
            primary=self.primary.isChecked(),
            confirmed_on=self.confirmed.value(),
            bad=self.bad.isChecked(),
        )

    def snapshot(self) -> tuple:
        return (
            self.kind.value(),
            self.label.text(),
            self.value.text(),
            self.primary.isChecked(),
            self.confirmed.text(),
            self.bad.isChecked(),
        )

    def set_problem(self, message: str | None, *, on_date: bool = False) -> None:
        self.problem.setText(message or "")
        self.problem.setVisible(bool(message))
        set_problem_look(self.value, bool(message) and not on_date)
        set_problem_look(self.confirmed, bool(message) and on_date)


class MethodsEditor(QWidget):
    """Any number of contact methods, with Add and Remove; at most one primary per kind."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[MethodRow] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setSpacing(10)
        outer.addLayout(self._rows_layout)
        self.empty = QLabel("No email, phone, website or address yet.", self)
        self.empty.setStyleSheet("color: palette(mid);")
        outer.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add contact method", self)
        self.add_button.setToolTip("Add an email, phone, website, address or social handle")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._add_clicked)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self._sync_empty()

    def _sync_empty(self) -> None:
        self.empty.setVisible(not self.rows)

    def _add_clicked(self) -> None:
        kinds = {row.kind.value() for row in self.rows}
        kind = MethodKind.PHONE if MethodKind.EMAIL in kinds else MethodKind.EMAIL
        row = self.add_method(MethodData(kind=kind.value, value="", primary=kind not in kinds))
        row.value.setFocus()

    def add_method(self, data: MethodData | None = None) -> MethodRow:
        row = MethodRow(data or MethodData(kind=MethodKind.EMAIL.value, value=""), self)
        row.removeRequested.connect(self.remove_row)
        row.changed.connect(self.changed)
        row.primaryToggled.connect(self._one_primary)
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        row.show()  # at once, not on the next event loop turn
        self._sync_empty()
        self.changed.emit()
        return row

    def remove_row(self, row: MethodRow) -> None:
        if row not in self.rows:
            return
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._sync_empty()
        self.changed.emit()

    def _one_primary(self, chosen: MethodRow) -> None:
        for row in self.rows:
            if row is not chosen and row.kind.value() == chosen.kind.value():
                row.primary.setChecked(False)

    def set_methods(self, methods: list[MethodData]) -> None:
        for row in list(self.rows):
            self.remove_row(row)
        for method in methods:
            self.add_method(method)

    def methods(self) -> tuple[list[MethodData], list[FieldProblem]]:
        """Every row that has something typed in it, and the problems reading them."""
        result, problems = [], []
        for index, row in enumerate(self._filled_rows()):
            try:
                data = row.data()
            except FieldTextProblem as problem:
                problems.append(FieldProblem(f"methods[{index}].confirmed_on", str(problem)))
                data = MethodData(kind=row.kind.value(), value=row.value.text(), label="")
            result.append(data)
        return result, problems

    def _filled_rows(self) -> list[MethodRow]:
        return [
            r
            for r in self.rows
            if r.value.text().strip() or r.label.text().strip() or r.confirmed.text().strip()
        ]

    def clear_problems(self) -> None:
        for row in self.rows:
            row.set_problem(None)

    def show_problem(self, index: int, message: str, *, on_date: bool = False) -> bool:
        """Show a problem beside the index-th method that `methods()` returned."""
        filled = self._filled_rows()
        if 0 <= index < len(filled):
            filled[index].set_problem(message, on_date=on_date)
            return True
        return False

    def snapshot(self) -> tuple:
        return tuple(row.snapshot() for row in self._filled_rows())
