"""The wizard's pages: what we found, columns, duplicates, the run, the summary."""

from __future__ import annotations

import codecs
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from gratitude_desktop.io.csv.detect import usable
from gratitude_desktop.io.csv.flavours import FLAVOURS, GENERIC
from gratitude_desktop.io.importer import VCARD
from gratitude_desktop.io.merge import POLICIES
from gratitude_desktop.ui.import_wizard.duplicates_model import (
    CHOICE_TEXT,
    ChoiceDelegate,
    DuplicatesModel,
)
from gratitude_desktop.ui.import_wizard.mapping_model import MappingModel, TargetDelegate
from gratitude_desktop.ui.import_wizard.preview_model import PreviewModel

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "iso-8859-1",
             "iso-8859-15", "mac-roman", "cp1251", "koi8-r", "shift_jis", "euc-jp", "gb18030",
             "big5", "euc-kr")  # fmt: skip
PREVIEW_ROWS = 20
PROBLEM_STYLE = "QLabel { background: #fdecea; color: #7a1c14; padding: 6px; }"
DELIMITERS = ((",", "Comma ( , )"), (";", "Semicolon ( ; )"), ("\t", "Tab"), ("|", "Bar ( | )"))


def plain_label(text: str = "", parent=None, *, wrap: bool = True) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


def table(model, parent=None) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view


def flavour_title(name: str, *, short: bool = False) -> str:
    """The flavour as the wizard names it ("Google"); `short` leaves out the explanation."""
    if name == GENERIC:
        return "Other CSV" if short else "Other CSV (columns matched by their names)"
    if name == VCARD:
        return "vCard"
    found = FLAVOURS.get(name)
    return found.title if found else name


def _codec(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


class FoundPage(QWizardPage):
    """Page 1: flavour, encoding and delimiter (each changeable) and the first rows."""

    def __init__(self, wizard):
        super().__init__()
        self.w = wizard
        self.setTitle("What we found")
        self.file_label = plain_label()
        self.flavour = QComboBox()
        self.flavour.setAccessibleName("File type")
        self.encoding = QComboBox()
        self.encoding.setAccessibleName("Encoding")
        self.delimiter = QComboBox()
        self.delimiter.setAccessibleName("Delimiter")
        for value, text in DELIMITERS:
            self.delimiter.addItem(text, value)
        self.status = plain_label()
        self.status.setObjectName("import-status")
        self.model = PreviewModel(parent=self)
        self.view = table(self.model)
        form = QFormLayout()
        form.addRow("File:", self.file_label)
        form.addRow("Type:", self.flavour)
        form.addRow("Encoding:", self.encoding)
        form.addRow("Delimiter:", self.delimiter)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.status.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        layout.addStretch(0)  # takes the room when a bad file hides the table
        self.flavour.activated.connect(self._flavour_chosen)
        self.encoding.activated.connect(self._encoding_chosen)
        self.delimiter.activated.connect(self._delimiter_chosen)

    def initializePage(self) -> None:
        self.file_label.setText(str(self.w.path))

    def isComplete(self) -> bool:
        return self.w.found is not None and not self.w.reading

    # -- the user changes how the file is read -------------------------------------------

    def _flavour_chosen(self, _index: int) -> None:
        self.w.reread(flavour=self.flavour.currentData(), mapping=None)

    def _encoding_chosen(self, _index: int) -> None:
        self.w.reread(encoding=self.encoding.currentData())

    def _delimiter_chosen(self, _index: int) -> None:
        self.w.reread(delimiter=self.delimiter.currentData())

    # -- the wizard tells what it read ----------------------------------------------------

    def show_reading(self) -> None:
        self.status.setText(f"Reading {Path(self.w.path).name}…")
        self.completeChanged.emit()

    def show_found(self) -> None:
        found = self.w.found.preview
        self._fill_flavours(found.flavour, found.flavours)
        self._fill_encodings(found.encoding)
        index = self.delimiter.findData(found.delimiter)
        if index < 0 and found.delimiter:
            self.delimiter.addItem(repr(found.delimiter), found.delimiter)
            index = self.delimiter.count() - 1
        self.delimiter.setCurrentIndex(max(index, 0))
        is_vcard = found.flavour == VCARD
        self.delimiter.setEnabled(not is_vcard)
        self.flavour.setEnabled(not is_vcard)
        self.status.setStyleSheet("")
        self.view.show()
        self.view.clearSpans()
        self.model.set_preview(found.rows)
        self.view.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), 200))
        for row in range(self.model.rowCount()):
            if self.model.is_refused(row):  # the reason reads across the row
                self.view.setSpan(row, 1, 1, self.model.columnCount() - 1)
        shown = len(found.rows)
        refused = self.model.refused_count()
        if not shown:
            text = "This file holds no contacts."
        elif shown >= PREVIEW_ROWS:
            text = f"The first {shown} rows, as they will be imported."
        else:
            text = f"All {shown} {'row' if shown == 1 else 'rows'}, as they will be imported."
        if refused:
            text += f" {refused} of these rows cannot be imported; the table says why."
        self.status.setText(text)
        self.completeChanged.emit()

    def show_problem(self, text: str) -> None:
        self.model.set_rows([])
        self.view.hide()
        if self.encoding.count() == 0:  # nothing read yet: offer the encodings to try
            self._fill_encodings(self.w.options.encoding or "utf-8")
        self.flavour.setEnabled(self.flavour.count() > 0)
        self.status.setStyleSheet(PROBLEM_STYLE)
        self.status.setText(text)
        self.completeChanged.emit()

    def _fill_flavours(self, current: str, flavours) -> None:
        self.flavour.clear()
        names = [VCARD] if current == VCARD else [n for n in flavours if n != VCARD]
        for name in names:
            self.flavour.addItem(flavour_title(name), name)
        self.flavour.setCurrentIndex(max(self.flavour.findData(current), 0))

    def _fill_encodings(self, current: str) -> None:
        self.encoding.clear()
        names = list(ENCODINGS)
        if _codec(current) not in {_codec(n) for n in names}:
            names.insert(0, current)
        for name in names:
            self.encoding.addItem(name, name)
        wanted = _codec(current)
        for i in range(self.encoding.count()):
            if _codec(self.encoding.itemData(i)) == wanted:
                self.encoding.setCurrentIndex(i)
                break


class ColumnsPage(QWizardPage):
    """Page 2: which column becomes what; a change is remembered for files like this one."""

    def __init__(self, wizard):
        super().__init__()
        self.w = wizard
        self.setTitle("Columns")
        self.note = plain_label()
        self.model = MappingModel(parent=self)
        self.view = table(self.model)
        self.view.setItemDelegateForColumn(MappingModel.TARGET, TargetDelegate(self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.warning = plain_label()
        self.warning.setObjectName("mapping-warning")
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.warning)
        self.model.mappingEdited.connect(lambda _i, _t: self.w.mapping_edited(self.model.mapping()))

    def initializePage(self) -> None:
        self.show_found()

    def show_found(self) -> None:
        found = self.w.found
        if found is None:
            return
        preview = found.preview
        if preview.flavour == VCARD:
            self.note.setText("A vCard file names its own fields: there are no columns to match.")
            self.model.set_rows([])
            self.view.hide()
            self.warning.clear()
            self.completeChanged.emit()
            return
        self.view.show()
        if preview.flavour == GENERIC:
            self.note.setText(
                "Each column of the file, and what it becomes in Gratitude — suggested from the "
                "column names. Change any that are wrong; files with the same columns will be "
                "read the same way next time."
            )
        else:
            self.note.setText(
                f"The columns of a {flavour_title(preview.flavour)} file, and what each becomes "
                "in Gratitude. Change any that are wrong."
            )
        self.model.set_mapping(preview.headers, preview.mapping, found.samples)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(0, min(max(self.view.columnWidth(0), 140), 260))
        self.view.setColumnWidth(1, min(max(self.view.columnWidth(1), 140), 260))
        for row in range(self.model.rowCount()):
            self.view.openPersistentEditor(self.model.index(row, MappingModel.TARGET))
        self._check()

    def _check(self) -> None:
        ok = usable(self.model.mapping())
        self.warning.setText(
            ""
            if ok
            else "No column gives a name, organisation, email or phone, so no contact could "
            "be made. Choose what at least one column holds."
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        found = self.w.found
        if found is None or self.w.reading:
            return False
        if found.preview.flavour == VCARD:
            return True
        return usable(self.model.mapping())


class DuplicatesPage(QWizardPage):
    """Page 3: people already in the journal or twice in the file, and what to do with each."""

    def __init__(self, wizard):
        super().__init__()
        self.w = wizard
        self.setTitle("Duplicates")
        self.setCommitPage(True)
        self.setButtonText(wizard.WizardButton.CommitButton, "&Import")
        self.status = plain_label()
        self.model = DuplicatesModel(parent=self)
        self.view = table(self.model)
        self.view.setItemDelegateForColumn(DuplicatesModel.CHOICE, ChoiceDelegate(self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.all_choice = QComboBox()
        self.all_choice.setAccessibleName("Choice for every group")
        for word in POLICIES:
            self.all_choice.addItem(CHOICE_TEXT[word], word)
        self.apply_all = QPushButton("Apply to all")
        self.apply_all.clicked.connect(self._apply_to_all)
        self.choices = QWidget()  # the choice for every group, and what the choices do
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("For every group:"))
        row.addWidget(self.all_choice)
        row.addWidget(self.apply_all)
        row.addStretch(1)
        explain = plain_label(
            "Merge fills empty fields and adds new emails, phones and addresses; a value that "
            "differs is kept as an extra method or a note, never overwritten. Keep both adds a "
            "new contact. Skip leaves the incoming rows out."
        )
        choices = QVBoxLayout(self.choices)
        choices.setContentsMargins(0, 0, 0, 0)
        choices.addLayout(row)
        choices.addWidget(explain)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.choices)
        layout.addStretch(0)  # takes the room while there is no table to show
        self._layout = layout
        self.loaded = False

    def initializePage(self) -> None:
        self.loaded = False
        self.model.set_rows([])
        self._show_table(True)
        self.status.setStyleSheet("")
        self.status.setText("Looking for people who are already in your journal…")
        self.completeChanged.emit()
        self.w.find_duplicates()

    def show_groups(self, groups) -> None:
        self.loaded = True
        self.model.set_groups(groups)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.resizeColumnsToContents()
        for column in range(self.model.columnCount() - 1):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), 240))
        for row in range(self.model.rowCount()):
            self.view.openPersistentEditor(self.model.index(row, DuplicatesModel.CHOICE))
        n = len(groups)
        self.status.setText(
            "No duplicates: every contact in the file is new."
            if not n
            else "1 group of contacts looks like the same person. Choose what to do with it."
            if n == 1
            else f"{n:,} groups of contacts look like the same person. Choose what to do with each."
        )
        self.apply_all.setEnabled(bool(n))
        self.all_choice.setEnabled(bool(n))
        self._show_table(bool(n))
        self.completeChanged.emit()

    def _show_table(self, shown: bool) -> None:
        self.view.setVisible(shown)
        self.choices.setVisible(shown)
        self._layout.setStretch(self._layout.count() - 1, 0 if shown else 1)

    def show_problem(self, text: str) -> None:
        self.loaded = False
        self.status.setStyleSheet(PROBLEM_STYLE)
        self.status.setText(text)
        self.completeChanged.emit()

    def _apply_to_all(self) -> None:
        self.model.apply_to_all(self.all_choice.currentData())

    def isComplete(self) -> bool:
        return self.loaded
