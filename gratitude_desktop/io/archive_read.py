"""Reading the journal archive (docs/ARCHIVE.md): parse and check everything before writing.

Long because every field of every record of ARCHIVE.md is checked, with a message naming it.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from gratitude_desktop.io.encoding import read_file_bytes
from gratitude_desktop.io.report import ImportRefused
from gratitude_desktop.journal.contacts import ContactData, MethodData, validate
from gratitude_desktop.journal.dates import DateProblem, parse_partial_date
from gratitude_desktop.journal.interactions import GREETING_PURPOSES
from gratitude_desktop.journal.photos import photo_problem
from gratitude_desktop.journal.tags import clean_name, name_problem
from gratitude_desktop.store.enums import (
    Channel,
    Circle,
    Direction,
    DncChannel,
    GoalPeriod,
    LostReason,
    MethodKind,
    PromiseDirection,
    PromiseStatus,
    Purpose,
    RelationshipKind,
    Stage,
)

FORMAT = "gratitude-journal"
VERSION = 1


def _fields(text: str) -> frozenset[str]:
    return frozenset(text.split())


SECTIONS = ("contacts", "interactions", "promises", "referrals")
SECTIONS += ("offerings", "purchases", "goals", "snoozes", "tags")
_TOP_FIELDS = {"format", "version", "exported_at", *SECTIONS}
NAME_FIELDS = ("prefix", "given_name", "middle_name", "family_name", "suffix", "nickname")
PLAIN_FIELDS = ("organization", "title", "how_we_met", "story", "needs", "notes")
_CONTACT_FIELDS = {"id", "display_name", *NAME_FIELDS, *PLAIN_FIELDS} | _fields(
    "stage circles met_on birthday anniversary cadence_days do_not_contact lost referred_by "
    "trashed created_at methods tags relationships photo"
)
_METHOD_FIELDS = _fields("kind label value primary confirmed_on bad")
_INTERACTION_FIELDS = _fields(
    "contact at channel direction purpose summary notes next_step_on offering override_reason"
)
_PROMISE_FIELDS = _fields(
    "id contact direction what made_on due_on status blocked_reason done_on nudged_on nudges "
    "replaces"
)
_REFERRAL_FIELDS = _fields("by person to on outcome thanked_on")
_OFFERING_FIELDS = _fields("id name active")
_PURCHASE_FIELDS = _fields("contact offering since until recurring")
_GOAL_FIELDS = _fields("title metric target period rank milestones tally done review_on reviews")
_REVIEW_FIELDS = _fields("on note")
MANUAL_METRIC = "manual"  # a goal the user tallies by hand (journal.goals)
_MILESTONE_FIELDS = _fields("target due_on note")
_SNOOZE_FIELDS = {"contact", "until"}
_TAG_FIELDS = {"name", "color"}
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")


@dataclass
class ArchiveContact:
    """One contact read from an archive: its file id, its data, and whom it points at."""

    ref: str | None
    data: ContactData  # referred_by is left None: `referred_by` holds the file id
    referred_by: str | None = None
    trashed: bool = False
    tags: list[str] = field(default_factory=list)
    # (kind, file id of the other contact): the other is this contact's <kind>
    relationships: list[tuple[str, str]] = field(default_factory=list)
    photo: bytes | None = None


@dataclass
class ArchiveData:
    """A whole archive, read and checked; records point at contacts by file ids."""

    file: str
    exported_at: str | None = None
    contacts: list[ArchiveContact] = field(default_factory=list)
    offerings: list[dict] = field(default_factory=list)
    interactions: list[dict] = field(default_factory=list)
    promises: list[dict] = field(default_factory=list)
    referrals: list[dict] = field(default_factory=list)
    purchases: list[dict] = field(default_factory=list)
    goals: list[dict] = field(default_factory=list)
    # {"goal": the goal's title, "target", "due_on", "note"} (goals are told apart by title)
    goal_milestones: list[dict] = field(default_factory=list)
    # {"goal": the goal's title, "on", "note"}
    goal_reviews: list[dict] = field(default_factory=list)
    # (index in promises, index of the broken promise it replaces)
    promise_links: list[tuple[int, int]] = field(default_factory=list)
    snoozes: list[dict] = field(default_factory=list)
    tag_colors: dict[str, str] = field(default_factory=dict)  # tag name -> "#rrggbb"
    warnings: list[str] = field(default_factory=list)


_VOCABULARIES: dict[type, frozenset[str]] = {}


def _vocabulary(words: type) -> frozenset[str]:
    known = _VOCABULARIES.get(words)
    if known is None:
        known = _VOCABULARIES[words] = frozenset(w.value for w in words)
    return known


class _Record:
    """Typed reads of one JSON object that refuse the file naming the record and field."""

    def __init__(self, file: str, name: str, obj: object, known: set[str], warnings: list[str]):
        self.file, self.name = file, name
        if not isinstance(obj, dict):
            raise ImportRefused(file, f"{name} is not an object.")
        self.obj = obj
        for key in obj:
            if key not in known:
                warnings.append(f"{name}: unknown field “{key}” ignored.")

    def refuse(self, field: str, message: str) -> ImportRefused:
        return ImportRefused(self.file, f"{self.name}: {message}", field=field)

    def _get(self, key: str, required: bool):
        value = self.obj.get(key)
        if value is None and required:
            raise self.refuse(key, f"“{key}” is required.")
        return value

    def text(self, key: str, required: bool = False, obj: dict | None = None) -> str:
        value = (obj if obj is not None else self.obj).get(key)
        if value is None:
            if required:
                raise self.refuse(key, f"“{key}” is required.")
            return ""
        if not isinstance(value, str):
            raise self.refuse(key, f"“{key}” must be text.")
        if "\x00" in value:
            raise self.refuse(key, f"“{key}” contains a NUL character.")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise self.refuse(key, f"“{key}” is not valid Unicode text.") from None
        if required and not value.strip():
            raise self.refuse(key, f"“{key}” is empty.")
        return value

    def word(self, key: str, words: type, required: bool = True) -> str:
        value = self._get(key, required)
        return "" if value is None else self.check_word(key, words, value)

    def check_word(self, key: str, words: type, value: object) -> str:
        if not isinstance(value, str) or value not in _vocabulary(words):
            allowed = ", ".join(w.value for w in words)
            shown = json.dumps(value, ensure_ascii=False)
            raise self.refuse(key, f"{shown} is not a known “{key}” (one of: {allowed}).")
        return value

    def date(self, key: str, required: bool = False, obj: dict | None = None) -> dt.date | None:
        value = (obj if obj is not None else self.obj).get(key)
        if value is None:
            if required:
                raise self.refuse(key, f"“{key}” is required.")
            return None
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.refuse(
            key, f"{json.dumps(value, ensure_ascii=False)} is not a date (use YYYY-MM-DD)."
        )

    def moment(self, key: str, required: bool = False) -> dt.datetime | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, str) and _ISO_MOMENT.fullmatch(value):
            try:
                moment = dt.datetime.fromisoformat(value)
                if moment.tzinfo is not None:  # stored as local time, like everything else
                    moment = moment.astimezone().replace(tzinfo=None)
                return moment.replace(microsecond=0)
            except (ValueError, OverflowError, OSError):
                pass
        raise self.refuse(
            key,
            f"{json.dumps(value, ensure_ascii=False)} is not a moment (use YYYY-MM-DDTHH:MM:SS).",
        )

    def partial_date(self, key: str) -> str:
        value = self.text(key)
        try:
            parsed = parse_partial_date(value, field=key)
        except DateProblem as problem:
            raise self.refuse(key, str(problem)) from None
        return str(parsed) if parsed else ""

    def boolean(self, key: str, default: bool = False, obj: dict | None = None) -> bool:
        value = (obj if obj is not None else self.obj).get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.refuse(key, f"“{key}” must be true or false.")
        return value

    def integer(self, key: str, low: int, high: int, default: int | None = None) -> int | None:
        value = self.obj.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.refuse(key, f"“{key}” must be a whole number from {low} to {high}.")
        return value

    def number(self, key: str) -> float:
        value = self._get(key, True)
        try:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError
            number = float(value)
        except (TypeError, OverflowError):
            raise self.refuse(key, f"“{key}” must be a number.") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise self.refuse(key, f"“{key}” must be a finite number.")
        return number

    def ref(self, key: str, known: dict, required: bool = True) -> str | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise self.refuse(key, f"“{key}” must be an id.")
        if str(value) not in known:
            raise self.refuse(key, f"“{value}” is not the id of any record in this file.")
        return str(value)


def _section(file: str, archive: dict, name: str) -> list:
    value = archive.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ImportRefused(file, f"“{name}” must be a list.", field=name)
    return value


_PROBLEM_FIELDS = {
    "dnc_channels": "do_not_contact.channels",
    "lost_reason": "lost.reason",
}


def _read_contact(rec: _Record, warnings: list[str]) -> ArchiveContact:
    values: dict = {"display_name": rec.text("display_name")}
    for name in (*NAME_FIELDS, *PLAIN_FIELDS):
        values[name] = rec.text(name)
    values["stage"] = rec.word("stage", Stage, required=False) or Stage.ACQUAINTANCE.value
    circles = rec.obj.get("circles") or []
    if not isinstance(circles, list):
        raise rec.refuse("circles", "“circles” must be a list of words.")
    values["circles"] = tuple(rec.check_word("circles", Circle, c) for c in circles)
    values["met_on"] = rec.date("met_on")
    values["birthday"] = rec.partial_date("birthday")
    values["anniversary"] = rec.partial_date("anniversary")
    values["cadence_days"] = rec.integer("cadence_days", 0, 3650)
    dnc = rec.obj.get("do_not_contact")
    if dnc is not None:
        sub = _Record(
            rec.file, f"{rec.name} do_not_contact", dnc, {"since", "channels", "reason"}, warnings
        )
        channels = dnc.get("channels")
        if not isinstance(channels, list) or not channels:
            raise rec.refuse("do_not_contact", "“do_not_contact” needs a list of channels.")
        values["dnc_channels"] = tuple(
            rec.check_word("do_not_contact.channels", DncChannel, c) for c in channels
        )
        values["dnc_since"] = sub.date("since")
        values["dnc_reason"] = sub.text("reason")
    lost = rec.obj.get("lost")
    if lost is not None:
        sub = _Record(rec.file, f"{rec.name} lost", lost, {"since", "reason", "note"}, warnings)
        if lost.get("reason") is None:
            raise rec.refuse("lost.reason", "“lost” needs a reason (or “unknown”).")
        values["lost_reason"] = rec.check_word("lost.reason", LostReason, lost["reason"])
        values["lost_since"] = sub.date("since")
        values["lost_note"] = sub.text("note")
    methods = rec.obj.get("methods") or []
    if not isinstance(methods, list):
        raise rec.refuse("methods", "“methods” must be a list.")
    values["methods"] = []
    for index, item in enumerate(methods):
        sub = _Record(rec.file, f"{rec.name} methods[{index}]", item, _METHOD_FIELDS, warnings)
        values["methods"].append(
            MethodData(
                kind=sub.word("kind", MethodKind),
                value=sub.text("value", required=True),
                label=sub.text("label"),
                primary=sub.boolean("primary"),
                confirmed_on=sub.date("confirmed_on"),
                bad=sub.boolean("bad"),
            )
        )
    values["created_at"] = rec.moment("created_at")
    data = ContactData(**values)
    problems = validate(data)  # referred_by is None here, so this reads nothing
    if problems:
        first = problems[0]
        raise rec.refuse(_PROBLEM_FIELDS.get(first.field, first.field), first.message)
    return ArchiveContact(
        ref=None,
        data=data,
        trashed=rec.boolean("trashed"),
        tags=_read_tags(rec),
        photo=_read_photo(rec, warnings),
    )


def _read_tags(rec: _Record) -> list[str]:
    tags = rec.obj.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise rec.refuse("tags", "“tags” must be a list of names.")
    for tag in tags:
        problem = name_problem(tag)
        if problem:
            raise rec.refuse("tags", f"{json.dumps(tag, ensure_ascii=False)}: {problem}")
    return list(dict.fromkeys(clean_name(t) for t in tags))


def _read_photo(rec: _Record, warnings: list[str]) -> bytes | None:
    photo = rec.obj.get("photo")
    if photo is None:
        return None
    sub = _Record(rec.file, f"{rec.name} photo", photo, {"type", "data"}, warnings)
    try:
        data = base64.b64decode(sub.text("data", required=True), validate=True)
    except (binascii.Error, ValueError):
        raise rec.refuse("photo.data", "“photo.data” is not base64.") from None
    problem = photo_problem(data)
    if problem:
        raise rec.refuse("photo.data", problem)
    return data


def _read_relationships(rec: _Record, contacts: dict, warnings: list[str]) -> list[tuple[str, str]]:
    links = rec.obj.get("relationships") or []
    if not isinstance(links, list):
        raise rec.refuse("relationships", "“relationships” must be a list.")
    out = []
    for index, obj in enumerate(links):
        sub = _Record(
            rec.file, f"{rec.name} relationships[{index}]", obj, {"kind", "with"}, warnings
        )
        kind = sub.word("kind", RelationshipKind)
        other = sub.ref("with", contacts)
        if other == rec.obj.get("id") or other == str(rec.obj.get("id")):
            raise sub.refuse("with", "A contact cannot be related to themselves.")
        out.append((kind, other))
    return out


def _contact_name(obj: object, index: int) -> str:
    name = obj.get("display_name") if isinstance(obj, dict) else None
    if isinstance(name, str) and name.strip():
        shown = " ".join(name.split())[:60]
        return f"contacts[{index}] ({shown})"
    return f"contacts[{index}]"


def parse_archive(archive: object, file: str | Path = "archive") -> ArchiveData:
    """Check a decoded archive completely; raises ImportRefused before anything is written."""
    file = str(file)
    if not isinstance(archive, dict):
        raise ImportRefused(
            file, "This is JSON, but not a Gratitude journal archive (not an object)."
        )
    if archive.get("format") != FORMAT:
        raise ImportRefused(
            file,
            f"This JSON is not a Gratitude journal archive (“format” is not “{FORMAT}”).",
            field="format",
        )
    version = archive.get("version")
    if isinstance(version, bool) or version != VERSION or not isinstance(version, int):
        raise ImportRefused(
            file,
            f"This archive is version {json.dumps(version)}; this Gratitude reads version "
            f"{VERSION}. Nothing was imported.",
            field="version",
        )
    out = ArchiveData(file=file)
    warnings = out.warnings
    for key in archive:
        if key not in _TOP_FIELDS:
            warnings.append(f"unknown field “{key}” ignored.")
    top = _Record(file, "archive", archive, _TOP_FIELDS, [])
    exported = top.moment("exported_at")
    out.exported_at = archive.get("exported_at") if exported else None

    contacts: dict[str, int] = {}
    raw_contacts = _section(file, archive, "contacts")
    for index, obj in enumerate(raw_contacts):
        rec = _Record(file, _contact_name(obj, index), obj, _CONTACT_FIELDS, warnings)
        contact = _read_contact(rec, warnings)
        if obj.get("id") is not None:
            ref = obj["id"]
            if isinstance(ref, bool) or not isinstance(ref, str | int) or str(ref) == "":
                raise rec.refuse("id", "“id” must be a non-empty string.")
            if str(ref) in contacts:
                raise rec.refuse("id", f"the id “{ref}” is used by another contact too.")
            contact.ref = str(ref)
            contacts[contact.ref] = index
        out.contacts.append(contact)
    for index, (obj, contact) in enumerate(zip(raw_contacts, out.contacts, strict=True)):
        rec = _Record(file, _contact_name(obj, index), obj, _CONTACT_FIELDS, [])
        contact.referred_by = rec.ref("referred_by", contacts, required=False)
        if contact.referred_by is not None and contact.referred_by == contact.ref:
            raise rec.refuse("referred_by", "A contact cannot be referred by themselves.")
        contact.relationships = _read_relationships(rec, contacts, warnings)

    def records(section: str, known: set[str]):
        for index, obj in enumerate(_section(file, archive, section)):
            yield _Record(file, f"{section}[{index}]", obj, known, warnings)

    offerings: dict[str, int] = {}
    names: set[str] = set()
    for rec in records("offerings", _OFFERING_FIELDS):
        name = rec.text("name", required=True).strip()
        if name in names:
            raise rec.refuse("name", f"the offering “{name}” is listed twice.")
        names.add(name)
        ref = rec.obj.get("id")
        if isinstance(ref, bool) or not isinstance(ref, str | int) or str(ref) in offerings:
            raise rec.refuse("id", "every offering needs its own id.")
        offerings[str(ref)] = len(out.offerings)
        out.offerings.append(
            {"ref": str(ref), "name": name, "active": rec.boolean("active", default=True)}
        )
    for rec in records("interactions", _INTERACTION_FIELDS):
        item = {
            "contact": rec.ref("contact", contacts),
            "at": rec.moment("at", required=True),
            "channel": rec.word("channel", Channel),
            "direction": rec.word("direction", Direction),
            "purpose": rec.word("purpose", Purpose),
            "summary": rec.text("summary").strip(),
            "notes": rec.text("notes").strip(),
            "next_step_on": rec.date("next_step_on"),
            "offering": rec.ref("offering", offerings, required=False),
            "override_reason": rec.text("override_reason").strip() or None,
        }
        if item["purpose"] in GREETING_PURPOSES and item["offering"] is not None:
            raise rec.refuse("offering", "A greeting or thank-you never carries an offer.")
        out.interactions.append(item)
    promise_ids = {
        str(obj["id"]): n
        for n, obj in enumerate(_section(file, archive, "promises"))
        if isinstance(obj, dict) and isinstance(obj.get("id"), str | int)
    }
    for rec in records("promises", _PROMISE_FIELDS):
        replaces = rec.ref("replaces", promise_ids, required=False)
        if replaces is not None:
            out.promise_links.append((len(out.promises), promise_ids[replaces]))
        out.promises.append(
            {
                "contact": rec.ref("contact", contacts),
                "direction": rec.word("direction", PromiseDirection),
                "what": rec.text("what", required=True).strip(),
                "made_on": rec.date("made_on", required=True),
                "due_on": rec.date("due_on"),
                "status": rec.word("status", PromiseStatus, required=False)
                or PromiseStatus.OPEN.value,
                "blocked_reason": rec.text("blocked_reason").strip() or None,
                "done_on": rec.date("done_on"),
                "nudged_on": rec.date("nudged_on"),
                "nudges": rec.integer("nudges", 0, 10_000, default=0)
                or (1 if rec.obj.get("nudged_on") else 0),
            }
        )
    for rec in records("referrals", _REFERRAL_FIELDS):
        item = {
            "by": rec.ref("by", contacts, required=False),
            "person": rec.ref("person", contacts),
            "to": rec.ref("to", contacts, required=False),
            "on": rec.date("on", required=True),
            "outcome": rec.text("outcome").strip() or None,
            "thanked_on": rec.date("thanked_on"),
        }
        out.referrals.append(item)
    for rec in records("purchases", _PURCHASE_FIELDS):
        out.purchases.append(
            {
                "contact": rec.ref("contact", contacts),
                "offering": rec.ref("offering", offerings),
                "since": rec.date("since"),
                "until": rec.date("until"),
                "recurring": rec.boolean("recurring"),
            }
        )
    for rec in records("goals", _GOAL_FIELDS):
        metric = rec.text("metric", required=True).strip()
        # A manual goal without a target is done or not (ARCHIVE.md); with one, a tally.
        checked = metric == MANUAL_METRIC and rec.obj.get("target") is None
        goal = {
            "title": rec.text("title", required=True).strip(),
            "metric": metric,
            "target": 1.0 if checked else rec.number("target"),
            "period": rec.word("period", GoalPeriod),
            "rank": rec.integer("rank", -(2**31), 2**31, default=0),
            "tally": None,
            "done": rec.boolean("done") if checked else None,
            "review_on": rec.date("review_on"),
        }
        if metric == MANUAL_METRIC and not checked:
            goal["tally"] = rec.number("tally") if rec.obj.get("tally") is not None else 0.0
        out.goals.append(goal)
        reviews = rec.obj.get("reviews") or []
        if not isinstance(reviews, list):
            raise rec.refuse("reviews", "“reviews” must be a list.")
        for n, obj in enumerate(reviews, start=1):
            rrec = _Record(rec.file, f"{rec.name}, review {n}", obj, _REVIEW_FIELDS, warnings)
            out.goal_reviews.append(
                {
                    "goal": goal["title"],
                    "on": rrec.date("on", required=True),
                    "note": rrec.text("note").strip(),
                }
            )
        milestones = rec.obj.get("milestones") or []
        if not isinstance(milestones, list):
            raise rec.refuse("milestones", "“milestones” must be a list.")
        for n, obj in enumerate(milestones, start=1):
            mrec = _Record(rec.file, f"{rec.name}, milestone {n}", obj, _MILESTONE_FIELDS, warnings)
            out.goal_milestones.append(
                {
                    "goal": out.goals[-1]["title"],
                    "target": mrec.number("target"),
                    "due_on": mrec.date("due_on", required=True),
                    "note": mrec.text("note").strip(),
                }
            )
    snoozed: set[str] = set()
    for rec in records("snoozes", _SNOOZE_FIELDS):
        contact = rec.ref("contact", contacts)
        if contact in snoozed:
            raise rec.refuse("contact", "this contact is snoozed twice.")
        snoozed.add(contact)
        out.snoozes.append({"contact": contact, "until": rec.date("until", required=True)})
    for rec in records("tags", _TAG_FIELDS):
        name = clean_name(rec.text("name", required=True))
        color = rec.text("color", required=True)
        if not _COLOR.fullmatch(color):
            raise rec.refuse("color", "“color” must be #rrggbb.")
        out.tag_colors[name] = color.lower()
    return out


def read_archive(path: Path) -> ArchiveData:
    """Read and check an archive file; raises ImportRefused (naming record and field) if bad."""
    path = Path(path)
    raw = read_file_bytes(path)  # only regular files, of a sane size
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            path, f"This is not a UTF-8 JSON archive (byte {error.start} is not UTF-8)."
        ) from None
    try:
        archive = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRefused(
            path,
            f"This is not a JSON file ({error.msg} at line {error.lineno}, column {error.colno}).",
        ) from None
    except RecursionError:
        raise ImportRefused(path, "This JSON is nested too deeply to be an archive.") from None
    except ValueError as error:  # e.g. an integer longer than Python converts (4,300 digits)
        raise ImportRefused(
            path, f"This JSON holds a value that cannot be read: {error}."
        ) from None
    return parse_archive(archive, path)
