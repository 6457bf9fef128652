"""Contacts: validate, save, load, trash and restore — the one way to write a contact.

Long because the contact's whole life is here: its data, checks, rows, load and trash.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from operator import attrgetter

from gratitude_desktop.journal.dates import DateProblem, parse_partial_date, partial_date_text
from gratitude_desktop.journal.methods import (
    DEFAULT_REGION,
    match_key,
    method_problem,
    normalize_phone,
)
from gratitude_desktop.store import search
from gratitude_desktop.store.bulk import insert_rows, insert_tuple, insert_tuples, update_tuples
from gratitude_desktop.store.enums import Circle, DncChannel, LostReason, Stage
from gratitude_desktop.store.models import NAME_PARTS, Contact, ContactMethod, StageChange, database

# Built once: validate() runs for every row of a 100,000-row import.
_STAGES = frozenset(Stage)
_CIRCLES = frozenset(Circle)
_DNC_CHANNELS = frozenset(DncChannel)
_LOST_REASONS = frozenset(LostReason)

MAX_CADENCE_DAYS = 3650


# Slotted: an import makes and frees 100,000 contacts and their methods (a third faster
# without a __dict__ each), and no code hangs attributes of its own on them.
@dataclass(slots=True)
class MethodData:
    """One email, phone, website, address or social handle of a contact."""

    kind: str
    value: str
    label: str = ""
    primary: bool = False
    confirmed_on: dt.date | None = None
    bad: bool = False


@dataclass(slots=True)
class ContactData:
    """Every editable field of a contact, as plain values."""

    id: int | None = None
    display_name: str = ""
    prefix: str = ""
    given_name: str = ""
    middle_name: str = ""
    family_name: str = ""
    suffix: str = ""
    nickname: str = ""
    organization: str = ""
    title: str = ""
    stage: str = Stage.ACQUAINTANCE.value
    circles: tuple[str, ...] = ()
    met_on: dt.date | None = None
    how_we_met: str = ""
    story: str = ""
    needs: str = ""
    notes: str = ""
    birthday: str = ""  # "YYYY-MM-DD" or "--MM-DD"
    anniversary: str = ""
    cadence_days: int | None = None  # None: default; 0: never
    dnc_since: dt.date | None = None
    dnc_channels: tuple[str, ...] = ()
    dnc_reason: str = ""
    lost_since: dt.date | None = None
    lost_reason: str = ""
    lost_note: str = ""
    referred_by: int | None = None
    methods: list[MethodData] = field(default_factory=list)
    # Carried from an address book: the importer writes them through journal.tags and
    # journal.photos; save_contact leaves a contact's tags and photo as they are.
    tags: tuple[str, ...] = ()
    photo: bytes | None = None
    # Read-only: kept by the journal.
    created_at: dt.datetime | None = None
    trashed_at: dt.datetime | None = None
    import_batch: int | None = None

    @property
    def do_not_contact(self) -> bool:
        return bool(self.dnc_channels)


# ContactData fields that are no column of the contact (see ContactData).
CARRIED = ("tags", "photo")


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field, in words, for the editor to show beside it."""

    field: str
    message: str


class FieldRefused(ValueError):
    """A write was refused for one reason; `problem` names the field and says why."""

    def __init__(self, problem: FieldProblem):
        self.problem = problem
        super().__init__(problem.message)


class ContactInvalid(ValueError):
    """The contact was not saved; `problems` says which fields and why."""

    def __init__(self, problems: list[FieldProblem]):
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


_TEXT_FIELDS = [
    *NAME_PARTS,
    "organization",
    "title",
    "how_we_met",
    "story",
    "needs",
    "notes",
    "birthday",
    "anniversary",
    "dnc_reason",
    "lost_reason",
    "lost_note",
]


# The columns of contact_rows' rows, in order (Contact / ContactMethod field names).
CONTACT_COLUMNS = (
    "id",
    *_TEXT_FIELDS,
    "sort_key",
    "stage",
    "circles",
    "met_on",
    "cadence_days",
    "dnc_since",
    "dnc_channels",
    "lost_since",
    "referred_by",
    "created_at",
    "updated_at",
    "import_batch",
)
METHOD_COLUMNS = (
    "contact",
    "kind",
    "label",
    "value",
    "match_key",
    "primary",
    "confirmed_on",
    "bad",
    "position",
)


def composed_name(data: ContactData) -> str:
    """The name to show: the one given, else the name parts, organisation, email or phone.

    Spacing is collapsed whichever it comes from, so the name shown is the name a second
    save keeps.
    """
    given = data.display_name
    if given:
        name = " ".join(given.split())  # empty when the name is only spaces, as strip() says
        if name:
            return name
    parts = (data.prefix, data.given_name, data.middle_name, data.family_name, data.suffix)
    name = " ".join([text for p in parts if p and (text := p.strip())])
    if not name:
        if data.nickname.strip():
            name = data.nickname
        elif data.organization.strip():
            name = data.organization
        else:
            name = next(
                (m.value for m in data.methods if m.kind in ("email", "phone") and m.value.strip()),
                "",
            )
    return " ".join(name.split())


def has_name(data: ContactData) -> bool:
    """bool(composed_name(data)), without composing the name: readers ask it of every row."""
    for text in (
        data.display_name,
        data.prefix,
        data.given_name,
        data.middle_name,
        data.family_name,
        data.suffix,
        data.nickname,
        data.organization,
    ):
        if text and not text.isspace():  # isspace() and strip() agree on what a space is
            return True
    for method in data.methods:
        value = method.value
        if (method.kind == "email" or method.kind == "phone") and value and not value.isspace():
            return True
    return False


def sort_key(name: str) -> str:
    """Order names the way people expect: case and accents do not matter."""
    folded = name.casefold()
    if folded.isascii():  # nothing to decompose or strip: most names, at a fraction of the cost
        return folded
    return unicodedata.normalize("NFKD", folded).translate(_UNCOMBINED)


class _Uncombined(dict):
    """A str.translate table that drops combining marks, filled in as characters come."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        if len(self) < 65536:  # bounded, whatever the names hold
            self[code] = kept
        return kept


# translate() looks each character up in C; the generator it replaced cost ~1 µs a name.
_UNCOMBINED = _Uncombined()


def validate(data: ContactData) -> list[FieldProblem]:
    """Every problem with this contact, each naming its field; empty when it may be saved."""
    return _problems(data, composed_name(data))


def _problems(data: ContactData, composed: str, methods: bool = True) -> list[FieldProblem]:
    """validate(), given the contact's composed_name (contact_rows needs it too).

    methods=False leaves the methods unchecked, for callers that checked them already.
    """
    problems: list[FieldProblem] = []
    bad = problems.append
    if not composed:
        bad(FieldProblem("display_name", _NO_NAME))
    if data.stage not in _STAGES:
        bad(FieldProblem("stage", f"“{data.stage}” is not a stage on the ladder."))
    for circle in data.circles:
        if circle not in _CIRCLES:
            bad(FieldProblem("circles", f"“{circle}” is not a circle."))
    for name, text in (("birthday", data.birthday), ("anniversary", data.anniversary)):
        if not text:
            continue
        try:
            if isinstance(text, str):
                partial_date_text(text)  # remembered: the message says "date: …", not the field
            else:
                parse_partial_date(text, field=name)
        except DateProblem as problem:
            bad(FieldProblem(name, str(problem).split(": ", 1)[1]))
    if data.cadence_days is not None and not 0 <= data.cadence_days <= MAX_CADENCE_DAYS:
        bad(FieldProblem("cadence_days", _CADENCE_RANGE))
    channels = data.dnc_channels
    if channels:
        for channel in channels:
            if channel not in _DNC_CHANNELS:
                bad(FieldProblem("dnc_channels", f"“{channel}” is not a channel."))
    elif data.dnc_since or data.dnc_reason.strip():
        bad(FieldProblem("dnc_channels", "Say on which channels they asked not to be contacted."))
    lost = data.lost_reason
    if lost and lost not in _LOST_REASONS:
        bad(FieldProblem("lost_reason", f"“{lost}” is not a reason a customer was lost."))
    if (data.lost_since or data.lost_note.strip()) and not lost:
        bad(FieldProblem("lost_reason", "Say why the customer was lost (or “unknown”)."))
    if data.referred_by is not None:
        if data.id is not None and data.referred_by == data.id:
            bad(FieldProblem("referred_by", "A contact cannot be referred by themselves."))
        elif not Contact.select().where(Contact.id == data.referred_by).exists():
            bad(FieldProblem("referred_by", "The contact who referred them is not in the journal."))
    if methods:
        for index, method in enumerate(data.methods):
            message = method_problem(method.kind, method.value)
            if message:
                bad(FieldProblem(f"methods[{index}]", message))
    return problems


_NO_NAME = "A contact needs a name (or an organisation, email or phone)."
_CADENCE_RANGE = f"Keep-in-touch must be between 1 and {MAX_CADENCE_DAYS} days, or never."


def save_contact(data: ContactData, *, import_batch: int | None = None) -> int:
    """Create or update the contact and its methods in one transaction; returns its id."""
    if data.id is not None:  # an update is what update_contacts does, for one contact
        refused = update_contacts([data])
        if refused:
            raise refused[data.id]
        return data.id
    row, methods = contact_rows(data, None, _now(), batch_id=import_batch)
    with database.atomic():
        contact_id = insert_tuple(Contact, CONTACT_COLUMNS, row)
        insert_tuples(ContactMethod, METHOD_COLUMNS, [(contact_id, *m[1:]) for m in methods])
        search.reindex([contact_id])
    return contact_id


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# What an update writes: every column of contact_rows but the moment it was created and
# the import that brought it.
_UPDATED = [
    i for i, name in enumerate(CONTACT_COLUMNS) if name not in ("created_at", "import_batch")
]
_UPDATED_COLUMNS = [CONTACT_COLUMNS[i] for i in _UPDATED]
_STAGE = CONTACT_COLUMNS.index("stage")


def update_contacts(items: Iterable[ContactData]) -> dict[int, ContactInvalid]:
    """save_contact for many existing contacts at once (imports merging, undo restoring).

    Each is checked and written as contact_rows says, with a few statements per 500
    contacts instead of several per contact. Returns the contacts that were not saved,
    by id, with why. Contacts that no longer exist are skipped. A change of stage is
    noted (the Insights ladder counts them), dated by the save.
    """
    refused: dict[int, ContactInvalid] = {}
    chunk: list[tuple[tuple, list[tuple]]] = []
    now = _now()

    def flush() -> None:
        ids = [row[0] for row, _ in chunk]
        stages = dict(Contact.select(Contact.id, Contact.stage).where(Contact.id.in_(ids)).tuples())
        rows, methods, changes = [], [], []
        for row, method_rows in chunk:
            before = stages.get(row[0])
            if before is None:
                refused[row[0]] = ContactInvalid(
                    [FieldProblem("id", "This contact no longer exists.")]
                )
                continue
            if row[_STAGE] != before:
                changes.append(
                    dict(contact=row[0], from_stage=before, to_stage=row[_STAGE], on=now.date())
                )
            rows.append(tuple(row[i] for i in _UPDATED))
            methods.extend(method_rows)
        update_tuples(Contact, _UPDATED_COLUMNS, rows)
        insert_rows(StageChange, changes)
        ContactMethod.delete().where(ContactMethod.contact.in_(ids)).execute()
        for start in range(0, len(methods), 2000):
            insert_tuples(ContactMethod, METHOD_COLUMNS, methods[start : start + 2000])
        search.reindex(ids)
        chunk.clear()

    with database.atomic():
        for data in items:
            try:
                chunk.append(contact_rows(data, data.id, now))
            except ContactInvalid as invalid:
                refused[data.id] = invalid
                continue
            if len(chunk) >= 500:
                flush()
        if chunk:
            flush()
    return refused


def load_contact(contact_id: int) -> ContactData:
    """Everything about one contact; raises Contact.DoesNotExist when it is gone."""
    row = Contact.get_by_id(contact_id)
    methods = [
        _method_data(m)
        for m in ContactMethod.select()
        .where(ContactMethod.contact == contact_id)
        .order_by(ContactMethod.position, ContactMethod.id)
    ]
    return _contact_data(row, methods)


def load_contacts(contact_ids: Iterable[int]) -> dict[int, ContactData]:
    """Many contacts at once, by id (ids that are gone are left out): two queries per 500."""
    ids = list(dict.fromkeys(contact_ids))
    found: dict[int, ContactData] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        methods: dict[int, list[MethodData]] = {i: [] for i in chunk}
        for m in (
            ContactMethod.select()
            .where(ContactMethod.contact.in_(chunk))
            .order_by(ContactMethod.contact, ContactMethod.position, ContactMethod.id)
        ):
            methods[m.contact_id].append(_method_data(m))
        for row in Contact.select().where(Contact.id.in_(chunk)):
            found[row.id] = _contact_data(row, methods[row.id])
    return found


def _method_data(m: ContactMethod) -> MethodData:
    return MethodData(
        kind=m.kind,
        value=m.value,
        label=m.label,
        primary=m.primary,
        confirmed_on=m.confirmed_on,
        bad=m.bad,
    )


def _contact_data(row: Contact, methods: list[MethodData]) -> ContactData:
    values = {}
    for f in fields(ContactData):
        if f.name in ("methods", *CARRIED):
            continue
        value = getattr(
            row, f.name if f.name not in ("referred_by", "import_batch") else f.name + "_id"
        )
        if f.name in _TEXT_FIELDS:
            value = value or ""
        values[f.name] = value
    return ContactData(**values, methods=methods)


def trash_contacts(contact_ids: Iterable[int], now: dt.datetime | None = None) -> int:
    """Move contacts to the trash (restorable); returns how many moved."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    ids = list(contact_ids)
    with database.atomic():
        return (
            Contact.update(trashed_at=now)
            .where(Contact.id.in_(ids) & Contact.trashed_at.is_null(True))
            .execute()
        )


def restore_contacts(contact_ids: Iterable[int]) -> int:
    """Bring contacts back from the trash; returns how many came back."""
    ids = list(contact_ids)
    with database.atomic():
        return Contact.update(trashed_at=None).where(Contact.id.in_(ids)).execute()


def delete_forever(contact_ids: Iterable[int]) -> int:
    """Delete trashed contacts for good, with their history; live contacts are refused."""
    ids = list(contact_ids)
    with database.atomic():
        doomed = [
            c
            for (c,) in Contact.select(Contact.id)
            .where(Contact.id.in_(ids) & Contact.trashed_at.is_null(False))
            .tuples()
        ]
        count = Contact.delete().where(Contact.id.in_(doomed)).execute()
        search.reindex(doomed)
    return count


def empty_trash() -> int:
    """Delete every trashed contact for good; returns how many."""
    ids = [
        c for (c,) in Contact.select(Contact.id).where(Contact.trashed_at.is_null(False)).tuples()
    ]
    return delete_forever(ids)


_TEXTS = attrgetter(*_TEXT_FIELDS)
_DISPLAY = _TEXT_FIELDS.index("display_name")
_BIRTHDAY = _TEXT_FIELDS.index("birthday")
_ANNIVERSARY = _TEXT_FIELDS.index("anniversary")


def _words(words: Iterable[str]) -> str:
    """A word set as the database keeps it (store.models.WordSetField): ",a,b," or ""."""
    if not words:
        return ""
    found = sorted(set(words))
    return "," + ",".join(found) + "," if found else ""


@functools.lru_cache(maxsize=4)  # one import asks with the same moment 100,000 times
def _stamp(now: dt.datetime) -> str:
    return str(now)


def dnc_channels_kept(channels: Iterable[str]) -> tuple[str, ...]:
    """Do-not-contact channels as the journal keeps them: "all" stands alone, else sorted."""
    found = set(channels)
    return ("all",) if DncChannel.ALL in found else tuple(sorted(found))


def contact_rows(
    data: ContactData,
    contact_id: int | None,
    now: dt.datetime,
    *,
    batch_id: int | None = None,
    methods_checked: bool = False,
) -> tuple[tuple, list[tuple]]:
    """The one way a contact becomes database rows: check it, clean it, and build them.

    Saving, updating, importing and the archive all write what this returns. The contact
    row follows CONTACT_COLUMNS and each method row METHOD_COLUMNS, with the values in the
    form the database keeps (dates as ISO text, word sets as ",a,b,"), ready for
    store.bulk's insert_tuples/update_tuples. Cleaning: text is stripped (empty is NULL),
    the display name composed, dates of birth and anniversary written in full, circles and
    do-not-contact channels kept as sets ("all" stands alone), one primary method per kind.
    `contact_id` None lets the database choose it; created_at is the contact's own, else
    `now`. Raises ContactInvalid naming each bad field. With methods_checked the caller
    vouches that every method passes method_problem (the CSV and vCard readers leave out
    those that do not), and they are not checked again.
    """
    display = composed_name(data)  # once: validate, the row and its sort key all need it
    problems = _problems(data, display, not methods_checked)
    if problems:
        raise ContactInvalid(problems)
    texts = [(v.strip() or None) if v else None for v in _TEXTS(data)]
    texts[_DISPLAY] = display
    for index in (_BIRTHDAY, _ANNIVERSARY):
        if texts[index]:
            texts[index] = partial_date_text(texts[index])
    channels = dnc_channels_kept(data.dnc_channels) if data.dnc_channels else ()
    stamp = _stamp(now)
    created = stamp if data.created_at is None else str(data.created_at)
    met_on, dnc_since, lost_since = data.met_on, data.dnc_since, data.lost_since
    row = (
        contact_id,
        *texts,
        sort_key(display),
        data.stage,
        _words(data.circles),
        None if met_on is None else met_on.isoformat(),
        data.cadence_days,
        None if dnc_since is None else dnc_since.isoformat(),
        _words(channels),
        None if lost_since is None else lost_since.isoformat(),
        data.referred_by,
        created,
        stamp,
        batch_id,
    )
    methods = []
    has_primary: set[str] = set()
    for position, m in enumerate(data.methods):
        kind = m.kind
        primary = bool(m.primary) and kind not in has_primary
        if primary:
            has_primary.add(kind)
        value = m.value.strip()
        # match_key, with its two common kinds written out (the value is already stripped).
        if kind == "email":
            key = value.casefold()
        elif kind == "phone":
            key = normalize_phone(value, DEFAULT_REGION)  # as match_key asks: one cache entry
        else:
            key = match_key(kind, value)
        label = m.label
        methods.append(
            (
                contact_id,
                kind,
                label.strip() if label else "",
                value,
                key,
                primary,
                None if m.confirmed_on is None else m.confirmed_on.isoformat(),
                bool(m.bad),
                position,
            )
        )
    return row, methods
