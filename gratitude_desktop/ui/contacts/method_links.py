"""MethodLinks: a contact's emails, phones, websites and addresses as one-click links.

Each link is asked of journal.links (the outreach guard): a channel the person refused is
shown as plain text saying so, never as a link; a method known to be bad is struck through.
Clicking a link opens it with the desktop's own handler (QDesktopServices) and, for
outreach (email, call, message), emits `opened` so the page can offer to log the touch.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QGridLayout, QLabel, QMessageBox, QPushButton, QWidget

from gratitude_desktop.journal.links import MethodLink, method_links
from gratitude_desktop.store.enums import label

_KIND_WORDS = {"email": "Email", "phone": "Phone", "website": "Web", "address": "Address"}
_LINK_STYLE = (
    "QPushButton { border: none; color: palette(link); text-align: left; padding: 0; }"
    "QPushButton:hover { text-decoration: underline; }"
)


class MethodLinks(QWidget):
    """The methods of one contact, a row each: kind (label), then the link or why not."""

    opened = Signal(object)  # the MethodLink just opened (an outreach channel)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._contact_id: int | None = None
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(1, 1)
        self.links: list[tuple[MethodLink, QWidget]] = []

    def set_contact(self, contact_id: int | None) -> None:
        self._contact_id = contact_id
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.links = []
        found = method_links(contact_id) if contact_id is not None else []
        for row, link in enumerate(found):
            kind = _KIND_WORDS.get(link.kind, label(link.kind))
            caption = QLabel(f"{kind} ({link.label})" if link.label else kind, self)
            caption.setTextFormat(Qt.PlainText)
            caption.setStyleSheet("color: palette(dark);")
            self._grid.addWidget(caption, row, 0, Qt.AlignTop)
            widget = self._link_widget(link)
            self._grid.addWidget(widget, row, 1)
            caption.show()
            widget.show()
            self.links.append((link, widget))
        self.setVisible(bool(found))

    def _link_widget(self, link: MethodLink) -> QWidget:
        value = " ".join(link.value.split())
        if link.url is None:
            text = f"{value} — {link.refused}" if link.refused else value
            widget = QLabel(self)
            widget.setTextFormat(Qt.PlainText)
            widget.setText(text)
            widget.setWordWrap(True)
            if link.refused:
                widget.setObjectName("refusedMethod")
                widget.setStyleSheet("color: #b71c1c;")
        else:
            widget = QPushButton(value, self)
            widget.setObjectName("methodLink")
            widget.setCursor(Qt.PointingHandCursor)
            widget.setFlat(True)
            widget.setAutoDefault(False)
            widget.setStyleSheet(_LINK_STYLE)
            widget.setToolTip(f"Open {link.url}" if not link.bad else "Known bad — try anyway")
            widget.clicked.connect(lambda _=False, ln=link: self.open_link(ln))
        if link.bad:
            font = widget.font()
            font.setStrikeOut(True)
            widget.setFont(font)
            widget.setAccessibleDescription("known bad")
        return widget

    def open_link(self, link: MethodLink) -> bool:
        """Open `link` after asking the guard again (the journal may have changed since)."""
        fresh = (
            next(
                (
                    f
                    for f in method_links(self._contact_id)
                    if (f.kind, f.value) == (link.kind, link.value)
                ),
                None,
            )
            if self._contact_id is not None
            else None
        )
        if fresh is None or fresh.url is None:
            QMessageBox.information(
                self, "Not opened", fresh.refused if fresh and fresh.refused else "Nothing to open."
            )
            self.set_contact(self._contact_id)
            return False
        QDesktopServices.openUrl(QUrl(fresh.url))
        if fresh.channel is not None:
            self.opened.emit(fresh)
        return True
