"""Property tests for the archive: generated contacts round-trip; random input never crashes."""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gratitude_desktop.io.archive import import_archive, journal_archive
from gratitude_desktop.io.report import ImportRefused
from gratitude_desktop.journal.contacts import sort_key
from gratitude_desktop.journal.methods import match_key
from gratitude_desktop.store import search
from gratitude_desktop.store.enums import Circle, DncChannel, LostReason, MethodKind, Stage
from gratitude_desktop.store.models import TABLES, Contact, ImportBatch

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def wipe() -> None:
    """Empty every table, so each example starts from an empty journal."""
    for model in reversed(TABLES):
        model.delete().execute()
    search.rebuild()


def cleaned(text: str) -> str:
    return text.strip()


letters = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
text = st.text(letters, min_size=1, max_size=30).map(cleaned).filter(bool)
maybe_text = st.none() | text
name = st.text(letters, min_size=1, max_size=30).map(lambda s: " ".join(s.split())).filter(bool)
dates = st.dates().map(lambda d: d.isoformat())
moments = st.datetimes(min_value=__import__("datetime").datetime(1900, 1, 1)).map(
    lambda m: m.replace(microsecond=0).isoformat()
)
partial = (
    st.none()
    | dates
    | st.dates(
        min_value=__import__("datetime").date(2000, 1, 1),
        max_value=__import__("datetime").date(2000, 12, 31),
    ).map(lambda d: d.strftime("--%m-%d"))
)
sorted_words = lambda words: st.lists(st.sampled_from(words), unique=True).map(sorted)  # noqa: E731

email = st.builds(
    lambda local, domain: f"{local}@{domain}.example",
    st.text(string.ascii_lowercase + string.digits + ".", min_size=1, max_size=12),
    st.text(string.ascii_lowercase, min_size=1, max_size=10),
)
phone = st.text(string.digits, min_size=3, max_size=12)


@st.composite
def methods(draw):
    kind = draw(st.sampled_from([k.value for k in MethodKind]))
    value = draw(email if kind == "email" else phone if kind == "phone" else text)
    return {
        "kind": kind,
        "label": draw(st.just("") | text),
        "value": value,
        "primary": False,
        "confirmed_on": draw(st.none() | dates),
        "bad": draw(st.booleans()),
    }


@st.composite
def contacts(draw, index: int, count: int):
    dnc = draw(
        st.none()
        | st.builds(
            lambda channels, since, reason: {
                "since": since,
                "channels": channels,
                "reason": reason,
            },
            st.just(["all"])
            | sorted_words([c.value for c in DncChannel if c != "all"]).filter(bool),
            st.none() | dates,
            maybe_text,
        )
    )
    lost = draw(
        st.none()
        | st.builds(
            lambda reason, since, note: {"since": since, "reason": reason, "note": note},
            st.sampled_from([r.value for r in LostReason]),
            st.none() | dates,
            maybe_text,
        )
    )
    others = [f"k{i}" for i in range(count) if i != index]
    record = {"id": f"k{index}", "display_name": draw(name)}
    for field in (
        "prefix",
        "given_name",
        "middle_name",
        "family_name",
        "suffix",
        "nickname",
        "organization",
        "title",
    ):
        record[field] = draw(maybe_text)
    record.update(
        stage=draw(st.sampled_from([s.value for s in Stage])),
        circles=draw(sorted_words([c.value for c in Circle])),
        met_on=draw(st.none() | dates),
        how_we_met=draw(maybe_text),
        story=draw(maybe_text),
        needs=draw(maybe_text),
        notes=draw(maybe_text),
        birthday=draw(partial),
        anniversary=draw(partial),
        cadence_days=draw(st.none() | st.integers(0, 3650)),
        do_not_contact=dnc,
        lost=lost,
        referred_by=draw(st.none() | st.sampled_from(others)) if others else None,
        trashed=draw(st.booleans()),
        created_at=draw(moments),
        methods=draw(st.lists(methods(), max_size=4)),
    )
    return record


@st.composite
def archives(draw):
    count = draw(st.integers(1, 5))
    return {
        "format": "gratitude-journal",
        "version": 1,
        "contacts": [draw(contacts(i, count)) for i in range(count)],
    }


def normalised(archive: dict) -> list[dict]:
    """Contacts with file ids replaced by their position, which is all that must survive."""
    position = {c["id"]: i for i, c in enumerate(archive["contacts"])}
    out = []
    for contact in archive["contacts"]:
        contact = dict(contact, id=position[contact["id"]])
        if contact["referred_by"] is not None:
            contact["referred_by"] = position[contact["referred_by"]]
        out.append(contact)
    return out


@SETTINGS
@given(archive=archives())
def test_generated_contacts_round_trip_unchanged(journal, tmp_path, archive):
    wipe()
    path = tmp_path / "gen.json"
    path.write_text(json.dumps(archive), encoding="utf-8")
    report = import_archive(path)
    assert report.created == len(archive["contacts"])
    assert normalised(journal_archive()) == normalised(archive)


def match_keys(contact: dict) -> set[tuple[str, str]]:
    keys = {("name", sort_key(contact["display_name"]))}
    for method in contact["methods"]:
        if method["kind"] in ("email", "phone"):
            keys.add((method["kind"], match_key(method["kind"], method["value"])))
    return keys


@SETTINGS
@given(archive=archives())
def test_importing_the_same_archive_again_changes_nothing(journal, tmp_path, archive):
    everyone = [match_keys(c) for c in archive["contacts"]]
    assume(all(not (a & b) for i, a in enumerate(everyone) for b in everyone[i + 1 :]))
    wipe()
    path = tmp_path / "gen.json"
    path.write_text(json.dumps(archive), encoding="utf-8")
    import_archive(path)
    first = normalised(journal_archive())
    report = import_archive(path)
    assert (report.created, report.merged) == (0, len(archive["contacts"]))
    assert normalised(journal_archive()) == first


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
contact_keys = st.sampled_from(
    [
        "id",
        "display_name",
        "stage",
        "circles",
        "birthday",
        "methods",
        "referred_by",
        "trashed",
        "do_not_contact",
        "lost",
        "cadence_days",
        "created_at",
        "met_on",
        "junk",
    ]
)
record_keys = st.sampled_from(
    [
        "contact",
        "at",
        "channel",
        "direction",
        "purpose",
        "offering",
        "made_on",
        "what",
        "status",
        "person",
        "by",
        "to",
        "on",
        "until",
        "id",
        "name",
        "title",
        "metric",
        "target",
        "period",
        "rank",
    ]
)
near_archives = st.fixed_dictionaries(
    {"format": st.just("gratitude-journal") | json_values, "version": st.just(1) | json_values},
    optional={
        section: st.lists(
            st.dictionaries(
                contact_keys if section == "contacts" else record_keys,
                json_values | st.sampled_from(["c1", "o1", "call", "2026-01-01"]),
            ),
            max_size=3,
        )
        | json_values
        for section in (
            "contacts",
            "interactions",
            "promises",
            "referrals",
            "offerings",
            "purchases",
            "goals",
            "snoozes",
        )
    },
)


def import_or_refuse(path) -> None:
    before = Contact.select().count(), ImportBatch.select().count()
    try:
        import_archive(path)
    except ImportRefused as refused:
        assert str(refused).startswith(str(path))
        assert (Contact.select().count(), ImportBatch.select().count()) == before


@SETTINGS
@given(payload=near_archives)
def test_random_json_is_imported_or_cleanly_refused(journal, tmp_path, payload):
    wipe()
    path = tmp_path / "random.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    import_or_refuse(path)


@SETTINGS
@given(payload=st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()))
def test_random_bytes_are_imported_or_cleanly_refused(journal, tmp_path, payload):
    wipe()
    path = tmp_path / "random.json"
    path.write_bytes(payload)
    import_or_refuse(path)


@pytest.mark.parametrize("depth", [5000])
def test_deeply_nested_json_is_refused_not_crashed(journal, tmp_path, depth):
    path = tmp_path / "deep.json"
    path.write_text("[" * depth + "]" * depth)
    with pytest.raises(ImportRefused):
        import_archive(path)
