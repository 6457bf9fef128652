"""Questions the Promises view asks: a line of text, a choice of buttons, a problem shown.

Methods of a mixin so a window can restyle them and a test can answer them like a user.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox

from gratitude_desktop.journal.outreach import OutreachRefused

LOG_ANYWAY = "Log anyway"
NUDGE_ANYWAY = "Nudge anyway"
RELEASE_INSTEAD = "Release it instead"
APOLOGISE_AND_REDATE = "Apologise and set a new date"


class QuestionsMixin:
    """ask_text / ask_choice / show_problem for a QWidget that has a `status` QLabel."""

    def with_reason(
        self, call: Callable[[str | None, Collection[str]], object]
    ) -> tuple[bool, object]:
        """Run an outreach call `call(reason, confirmed)`, answering the guard as a person
        would: a reason when it needs one (do-not-contact, a lost customer not asked why),
        a yes to its questions (pestering, already has it, just bought). (ok, its result)."""
        reason: str | None = None
        confirmed: set[str] = set()
        while True:
            try:
                return True, call(reason, frozenset(confirmed))
            except OutreachRefused as refused:
                check = refused.check
                unanswered = check.unconfirmed(confirmed)
                if check.errors:
                    self.show_problem(str(refused))
                    return False, None
                if check.needs_reason and not reason:
                    title = "Do not contact" if check.blocked else "Lost customer"
                    asked = check.reason_asked or "Why log it anyway?"
                    reason = self.ask_text(title, f"{refused}\n\n{asked}", LOG_ANYWAY)
                elif unanswered:
                    choice = self.ask_choice(
                        "Before you log it", "\n\n".join(unanswered), [LOG_ANYWAY, "Cancel"]
                    )
                    if choice == LOG_ANYWAY:
                        confirmed.update(key for key, _ in check.questions)
                        continue
                    reason = None
                else:
                    self.show_problem(str(refused))
                    return False, None
                if not reason:
                    self.status.setText("Nothing was logged.")
                    return False, None

    def ask_text(self, title: str, label: str, ok_text: str = "OK") -> str | None:
        """Ask for one line of text; None when cancelled or left empty."""
        dialog = QInputDialog(self)
        dialog.setObjectName("promisesAskText")
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setOkButtonText(ok_text)
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        for child in dialog.findChildren(QLabel):
            child.setTextFormat(Qt.TextFormat.PlainText)
        if dialog.exec() != QInputDialog.DialogCode.Accepted:
            return None
        return dialog.textValue().strip() or None

    def nudge_asked(self, row, today, at=None) -> str | None:
        """Nudge `row` (a PromiseRow owed to us) as the window does: asks first when it may
        pester, through the guard, on the undo stack. "nudged", "released" or None."""
        from gratitude_desktop.journal import promises
        from gratitude_desktop.ui.undo import undoable

        answer = self.ask_before_nudge(promises.nudge_question(row.id, today))
        if answer == "release":
            undoable(
                f"release {row.contact_name} from “{row.what}”",
                [row.contact_id],
                lambda: promises.release(row.id, today),
            )
            return "released"
        if answer is None:
            self.status.setText("Nothing was logged.")
            return None
        ok, _logged = self.with_reason(
            lambda reason, confirmed: undoable(
                f"nudge {row.contact_name} about “{row.what}”",
                [row.contact_id],
                lambda: promises.nudge(row.id, today, at=at, reason=reason, confirmed=confirmed),
            )
        )
        return "nudged" if ok else None

    def redate_asked(self, row, today, at=None):
        """Apologise for `row` (a promise we broke or are breaking) and promise it again:
        asks the new date, logs through the guard, on the undo stack. The Redated or None."""
        from gratitude_desktop.journal import promises
        from gratitude_desktop.ui.undo import undoable

        new_date = self.ask_date(
            APOLOGISE_AND_REDATE,
            f"By when will you keep “{row.what}” for {row.contact_name}?",
            today,
        )
        if new_date is None:
            return None
        ok, done = self.with_reason(
            lambda reason, confirmed: undoable(
                f"apologise to {row.contact_name} and promise “{row.what}” again",
                [row.contact_id],
                lambda: promises.apologise_and_redate(
                    row.id, new_date, today, at=at, reason=reason, confirmed=confirmed
                ),
            )
        )
        return done if ok else None

    def ask_before_nudge(self, question) -> str | None:
        """A journal.promises.NudgeQuestion asked: "nudge", "release", or None (cancelled)."""
        if question is None:
            return "nudge"
        if question.suggest_release:
            buttons = [RELEASE_INSTEAD, NUDGE_ANYWAY, "Cancel"]
        else:
            buttons = [NUDGE_ANYWAY, "Cancel"]
        choice = self.ask_choice("Nudge again?", question.text, buttons)
        return {RELEASE_INSTEAD: "release", NUDGE_ANYWAY: "nudge"}.get(choice)

    def ask_broken(self, row) -> str | None:
        """Before marking a promise broken: for one we made, also whether to apologise."""
        if row.we_owe:
            return self.ask_choice(
                "Broken promise",
                f"Mark “{row.what}” for {row.contact_name} as broken.\n\n"
                f"Apologise to {row.contact_name} and promise it again for a new date, "
                "or only log an apology?",
                [APOLOGISE_AND_REDATE, "Break and log apology", "Break only", "Cancel"],
            )
        return self.ask_choice(
            "Broken promise",
            f"{row.contact_name} did not keep “{row.what}”. Mark it broken?",
            ["Break only", "Cancel"],
        )

    def ask_date(self, title: str, label: str, first) -> object | None:
        """Ask for a date (from `first` on); None when cancelled."""
        from gratitude_desktop.ui.promises.date_dialog import DateDialog

        dialog = DateDialog(title, label, first, self)
        if dialog.exec() != DateDialog.DialogCode.Accepted:
            return None
        return dialog.date()

    def ask_choice(self, title: str, text: str, buttons: list[str]) -> str | None:
        """Ask a question with named buttons; returns the chosen button's text."""
        box = QMessageBox(self)
        box.setObjectName("promisesAskChoice")
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.setIcon(QMessageBox.Icon.Question)
        made = {}
        for name in buttons:
            role = (
                QMessageBox.ButtonRole.RejectRole
                if name == "Cancel"
                else QMessageBox.ButtonRole.AcceptRole
            )
            made[box.addButton(name, role)] = name
        box.setDefaultButton(next(iter(made)))
        box.exec()
        return made.get(box.clickedButton())

    def show_problem(self, text: str) -> None:
        self.status.setText(text)
        box = QMessageBox(self)
        box.setObjectName("promisesProblem")
        box.setWindowTitle("Promises")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(text)
        box.exec()
