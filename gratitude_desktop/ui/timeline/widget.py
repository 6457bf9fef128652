"""TimelineWidget: a contact's history as a table, with edit (Enter) and delete (Delete)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.history import KINDS
from gratitude_desktop.journal.interactions import delete_interaction
from gratitude_desktop.store.queries import contact_names
from gratitude_desktop.ui.timeline.model import (
    TAG_COLORS,
    Column,
    IdRole,
    InteractionRole,
    KindRole,
    TimelineModel,
    headline,
)
from gratitude_desktop.ui.undo import undoable

if TYPE_CHECKING:
    from gratitude_desktop.ui.dialogs.log_interaction import LogInteractionDialog


class PurposeTagDelegate(QStyledItemDelegate):
    """Draws the purpose as a coloured tag: greetings green, offers amber, the rest grey."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        kind = index.data(KindRole)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        if kind not in TAG_COLORS:
            super().paint(painter, option, index)
            return
        fg, bg = TAG_COLORS[kind]
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.backgroundBrush = option.palette.base()
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = option.fontMetrics
        width = min(metrics.horizontalAdvance(text) + 14, option.rect.width() - 6)
        height = min(metrics.height() + 4, option.rect.height() - 4)
        tag = QRect(
            option.rect.left() + 4,
            option.rect.center().y() - height // 2,
            width,
            height,
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bg)
        painter.drawRoundedRect(tag, height / 2, height / 2)
        painter.setPen(fg)
        painter.drawText(
            tag,
            Qt.AlignmentFlag.AlignCenter,
            metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 8),
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex):
        size = super().sizeHint(option, index)
        size.setWidth(size.width() + 18)
        return size


class TimelineWidget(QWidget):
    """The timeline of one contact: newest first, paged; Enter edits, Delete deletes."""

    changed = Signal(int)  # contact id whose timeline was edited or had an entry deleted

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = TimelineModel(self)
        self.dialog: LogInteractionDialog | None = None

        self.title = QLabel("Timeline", self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.edit_button = QPushButton("Edit…", self)
        self.edit_button.setToolTip("Edit the selected entry (Enter or double-click)")
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setToolTip("Delete the selected entry (Delete)")
        for button in (self.edit_button, self.delete_button):
            button.setAutoDefault(False)
        self.hide_captured = QCheckBox("Hide captured", self)
        self.hide_captured.setObjectName("hideCaptured")
        self.hide_captured.setToolTip("Hide what Gratitude logged from your mail and calendars")
        self.hide_captured.toggled.connect(self.model.set_hide_captured)
        # An email sent to this contact although they asked not to be emailed (capture).
        self.flag = QLabel(self)
        self.flag.setObjectName("captureFlag")
        self.flag.setTextFormat(Qt.PlainText)
        self.flag.setWordWrap(True)
        self.flag.setStyleSheet("color: #b00020;")
        self.flag.hide()
        self.search = QLineEdit(self)
        self.search.setObjectName("timelineSearch")
        self.search.setPlaceholderText("Search what was said…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Find words in the summaries and notes of this timeline")
        self.search.textChanged.connect(self._filter_changed)
        self.kind = QComboBox(self)
        self.kind.setObjectName("timelineKind")
        for kind, words in KINDS:
            self.kind.addItem(words, kind)
        self.kind.setToolTip("Show one kind of entry")
        self.kind.currentIndexChanged.connect(self._filter_changed)

        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.ElideRight)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.view.setItemDelegateForColumn(Column.PURPOSE, PurposeTagDelegate(self.view))
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        for column in Column:
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(Column.SUMMARY, QHeaderView.Stretch)
        self.view.setMinimumHeight(140)

        self.empty = QLabel("Nothing logged yet. Log the first interaction with Ctrl+L.", self)
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setStyleSheet("color: palette(mid); padding: 12px;")

        self.details = QLabel(self)
        self.details.setObjectName("entryDetails")
        self.details.setTextFormat(Qt.PlainText)  # notes are the user's text
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.details.setStyleSheet(
            "background: palette(base); border: 1px solid palette(mid); padding: 4px;"
        )
        self.details.hide()

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.hide_captured)
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.flag)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.empty)

        self.edit_action = QAction("Edit entry…", self.view)
        self.edit_action.setShortcuts([QKeySequence(Qt.Key_Return), QKeySequence(Qt.Key_Enter)])
        self.edit_action.setShortcutContext(Qt.WidgetShortcut)
        self.edit_action.setStatusTip("Edit the selected timeline entry")
        self.edit_action.triggered.connect(self.edit_selected)
        self.delete_action = QAction("Delete entry", self.view)
        self.delete_action.setShortcut(QKeySequence.Delete)
        self.delete_action.setShortcutContext(Qt.WidgetShortcut)
        self.delete_action.setStatusTip("Delete the selected timeline entry (asks first)")
        self.delete_action.triggered.connect(self.delete_selected)
        self.view.addAction(self.edit_action)
        self.view.addAction(self.delete_action)
        self.view.setContextMenuPolicy(Qt.ActionsContextMenu)

        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.view.selectionModel().selectionChanged.connect(self._sync)
        self.model.modelReset.connect(self._sync)
        self.model.rowsInserted.connect(self._sync)
        self.model.rowsRemoved.connect(self._sync)
        self._sync()

    def set_contact(self, contact_id: int | None) -> None:
        """Show this contact's timeline, newest first, with no filter left from the last one."""
        for widget in (self.search, self.kind):
            widget.blockSignals(True)
        self.search.clear()
        self.kind.setCurrentIndex(0)
        for widget in (self.search, self.kind):
            widget.blockSignals(False)
        self.model.set_contact(contact_id)
        if self.model.rowCount():
            self.view.scrollToTop()
        self._show_flags()

    def _filter_changed(self, *_args) -> None:
        self.model.set_filter(self.search.text(), self.kind.currentData())
        if self.model.rowCount():
            self.view.scrollToTop()

    def reload(self) -> None:
        self.model.reload()
        self._show_flags()

    def set_hide_captured(self, hide: bool) -> None:
        """Hide (or show) what capture logged; the check box follows."""
        self.hide_captured.setChecked(hide)

    def _show_flags(self) -> None:
        from gratitude_desktop.journal.capture import open_flags

        contact_id = self.model.contact_id()
        flags = open_flags(contact_id) if contact_id is not None else []
        self.flag.setText("\n".join(f"⚠ {f.text}" for f in flags))
        self.flag.setVisible(bool(flags))

    def _sync(self) -> None:
        total = self.model.total()
        self.title.setText(
            "Timeline"
            if not total
            else f"Timeline · {total} {'entry' if total == 1 else 'entries'}"
        )
        has_contact = self.model.contact_id() is not None
        self.empty.setText(
            "Nothing on this timeline matches."
            if self.model.filtering()
            else "Nothing logged yet. Log the first interaction with Ctrl+L."
        )
        self.empty.setVisible(has_contact and total == 0)
        self.view.setVisible(total > 0)
        selected = self.selected_id() is not None
        self._show_details()
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        self.edit_action.setEnabled(selected)
        self.delete_action.setEnabled(selected)

    def _show_details(self) -> None:
        """The selected entry's notes (and why outreach was logged despite a no), if any."""
        index = self.view.currentIndex()
        item = index.data(InteractionRole) if self.selected_id() is not None else None
        parts = []
        if item is not None:
            parts.append(headline(item))
            if item.summary:
                parts[0] += f"\n{item.summary}"
            if item.next_step_on:
                parts.append(f"Next step: {item.next_step_on:%Y-%m-%d}")
            if item.notes:
                parts.append(item.notes)
            if item.override_reason:
                parts.append(f"Reached out despite do-not-contact: {item.override_reason}")
        self.details.setText("\n\n".join(parts))
        self.details.setVisible(bool(parts))

    def selected_id(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            return None
        return index.siblingAtColumn(0).data(IdRole)

    def select_row(self, row: int) -> None:
        self.view.selectRow(row)
        self.view.setCurrentIndex(self.model.index(row, 0))

    def edit_selected(self) -> LogInteractionDialog | None:
        """Open the selected entry in the dialog, prefilled; saving refreshes the timeline."""
        interaction_id = self.selected_id()
        contact_id = self.model.contact_id()
        if interaction_id is None or contact_id is None:
            return None
        from gratitude_desktop.ui.dialogs.log_interaction import LogInteractionDialog

        self.dialog = LogInteractionDialog(contact_id, self, interaction_id=interaction_id)
        self.dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.dialog.saved.connect(self._edited)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()
        return self.dialog

    def _dialog_closed(self) -> None:
        self.dialog = None

    def _edited(self, interaction_id: int) -> None:
        self.model.reload()
        row = self.model.row_of(interaction_id)
        if row >= 0:
            self.select_row(row)
        if self.model.contact_id() is not None:
            self.changed.emit(self.model.contact_id())

    def confirm_delete(self, summary: str) -> bool:
        """Ask before deleting; tests replace this to answer without a modal box."""
        box = QMessageBox(QMessageBox.Icon.Question, "Delete entry", "", parent=self)
        box.setTextFormat(Qt.PlainText)  # the summary is the user's text
        box.setText(f"Delete this entry from the timeline?\n\n{summary}\n\nUndo with Ctrl+Z.")
        # QMessageBox has no standard Delete button: a named one, Cancel the default.
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is delete

    def delete_selected(self) -> bool:
        """Delete the selected entry after asking; True when it was deleted."""
        interaction_id = self.selected_id()
        if interaction_id is None:
            return False
        row = self.model.row_of(interaction_id)
        summary = self.model.index(row, Column.SUMMARY).data() or ""
        when = self.model.index(row, Column.WHEN).data() or ""
        if not self.confirm_delete(f"{when} — {summary}"):
            return False
        contact_id = self.model.contact_id()
        name = contact_names([contact_id]).get(contact_id, "") if contact_id is not None else ""
        undoable(
            f"delete “{summary or when}” from {name}'s timeline",
            [contact_id] if contact_id is not None else [],
            lambda: delete_interaction(interaction_id),
        )
        self.model.remove_interaction(interaction_id)
        if self.model.rowCount():
            self.select_row(min(row, self.model.rowCount() - 1))
        contact_id = self.model.contact_id()
        if contact_id is not None:
            self.changed.emit(contact_id)
        return True
