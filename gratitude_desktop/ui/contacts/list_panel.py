"""The contact list with its search box, filters and count: keyboard-first."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.tags import all_tags
from gratitude_desktop.store.enums import Circle, Stage, label
from gratitude_desktop.store.queries import ContactFilter
from gratitude_desktop.ui.contacts.list_model import (
    EMAIL,
    LAST_CONTACT,
    NAME,
    ORGANIZATION,
    PAGE_SIZE,
    PHONE,
    STAGE,
    ContactListModel,
)

SEARCH_DELAY_MS = 150
DEFAULT_HIDDEN = (PHONE,)  # shown from the header's context menu
FILTER_MIN_WIDTH = 90  # pixels; each filter box may shrink to this, eliding its text
SEARCH_PLACEHOLDER = "Search names, organisations, emails, phones, notes and what was said"
DNC_CHOICES = (
    ("Do-not-contact: shown", None),
    ("Hide do-not-contact", False),
    ("Only do-not-contact", True),
)


def count_text(count: int) -> str:
    """'1 contact', '1,234 contacts'."""
    return f"{count:,} contact" + ("" if count == 1 else "s")


def make_contact_table(model: ContactListModel, parent: QWidget) -> QTableView:
    """A read-only, row-selecting table for a ContactListModel, name column stretching."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSortingEnabled(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in (
        (ORGANIZATION, 120),
        (STAGE, 128),
        (EMAIL, 140),
        (PHONE, 125),
        (LAST_CONTACT, 92),
    ):
        view.setColumnWidth(column, width)
    header.setMinimumSectionSize(60)
    header.setStretchLastSection(False)
    view.setAccessibleName("Contacts")
    fitter = _NameColumnFitter(view)
    view.viewport().installEventFilter(fitter)
    header.sectionResized.connect(lambda column, _old, _new: fitter.fit() if column else None)
    return view


class _NameColumnFitter(QObject):
    """The name column takes the room the other columns leave, never less than NAME_MIN."""

    NAME_MIN = 140

    def __init__(self, view: QTableView):
        super().__init__(view)
        self.view = view

    def fit(self) -> None:
        others = sum(
            self.view.columnWidth(c)
            for c in range(1, self.view.model().columnCount())
            if not self.view.isColumnHidden(c)
        )
        self.view.setColumnWidth(NAME, max(self.NAME_MIN, self.view.viewport().width() - others))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False


class ContactListPanel(QWidget):
    """Search box, stage/circle/do-not-contact filters, a count, and the contact table.

    Emits currentContactChanged(id or None) when the selected row changes (not when
    select_contact(..., quiet=True) moves it) and contactActivated(id) on Enter or
    double-click.
    """

    currentContactChanged = Signal(object)  # int | None
    contactActivated = Signal(int)
    countChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._quiet = False
        self.model = ContactListModel(parent=self)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search contacts")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.installEventFilter(self)

        self.stage_filter = QComboBox(self)
        self.stage_filter.setAccessibleName("Stage filter")
        self.stage_filter.addItem("All stages", None)
        for stage in Stage:
            self.stage_filter.addItem(label(stage), stage.value)
        self.circle_filter = QComboBox(self)
        self.circle_filter.setAccessibleName("Circle filter")
        self.circle_filter.addItem("All circles", None)
        for circle in Circle:
            self.circle_filter.addItem(label(circle), circle.value)
        self.tag_filter = QComboBox(self)
        self.tag_filter.setObjectName("tagFilter")
        self.tag_filter.setAccessibleName("Tag filter")
        self.reload_tags()
        self.dnc_filter = QComboBox(self)
        self.dnc_filter.setAccessibleName("Do-not-contact filter")
        for text, value in DNC_CHOICES:
            self.dnc_filter.addItem(text, value)
        for combo in (self.stage_filter, self.circle_filter, self.tag_filter, self.dnc_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            # Full width when there is room; on a narrow window the text is elided rather
            # than the three filters setting the list's (and so the window's) minimum width.
            combo.setMinimumWidth(FILTER_MIN_WIDTH)
            combo.currentIndexChanged.connect(self.apply_filter)

        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)

        self.view = make_contact_table(self.model, self)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.installEventFilter(self)
        header = self.view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.set_hidden_columns(DEFAULT_HIDDEN)
        self.view.doubleClicked.connect(self._activate)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.empty_hint = QLabel(self.view.viewport())
        self.empty_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setEnabled(False)  # drawn greyed, like a placeholder
        self.view.viewport().installEventFilter(self)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.stage_filter)
        filters.addWidget(self.circle_filter)
        filters.addWidget(self.tag_filter)
        filters.addWidget(self.dnc_filter)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)
        self._update_count()

    # -- filter ------------------------------------------------------------------------

    def current_filter(self) -> ContactFilter:
        """The filter the search box and combos describe now."""
        return ContactFilter(
            text=self.search.text().strip(),
            stage=self.stage_filter.currentData(),
            circle=self.circle_filter.currentData(),
            tag=self.tag_filter.currentData(),
            do_not_contact=self.dnc_filter.currentData(),
        )

    def apply_filter(self) -> None:
        """Run the search now; keeps the selected contact selected when it still matches."""
        self._search_timer.stop()
        flt = self.current_filter()
        if flt == self.model.contact_filter():
            return
        keep = self.current_contact_id()
        self.model.set_filter(flt)
        self._reselect(keep)

    def clear_filters(self) -> None:
        """Show every live contact again."""
        for combo in (self.stage_filter, self.circle_filter, self.tag_filter, self.dnc_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.clear()
        self.apply_filter()

    def reload_tags(self) -> None:
        """The tag filter's choices from the journal, keeping the chosen tag while it exists."""
        chosen = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", None)
        for tag in all_tags():
            self.tag_filter.addItem(f"# {tag.name}", tag.id)
        index = self.tag_filter.findData(chosen) if chosen is not None else 0
        self.tag_filter.setCurrentIndex(max(index, 0))
        self.tag_filter.blockSignals(False)
        if chosen is not None and index < 0:  # the tag is gone: show everyone again
            self.apply_filter()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- selection ---------------------------------------------------------------------

    def current_contact_id(self) -> int | None:
        index = self.view.selectionModel().currentIndex()
        return self.model.contact_id(index.row()) if index.isValid() else None

    # -- columns -------------------------------------------------------------------------

    def hidden_columns(self) -> list[int]:
        return [c for c in range(self.model.columnCount()) if self.view.isColumnHidden(c)]

    def set_hidden_columns(self, columns) -> None:
        """Hide these columns (the name always stays)."""
        hidden = {int(c) for c in columns} - {NAME}
        for column in range(self.model.columnCount()):
            self.view.setColumnHidden(column, column in hidden)
        for fitter in self.view.findChildren(_NameColumnFitter):
            fitter.fit()

    def _header_menu(self, position) -> None:
        menu = QMenu(self)
        for column in range(1, self.model.columnCount()):
            action = menu.addAction(self.model.headerData(column, Qt.Orientation.Horizontal))
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(column))
            action.toggled.connect(
                lambda shown, c=column: self.set_hidden_columns(
                    [h for h in self.hidden_columns() if h != c] + ([] if shown else [c])
                )
            )
        menu.exec(self.view.horizontalHeader().mapToGlobal(position))

    def select_contact(self, contact_id: int | None, *, quiet: bool = False) -> bool:
        """Select this contact's row (loading pages as needed); False when it is not listed."""
        row = -1 if contact_id is None else self.model.ensure_loaded(contact_id)
        self._quiet = quiet
        try:
            selection = self.view.selectionModel()
            if row < 0:
                selection.clear()
                return contact_id is None
            index = self.model.index(row, NAME)
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.view.scrollTo(index)
            return True
        finally:
            self._quiet = False

    def refresh(self, *, select_neighbour: bool = False) -> None:
        """Read the journal again, keeping the selected contact selected (quietly).

        When that contact left the list (trashed, say) and `select_neighbour` is set,
        the row that took its place is selected, loudly, so its page is shown.
        """
        self.reload_tags()
        keep = self.current_contact_id()
        row = self.view.selectionModel().currentIndex().row()
        # Reload what is on screen (and the selected row), not everything ever scrolled past.
        bottom = self.view.rowAt(self.view.viewport().height() - 1)
        bottom = self.model.rowCount() - 1 if bottom < 0 else bottom
        top = max(self.view.rowAt(0), 0)
        scroll = self.view.verticalScrollBar().value()
        self.model.refresh(at_least=max(row, bottom, top) + PAGE_SIZE // 4)
        self.view.verticalScrollBar().setValue(scroll)
        if not self._reselect(keep) and keep is not None and select_neighbour:
            row = min(row, self.model.rowCount() - 1)
            if row >= 0:
                self.select_contact(self.model.contact_id(row))
            else:
                self.currentContactChanged.emit(None)

    def _reselect(self, contact_id: int | None) -> bool:
        if contact_id is None:
            return False
        return self.select_contact(contact_id, quiet=True)

    def _on_current_changed(self, current, _previous) -> None:
        selection = self.view.selectionModel()
        if current.isValid() and not selection.isRowSelected(current.row()):
            # A view that takes focus sets a current row without selecting it.
            selection.select(
                current,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        if self._quiet:
            return
        self.currentContactChanged.emit(
            self.model.contact_id(current.row()) if current.isValid() else None
        )

    def _activate(self, index) -> None:
        contact_id = self.model.contact_id(index.row()) if index.isValid() else None
        if contact_id is not None:
            self.contactActivated.emit(contact_id)

    def _update_count(self, *_args) -> None:
        self.count_label.setText(count_text(self.model.total()))
        self._update_empty_hint()
        self.countChanged.emit(self.model.total())

    def _update_empty_hint(self) -> None:
        flt = self.model.contact_filter()
        if self.model.rowCount():
            self.empty_hint.hide()
            return
        if flt.text:
            text = f"Nobody matches “{flt.text}”."
        elif flt.stage or flt.circle or flt.tag or flt.do_not_contact is not None:
            text = "Nobody matches these filters."
        else:
            text = "No contacts yet.\nPress Ctrl+N to add one, or Ctrl+I to import an address book."
        self.empty_hint.setText(text)
        self.empty_hint.setGeometry(self.view.viewport().rect().adjusted(16, 16, -16, -16))
        self.empty_hint.show()

    # -- keyboard ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self.empty_hint.setGeometry(self.view.viewport().rect().adjusted(16, 16, -16, -16))
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.search:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self.apply_filter()
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                if self.current_contact_id() is None and self.model.rowCount():
                    self.select_contact(self.model.contact_id(0))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.apply_filter()
                if self.model.rowCount():
                    if self.current_contact_id() is None:
                        self.select_contact(self.model.contact_id(0))
                    self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        elif watched is self.view:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._activate(self.view.currentIndex())
                return True
            if key == Qt.Key.Key_Up and self.view.currentIndex().row() <= 0:
                self.focus_search()
                return True
        return super().eventFilter(watched, event)
