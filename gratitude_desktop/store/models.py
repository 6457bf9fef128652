"""Peewee models: the whole schema of the journal (docs/DESIGN.md, "Data")."""

from __future__ import annotations

import datetime as dt

from peewee import (
    AutoField,
    BlobField,
    BooleanField,
    CharField,
    CompositeKey,
    DatabaseProxy,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)
from playhouse.sqlite_ext import FTS5Model, RowIDField, SearchField

from gratitude_desktop.store.enums import PromiseStatus, Stage

database = DatabaseProxy()


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class WordSetField(TextField):
    """A small set of vocabulary words stored as ',a,b,' so one LIKE finds a word."""

    def db_value(self, value):
        if value is None:
            return ""
        if isinstance(value, str):
            value = [w for w in value.split(",") if w]
        words = sorted({str(w) for w in value})
        return "," + ",".join(words) + "," if words else ""

    def python_value(self, value):
        if not value:
            return ()
        return tuple(w for w in value.split(",") if w)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class ImportBatch(BaseModel):
    """One import of one file, so it can be reported on and undone."""

    id = AutoField()
    file = TextField()
    flavour = CharField(default="")
    encoding = CharField(default="")
    started_at = DateTimeField(default=_now)
    finished_at = DateTimeField(null=True)
    created = IntegerField(default=0)
    merged = IntegerField(default=0)
    skipped = IntegerField(default=0)
    refused = IntegerField(default=0)
    undone_at = DateTimeField(null=True)


class Contact(BaseModel):
    id = AutoField()
    display_name = TextField()
    sort_key = TextField(index=True)
    prefix = TextField(null=True)
    given_name = TextField(null=True)
    middle_name = TextField(null=True)
    family_name = TextField(null=True)
    suffix = TextField(null=True)
    nickname = TextField(null=True)
    organization = TextField(null=True)
    title = TextField(null=True)
    stage = CharField(default=Stage.ACQUAINTANCE.value)
    circles = WordSetField(default="")
    met_on = DateField(null=True)
    how_we_met = TextField(null=True)
    story = TextField(null=True)
    needs = TextField(null=True)
    notes = TextField(null=True)
    # "YYYY-MM-DD", or "--MM-DD" when the year is unknown (ARCHIVE.md).
    birthday = CharField(null=True)
    anniversary = CharField(null=True)
    cadence_days = IntegerField(null=True)  # None: default for stage/circles; 0: never
    dnc_since = DateField(null=True)
    dnc_channels = WordSetField(default="")  # empty: contact allowed
    dnc_reason = TextField(null=True)
    lost_since = DateField(null=True)
    lost_reason = CharField(null=True)
    lost_note = TextField(null=True)
    referred_by = ForeignKeyField("self", null=True, on_delete="SET NULL", backref="referred")
    # Kept current on every interaction write so "last touch" is a column read.
    last_interaction_on = DateField(null=True, index=True)
    # The next step of the latest interaction (migration 0005), kept current with it.
    next_step_on = DateField(null=True, index=True)
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)
    trashed_at = DateTimeField(null=True, index=True)
    import_batch = ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")

    @property
    def do_not_contact(self) -> bool:
        return bool(self.dnc_channels)


# A contact's name columns, in the order the contact page and the search index use them.
NAME_PARTS = (
    "display_name",
    "prefix",
    "given_name",
    "middle_name",
    "family_name",
    "suffix",
    "nickname",
)

# contact.cadence_effective (migration 0007) is left out of the model on purpose: only
# journal.cadence writes it, so saving a contact loaded earlier never writes back a value
# the settings have since changed. The day a contact goes quiet, as the contact_quiet_on
# index spells it: a query must spell it the same way, constants inline (not bound
# parameters), for SQLite to use the index.
QUIET_ON_SQL = (
    'date(COALESCE("last_interaction_on", "met_on", substr("created_at", 1, 10)), '
    "'+' || \"cadence_effective\" || ' days')"
)


class ContactMethod(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="methods")
    kind = CharField()
    label = CharField(default="")
    value = TextField()
    # Lower-cased email or E.164 phone: what duplicate detection compares.
    match_key = TextField(default="", index=True)
    primary = BooleanField(default=False)
    confirmed_on = DateField(null=True)
    bad = BooleanField(default=False)
    position = IntegerField(default=0)


class Offering(BaseModel):
    id = AutoField()
    name = TextField(unique=True)
    active = BooleanField(default=True)


class Interaction(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="interactions")
    at = DateTimeField()
    channel = CharField()
    direction = CharField()
    purpose = CharField()
    summary = TextField(default="")
    notes = TextField(default="")
    next_step_on = DateField(null=True)
    offering = ForeignKeyField(Offering, null=True, on_delete="SET NULL")
    # Why outreach to a do-not-contact person was logged anyway (outreach guard).
    override_reason = TextField(null=True)
    created_at = DateTimeField(default=_now)

    class Meta:
        indexes = ((("contact", "at"), False), (("purpose", "contact", "at"), False))


class Promise(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="promises")
    direction = CharField()
    what = TextField()
    made_on = DateField()
    due_on = DateField(null=True, index=True)
    status = CharField(default=PromiseStatus.OPEN.value, index=True)
    blocked_reason = TextField(null=True)
    done_on = DateField(null=True)
    # The latest nudge about a promise owed to us, and how many were sent (migration 0008).
    nudged_on = DateField(null=True)
    nudges = IntegerField(default=0)
    # A promise re-dated after it was broken points at the broken one (0008).
    replaces = ForeignKeyField("self", null=True, on_delete="SET NULL", backref="replaced_by")


class Referral(BaseModel):
    id = AutoField()
    # None in by/to means "us" (ARCHIVE.md).
    by = ForeignKeyField(Contact, null=True, on_delete="CASCADE", backref="referrals_made")
    person = ForeignKeyField(Contact, on_delete="CASCADE", backref="referrals_as_person")
    to = ForeignKeyField(Contact, null=True, on_delete="CASCADE", backref="referrals_received")
    on = DateField()
    outcome = TextField(null=True)
    thanked_on = DateField(null=True)


class Purchase(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="purchases")
    offering = ForeignKeyField(Offering, on_delete="CASCADE", backref="purchases")
    since = DateField(null=True)
    until = DateField(null=True)
    recurring = BooleanField(default=False)


class Goal(BaseModel):
    id = AutoField()
    title = TextField()
    metric = CharField()
    target = FloatField()
    period = CharField()
    rank = IntegerField(default=0)
    # A goal tallied by hand (metric "manual", migration 0008): the count so far this
    # period, or, for a done/not-done goal, done (None for every other goal).
    tally = FloatField(null=True)
    done = BooleanField(null=True)
    review_on = DateField(null=True)


class GoalReview(BaseModel):
    """A note written when a goal was reviewed (migration 0008)."""

    id = AutoField()
    goal = ForeignKeyField(Goal, on_delete="CASCADE", backref="reviews")
    on = DateField()
    note = TextField(default="")


class GoalMilestone(BaseModel):
    """An intermediate target of a goal, to reach by a date (migration 0004)."""

    id = AutoField()
    goal = ForeignKeyField(Goal, on_delete="CASCADE", backref="milestones")
    target = FloatField()
    due_on = DateField()
    note = TextField(default="")


class StageChange(BaseModel):
    """A contact moved from one stage to another on a day: the ladder over time (0004)."""

    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="stage_changes")
    from_stage = CharField(null=True)  # None: the contact was created at to_stage
    to_stage = CharField()
    on = DateField()


class Snooze(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="snoozes", unique=True)
    until = DateField()


class ImportChange(BaseModel):
    """What one import did to one contact: created it, or merged into it (with the before)."""

    id = AutoField()
    batch = ForeignKeyField(ImportBatch, on_delete="CASCADE", backref="changes")
    contact = ForeignKeyField(Contact, null=True, on_delete="SET NULL")
    action = CharField()  # "created" | "merged"
    before = TextField(null=True)  # JSON snapshot of the merged contact before the import


class Announcement(BaseModel):
    """An agenda item the tray has already announced, so it is announced once."""

    id = AutoField()
    key = TextField(unique=True)
    announced_at = DateTimeField(default=_now)


class Setting(BaseModel):
    key = CharField(primary_key=True)
    value = TextField()  # JSON


class Tag(BaseModel):
    """A free label the user makes up, with a colour (migration 0009)."""

    id = AutoField()
    name = TextField(unique=True)  # unique whatever its case: COLLATE NOCASE in 0009
    color = CharField()


class ContactTag(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="tag_links")
    tag = ForeignKeyField(Tag, on_delete="CASCADE", backref="contact_links")

    class Meta:
        indexes = ((("contact", "tag"), True),)


class Relationship(BaseModel):
    """`other` is `contact`'s <kind>; stored once, read from both sides (migration 0009)."""

    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="relationships")
    other = ForeignKeyField(Contact, on_delete="CASCADE", backref="relationships_as_other")
    kind = CharField()


class Photo(BaseModel):
    """One small avatar image per contact, kept in the journal (migration 0009)."""

    id = AutoField()
    contact = ForeignKeyField(Contact, unique=True, on_delete="CASCADE", backref="photos")
    mime = CharField()
    data = BlobField()


class ContactSearch(FTS5Model):
    """Full-text index of a contact: names, organisation, emails, phones, notes."""

    rowid = RowIDField()
    names = SearchField()
    organization = SearchField()
    methods = SearchField()
    notes = SearchField()

    class Meta:
        database = database
        table_name = "contact_search"
        # detail=column: migration 0006; search asks for word prefixes, never phrases.
        options = {"tokenize": "unicode61 remove_diacritics 2", "prefix": "2 3", "detail": "column"}


class Captured(BaseModel):
    """An interaction a capture scan logged: where it came from, so it is logged once (0010)."""

    id = AutoField()
    interaction = ForeignKeyField(Interaction, unique=True, on_delete="CASCADE")
    contact = ForeignKeyField(Contact, on_delete="CASCADE")
    batch = ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")
    source = TextField()
    key = TextField()  # Message-ID (or a digest of the headers), or event UID + start
    flagged = BooleanField(default=False)  # outbound email to someone who said no
    flag_seen_at = DateTimeField(null=True)


class CaptureSource(BaseModel):
    """What a scan has read of one mail or calendar source, as JSON (0010)."""

    key = TextField(primary_key=True)
    state = TextField()
    updated_at = DateTimeField(default=_now)


class CorrespondentMessage(BaseModel):
    """A personal message the user sent to an address not in the journal (0010)."""

    address_key = TextField()
    message_key = TextField()
    address = TextField()
    name = TextField(default="")
    at = DateTimeField()

    class Meta:
        primary_key = CompositeKey("address_key", "message_key")
        without_rowid = True


class CorrespondentDismissed(BaseModel):
    """An address the user said is not someone to add (0010)."""

    address_key = TextField(primary_key=True)
    at = DateTimeField(default=_now)


class InteractionSearch(FTS5Model):
    """Full-text index of every interaction's summary and notes, kept by triggers (0009)."""

    rowid = RowIDField()
    summary = SearchField()
    notes = SearchField()

    class Meta:
        database = database
        table_name = "interaction_search"
        options = {
            "content": "interaction",
            "content_rowid": "id",
            "tokenize": "unicode61 remove_diacritics 2",
            "prefix": "2 3",
            "detail": "column",
        }


TABLES = [
    ImportBatch,
    Contact,
    ContactMethod,
    Offering,
    Interaction,
    Promise,
    Referral,
    Purchase,
    Goal,
    GoalMilestone,
    GoalReview,
    StageChange,
    Snooze,
    ImportChange,
    Announcement,
    Setting,
    Captured,
    CaptureSource,
    CorrespondentMessage,
    CorrespondentDismissed,
    Tag,
    ContactTag,
    Relationship,
    Photo,
]
