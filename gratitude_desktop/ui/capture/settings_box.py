"""The Settings section for capture: mail and calendar sources, my addresses, how often."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal.capture import CaptureSettings

READS_NOTE = (
    "Gratitude reads only who wrote to whom, when, and the subject (for meetings: who, "
    "when and the title) — never the text of a message or an event. Nothing leaves "
    "this computer."
)


class EditableList(QWidget):
    """A short list of texts: type one and Add (or Browse…), select one and Remove."""

    def __init__(
        self,
        name: str,
        placeholder: str,
        parent: QWidget | None = None,
        *,
        browse: Callable[[], str | None] | None = None,
        propose: Callable[[], list[str]] | None = None,
        accept: Callable[[str], bool] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName(name)
        self.list = QListWidget(self)
        self.list.setObjectName(f"{name}_list")
        self.list.setMaximumHeight(72)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"{name}_edit")
        self.edit.setPlaceholderText(placeholder)
        self.edit.returnPressed.connect(self.add_typed)
        self.add_button = QPushButton("Add", self)
        self.add_button.setObjectName(f"{name}_add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_typed)
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.add_button)
        self._browse = browse
        self._accept = accept  # asked before a typed value is added; False keeps it out
        if browse is not None:
            self.browse_button = QPushButton("Browse…", self)
            self.browse_button.setAutoDefault(False)
            self.browse_button.clicked.connect(self._browse_clicked)
            row.addWidget(self.browse_button)
        self._propose = propose
        if propose is not None:
            self.propose_button = QPushButton("Propose", self)
            self.propose_button.setObjectName(f"{name}_propose")
            self.propose_button.setAutoDefault(False)
            self.propose_button.setToolTip("From your Thunderbird identities and your Sent mail")
            self.propose_button.clicked.connect(self._propose_clicked)
            row.addWidget(self.propose_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.list.currentRowChanged.connect(lambda _r: self._sync())
        self._sync()

    def values(self) -> tuple[str, ...]:
        return tuple(self.list.item(i).text() for i in range(self.list.count()))

    def set_values(self, values) -> None:
        self.list.clear()
        for value in values:
            self.add(value)

    def add(self, text: str) -> None:
        text = text.strip()
        if text and text not in self.values():
            self.list.addItem(text)
        self._sync()

    def add_typed(self) -> None:
        text = self.edit.text().strip()
        if text and self._accept is not None and not self._accept(text):
            return
        self.add(text)
        self.edit.clear()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
        self._sync()

    def _browse_clicked(self) -> None:
        chosen = self._browse() if self._browse else None
        if chosen:
            self.add(chosen)

    def _propose_clicked(self) -> None:
        for value in self._propose() if self._propose else ():
            self.add(value)

    def _sync(self) -> None:
        self.remove_button.setEnabled(self.list.currentRow() >= 0)


class CaptureSettingsBox(QGroupBox):
    """Where capture reads from and who "me" is; `settings()` gives the CaptureSettings."""

    def __init__(self, settings: CaptureSettings, parent: QWidget | None = None):
        super().__init__("Where Gratitude learns of your touches", parent)
        self.setObjectName("captureSettings")
        self.setMinimumWidth(640)  # room for a path beside Add, Browse… and Remove
        self.mail = EditableList(
            "capture_mail",
            "Type a path, or Browse…",
            self,
            browse=self._pick_mail,
            accept=self._ask_imap_password,
        )
        self.passwords: dict[str, str] = {}  # IMAP address -> password, kept on OK
        self.calendar = EditableList(
            "capture_calendar", "Type a path, or Browse…", self, browse=self._pick_calendar
        )
        self.me = EditableList("capture_me", "you@example.org", self, propose=self._propose_me)
        self.mail.edit.setToolTip(
            "An mbox file, a Maildir, a folder of .eml or .mbox files, or a Thunderbird profile "
            "(its Inbox and Sent folders are read), or imaps://you@mail.example.org/ for your own "
            "IMAP server (read-only; the password goes to the system keyring)"
        )
        self.calendar.edit.setToolTip("An .ics file, or a folder of them")
        self.interval = QSpinBox(self)
        self.interval.setObjectName("capture_interval")
        self.interval.setRange(0, 240)
        self.interval.setSuffix(" min")
        self.interval.setSpecialValueText("only at start-up")
        self.hide_captured = QCheckBox("Hide captured entries in timelines", self)
        self.hide_captured.setObjectName("capture_hide")
        note = QLabel(READS_NOTE, self)
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        note.setEnabled(False)

        grid = QGridLayout()
        grid.addWidget(QLabel("&Mail:", self), 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.mail, 0, 1)
        grid.addWidget(QLabel("&Calendars:", self), 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.calendar, 1, 1)
        grid.addWidget(QLabel("M&y addresses:", self), 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.me, 2, 1)
        for row, widget in enumerate((self.mail, self.calendar, self.me)):
            grid.itemAtPosition(row, 0).widget().setBuddy(widget.edit)
        form = QFormLayout()
        form.addRow("&Read them again every:", self.interval)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(form)
        layout.addWidget(self.hide_captured)
        layout.addWidget(note)
        self._original = settings
        self.load(settings)

    def load(self, settings: CaptureSettings) -> None:
        self.mail.set_values(settings.mail)
        self.calendar.set_values(settings.calendar)
        self.me.set_values(settings.me)
        self.interval.setValue(settings.interval_minutes)
        self.hide_captured.setChecked(settings.hide_in_timeline)

    def settings(self) -> CaptureSettings:
        """The settings as shown; a path or address typed but not yet added counts too."""
        for lst in (self.mail, self.calendar, self.me):
            if lst.edit.text().strip():
                lst.add_typed()
        return CaptureSettings(
            me=self.me.values(),
            mail=self.mail.values(),
            calendar=self.calendar.values(),
            interval_minutes=self.interval.value(),
            hide_in_timeline=self.hide_captured.isChecked(),
        )

    def ask_password(self, url: str) -> str | None:
        """Ask for an IMAP account's password (tests replace this)."""
        password, ok = QInputDialog.getText(
            self,
            "IMAP password",
            f"Password for {url}\n(kept in the system keyring, or for this session only):",
            QLineEdit.EchoMode.Password,
        )
        return password if ok and password else None

    def _ask_imap_password(self, text: str) -> bool:
        from gratitude_desktop.io.capture.model import CaptureSourceError
        from gratitude_desktop.sync.imap_capture import is_imap_url, parse_imap_url

        if not is_imap_url(text):
            return True
        try:
            parse_imap_url(text)
        except CaptureSourceError as problem:
            self.mail.edit.setToolTip(str(problem))
            return False
        password = self.ask_password(text)
        if password is None:
            return False
        self.passwords[text] = password
        return True

    def _pick_mail(self) -> str | None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a mail folder or profile")
        return folder or None

    def _pick_calendar(self) -> str | None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Choose a calendar file", str(Path.home()), "Calendars (*.ics);;All files (*)"
        )
        return path or None

    def _propose_me(self) -> list[str]:
        from gratitude_desktop.io.capture.people import propose_me

        return propose_me(self.mail.values())
