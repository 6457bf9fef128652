"""Settings → Sync: the user's own CardDAV server, the account, how often, Sync now, last result.

The page only edits the account (sync.service) and the password (sync.credentials);
the sync itself runs on a worker thread with its own connection (`run_job`, the
reminder worker's pool when the window has one), so the window never waits on it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop import paths
from gratitude_desktop.ui.plain_text import plain_label

PRIVACY_NOTE = (
    "Nothing leaves this computer until a server is set here. With one, Gratitude sends "
    "your contacts — names, organisation, emails, phones, addresses, birthdays, notes and "
    "the journal's own fields — and your promises, as tasks, to that server only, over "
    "https (plain http only to a server on this computer)."
)
NO_KEYRING_NOTE = (
    "This system has no keyring: the password is kept only until Gratitude quits, then asked again."
)


class SyncPage(QWidget):
    """The Sync page of the Settings dialog."""

    syncFinished = Signal(object)  # the SyncResult (or None: no server set)

    def __init__(
        self,
        data_dir: str | Path | None = None,
        parent: QWidget | None = None,
        *,
        run_job: Callable[..., object] | None = None,
    ):
        super().__init__(parent)
        from gratitude_desktop.sync import credentials

        self._data_dir = Path(data_dir) if data_dir is not None else paths.resolve_data_dir()
        self._run_job = run_job
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://cloud.example.com/remote.php/dav")
        self.url.setAccessibleName("Server address")
        form.addRow("&Server:", self.url)
        self.user = QLineEdit(self)
        self.user.setAccessibleName("User name")
        form.addRow("&User name:", self.user)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        form.addRow("&Password:", self.password)
        self.addressbook = QLineEdit(self)
        self.addressbook.setPlaceholderText("found (or made) on the first sync")
        self.addressbook.setAccessibleName("Address book")
        form.addRow("&Address book:", self.addressbook)
        self.interval = QSpinBox(self)
        self.interval.setRange(0, 24 * 60)
        self.interval.setSuffix(" min")
        self.interval.setSpecialValueText("only when I press Sync now")
        self.interval.setAccessibleName("Sync every")
        form.addRow("Sync &every:", self.interval)
        self.reminders_file = QLineEdit(self)
        self.reminders_file.setPlaceholderText("optional: a .ics file your calendar subscribes to")
        self.reminders_file.setAccessibleName("Reminders calendar file")
        self.reminders_file.setToolTip(
            "After each sync, birthdays, anniversaries and promise due dates are written "
            "to this file as a read-only calendar."
        )
        form.addRow("&Reminders calendar:", self.reminders_file)
        layout.addLayout(form)
        if not credentials.has_keyring():
            layout.addWidget(plain_label(NO_KEYRING_NOTE, self))
        note = plain_label(PRIVACY_NOTE, self)
        note.setEnabled(False)
        layout.addWidget(note)

        row = QHBoxLayout()
        self.sync_button = QPushButton("Sync &now", self)
        self.sync_button.clicked.connect(self.sync_now)
        row.addWidget(self.sync_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = plain_label("", self)
        self.status.setObjectName("syncStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.load()

    # -- values in and out ---------------------------------------------------------------

    def load(self) -> None:
        """Show the stored account and the last result."""
        from gratitude_desktop.sync import credentials
        from gratitude_desktop.sync.service import (
            DEFAULT_INTERVAL_MINUTES,
            last_result,
            load_account,
        )

        account = load_account()
        self.url.setText(account.url if account else "")
        self.user.setText(account.user if account else "")
        self.addressbook.setText(account.addressbook if account else "")
        self.interval.setValue(account.interval_minutes if account else DEFAULT_INTERVAL_MINUTES)
        self.reminders_file.setText(account.reminders_file if account else "")
        if account and credentials.get_password("sync", account.url, account.user):
            self.password.setPlaceholderText(self._kept_words())
        self.show_result(last_result())

    @staticmethod
    def _kept_words() -> str:
        from gratitude_desktop.sync import credentials

        if credentials.has_keyring():
            return "kept in the system keyring"
        return "kept until Gratitude quits"

    def show_result(self, result) -> None:
        if result is None:
            self.status.setText("Not synced yet.")
        elif result.ok:
            self.status.setText(f"Last sync {result.when}: {result.message}")
        else:
            self.status.setText(f"Last sync {result.when} failed: {result.message}")

    def problem(self) -> str | None:
        """What is wrong with the fields, in words; None when they may be saved."""
        from gratitude_desktop.sync.dav import SyncError, check_url

        if not self.url.text().strip():
            return None
        try:
            check_url(self.url.text())
        except SyncError as error:
            return str(error)
        return None

    def save(self) -> None:
        """Keep the account in the journal and the password in the keyring (never on disk)."""
        from gratitude_desktop.sync import credentials
        from gratitude_desktop.sync.dav import check_url
        from gratitude_desktop.sync.service import SyncAccount, load_account, save_account

        text = self.url.text().strip()
        if not text:
            save_account(None)
            return
        url = check_url(text)
        before = load_account()
        book = self.addressbook.text().strip()
        if before and (before.url, before.user) != (url, self.user.text().strip()):
            book = book if book != before.addressbook else ""  # another account: find it anew
        save_account(
            SyncAccount(
                url,
                self.user.text().strip(),
                book,
                self.interval.value(),
                self.reminders_file.text().strip(),
            )
        )
        if self.password.text():
            credentials.store_password("sync", url, self.user.text().strip(), self.password.text())
            self.password.clear()
            self.password.setPlaceholderText(self._kept_words())

    # -- Sync now ------------------------------------------------------------------------

    def sync_now(self) -> None:
        """Save the fields, then sync on a worker; the result shows below the button."""
        problem = self.problem()
        if problem:
            self.status.setText(problem)
            return
        if not self.url.text().strip():
            self.status.setText("Enter your server's address first.")
            return
        self.save()
        from gratitude_desktop.sync.service import sync_configured

        self.sync_button.setEnabled(False)
        self.status.setText("Syncing…")
        run = self._run_job
        if run is None:
            from gratitude_desktop.ui.workers import run_in_pool as run
        run(
            sync_configured,
            self._data_dir,
            paths.database_path(self._data_dir),
            on_result=self._finished,
            on_error=self._failed,
        )

    def _finished(self, result) -> None:
        self.sync_button.setEnabled(True)
        from gratitude_desktop.sync.service import load_account

        account = load_account()
        if account is not None and not self.addressbook.text().strip():
            self.addressbook.setText(account.addressbook)
        self.show_result(result)
        self.syncFinished.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.sync_button.setEnabled(True)
        self.status.setText(f"The sync stopped: {error}")
