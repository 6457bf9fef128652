"""Set-based reads the layers above need: the contact list pages and counts."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import SQL, NodeList, fn

from gratitude_desktop.store.enums import DncChannel
from gratitude_desktop.store.models import Contact, ContactMethod, ContactTag
from gratitude_desktop.store.search import match_expression, timeline_matches


@dataclass(frozen=True)
class ContactFilter:
    """What the contact list shows: search text, stage, circle, tag, do-not-contact, trash.

    The text finds contacts by their own fields; when none has them, by the words of their
    timeline.
    """

    text: str = ""
    stage: str | None = None
    circle: str | None = None
    do_not_contact: bool | None = None  # True: only DNC; False: hide DNC; None: all
    trashed: bool = False
    tag: int | None = None  # only contacts carrying this tag (its id)


@dataclass(frozen=True)
class ContactRow:
    """One line of the contact list, plain values only (crosses threads)."""

    id: int
    display_name: str
    organization: str
    stage: str
    circles: tuple[str, ...]
    do_not_contact: bool
    dnc_channels: tuple[str, ...]
    primary_email: str
    primary_phone: str
    last_interaction_on: object  # datetime.date | None
    trashed_at: object = None  # datetime.datetime | None: when it went to the Trash


def live():
    """Contacts not in the Trash: the ones every list, count and metric is about.

    Unary + keeps SQLite off the trashed_at index: nearly every contact is live, so the
    index is a poor guide (the contact list walks the sort_key index instead and gets
    pages in name order without sorting: 240 ms -> 28 ms at row 20,000 of 100,000).
    """
    return NodeList((SQL("+"), Contact.trashed_at), glue="").is_null(True)


def open_to_contact():
    """Live contacts who have not asked never to be contacted on any channel ("all").

    What may be on the agenda at all; a do-not-contact on some channels leaves them on.
    """
    return live() & (fn.instr(Contact.dnc_channels, f",{DncChannel.ALL.value},") == 0)


def last_touch(last_interaction=Contact.last_interaction_on):
    """The day a contact was last touched: the last interaction, else the day we met, else
    the day they were added (as ISO text or a date). `last_interaction` may be a subquery
    (the last interaction up to some day). models.QUIET_ON_SQL spells the same rule for
    its index, which needs the column names as they are.
    """
    return fn.COALESCE(last_interaction, Contact.met_on, fn.substr(Contact.created_at, 1, 10))


def _filtered(flt: ContactFilter):
    query = Contact.select().where(Contact.trashed_at.is_null(False) if flt.trashed else live())
    if flt.stage:
        query = query.where(Contact.stage == flt.stage)
    if flt.circle:
        query = query.where(fn.instr(Contact.circles, f",{flt.circle},") > 0)
    if flt.do_not_contact is True:
        query = query.where(Contact.dnc_channels != "")
    elif flt.do_not_contact is False:
        query = query.where(Contact.dnc_channels == "")
    expr = match_expression(flt.text) if flt.text else None
    if flt.text and expr is None:
        return query.where(SQL("0"))
    if expr is not None:
        own = SQL('(SELECT rowid FROM "contact_search" WHERE "contact_search" MATCH ?)', [expr])
        # People by their own fields first; when nobody matches, by what was said to them
        # (a word common in a million interactions would cost every keystroke ~0.3 s).
        found = query.where(Contact.id.in_(own))
        query = found if found.exists() else query.where(Contact.id.in_(timeline_matches(expr)))
    if flt.tag is not None:
        query = query.where(
            Contact.id.in_(ContactTag.select(ContactTag.contact).where(ContactTag.tag == flt.tag))
        )
    return query


def count_contacts(flt: ContactFilter) -> int:
    return _filtered(flt).count()


def _first_method(kind: str):
    """The contact's first usable email or phone: one known to be bad is not offered."""
    return (
        ContactMethod.select(ContactMethod.value)
        .where(
            (ContactMethod.contact == Contact.id)
            & (ContactMethod.kind == kind)
            & (ContactMethod.bad == False)  # noqa: E712 - SQL, not Python
        )
        .order_by(ContactMethod.primary.desc(), ContactMethod.position, ContactMethod.id)
        .limit(1)
    )


def contact_page(flt: ContactFilter, offset: int, limit: int) -> list[ContactRow]:
    """One page of the list, ordered by name, with each contact's first email and phone."""
    # The page's ids first, then their columns: sorting the matches with every contact's
    # first email and phone already looked up cost a subquery pair per match, not per row
    # shown (search for "jürg" at 100,000 contacts: 11.2 -> 9.0 ms).
    page = (
        _filtered(flt)
        .select(Contact.id)
        .order_by(Contact.sort_key, Contact.id)
        .offset(offset)
        .limit(limit)
    )
    query = (
        Contact.select(
            Contact.id,
            Contact.display_name,
            Contact.organization,
            Contact.stage,
            Contact.circles,
            Contact.dnc_channels,
            Contact.last_interaction_on,
            Contact.trashed_at,
            _first_method("email").alias("email"),
            _first_method("phone").alias("phone"),
        )
        .where(Contact.id.in_(page))
        .order_by(Contact.sort_key, Contact.id)
    )
    # Tuples, not model instances: building 100,000 Contact objects costs seconds.
    return [
        ContactRow(
            id=cid,
            display_name=name,
            organization=organization or "",
            stage=stage,
            circles=circles,
            do_not_contact=bool(dnc),
            dnc_channels=dnc,
            primary_email=email or "",
            primary_phone=phone or "",
            last_interaction_on=last,
            trashed_at=trashed,
        )
        for cid, name, organization, stage, circles, dnc, last, trashed, email, phone in (
            query.tuples()
        )
    ]


def contact_names(ids) -> dict[int, str]:
    """Display names for a set of ids (for referred-by pickers and references)."""
    ids = list(ids)
    if not ids:
        return {}
    return dict(
        Contact.select(Contact.id, Contact.display_name).where(Contact.id.in_(ids)).tuples()
    )


def live_contact_ids(ids) -> set[int]:
    """Which of these contacts exist and are not in the Trash."""
    ids = [i for i in ids if i is not None]
    if not ids:
        return set()
    query = Contact.select(Contact.id).where(Contact.id.in_(ids), Contact.trashed_at.is_null())
    return {contact_id for (contact_id,) in query.tuples()}


def trash_count() -> int:
    return Contact.select().where(Contact.trashed_at.is_null(False)).count()


def max_rowid() -> int:
    return Contact.select(fn.coalesce(fn.max(Contact.id), 0)).scalar()


def contact_position(flt: ContactFilter, contact_id: int) -> int | None:
    """Where a contact stands in the list `contact_page` returns, or None when it is not in it."""
    key = _filtered(flt).select(Contact.sort_key).where(Contact.id == contact_id).tuples().first()
    if key is None:
        return None
    before = (Contact.sort_key < key[0]) | (
        (Contact.sort_key == key[0]) & (Contact.id < contact_id)
    )
    return _filtered(flt).where(before).count()


def same_organization(contact_id: int, organization: str) -> list[int]:
    """Other contacts (trashed too) whose organisation is `organization`'s words, any case.

    The search index finds the few contacts with those words in their organisation or
    title; they are then compared whole, words joined by single spaces, case folded.
    """
    expr = match_expression(organization)
    wanted = " ".join(organization.split()).casefold()
    if expr is None or not wanted:
        return []
    within = " AND ".join(f'"organization" : {word}' for word in expr.split(" "))
    candidates = Contact.select(Contact.id, Contact.organization).where(
        Contact.id.in_(
            SQL('(SELECT rowid FROM "contact_search" WHERE "contact_search" MATCH ?)', [within])
        )
        & (Contact.id != contact_id)
    )
    return [
        other_id
        for other_id, theirs in candidates.tuples()
        if theirs and " ".join(theirs.split()).casefold() == wanted
    ]
