"""ContactForm: every editable field of a contact, in sections, read back as ContactData.

Sections in the order a person fills them: name, work, relationship, how we met, their
story, dates, keep in touch, do not contact, lost customer, contact methods. The form
is its own (and the page's only) scroll area while editing. What was typed that is not
a date (or a contact) comes back as a FieldProblem; `show_problems` puts each beside
its field.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from gratitude_desktop.journal.contacts import ContactData, FieldProblem
from gratitude_desktop.store.enums import Circle, DncChannel, LostReason, Stage
from gratitude_desktop.store.models import NAME_PARTS
from gratitude_desktop.ui.contacts.fields import (
    PROBLEM_COLOR,
    CadenceChooser,
    ChannelChooser,
    ChoiceBox,
    ContactPicker,
    DateLineEdit,
    EnumCombo,
    FieldBox,
    FieldTextProblem,
    PartialDateEdit,
)
from gratitude_desktop.ui.contacts.methods_editor import MethodsEditor

_LINE_FIELDS = {
    "display_name": "Display name",
    "prefix": "Prefix",
    "given_name": "Given name",
    "middle_name": "Middle name",
    "family_name": "Family name",
    "suffix": "Suffix",
    "nickname": "Nickname",
    "organization": "Organisation",
    "title": "Title",
}
_SHORT_FIELDS = ("prefix", "suffix")


def _plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    widget = QLabel(parent)
    widget.setTextFormat(Qt.PlainText)
    widget.setText(text)
    return widget


class ContactForm(QScrollArea):
    """The fields of one contact. `changed` fires on every edit (not while filling)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self._loaded = ContactData()
        self._loading = False
        self.boxes: dict[str, FieldBox] = {}
        self.general_problem = _plain_label("", self)
        self.general_problem.setWordWrap(True)
        self.general_problem.setStyleSheet(
            f"color: {PROBLEM_COLOR}; background: #fdecea; padding: 4px; border-radius: 3px;"
        )
        self.general_problem.hide()
        self.setWidget(self._build())
        self._connect_changes()
        self._sync_enabled()

    def _section(self, form: QFormLayout, title: str) -> None:
        heading = _plain_label(title, self)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        heading.setFont(font)
        heading.setContentsMargins(0, 10 if form.rowCount() else 0, 0, 2)
        form.addRow(heading)
        line = QFrame(self)
        line.setFrameShape(QFrame.HLine)
        line.setFrameShadow(QFrame.Sunken)
        form.addRow(line)

    def _row(self, form: QFormLayout, text: str, name: str, widget: QWidget) -> FieldBox:
        box = FieldBox(widget, name, self)
        self.boxes[name] = box
        caption = QLabel(text + ":" if text else "", self)
        caption.setBuddy(widget if not isinstance(widget, ContactPicker) else widget.edit)
        form.addRow(caption, box)
        return box

    def _build(self) -> QWidget:
        # Built in the scroll area's viewport, where setWidget puts it: moving a finished
        # form there re-polishes every field under the page's style sheet.
        body = QWidget(self.viewport())
        form = QFormLayout(body)
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        form.setContentsMargins(4, 4, 12, 4)
        form.setVerticalSpacing(6)

        self.lines: dict[str, QLineEdit] = {}
        self._section(form, "Name")
        for name in NAME_PARTS:
            edit = QLineEdit(self)
            edit.setObjectName(name)
            if name in _SHORT_FIELDS:
                edit.setMaximumWidth(120)
            self.lines[name] = edit
            self._row(form, _LINE_FIELDS[name], name, edit)
        self.lines["display_name"].setPlaceholderText("Leave empty to use the name parts below")

        self._section(form, "Work")
        for name in ("organization", "title"):
            edit = QLineEdit(self)
            edit.setObjectName(name)
            self.lines[name] = edit
            self._row(form, _LINE_FIELDS[name], name, edit)

        self.texts: dict[str, QPlainTextEdit] = {}

        def text_edit(name: str, lines: int) -> QPlainTextEdit:
            edit = QPlainTextEdit(self)
            edit.setObjectName(name)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
            self.texts[name] = edit
            return edit

        self._section(form, "Relationship")
        self.stage = EnumCombo([s.value for s in Stage], self)
        self.stage.setObjectName("stage")
        self._row(form, "Stage", "stage", self.stage)
        self.circles = ChoiceBox([c.value for c in Circle], self, columns=2)
        self._row(form, "Circles", "circles", self.circles)
        self.referred_by = ContactPicker(self)
        self.referred_by.setObjectName("referred_by")
        self._row(form, "Referred by", "referred_by", self.referred_by)

        self._section(form, "How we met")
        self._row(form, "How we met", "how_we_met", text_edit("how_we_met", 2))
        self.met_on = DateLineEdit(self, what="met on")
        self.met_on.setObjectName("met_on")
        self._row(form, "Met on", "met_on", self.met_on)

        self._section(form, "Their story")
        self._row(form, "Their story", "story", text_edit("story", 4))
        self._row(form, "What they need", "needs", text_edit("needs", 3))
        self._row(form, "Notes", "notes", text_edit("notes", 4))

        self._section(form, "Dates")
        self.birthday = PartialDateEdit(self)
        self.birthday.setObjectName("birthday")
        self._row(form, "Birthday", "birthday", self.birthday)
        self.anniversary = PartialDateEdit(self)
        self.anniversary.setObjectName("anniversary")
        self._row(form, "Anniversary", "anniversary", self.anniversary)

        self._section(form, "Keep in touch")
        self.cadence = CadenceChooser(self)
        self._row(form, "Keep in touch", "cadence_days", self.cadence)

        self._section(form, "Do not contact")
        self.dnc = QCheckBox("They asked not to be contacted", self)
        self.dnc.setObjectName("dnc")
        self._row(form, "", "dnc", self.dnc)
        self.dnc_since = DateLineEdit(self, what="since")
        self._row(form, "Since", "dnc_since", self.dnc_since)
        self.dnc_channels = ChannelChooser([c.value for c in DncChannel], self)
        self._row(form, "Channels", "dnc_channels", self.dnc_channels)
        self.dnc_reason = QLineEdit(self)
        self.dnc_reason.setPlaceholderText("What they said, in their words")
        self._row(form, "Their words", "dnc_reason", self.dnc_reason)

        self._section(form, "Lost customer")
        self.lost = QCheckBox("This customer was lost", self)
        self.lost.setObjectName("lost")
        self._row(form, "", "lost", self.lost)
        self.lost_since = DateLineEdit(self, what="since")
        self._row(form, "Since", "lost_since", self.lost_since)
        self.lost_reason = EnumCombo(
            [r.value for r in LostReason], self, blank="Choose the reason…"
        )
        self._row(form, "Reason", "lost_reason", self.lost_reason)
        self.lost_note = QLineEdit(self)
        self.lost_note.setPlaceholderText("What happened (ask them; don't woo them)")
        self._row(form, "Note", "lost_note", self.lost_note)

        self._section(form, "Contact methods")
        self.methods = MethodsEditor(self)
        form.addRow(self.methods)
        form.insertRow(0, self.general_problem)
        return body

    def _connect_changes(self) -> None:
        for edit in self.lines.values():
            edit.textChanged.connect(self._changed)
        for edit in self.texts.values():
            edit.textChanged.connect(self._changed)
        for edit in (
            self.met_on,
            self.birthday,
            self.anniversary,
            self.dnc_since,
            self.dnc_reason,
            self.lost_since,
            self.lost_note,
        ):
            edit.textChanged.connect(self._changed)
        for combo in (self.stage, self.lost_reason):
            combo.currentIndexChanged.connect(self._changed)
        for widget in (self.circles, self.dnc_channels, self.cadence, self.referred_by):
            widget.changed.connect(self._changed)
        self.methods.changed.connect(self._changed)
        self.dnc.toggled.connect(self._dnc_toggled)
        self.lost.toggled.connect(self._lost_toggled)

    def fill(self, data: ContactData) -> None:
        """Show `data` in the fields (the contact as loaded, or a new one)."""
        self._loaded = data
        self._loading = True
        try:
            for name, edit in self.lines.items():
                edit.setText(getattr(data, name) or "")
            for name, edit in self.texts.items():
                edit.setPlainText(getattr(data, name) or "")
            self.stage.set_value(data.stage)
            self.circles.set_value(data.circles)
            self.met_on.set_value(data.met_on)
            self.referred_by.set_excluded(data.id)
            self.referred_by.pick(data.referred_by)
            self.birthday.set_value(data.birthday)
            self.anniversary.set_value(data.anniversary)
            self.cadence.set_value(data.cadence_days)
            self.dnc.setChecked(bool(data.dnc_channels))
            self.dnc_since.set_value(data.dnc_since)
            self.dnc_channels.set_value(data.dnc_channels)
            self.dnc_reason.setText(data.dnc_reason or "")
            is_lost = bool(data.lost_reason or data.lost_since or data.lost_note)
            self.lost.setChecked(is_lost)
            self.lost_since.set_value(data.lost_since)
            self.lost_reason.set_value(data.lost_reason)
            self.lost_note.setText(data.lost_note or "")
            self.methods.set_methods(copy.deepcopy(data.methods))
        finally:
            self._loading = False
        self._sync_enabled()

    def collect(self) -> tuple[ContactData, list[FieldProblem]]:
        """The form as ContactData, and the problems reading what was typed."""
        problems: list[FieldProblem] = []

        def read(name: str, widget, empty=None):
            try:
                return widget.value()
            except FieldTextProblem as problem:
                problems.append(FieldProblem(name, str(problem)))
                return empty

        values = {name: edit.text() for name, edit in self.lines.items()}
        values.update({name: edit.toPlainText() for name, edit in self.texts.items()})
        values["stage"] = self.stage.value()
        values["circles"] = self.circles.value()
        values["met_on"] = read("met_on", self.met_on)
        values["referred_by"] = read("referred_by", self.referred_by)
        values["birthday"] = read("birthday", self.birthday, "")
        values["anniversary"] = read("anniversary", self.anniversary, "")
        values["cadence_days"] = self.cadence.value()
        if self.dnc.isChecked():
            values["dnc_since"] = read("dnc_since", self.dnc_since)
            values["dnc_channels"] = self.dnc_channels.value()
            values["dnc_reason"] = self.dnc_reason.text()
        else:
            values.update(dnc_since=None, dnc_channels=(), dnc_reason="")
        if self.lost.isChecked():
            values["lost_since"] = read("lost_since", self.lost_since)
            values["lost_reason"] = self.lost_reason.value()
            values["lost_note"] = self.lost_note.text()
            if not values["lost_reason"]:
                problems.append(
                    FieldProblem("lost_reason", "Say why the customer was lost (or “unknown”).")
                )
        else:
            values.update(lost_since=None, lost_reason="", lost_note="")
        methods, method_problems = self.methods.methods()
        values["methods"] = methods
        problems += method_problems
        base = self._loaded
        return replace(copy.deepcopy(base), id=base.id, **values), problems

    def snapshot(self) -> tuple:
        return (
            tuple(edit.text() for edit in self.lines.values()),
            tuple(edit.toPlainText() for edit in self.texts.values()),
            self.stage.value(),
            self.circles.value(),
            self.met_on.text().strip(),
            self.referred_by.edit.text().strip(),
            self.birthday.text().strip(),
            self.anniversary.text().strip(),
            self.cadence.value(),
            self.dnc.isChecked()
            and (self.dnc_since.text(), self.dnc_channels.value(), self.dnc_reason.text()),
            self.lost.isChecked()
            and (self.lost_since.text(), self.lost_reason.value(), self.lost_note.text()),
            self.methods.snapshot(),
        )

    def _changed(self, *_args) -> None:
        if not self._loading:
            self._sync_enabled()
            self.changed.emit()

    def _dnc_toggled(self, on: bool) -> None:
        if on and not self._loading:
            if not self.dnc_channels.value():
                self.dnc_channels.set_value(["all"])
            if not self.dnc_since.text().strip():
                self.dnc_since.set_value(dt.date.today())
        self._changed()

    def _lost_toggled(self, on: bool) -> None:
        if on and not self._loading:
            if not self.lost_since.text().strip():
                self.lost_since.set_value(dt.date.today())
            # A lost customer stands on the "lost customer" rung (as journal.lost.mark_lost).
            self.stage.set_value(Stage.LOST_CUSTOMER.value)
        self._changed()

    def _sync_enabled(self) -> None:
        for widget in (self.dnc_since, self.dnc_channels, self.dnc_reason):
            widget.setEnabled(self.dnc.isChecked())
        for widget in (self.lost_since, self.lost_reason, self.lost_note):
            widget.setEnabled(self.lost.isChecked())

    def clear_problems(self) -> None:
        for box in self.boxes.values():
            box.set_problem(None)
        self.methods.clear_problems()
        self.general_problem.hide()
        self.general_problem.clear()

    def show_problems(self, problems: list[FieldProblem]) -> None:
        """Each problem beside its field; those without a field above the form."""
        self.clear_problems()
        general = []
        first: QWidget | None = None
        for problem in problems:
            name = problem.field
            if name.startswith("methods["):
                index = int(name[len("methods[") : name.index("]")])
                if self.methods.show_problem(
                    index, problem.message, on_date=name.endswith(".confirmed_on")
                ):
                    first = first or self.methods
                    continue
            box = self.boxes.get(name)
            if box is not None:
                box.set_problem(problem.message)
                first = first or box
            else:
                general.append(problem.message)
        count = len(problems) - len(general)
        if count:
            general.insert(
                0,
                "Not saved: fix the field marked in red below."
                if count == 1
                else f"Not saved: fix the {count} fields marked in red below.",
            )
        if general:
            self.general_problem.setText("\n".join(general))
            self.general_problem.show()
        if first is not None:
            self.ensureWidgetVisible(first)

    def problem_text(self, field: str) -> str:
        """The problem shown beside a field ('' when none): for tests and accessibility."""
        box = self.boxes.get(field)
        if box is None or box.problem.isHidden():
            return ""
        return box.problem.text()
