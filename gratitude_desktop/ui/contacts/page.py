"""The contact page: a person first (header, links, relatives, one timeline), a form on demand.

Read view: ContactHeader (who this is at a glance, with tags), MethodLinks (reach them in
one click, after the outreach guard), RelativesRow, then the timeline and the
follow-through (promises, referrals, purchases) as two tabs — one scroll area on screen
at a time. Edit (Ctrl+E) swaps the tabs for the ContactForm; Save (Ctrl+S) writes it
through `journal.contacts.save_contact`, Cancel (Esc) throws the edits away. A new
contact opens in the form. Every write is one command on the window's undo stack.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gratitude_desktop.journal import photos, relationships, tags
from gratitude_desktop.journal.contacts import (
    ContactData,
    ContactInvalid,
    FieldRefused,
    composed_name,
    load_contact,
    save_contact,
    trash_contacts,
    validate,
)
from gratitude_desktop.journal.insights import recency_weeks
from gratitude_desktop.journal.interactions import save_interaction
from gratitude_desktop.journal.links import touch, touch_question
from gratitude_desktop.journal.lost import LISTEN_WITHIN_DAYS
from gratitude_desktop.journal.summary import contact_summary
from gratitude_desktop.ui.contacts.ask_around import AskAroundPanel
from gratitude_desktop.ui.contacts.avatar import IMAGE_SUFFIXES, photo_from_file
from gratitude_desktop.ui.contacts.confirmed_label import ConfirmedLabel
from gratitude_desktop.ui.contacts.contact_form import ContactForm
from gratitude_desktop.ui.contacts.follow_through import FollowThroughPanel
from gratitude_desktop.ui.contacts.header import ContactHeader, plain_label
from gratitude_desktop.ui.contacts.method_links import MethodLinks
from gratitude_desktop.ui.contacts.relatives import LinkDialog, RelativesRow
from gratitude_desktop.ui.timeline.widget import TimelineWidget
from gratitude_desktop.ui.undo import undoable
from gratitude_desktop.ui.undo.texts import contact_edit_text
from gratitude_desktop.ui.widgets.recency_strip import RecencyStrip

if TYPE_CHECKING:
    from gratitude_desktop.ui.dialogs.log_interaction import LogInteractionDialog

NOTICE_STYLE = "color: #0d47a1; background: #e8f0fe; padding: 4px; border-radius: 3px;"


class ContactPage(QWidget):
    """One contact: read view with the whole history, the form on demand."""

    contactSaved = Signal(int)  # id of the contact just saved (new or edited)
    contactTrashed = Signal(int)  # id of the contact just moved to the trash
    interactionLogged = Signal(int)  # contact id whose timeline changed
    followThroughChanged = Signal(int)  # contact id whose promises/referrals/purchases changed
    openContactRequested = Signal(int)  # another contact's page asked for (relatives, ask around)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._contact_id: int | None = None
        self._loaded = ContactData()
        self._snapshot: tuple = ()
        self._shown = False  # False: the "nothing selected" placeholder is shown
        self._read_only = False
        self.dialog: LogInteractionDialog | None = None
        self._build_actions()

        self.header = ContactHeader(self)
        self.name_label = self.header.name
        self.recency = RecencyStrip(self)  # when we were in touch, week by week, this year
        self.header.layout().insertWidget(2, self.recency)  # under the name and facts
        self.buttons: dict[str, QPushButton] = {}
        for key, act in self._button_actions.items():
            button = QPushButton(act.text().replace("&", ""), self)
            button.setObjectName(f"{key}Button")
            button.setToolTip(act.toolTip())
            button.setAutoDefault(False)
            button.clicked.connect(act.trigger)
            act.changed.connect(lambda a=act, b=button: self._sync_button(a, b))
            self.buttons[key] = button
            self.header.action_row.addWidget(button)
        self.header.chips.tagAdded.connect(self.add_tag)
        self.header.chips.tagRemoved.connect(self.remove_tag)
        self.header.avatar.photoDropped.connect(self.set_photo)

        self.notice = plain_label(self, "notice")
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.hide()
        # Marking a customer lost proposes one listening conversation (DESIGN rule 7).
        self.listen_button = QPushButton("Log the listening conversation…", self)
        self.listen_button.setObjectName("listen")
        self.listen_button.setAutoDefault(False)
        self.listen_button.clicked.connect(self.log_listening)
        self.listen_button.hide()
        # Every way to reach them is marked bad: who may know how (DESIGN rule 10).
        self.ask_around = AskAroundPanel(self)
        self.ask_around.openContact.connect(self.openContactRequested)

        self.links = MethodLinks(self)
        self.links.opened.connect(self._link_opened)
        self.confirmed = ConfirmedLabel(self)  # when the details were last confirmed
        self.relatives = RelativesRow(self)
        self.relatives.openContact.connect(self.openContactRequested)
        self.relatives.linkRequested.connect(self.link_person)
        self.relatives.unlinkRequested.connect(self.unlink_person)
        self.timeline = TimelineWidget(self)
        self.timeline.changed.connect(self._timeline_changed)
        self.follow_through = FollowThroughPanel(self)
        self.follow_through.before_contact_change = lambda: (
            not self.has_unsaved_changes() or self.save()
        )
        self.follow_through.logged.connect(self._logged)
        self.follow_through.changed.connect(self.followThroughChanged)
        self.follow_through.contactChanged.connect(self._follow_through_changed_contact)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.timeline, "Timeline")
        self.tabs.addTab(self._scrolled(self.follow_through), "Promises, referrals, purchases")

        self.form = ContactForm(self)
        self.form.changed.connect(self._form_changed)
        self.body = QStackedWidget(self)
        self.body.addWidget(self.tabs)
        self.body.addWidget(self.form)

        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 8, 8, 8)
        for widget in (self.header, self.notice):
            layout.addWidget(widget)
        layout.addWidget(self.listen_button, 0, Qt.AlignLeft)
        for widget in (self.ask_around, self.links, self.confirmed, self.relatives):
            layout.addWidget(widget)
        layout.addWidget(self.body, 1)
        self.placeholder = QLabel("Pick a contact from the list, or create a new one.", self)
        self.placeholder.setAlignment(Qt.AlignCenter)
        self.placeholder.setStyleSheet("color: palette(mid); font-size: 13pt;")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self._sync_enabled()
        # As wide as its widest mode needs, once: switching modes or saving never moves
        # the window's splitter.
        widths = []
        for shown in (("edit", "log", "trash"), ("save", "revert", "photo", "trash")):
            for key, button in self.buttons.items():
                button.setVisible(key in shown)
            widths.append(self.minimumSizeHint().width())
        self.setMinimumWidth(max(widths))
        for key, act in self._button_actions.items():
            self._sync_button(act, self.buttons[key])

    # -- building ------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(key: str, text: str, tip: str, slot, shortcut=None) -> QAction:
            act = QAction(text, self)
            act.setStatusTip(tip)
            act.setToolTip(tip)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            self._button_actions[key] = act
            return act

        self._button_actions: dict[str, QAction] = {}
        self.edit_action = action(
            "edit", "&Edit", "Edit this contact (Ctrl+E)", self.edit, "Ctrl+E"
        )
        self.save_action = action(
            "save", "&Save", "Save this contact (Ctrl+S)", self.save, "Ctrl+S"
        )
        self.revert_action = action(
            "revert", "&Cancel", "Throw away the edits (Esc)", self.cancel, "Esc"
        )
        self.photo_action = action(
            "photo", "&Photo…", "Set the photo from an image file (or drop one on it)",
            self.choose_photo,
        )  # fmt: skip
        # No shortcut here: the main window owns Ctrl+L and calls log_interaction().
        self.log_action = action(
            "log", "&Log…", "Log a call, meeting or message (Ctrl+L)", self.log_interaction
        )
        self.trash_action = action(
            "trash", "&Trash", "Move this contact to the Trash (restorable)", self.move_to_trash
        )

    @staticmethod
    def _scrolled(widget: QWidget) -> QWidget:
        from PySide6.QtWidgets import QFrame, QScrollArea

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setWidget(widget)
        return scroll

    def _sync_button(self, act: QAction, button: QPushButton) -> None:
        button.setEnabled(act.isEnabled())
        button.setVisible(act.isVisible())

    def set_read_only(self, read_only: bool) -> None:
        """A journal that cannot be written: show everything, offer no way to change it."""
        self._read_only = read_only
        self.follow_through.setEnabled(not read_only)
        self.header.chips.set_editable(not read_only)
        self.relatives.set_editable(not read_only)
        self._sync_enabled()

    # -- modes -----------------------------------------------------------------------------------

    def in_edit_mode(self) -> bool:
        return self._shown and self.body.currentWidget() is self.form

    def _set_edit_mode(self, on: bool) -> None:
        self.body.setCurrentWidget(self.form if on else self.tabs)
        self.links.setVisible(not on and bool(self.links.links))
        self.relatives.setVisible(not on and self._contact_id is not None)
        self.header.avatar.set_drops_enabled(on and not self._read_only)
        if on:
            self.form.verticalScrollBar().setValue(0)
        self._sync_enabled()

    def edit(self) -> None:
        """Turn the page into the form (Ctrl+E), the cursor in the display name."""
        if not self._shown or self._read_only:
            return
        self._set_edit_mode(True)
        self.form.lines["display_name"].setFocus(Qt.ShortcutFocusReason)

    def cancel(self) -> None:
        """Throw away the edits and read the contact again (a new one: show nothing)."""
        if self._contact_id is None:
            self.clear()
        elif self._shown:
            self.show_contact(self._contact_id)

    revert = cancel

    def _sync_enabled(self) -> None:
        writable = not self._read_only
        editing = self.in_edit_mode()
        self.edit_action.setEnabled(self._shown and writable and not editing)
        self.edit_action.setVisible(not editing)
        self.save_action.setEnabled(self._shown and writable)
        self.save_action.setVisible(editing)
        self.revert_action.setEnabled(editing)
        self.revert_action.setVisible(editing)
        self.photo_action.setEnabled(editing and writable and self._contact_id is not None)
        self.photo_action.setVisible(editing)
        self.log_action.setEnabled(self._shown and writable)
        self.log_action.setVisible(not editing)
        self.trash_action.setEnabled(self._shown and writable and self._contact_id is not None)

    # -- showing ---------------------------------------------------------------------------------

    def show_contact(self, contact_id: int | None) -> None:
        """Show a contact (read view); None starts a new, empty contact in the form."""
        if contact_id is None:
            data = ContactData()
        else:
            try:
                data = load_contact(contact_id)
            except Exception:  # gone meanwhile (deleted for good)
                self.clear()
                return
        self._contact_id = contact_id
        self._loaded = data
        self._shown = True
        self.notice.hide()
        self.listen_button.hide()
        self.form.clear_problems()
        self.form.fill(data)
        self._snapshot = self.form.snapshot()
        # The header first, while the timeline is still the last contact's page: its chips
        # and links re-lay the page out, and a timeline laid out fits all its rows each time.
        self.timeline.set_contact(None)
        self._refresh_read_view()
        self.timeline.set_contact(contact_id)
        self.follow_through.set_contact(contact_id)
        self.tabs.setCurrentIndex(0)
        self.ask_around.show_for(contact_id, data.display_name, data.methods)
        self.stack.setCurrentIndex(1)
        self._set_edit_mode(contact_id is None)
        if contact_id is None:
            self.form.lines["display_name"].setFocus()

    def _refresh_read_view(self) -> None:
        """Header, links and relatives from the journal (after any write)."""
        cid = self._contact_id
        self.links.set_contact(cid)
        self.confirmed.show_for(cid)
        self.relatives.set_contact(cid)
        if cid is None:
            self.header.show_new(composed_name(self._loaded))
            self.recency.hide()
            return
        today = dt.date.today()
        photo = photos.photo_of(cid)
        self.header.show_summary(contact_summary(cid, today), photo.data if photo else None)
        self.header.chips.set_known_tags([t.name for t in tags.all_tags()])
        self.recency.set_weeks(recency_weeks(cid, today))
        self.recency.show()

    def clear(self) -> None:
        """Show nothing (after the contact went to the trash, or none is selected)."""
        self._contact_id = None
        self._loaded = ContactData()
        self._shown = False
        self.ask_around.show_for(None, "", [])
        self.timeline.set_contact(None)
        self.follow_through.set_contact(None)
        self.stack.setCurrentWidget(self.placeholder)
        self._sync_enabled()

    def current_contact_id(self) -> int | None:
        return self._contact_id

    def is_editing(self) -> bool:
        """True when a contact (or a new one) is on the page, False on the placeholder."""
        return self._shown

    def focus_first_field(self) -> None:
        """From the list (Enter): the form's first field when editing, else the timeline."""
        if self.in_edit_mode():
            self.form.lines["display_name"].setFocus(Qt.OtherFocusReason)
        elif self._shown:
            # The timeline when it has entries (its one-key actions), else the Edit button.
            view = self.timeline.view
            target = view if not view.isHidden() else self.buttons["edit"]
            target.setFocus(Qt.OtherFocusReason)

    def problem_text(self, field: str) -> str:
        """The problem shown beside a field ('' when none): for tests and accessibility."""
        return self.form.problem_text(field)

    def _form_changed(self) -> None:
        if self._contact_id is None:
            self.header.show_new(composed_name(self.form.collect()[0]))

    def has_unsaved_changes(self) -> bool:
        """Whether the form differs from the contact as it was loaded (or last saved)."""
        return self._shown and self.form.snapshot() != self._snapshot

    # -- writing ---------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the form; False (and problems shown beside the fields) when invalid."""
        if not self._shown or self._read_only:
            return False
        data, problems = self.form.collect()
        problems += [p for p in validate(data) if p.field not in {q.field for q in problems}]
        if problems:
            self._set_edit_mode(True)
            self.form.show_problems(problems)
            return False
        before = self._loaded if self._contact_id is not None else None
        try:
            contact_id = undoable(
                contact_edit_text(before, data),
                [self._contact_id] if self._contact_id is not None else [],
                lambda: save_contact(data),
                creates=self._contact_id is None,
            )
        except ContactInvalid as invalid:
            self._set_edit_mode(True)
            self.form.show_problems(invalid.problems)
            return False
        newly_lost = bool(data.lost_reason) and not (before and before.lost_reason)
        self.show_contact(contact_id)
        if newly_lost:
            self.notice.setText(
                f"Ask {self.name_label.text()} what went wrong within {LISTEN_WITHIN_DAYS} days"
                " — listen, don't sell. Today will remind you until a conversation is logged."
            )
            self.notice.show()
            self.listen_button.show()
        self.contactSaved.emit(contact_id)
        return True

    def _write(self, text: str, contact_ids: list[int], action) -> bool:
        """One undoable write about this contact; the read view follows. False when refused."""
        try:
            undoable(text, contact_ids, action)
        except FieldRefused as bad:  # a tag, link or photo the journal refused
            QMessageBox.warning(self, "Not changed", str(bad))
            return False
        self._refresh_read_view()
        self.contactSaved.emit(self._contact_id)
        return True

    def add_tag(self, name: str) -> bool:
        cid = self._contact_id
        if cid is None or self._read_only:
            return False
        have = self.header.chips.tag_names()
        if name.casefold() in {n.casefold() for n in have}:
            return False
        who = self._loaded.display_name
        return self._write(f"tag {who} “{name}”", [cid], lambda: tags.set_tags(cid, [*have, name]))

    def remove_tag(self, name: str) -> bool:
        cid = self._contact_id
        if cid is None or self._read_only:
            return False
        keep = [n for n in self.header.chips.tag_names() if n != name]
        who = self._loaded.display_name
        return self._write(f"untag {who} “{name}”", [cid], lambda: tags.set_tags(cid, keep))

    def link_person(self) -> LinkDialog | None:
        """Ask whom to link and how (window-modal); linking is one undoable command."""
        cid = self._contact_id
        if cid is None or self._read_only:
            return None
        dialog = LinkDialog(cid, self._loaded.display_name, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda d=dialog: self._link_chosen(cid, *d.chosen()))
        dialog.open()
        return dialog

    def _link_chosen(self, cid: int, kind: str, other: int | None) -> None:
        if other is None or cid != self._contact_id:
            return
        data = relationships.RelationshipData(cid, other, kind)
        text = f"link {self._loaded.display_name}'s {relationships.LABELS[kind].lower()}"
        self._write(text, [cid, other], lambda: relationships.link(data))

    def unlink_person(self, relative: relationships.Relative) -> bool:
        cid = self._contact_id
        if cid is None or self._read_only:
            return False
        text = f"unlink {relative.name} from {self._loaded.display_name}"
        ids = [cid, relative.other_id]
        return self._write(text, ids, lambda: relationships.unlink(relative.relationship_id))

    def choose_photo(self) -> QFileDialog | None:
        """Pick an image file (window-modal); it is scaled and kept in the journal."""
        if self._contact_id is None or self._read_only:
            return None
        patterns = " ".join(f"*{s}" for s in IMAGE_SUFFIXES)
        dialog = QFileDialog(self, "Choose a photo", "", f"Images ({patterns})")
        dialog.setObjectName("photoDialog")
        dialog.setFileMode(QFileDialog.ExistingFile)
        dialog.setOption(QFileDialog.DontUseNativeDialog, True)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.fileSelected.connect(self._photo_file_chosen)
        dialog.open()
        return dialog

    def _photo_file_chosen(self, path: str) -> None:
        data = photo_from_file(path)
        if not data:
            QMessageBox.warning(self, "No photo", f"{path} is not an image this app can read.")
            return
        self.set_photo(data)

    def set_photo(self, data: bytes) -> bool:
        cid = self._contact_id
        if cid is None or self._read_only:
            return False
        who = self._loaded.display_name
        return self._write(f"set {who}'s photo", [cid], lambda: photos.set_photo(cid, data))

    def _link_opened(self, link) -> None:
        """After the desktop opened a mailto:/tel: link: offer to log the touch."""
        cid = self._contact_id
        if cid is None or self._read_only:
            return
        name = self._loaded.display_name
        box = QMessageBox(QMessageBox.Question, "Log this touch?", "", parent=self)
        box.setObjectName("logTouch")
        box.setTextFormat(Qt.PlainText)
        box.setText(touch_question(name, link.channel))
        box.setStandardButtons(QMessageBox.Yes | QMessageBox.No)
        box.setDefaultButton(QMessageBox.Yes)
        box.setAttribute(Qt.WA_DeleteOnClose)
        data = touch(cid, link, dt.datetime.now())

        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.Yes and cid == self._contact_id:
                undoable(f"log {data.summary}", [cid], lambda: save_interaction(data))
                self._logged(cid)

        box.buttonClicked.connect(answered)
        box.open()

    def log_listening(self):
        """Open the listening conversation with this lost customer (prefilled, window-modal)."""
        from gratitude_desktop.ui.dialogs.lost import open_listening_dialog

        if self._contact_id is None:
            return None
        dialog = open_listening_dialog(self._contact_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _id: self.interactionLogged.emit(self._contact_id))
        dialog.saved.connect(lambda _id: self.listen_button.hide())
        dialog.open()
        return dialog

    def log_interaction(self) -> LogInteractionDialog | None:
        """Open the Log interaction dialog for the current contact (Ctrl+L).

        A new contact is saved first (a timeline needs a contact). Returns the dialog,
        already open (window-modal), or None when there is no contact to log for.
        """
        if not self._shown:
            return None
        if self._contact_id is None and not self.save():
            return None
        contact_id = self._contact_id
        from gratitude_desktop.ui.dialogs.log_interaction import LogInteractionDialog

        self.dialog = LogInteractionDialog(contact_id, self)
        self.dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.dialog.saved.connect(lambda _id, cid=contact_id: self._logged(cid))
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()
        return self.dialog

    def _dialog_closed(self) -> None:
        self.dialog = None

    def _logged(self, contact_id: int) -> None:
        if self._contact_id == contact_id:
            self.timeline.reload()
            self._refresh_read_view()
            self.follow_through.reload()
        self.interactionLogged.emit(contact_id)

    def _timeline_changed(self, contact_id: int) -> None:
        if self._contact_id == contact_id:
            self._refresh_read_view()
        self.interactionLogged.emit(contact_id)

    def _follow_through_changed_contact(self, contact_id: int) -> None:
        # Marking lost or a referral may have changed this contact's own fields.
        if self._contact_id == contact_id and not self.has_unsaved_changes():
            self.show_contact(contact_id)
        self.contactSaved.emit(contact_id)

    def move_to_trash(self) -> bool:
        """Move the shown contact to the Trash (it can be restored from there)."""
        contact_id = self._contact_id
        if contact_id is None:
            return False
        name = self._loaded.display_name
        undoable(f"move {name} to the Trash", [contact_id], lambda: trash_contacts([contact_id]))
        self.clear()
        self.contactTrashed.emit(contact_id)
        return True
