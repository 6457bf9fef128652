"""The contact page's referrals: who referred them, whom they referred, whom we sent where."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gratitude_desktop.journal import referrals
from gratitude_desktop.journal.referrals import GIVEN, ReferralInvalid, ReferralRow
from gratitude_desktop.store.enums import DncChannel
from gratitude_desktop.ui.contacts.follow_through.section import ALERT, Section
from gratitude_desktop.ui.undo import undoable

if TYPE_CHECKING:
    from gratitude_desktop.ui.dialogs.referral import ReferralDialog


def _thanks(row: ReferralRow) -> str:
    if row.thanked_on:
        return f"thanked {row.thanked_on:%Y-%m-%d}"
    if DncChannel.ALL.value in row.by_dnc_channels:
        return "not thanked (they asked for no contact)"
    return "not thanked yet"


def _outcome(row: ReferralRow) -> str:
    return f"outcome: {row.outcome}" if row.outcome else "did it help? not asked yet"


def may_thank(row: ReferralRow) -> bool:
    """A received referral not yet thanked, whose referrer did not ask for no contact at all."""
    return (
        row.direction != GIVEN
        and row.thanked_on is None
        and DncChannel.ALL.value not in row.by_dnc_channels
    )


class ReferralsSection(Section):
    """Referrals in both directions, with thank-you and "did it help?"."""

    empty_text = "No referrals yet. Referrals are gold: record who sent whom."

    def __init__(self, status, today, parent=None):
        super().__init__(status, today, parent)
        self.setObjectName("referralsSection")
        self.rows: list[ReferralRow] = []
        self.add_button("add", "Record…", "Record a referral received or given", self.add)
        self.add_button("thank", "Thank", "Thank the referrer (logs a thank-you)", self.thank)
        self.add_button("helped", "Did it help?…",
                        "Ask the person we referred how it went and note the outcome",
                        self.did_it_help)  # fmt: skip
        self.finish_buttons()
        self.dialog: ReferralDialog | None = None

    def row_text(self, row: ReferralRow) -> str:
        me = self.contact_id
        when = f"{row.on:%Y-%m-%d}"
        if row.direction == GIVEN:
            if row.person_id == me:
                return f"We referred them to {row.to_name}\n{when} · {_outcome(row)}"
            return f"We sent {row.person_name} to them\n{when} · {_outcome(row)}"
        if row.by_id == me:
            return f"They referred {row.person_name} to us\n{when} · {_thanks(row)}"
        return f"Referred to us by {row.by_name}\n{when} · {_thanks(row)}"

    def reload(self) -> None:
        if self.contact_id is None:
            self.rows = []
        else:
            found = referrals.referrals_of(self.contact_id)
            seen: set[int] = set()
            self.rows = []
            for row in found.referred_them + found.they_referred + found.we_sent_them:
                if row.id not in seen:
                    seen.add(row.id)
                    self.rows.append(row)
        unthanked = sum(1 for r in self.rows if may_thank(r))
        title = f"Referrals ({len(self.rows)}"
        title += f", {unthanked} to thank)" if unthanked else ")"
        self.set_title(title if self.rows else "Referrals")
        self.set_rows(
            [(self.row_text(r), r.id, "", bool(r.thanked_on or r.outcome)) for r in self.rows]
        )
        for i, r in enumerate(self.rows):
            if may_thank(r):
                self.list.item(i).setForeground(ALERT)

    def current(self) -> ReferralRow | None:
        value = self.current_value()
        return next((r for r in self.rows if r.id == value), None)

    def update_buttons(self) -> None:
        row = self.current()
        self.buttons["add"].setEnabled(self.contact_id is not None)
        self.buttons["thank"].setEnabled(row is not None and may_thank(row))
        self.buttons["helped"].setEnabled(row is not None and row.direction == GIVEN)

    def add(self, kind: str | None = None) -> ReferralDialog | None:
        """Open ReferralDialog (window-modal) for this contact; returns it."""
        if self.contact_id is None:
            return None
        extra = {"kind": kind} if kind else {}
        from gratitude_desktop.ui.dialogs.referral import ReferralDialog

        dialog = ReferralDialog(self.contact_id, self, today=self.today(), **extra)
        self.dialog = dialog
        dialog.saved.connect(self._saved)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        return dialog

    def _saved(self, referral_id: int) -> None:
        self.reload()
        self.select_value(referral_id)
        self.say("Referral recorded.")
        self.changed.emit(self.contact_id)

    def thank(self) -> None:
        """Log a thank-you to the referrer (a greeting, never an offer) and mark it thanked."""
        row = self.current()
        if row is None or not may_thank(row):
            return
        try:
            ok, _id = self.with_reason(
                lambda reason, confirmed: undoable(
                    f"thank {row.by_name} for referring {row.person_name}",
                    [row.by_id, row.person_id],
                    lambda: referrals.thank(
                        row.id, self.today(), reason=reason, confirmed=confirmed
                    ),
                )
            )
        except ReferralInvalid as problem:
            self.show_problem(str(problem))
            return
        if ok:
            self.reload()
            self.select_value(row.id)
            self.say(f"Thank-you to {row.by_name} logged on their timeline.")
            self.changed.emit(self.contact_id)
            self.logged.emit(row.by_id)

    def did_it_help(self) -> None:
        """Ask how a referral we gave went; the follow-up is logged with the person referred."""
        row = self.current()
        if row is None or row.direction != GIVEN:
            return
        outcome = self.ask_text(
            "Did it help?",
            f"We sent {row.person_name} to {row.to_name} on {row.on:%Y-%m-%d}.\n\n"
            f"What did {row.person_name} say: did it help?",
            "Record",
        )
        if not outcome:
            return
        try:
            ok, _id = self.with_reason(
                lambda reason, confirmed: undoable(
                    f"record how referring {row.person_name} to {row.to_name} went",
                    [row.person_id, row.to_id],
                    lambda: referrals.follow_up_given(
                        row.id, outcome, self.today(), reason=reason, confirmed=confirmed
                    ),
                )
            )
        except ReferralInvalid as problem:
            self.show_problem(str(problem))
            return
        if ok:
            self.reload()
            self.select_value(row.id)
            self.say(f"Outcome recorded; follow-up logged on {row.person_name}'s timeline.")
            self.changed.emit(self.contact_id)
            self.logged.emit(row.person_id)
