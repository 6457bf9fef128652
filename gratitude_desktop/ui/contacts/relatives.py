"""RelativesRow: the people linked to a contact (spouse, parent, assistant…), one click apart."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from gratitude_desktop.journal.relationships import LABELS, Relative, relatives
from gratitude_desktop.store.enums import RelationshipKind
from gratitude_desktop.ui.contacts.fields import ContactPicker, FieldTextProblem
from gratitude_desktop.ui.contacts.follow_through.flow_layout import FlowLayout


class LinkDialog(QDialog):
    """Who is this contact's spouse, parent, assistant…: a kind and a contact picked by name."""

    def __init__(self, contact_id: int, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("linkDialog")
        self.setWindowTitle(f"Link a person to {name}")
        form = QFormLayout(self)
        self.kind = QComboBox(self)
        self.kind.setObjectName("relationshipKind")
        for kind in RelationshipKind:
            self.kind.addItem(LABELS[kind], kind.value)
        self.other = ContactPicker(self)
        self.other.setObjectName("relationshipOther")
        self.other.set_excluded(contact_id)
        caption = QLabel(f"{name}'s", self)
        caption.setTextFormat(Qt.PlainText)
        form.addRow(caption, self.kind)
        form.addRow("is", self.other)
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.PlainText)
        self.problem.setStyleSheet("color: #b71c1c;")
        self.problem.hide()
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText("Link")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def chosen(self) -> tuple[str, int | None]:
        """(kind, the other contact's id) as picked."""
        try:
            other = self.other.value()
        except FieldTextProblem:
            other = None
        return self.kind.currentData(), other

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _accept(self) -> None:
        try:
            other = self.other.value()
        except FieldTextProblem as problem:
            self.show_problem(str(problem))
            return
        if other is None:
            self.show_problem("Type a name and pick the person from the list.")
            return
        self.accept()


class RelativesRow(QWidget):
    """“Spouse: Ben Okafor ×  Parent: Cy …  + Link a person…”, wrapping when narrow."""

    openContact = Signal(int)
    linkRequested = Signal()
    unlinkRequested = Signal(object)  # the Relative to unlink

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = FlowLayout(self, spacing=6)
        self._widgets: list[QWidget] = []
        self.found: list[Relative] = []
        self._editable = True
        self.link_button = QToolButton(self)
        self.link_button.setObjectName("linkPerson")
        self.link_button.setText("+ Link a person…")
        self.link_button.setAutoRaise(True)
        self.link_button.setToolTip("Spouse, partner, parent, child, sibling, assistant…")
        self.link_button.clicked.connect(self.linkRequested)
        self._layout.addWidget(self.link_button)

    def set_contact(self, contact_id: int | None) -> None:
        for widget in self._widgets:
            self._layout.removeWidget(widget)
            widget.deleteLater()
        self._layout.removeWidget(self.link_button)
        self._widgets = []
        self.found = relatives(contact_id) if contact_id is not None else []
        for relative in self.found:
            caption = QLabel(f"{relative.label}:", self)
            caption.setTextFormat(Qt.PlainText)
            caption.setStyleSheet("color: palette(dark);")
            person = QToolButton(self)
            person.setObjectName("relative")
            person.setText(relative.name.replace("&", "&&"))
            person.setAutoRaise(True)
            person.setStyleSheet("QToolButton { color: palette(link); }")
            person.setToolTip(f"Open {relative.name}")
            person.clicked.connect(lambda _=False, r=relative: self.openContact.emit(r.other_id))
            remove = QToolButton(self)
            remove.setText("×")
            remove.setAutoRaise(True)
            remove.setToolTip(f"Unlink {relative.name}")
            remove.setAccessibleName(f"Unlink {relative.name}")
            remove.clicked.connect(lambda _=False, r=relative: self.unlinkRequested.emit(r))
            remove.setVisible(self._editable)
            self._widgets += [caption, person, remove]
        for widget in self._widgets:
            self._layout.addWidget(widget)
            widget.show()
        self._layout.addWidget(self.link_button)
        self.link_button.setVisible(self._editable)
        # Lay the new buttons out now: the row keeps its size, so Qt would not on its own.
        self._layout.invalidate()
        self._layout.setGeometry(self.contentsRect())
        self.updateGeometry()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.link_button.setVisible(editable)

    def relative_buttons(self) -> list[QToolButton]:
        return [w for w in self._widgets if w.objectName() == "relative"]
