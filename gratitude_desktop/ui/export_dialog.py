"""ExportDialog: what to export (the whole journal, an address book, a mailing list) and where.

The choices are the command line's (`export --format … [--include-do-not-contact]
[--for email|phone|mail]`); the rules about who is left out live in io.export.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class ExportChoice:
    """One way to export: format, mailing-list channel, file suffix, and words for it."""

    key: str
    text: str
    format: str  # "json" | "csv" | "vcard"
    channel: str | None = None  # a mailing list on this channel
    suffix: str = ".json"
    about: str = ""


CHOICES: tuple[ExportChoice, ...] = (
    ExportChoice(
        "json",
        "Gratitude journal (JSON)",
        "json",
        about="Everything, everyone: a backup you can read. Do-not-contact stays recorded.",
    ),
    ExportChoice(
        "csv",
        "Address book (CSV: Google, Outlook)",
        "csv",
        suffix=".csv",
        about="People who asked not to be contacted are left out, and so are the ways "
        "they refused (no email for someone who asked not to be emailed).",
    ),
    ExportChoice(
        "vcard",
        "Address book (vCard)",
        "vcard",
        suffix=".vcf",
        about="People who asked not to be contacted are left out, and so are the ways "
        "they refused (no email for someone who asked not to be emailed).",
    ),
    *(
        ExportChoice(
            f"mailing-{channel}",
            f"Mailing list for {words} (CSV)",
            "csv",
            channel,
            ".csv",
            f"One row per person with a working {what}: never those who asked not to "
            f"be contacted by {channel}, nor lost customers nobody has asked why yet.",
        )
        for channel, words, what in (
            ("email", "email", "email address"),
            ("phone", "phone calls", "phone number"),
            ("mail", "post", "postal address"),
        )
    ),
)


class ExportDialog(QDialog):
    """Pick what to export and the file; Export writes it (the caller runs `choice()`)."""

    def __init__(self, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        self.setMinimumWidth(520)
        self._folder = folder
        self.kind = QComboBox(self)
        self.kind.setObjectName("exportKind")
        for choice in CHOICES:
            self.kind.addItem(choice.text, choice.key)
        self.about = QLabel(self)
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.about.setWordWrap(True)
        self.about.setStyleSheet("color: palette(mid);")
        self.include_dnc = QCheckBox("&Include people who asked not to be contacted, marked", self)
        self.include_dnc.setObjectName("includeDoNotContact")
        self.include_dnc.setToolTip(
            "Written with a “Do not contact” label (vCard: CATEGORIES and a NOTE line)"
        )
        self.path = QLineEdit(self)
        self.path.setObjectName("exportPath")
        browse = QPushButton("&Browse…", self)
        browse.clicked.connect(self.browse)
        row = QWidget(self)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.path, 1)
        row_layout.addWidget(browse)

        form = QFormLayout()
        form.addRow("&What:", self.kind)
        form.addRow("", self.about)
        form.addRow("", self.include_dnc)
        form.addRow("&File:", row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText("&Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.path.textChanged.connect(self._update)
        self._kind_changed()
        self.kind.setFocus()

    def choice(self) -> ExportChoice:
        return CHOICES[self.kind.currentIndex()]

    def include_do_not_contact(self) -> bool:
        return self.include_dnc.isEnabled() and self.include_dnc.isChecked()

    def target(self) -> Path:
        """The file to write, with the choice's suffix when none was typed."""
        path = Path(self.path.text().strip()).expanduser()
        if not path.is_absolute():
            path = self._folder / path
        return path if path.suffix else path.with_suffix(self.choice().suffix)

    def _kind_changed(self, *_args) -> None:
        choice = self.choice()
        self.about.setText(choice.about)
        address_book = choice.format in ("csv", "vcard") and choice.channel is None
        self.include_dnc.setEnabled(address_book)
        if not address_book:
            self.include_dnc.setChecked(False)
        name = f"gratitude-{choice.key}" if choice.channel else "gratitude"
        typed = self.path.text().strip()
        if not typed or Path(typed).stem.startswith("gratitude"):
            self.path.setText(str(self._folder / f"{name}{choice.suffix}"))
        self._update()

    def _update(self, *_args) -> None:
        self.export_button.setEnabled(bool(self.path.text().strip()))

    def browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export to", str(self.target()), f"{self.choice().text} (*{self.choice().suffix})"
        )
        if name:
            self.path.setText(name)
