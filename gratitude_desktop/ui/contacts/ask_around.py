"""AskAroundPanel: on the page of someone we have lost track of, who may know how to reach them.

DESIGN rule 10. The panel shows only when every way to reach the contact is marked bad
(journal.ask_around.out_of_reach); each person it proposes is a button that opens
their page, with why we think they know them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from gratitude_desktop.journal.ask_around import out_of_reach, who_knows
from gratitude_desktop.ui.contacts.follow_through.flow_layout import FlowLayout

PEOPLE_SHOWN = 8


def _button_text(text: str) -> str:
    """Button text shown as typed: a lone & would become a keyboard mnemonic."""
    return text.replace("&", "&&")


class AskAroundPanel(QFrame):
    """Lost track of someone: the people linked to them, to ask. Hidden otherwise.

    One line per link ("Referred them:", "Also at Acme:") with a button per person.
    """

    openContact = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("askAround")
        self.setStyleSheet(
            "QFrame#askAround { background: #fff4e5; border-radius: 3px; }"
            " QFrame#askAround QLabel { color: #663c00; }"
        )
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.lines = QVBoxLayout()
        self.lines.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addLayout(self.lines)
        self.buttons: list[QPushButton] = []
        self.hide()

    def show_for(self, contact_id: int | None, name: str, methods) -> None:
        """Show who may know `contact_id` when every way to reach them is bad; else hide."""
        while self.lines.count():
            self.lines.takeAt(0).widget().deleteLater()
        self.buttons = []
        if contact_id is None or not out_of_reach(methods):
            self.hide()
            return
        people = who_knows(contact_id, limit=PEOPLE_SHOWN)
        if people:
            self.title.setText(
                f"Lost track: every way to reach {name} is marked bad. Ask someone who knows them."
            )
        else:
            self.title.setText(
                f"Lost track: every way to reach {name} is marked bad, and nobody in the "
                "journal is linked to them (a referral, the same organisation)."
            )
        groups: dict[str, list] = {}
        for person in people:  # strongest link first; a person goes with their first link
            groups.setdefault(person.why.split("; ")[0], []).append(person)
        for why, group in groups.items():
            line = QWidget(self)
            flow = FlowLayout(line)
            label = QLabel(why[:1].upper() + why[1:] + ":", line)
            label.setTextFormat(Qt.TextFormat.PlainText)
            flow.addWidget(label)
            for person in group:
                button = QPushButton(_button_text(person.name), line)
                button.setAutoDefault(False)
                button.setToolTip("Open their page")  # no name here: tooltips may read HTML
                button.clicked.connect(
                    lambda _=False, cid=person.contact_id: self.openContact.emit(cid)
                )
                flow.addWidget(button)
                self.buttons.append(button)
            # Level with the buttons' text, not with their top edge.
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            label.setMinimumHeight(self.buttons[-1].sizeHint().height())
            self.lines.addWidget(line)
        self.show()
