"""ChipRow: stage, circles and tags as small coloured labels; tags can be added and removed."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from gratitude_desktop.journal.tags import TagInfo
from gratitude_desktop.store.enums import label
from gratitude_desktop.ui.contacts.follow_through.flow_layout import FlowLayout

STAGE_COLORS = ("white", "#37474f")  # text, background
CIRCLE_COLORS = ("#263238", "#eceff1")
TAG_TEXT = "#212121"


class Chip(QLabel):
    """A word on a rounded patch of colour, painted by hand.

    A style sheet per chip cost ~10 ms a chip to polish, most of opening a contact.
    """

    def __init__(self, text: str, colors: tuple[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.PlainText)
        self.setText(text)
        self._fg, self._bg = QColor(colors[0]), QColor(colors[1])

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text()) + 16, metrics.height() + 4)

    minimumSizeHint = sizeHint

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = rect.height() / 2
        painter.setPen(Qt.NoPen)
        painter.setBrush(self._bg)
        painter.drawRoundedRect(rect, radius, radius)
        painter.setPen(self._fg)
        painter.drawText(rect, Qt.AlignCenter, self.text())
        painter.end()


class TagChip(QWidget):
    """One tag in its colour, with a × that asks for it to be removed."""

    removeRequested = Signal(str)

    def __init__(self, tag: TagInfo, removable: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.tag = tag
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.text = Chip(f"# {tag.name}", (TAG_TEXT, tag.color), self)
        self.text.setObjectName("tagChip")
        layout.addWidget(self.text)
        self.remove = QToolButton(self)
        self.remove.setText("×")
        self.remove.setAutoRaise(True)
        self.remove.setToolTip("Remove this tag")
        self.remove.setAccessibleName(f"Remove tag {tag.name}")
        self.remove.clicked.connect(lambda: self.removeRequested.emit(tag.name))
        self.remove.setVisible(removable)
        layout.addWidget(self.remove)


class ChipRow(QWidget):
    """The stage, the circles and the tags of a contact, wrapping when narrow.

    `tagAdded(name)` and `tagRemoved(name)` ask for a change; the page makes it (an undoable
    command) and calls `set_chips` again.
    """

    tagAdded = Signal(str)
    tagRemoved = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = FlowLayout(self, spacing=4)
        self._chips: list[QWidget] = []
        self.tag_chips: list[TagChip] = []
        self._editable = True
        self.add_button = QToolButton(self)
        self.add_button.setObjectName("addTag")
        self.add_button.setText("+ Tag")
        self.add_button.setAutoRaise(True)
        self.add_button.setToolTip("Add a tag: a label of your own (Golf club, Chamber…)")
        self.add_button.clicked.connect(self.start_adding)
        self.tag_edit = QLineEdit(self)
        self.tag_edit.setObjectName("tagEdit")
        self.tag_edit.setPlaceholderText("Tag name, Enter to add")
        self.tag_edit.setMaximumWidth(180)
        self.tag_edit.returnPressed.connect(self._add_typed)
        self.tag_edit.editingFinished.connect(self._edit_done)
        self.tag_edit.hide()

    def set_known_tags(self, names: list[str]) -> None:
        """The names the tag box completes from."""
        completer = QCompleter(names, self.tag_edit)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.tag_edit.setCompleter(completer)

    def set_chips(self, stage: str, circles: tuple[str, ...], tags: tuple[TagInfo, ...]) -> None:
        for widget in self._chips:
            self._layout.removeWidget(widget)
            widget.deleteLater()
        self._layout.removeWidget(self.add_button)
        self._layout.removeWidget(self.tag_edit)
        self._chips, self.tag_chips = [], []
        if stage:
            self._chips.append(Chip(label(stage), STAGE_COLORS, self))
        for circle in circles:
            self._chips.append(Chip(label(circle), CIRCLE_COLORS, self))
        for tag in tags:
            widget = TagChip(tag, self._editable, self)
            widget.removeRequested.connect(self.tagRemoved)
            self.tag_chips.append(widget)
            self._chips.append(widget)
        for widget in self._chips:
            self._layout.addWidget(widget)
            widget.show()
        self._layout.addWidget(self.add_button)
        self._layout.addWidget(self.tag_edit)
        self.add_button.setVisible(self._editable and self.tag_edit.isHidden())
        # Lay the new chips out now: the row may keep its size, so Qt would not on its own.
        self._layout.invalidate()
        self._layout.setGeometry(self.contentsRect())
        self.updateGeometry()

    def set_editable(self, editable: bool) -> None:
        """A read-only journal: tags shown, not changed."""
        self._editable = editable
        self.add_button.setVisible(editable)
        for widget in self.tag_chips:
            widget.remove.setVisible(editable)

    def tag_names(self) -> list[str]:
        return [w.tag.name for w in self.tag_chips]

    def start_adding(self) -> None:
        self.add_button.hide()
        self.tag_edit.clear()
        self.tag_edit.show()
        self.tag_edit.setFocus(Qt.OtherFocusReason)

    def _add_typed(self) -> None:
        name = " ".join(self.tag_edit.text().split())
        self.tag_edit.clear()
        if name:
            self.tagAdded.emit(name)

    def _edit_done(self) -> None:
        if not self.tag_edit.hasFocus():
            self.tag_edit.hide()
            self.add_button.setVisible(self._editable)
