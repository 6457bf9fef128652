"""CapturePanel: on Today, what capture found — emails to people who said no, new people,
and a scan in progress."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.ui.workers import run_in_pool


def _plain(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class CapturePanel(QFrame):
    """Shown above the agenda while there is something to say; hidden otherwise."""

    openContact = Signal(int)
    reviewNewPeople = Signal()

    def __init__(self, scanner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("capturePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._scanner = scanner
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 6, 8, 6)
        self.flags_box = QWidget(self)
        self.flags_layout = QVBoxLayout(self.flags_box)
        self.flags_layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.flags_box)

        people_row = QHBoxLayout()
        self.people_label = _plain("", self)
        self.review_button = QPushButton("Review…", self)
        self.review_button.setObjectName("reviewNewPeople")
        self.review_button.setAutoDefault(False)
        self.review_button.clicked.connect(self.reviewNewPeople)
        people_row.addWidget(self.people_label, 1)
        people_row.addWidget(self.review_button)
        self._layout.addLayout(people_row)

        scan_row = QHBoxLayout()
        self.scan_label = _plain("", self)
        self.scan_label.setObjectName("captureScanStatus")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: how many messages a source holds is not known
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        scan_row.addWidget(self.scan_label, 1)
        scan_row.addWidget(self.progress)
        self._layout.addLayout(scan_row)

        self.flag_labels: list[QLabel] = []
        scanner.scanStarted.connect(self._scan_started)
        scanner.progress.connect(self._progress)
        scanner.scanFinished.connect(self._scan_finished)
        scanner.scanFailed.connect(self._scan_failed)
        scanner.statusReady.connect(self.show_status)
        self.progress.hide()
        self.show_status(scanner.status)
        if scanner.scans_done:  # built after a scan: say what it did
            self._scan_finished(scanner.last_report)

    def _scan_started(self) -> None:
        if self._scanner.status.configured or self._scanner.scans_done == 0:
            self.scan_label.setText("Reading your mail and calendars…")
            self.progress.show()
            self._sync_visible()

    def _progress(self, source: str, count: int) -> None:
        self.scan_label.setText(f"Reading your mail and calendars… {count:,} messages so far")

    def _scan_finished(self, report) -> None:
        self.progress.hide()
        if report is None:
            self.scan_label.setText("")
        elif report.logged:
            n = report.logged
            self.scan_label.setText(
                f"Logged {n} {'touch' if n == 1 else 'touches'} from your mail and calendars "
                "(File → Import history… undoes it)."
            )
        else:
            self.scan_label.setText("")
        if report is not None and report.problems:
            self.scan_label.setText((self.scan_label.text() + " " + report.problems[0]).strip())
        self._sync_visible()

    def _scan_failed(self, text: str) -> None:
        self.progress.hide()
        self.scan_label.setText(text)
        self._sync_visible()

    def show_status(self, status) -> None:
        for label in self.flag_labels:
            label.parentWidget().deleteLater()
        self.flag_labels = []
        for flag in status.flags:
            row = QWidget(self.flags_box)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            label = _plain(f"⚠ {flag.text}", row)
            label.setStyleSheet("color: #b00020;")
            open_button = QPushButton("Open", row)
            open_button.setAutoDefault(False)
            open_button.clicked.connect(
                lambda _c=False, cid=flag.contact_id: self.openContact.emit(cid)
            )
            seen = QPushButton("Seen", row)
            seen.setAutoDefault(False)
            seen.setToolTip("Do not show this again")
            seen.clicked.connect(lambda _c=False, fid=flag.captured_id: self.mark_seen(fid))
            line.addWidget(label, 1)
            line.addWidget(open_button)
            line.addWidget(seen)
            self.flags_layout.addWidget(row)
            self.flag_labels.append(label)
        n = status.new_people
        self.people_label.setText(
            f"{n} {'person' if n == 1 else 'people'} you correspond with "
            f"{'is' if n == 1 else 'are'}n't in your journal."
        )
        self.people_label.setVisible(n > 0)
        self.review_button.setVisible(n > 0)
        self._sync_visible()

    def mark_seen(self, captured_id: int) -> None:
        from gratitude_desktop.journal.capture import mark_flags_seen

        run_in_pool(
            mark_flags_seen, [captured_id], on_result=lambda _n: self._scanner.refresh_status()
        )

    def _sync_visible(self) -> None:
        self.scan_label.setVisible(bool(self.scan_label.text()))
        self.setVisible(
            bool(self.flag_labels)
            or self.review_button.isVisibleTo(self)
            or bool(self.scan_label.text())
        )
