"""The contact page: every field of one contact, its methods and its timeline.

The form is read back into a `ContactData` and written through
`journal.contacts.save_contact`, the one way to write a contact. Problems (from the
journal's validation, or text that is not a date) are shown beside their field and
nothing is saved until they are fixed.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.contacts import (
    ContactData,
    ContactInvalid,
    FieldProblem,
    composed_name,
    load_contact,
    save_contact,
    trash_contacts,
    validate,
)
from gratitude_desktop.journal.insights import recency_weeks
from gratitude_desktop.journal.lost import LISTEN_WITHIN_DAYS
from gratitude_desktop.store.enums import Circle, DncChannel, LostReason, Stage, label
from gratitude_desktop.store.models import NAME_PARTS, Contact
from gratitude_desktop.ui.contacts.ask_around import AskAroundPanel
from gratitude_desktop.ui.contacts.confirmed_label import ConfirmedLabel
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
from gratitude_desktop.ui.contacts.follow_through import FollowThroughPanel
from gratitude_desktop.ui.contacts.methods_editor import MethodsEditor
from gratitude_desktop.ui.plain_text import plain_tooltip
from gratitude_desktop.ui.timeline.widget import TimelineWidget
from gratitude_desktop.ui.undo import undoable
from gratitude_desktop.ui.undo.texts import contact_edit_text
from gratitude_desktop.ui.widgets.recency_strip import RecencyStrip

if TYPE_CHECKING:
    from gratitude_desktop.ui.dialogs.log_interaction import LogInteractionDialog


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
_TEXT_FIELDS = {
    "how_we_met": "How we met",
    "story": "Their story",
    "needs": "What they need",
    "notes": "Notes",
}
_SHORT_FIELDS = ("prefix", "suffix")


def _plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    widget = QLabel(parent)
    widget.setTextFormat(Qt.PlainText)
    widget.setText(text)
    return widget


class ContactPage(QWidget):
    """Edit one contact: names, relationship, dates, do-not-contact, methods, timeline."""

    contactSaved = Signal(int)  # id of the contact just saved (new or edited)
    contactTrashed = Signal(int)  # id of the contact just moved to the trash
    interactionLogged = Signal(int)  # contact id whose timeline changed
    followThroughChanged = Signal(int)  # contact id whose promises/referrals/purchases changed
    openContactRequested = Signal(int)  # another contact's page asked for (ask around)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._contact_id: int | None = None
        self._loaded = ContactData()
        self._snapshot: tuple = ()
        self._editing = False  # False: the "nothing selected" placeholder is shown
        self._loading = False
        self.dialog: LogInteractionDialog | None = None
        self.boxes: dict[str, FieldBox] = {}

        self._build_actions()
        self.stack = QStackedWidget(self)
        self.placeholder = QLabel("Pick a contact from the list, or create a new one.", self.stack)
        self.placeholder.setAlignment(Qt.AlignCenter)
        self.placeholder.setStyleSheet("color: palette(mid); font-size: 13pt;")
        self.editor = QWidget(self.stack)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.editor)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(8, 8, 8, 8)
        editor_layout.addLayout(self._build_header())
        self.general_problem = _plain_label("", self.editor)
        self.general_problem.setWordWrap(True)
        self.general_problem.setStyleSheet(
            f"color: {PROBLEM_COLOR}; background: #fdecea; padding: 4px; border-radius: 3px;"
        )
        self.general_problem.hide()
        editor_layout.addWidget(self.general_problem)
        self.notice = _plain_label("", self.editor)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(
            "color: #0d47a1; background: #e8f0fe; padding: 4px; border-radius: 3px;"
        )
        self.notice.hide()
        editor_layout.addWidget(self.notice)
        # Marking a customer lost proposes one listening conversation (DESIGN rule 7).
        self.listen_button = QPushButton("Log the listening conversation…", self.editor)
        self.listen_button.setObjectName("listen")
        self.listen_button.setAutoDefault(False)
        self.listen_button.clicked.connect(self.log_listening)
        self.listen_button.hide()
        editor_layout.addWidget(self.listen_button, 0, Qt.AlignLeft)
        # Every way to reach them is marked bad: who may know how (DESIGN rule 10).
        self.ask_around = AskAroundPanel(self.editor)
        self.ask_around.openContact.connect(self.openContactRequested)
        editor_layout.addWidget(self.ask_around)
        self.splitter = QSplitter(Qt.Vertical, self.editor)
        self.splitter.setChildrenCollapsible(False)
        self.scroll = QScrollArea(self.splitter)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setWidget(self._build_form())
        self.follow_through_scroll = self._build_follow_through()
        self.timeline = TimelineWidget(self.splitter)
        self.timeline.changed.connect(self._timeline_changed)
        self.splitter.addWidget(self.scroll)
        self.splitter.addWidget(self.follow_through_scroll)
        self.splitter.addWidget(self.timeline)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 2)
        editor_layout.addWidget(self.splitter, 1)
        self._connect_changes()
        self._sync_enabled()

    # -- building ------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(text: str, tip: str, slot, shortcut=None) -> QAction:
            act = QAction(text, self)
            act.setStatusTip(tip)
            act.setToolTip(tip)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.save_action = action("&Save", "Save this contact (Ctrl+S)", self.save, "Ctrl+S")
        self.revert_action = action(
            "&Revert", "Throw away the edits since the last save", self.revert
        )
        # No shortcut here: the main window owns Ctrl+L and calls log_interaction().
        self.log_action = action(
            "&Log interaction…", "Log a call, meeting or message (Ctrl+L)", self.log_interaction
        )
        self.trash_action = action(
            "Move to &Trash", "Move this contact to the Trash (restorable)", self.move_to_trash
        )

    def _build_header(self) -> QHBoxLayout:
        self.name_label = _plain_label("", self)
        self.name_label.setObjectName("contactName")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setWordWrap(True)
        self.subtitle = _plain_label("", self)
        self.subtitle.setStyleSheet("color: palette(dark);")
        self.subtitle.setWordWrap(True)
        self.dnc_badge = _plain_label("Do not contact", self)
        self.dnc_badge.setObjectName("dncBadge")
        self.dnc_badge.setStyleSheet(
            "background: #c62828; color: white; font-weight: bold; border-radius: 4px;"
            " padding: 3px 8px;"
        )
        self.dnc_badge.hide()
        self.lost_badge = _plain_label("Lost customer", self)
        self.lost_badge.setStyleSheet(
            "background: #fff0d9; color: #8a4b00; font-weight: bold; border-radius: 4px;"
            " padding: 3px 8px;"
        )
        self.lost_badge.hide()

        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.name_label)
        names.addWidget(self.subtitle)
        self.recency = RecencyStrip(self)  # when we were in touch, week by week, this year
        names.addWidget(self.recency)
        badges = QHBoxLayout()
        for badge in (self.lost_badge, self.dnc_badge):
            # A long lost reason wraps instead of widening the page past the screen.
            badge.setWordWrap(True)
            badge.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Preferred)
            badges.addWidget(badge, 0, Qt.AlignTop)

        self.buttons: dict[str, QPushButton] = {}
        self._button_actions: dict[str, QAction] = {}
        buttons = QHBoxLayout()
        for key, act in (
            ("save", self.save_action),
            ("revert", self.revert_action),
            ("log", self.log_action),
            ("trash", self.trash_action),
        ):
            button = QPushButton(act.text().replace("&", ""), self)
            button.setToolTip(act.toolTip())
            button.setAutoDefault(False)
            button.clicked.connect(act.trigger)
            act.changed.connect(lambda a=act, b=button, k=key: b.setEnabled(self._allowed(k, a)))
            button.setEnabled(act.isEnabled())
            self.buttons[key] = button
            self._button_actions[key] = act
            buttons.addWidget(button)
        self.buttons["save"].setDefault(False)

        top = QHBoxLayout()
        top.addLayout(names, 1)
        top.addLayout(badges)
        header = QVBoxLayout()
        header.addLayout(top)
        header.addLayout(buttons)
        wrapper = QHBoxLayout()
        wrapper.addLayout(header, 1)
        buttons.addStretch(1)
        return wrapper

    def _allowed(self, key: str, action) -> bool:
        """A button follows its action, except that a read-only journal takes no writes."""
        return action.isEnabled() and (key == "revert" or not getattr(self, "_read_only", False))

    def set_read_only(self, read_only: bool) -> None:
        """A journal that cannot be written: show everything, offer no way to change it."""
        self._read_only = read_only
        for key, act in self._button_actions.items():
            self.buttons[key].setEnabled(self._allowed(key, act))
        panel = getattr(self, "follow_through", None)
        if panel is not None:
            panel.setEnabled(not read_only)

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

    def _build_follow_through(self) -> QScrollArea:
        """The follow-through panel (promises, referrals, purchases), between form and timeline."""
        scroll = QScrollArea(self.splitter)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.follow_through = FollowThroughPanel(scroll.viewport())  # see _build_form
        self.follow_through.before_contact_change = lambda: (
            not self.has_unsaved_changes() or self.save()
        )
        self.follow_through.logged.connect(self._logged)
        self.follow_through.changed.connect(self.followThroughChanged)
        self.follow_through.contactChanged.connect(self._follow_through_changed_contact)
        scroll.setWidget(self.follow_through)
        return scroll

    def _follow_through_changed_contact(self, contact_id: int) -> None:
        # Marking lost or a referral may have changed this contact's own fields.
        if self._contact_id == contact_id and not self.has_unsaved_changes():
            self.show_contact(contact_id)
        self.contactSaved.emit(contact_id)

    def _build_form(self) -> QWidget:
        # Built in the scroll area's viewport, where setWidget puts it: moving a finished
        # form there re-polishes every field under the page's style sheet.
        body = QWidget(self.scroll.viewport())
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
        self._row(form, "How we met", "how_we_met", text_edit("how_we_met", 2))
        self.met_on = DateLineEdit(self, what="met on")
        self.met_on.setObjectName("met_on")
        self._row(form, "Met on", "met_on", self.met_on)
        self.referred_by = ContactPicker(self)
        self.referred_by.setObjectName("referred_by")
        self._row(form, "Referred by", "referred_by", self.referred_by)

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
        self.confirmed = ConfirmedLabel(self)
        form.addRow(self.confirmed)
        return body

    def _connect_changes(self) -> None:
        for edit in self.lines.values():
            edit.textChanged.connect(self._form_changed)
        for edit in self.texts.values():
            edit.textChanged.connect(self._form_changed)
        for edit in (
            self.met_on,
            self.birthday,
            self.anniversary,
            self.dnc_since,
            self.dnc_reason,
            self.lost_since,
            self.lost_note,
        ):
            edit.textChanged.connect(self._form_changed)
        for combo in (self.stage, self.lost_reason):
            combo.currentIndexChanged.connect(self._form_changed)
        for widget in (self.circles, self.dnc_channels, self.cadence, self.referred_by):
            widget.changed.connect(self._form_changed)
        self.methods.changed.connect(self._form_changed)
        self.dnc.toggled.connect(self._dnc_toggled)
        self.lost.toggled.connect(self._lost_toggled)

    # -- the form <-> ContactData ---------------------------------------------------------------

    def _fill(self, data: ContactData) -> None:
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

    def _collect(self) -> tuple[ContactData, list[FieldProblem]]:
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
        base = self._loaded if self._contact_id is not None else ContactData()
        return replace(copy.deepcopy(base), id=self._contact_id, **values), problems

    def _form_snapshot(self) -> tuple:
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

    # -- reactions -------------------------------------------------------------------------------

    def _form_changed(self, *_args) -> None:
        if self._loading:
            return
        self._update_header_name()
        self._sync_enabled()

    def _dnc_toggled(self, on: bool) -> None:
        if on and not self._loading:
            if not self.dnc_channels.value():
                self.dnc_channels.set_value(["all"])
            if not self.dnc_since.text().strip():
                self.dnc_since.set_value(dt.date.today())
        self._form_changed()

    def _lost_toggled(self, on: bool) -> None:
        if on and not self._loading:
            if not self.lost_since.text().strip():
                self.lost_since.set_value(dt.date.today())
            # A lost customer stands on the "lost customer" rung (as journal.lost.mark_lost).
            self.stage.set_value(Stage.LOST_CUSTOMER.value)
        self._form_changed()

    def _sync_enabled(self) -> None:
        for widget in (self.dnc_since, self.dnc_channels, self.dnc_reason):
            widget.setEnabled(self.dnc.isChecked())
        for widget in (self.lost_since, self.lost_reason, self.lost_note):
            widget.setEnabled(self.lost.isChecked())
        dirty = self.has_unsaved_changes()
        self.save_action.setEnabled(self._editing)
        self.revert_action.setEnabled(dirty)
        self.log_action.setEnabled(self._editing)
        self.trash_action.setEnabled(self._editing and self._contact_id is not None)

    def _update_header_name(self) -> None:
        data = ContactData(
            **{name: edit.text() for name, edit in self.lines.items()},
            methods=[],
        )
        name = composed_name(data)
        if not name:
            name = "New contact" if self._contact_id is None else "(no name)"
        self.name_label.setText(name)

    def _update_header(self) -> None:
        """Header from the saved contact: name, stage, organisation, badges."""
        self._update_header_name()
        data = self._loaded
        if self._contact_id is None:
            self.subtitle.setText("Not saved yet")
            self.recency.hide()
            self.dnc_badge.hide()
            self.lost_badge.hide()
            return
        bits = [label(data.stage)]
        work = " at ".join(p for p in (data.title, data.organization) if p)
        if work:
            bits.append(work)
        last = (
            Contact.select(Contact.last_interaction_on)
            .where(Contact.id == self._contact_id)
            .scalar()
        )
        bits.append(f"last touch {last:%Y-%m-%d}" if last else "no interaction logged yet")
        self.subtitle.setText(" · ".join(bits))
        self.recency.set_weeks(recency_weeks(self._contact_id, dt.date.today()))
        self.recency.show()
        if data.dnc_channels:
            channels = ", ".join(label(c) for c in data.dnc_channels)
            self.dnc_badge.setText(
                "Do not contact" if data.dnc_channels == ("all",) else f"Do not contact: {channels}"
            )
            since = f" since {data.dnc_since:%Y-%m-%d}" if data.dnc_since else ""
            words = f" — “{data.dnc_reason}”" if data.dnc_reason else ""
            # Their words are theirs: as typed, never read as HTML.
            self.dnc_badge.setToolTip(
                plain_tooltip(f"They asked not to be contacted{since}{words}")
            )
        self.dnc_badge.setVisible(bool(data.dnc_channels))
        self.lost_badge.setVisible(bool(data.lost_reason))
        if data.lost_reason:
            self.lost_badge.setText(f"Lost customer: {label(data.lost_reason)}")

    # -- problems ---------------------------------------------------------------------------------

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
            self.scroll.ensureWidgetVisible(first)

    def problem_text(self, field: str) -> str:
        """The problem shown beside a field ('' when none): for tests and accessibility."""
        box = self.boxes.get(field)
        if box is None or box.problem.isHidden():
            return ""
        return box.problem.text()

    # -- public interface -------------------------------------------------------------------------

    def show_contact(self, contact_id: int | None) -> None:
        """Load a contact into the page; None starts a new, empty contact."""
        if contact_id is None:
            data = ContactData()
        else:
            try:
                data = load_contact(contact_id)
            except Contact.DoesNotExist:
                self.clear()
                return
        self._contact_id = contact_id
        self._loaded = data
        self._editing = True
        self.notice.hide()
        self.listen_button.hide()
        self.clear_problems()
        self._fill(data)
        self._snapshot = self._form_snapshot()
        self.timeline.set_contact(contact_id)
        self.timeline.setVisible(contact_id is not None)
        self.follow_through.set_contact(contact_id)
        self.follow_through_scroll.setVisible(contact_id is not None)
        self._update_header()
        self.ask_around.show_for(contact_id, data.display_name, data.methods)
        self.confirmed.show_for(contact_id)
        self._sync_enabled()
        self.stack.setCurrentWidget(self.editor)
        self.scroll.verticalScrollBar().setValue(0)
        if contact_id is None:
            self.lines["display_name"].setFocus()

    def clear(self) -> None:
        """Show nothing (after the contact went to the trash, or none is selected)."""
        self._contact_id = None
        self._loaded = ContactData()
        self._editing = False
        self.ask_around.show_for(None, "", [])
        self.timeline.set_contact(None)
        self.follow_through.set_contact(None)
        self.stack.setCurrentWidget(self.placeholder)
        self._sync_enabled()

    def current_contact_id(self) -> int | None:
        return self._contact_id

    def is_editing(self) -> bool:
        """True when a contact (or a new one) is on the page, False on the placeholder."""
        return self._editing

    def focus_first_field(self) -> None:
        """Put the cursor in the display name (the main window calls this from the list)."""
        if self._editing:
            self.scroll.verticalScrollBar().setValue(0)
            self.lines["display_name"].setFocus(Qt.OtherFocusReason)

    def has_unsaved_changes(self) -> bool:
        """Whether the form differs from the contact as it was loaded (or last saved)."""
        if not self._editing:
            return False
        return self._form_snapshot() != self._snapshot

    def save(self) -> bool:
        """Save the edits; False (and problems shown beside the fields) when invalid."""
        if not self._editing:
            return False
        data, problems = self._collect()
        problems += [p for p in validate(data) if p.field not in {q.field for q in problems}]
        if problems:
            self.show_problems(problems)
            return False
        before = copy.deepcopy(self._loaded) if self._contact_id is not None else None
        try:
            contact_id = undoable(
                contact_edit_text(before, data),
                [self._contact_id] if self._contact_id is not None else [],
                lambda: save_contact(data),
                creates=self._contact_id is None,
            )
        except ContactInvalid as invalid:
            self.show_problems(invalid.problems)
            return False
        newly_lost = bool(data.lost_reason) and not (before and before.lost_reason)
        self.show_contact(contact_id)
        if newly_lost:
            self.notice.setText(
                f"Ask {self.name_label.text()} what went wrong within {LISTEN_WITHIN_DAYS} days"
                " — listen, don't sell. Today will remind you until a conversation is logged."
            )
            self.notice.show()
            self.listen_button.show()
        self.contactSaved.emit(contact_id)
        return True

    def log_listening(self):
        """Open the listening conversation with this lost customer (prefilled, window-modal)."""
        from gratitude_desktop.ui.dialogs.lost import open_listening_dialog

        if self._contact_id is None:
            return None
        dialog = open_listening_dialog(self._contact_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _id: self.interactionLogged.emit(self._contact_id))
        dialog.saved.connect(lambda _id: self.listen_button.hide())
        dialog.open()
        return dialog

    def revert(self) -> None:
        """Throw away unsaved edits: show the contact as it was loaded."""
        if self._editing:
            self.show_contact(self._contact_id)

    def log_interaction(self) -> LogInteractionDialog | None:
        """Open the Log interaction dialog for the current contact (Ctrl+L).

        A new contact is saved first (a timeline needs a contact). Returns the dialog,
        already open (window-modal), or None when there is no contact to log for.
        """
        if not self._editing:
            return None
        if self._contact_id is None and not self.save():
            return None
        contact_id = self._contact_id
        from gratitude_desktop.ui.dialogs.log_interaction import LogInteractionDialog

        self.dialog = LogInteractionDialog(contact_id, self)
        self.dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.dialog.saved.connect(lambda _id, cid=contact_id: self._logged(cid))
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()
        return self.dialog

    def _dialog_closed(self) -> None:
        self.dialog = None

    def _logged(self, contact_id: int) -> None:
        if self._contact_id == contact_id:
            self.timeline.reload()
            self._update_header()
            self.follow_through.reload()
        self.interactionLogged.emit(contact_id)

    def _timeline_changed(self, contact_id: int) -> None:
        if self._contact_id == contact_id:
            self._update_header()
        self.interactionLogged.emit(contact_id)

    def move_to_trash(self) -> bool:
        """Move the shown contact to the Trash (it can be restored from there)."""
        contact_id = self._contact_id
        if contact_id is None:
            return False
        name = self._loaded.display_name
        undoable(f"move {name} to the Trash", [contact_id], lambda: trash_contacts([contact_id]))
        self.clear()
        self.contactTrashed.emit(contact_id)
        return True
