"""Writing the journal archive (docs/ARCHIVE.md): the whole journal as one JSON document."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import tempfile
from pathlib import Path

from gratitude_desktop.io.archive_read import FORMAT, NAME_FIELDS, VERSION
from gratitude_desktop.journal.photos import photos_by_contact
from gratitude_desktop.journal.relationships import all_links
from gratitude_desktop.journal.tags import all_tags, tag_names_by_contact
from gratitude_desktop.paths import make_private_file
from gratitude_desktop.store.models import (
    Contact,
    ContactMethod,
    Goal,
    GoalMilestone,
    GoalReview,
    Interaction,
    Offering,
    Promise,
    Purchase,
    Referral,
    Snooze,
)


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: dt.datetime | None) -> str | None:
    return value.replace(microsecond=0).isoformat() if value else None


def _contact_record(
    row: dict, methods: list[dict], ref: dict[int, object], extra: dict[str, dict]
) -> dict:
    record = {"id": ref[row["id"]], "display_name": row["display_name"]}
    for name in (*NAME_FIELDS, "organization", "title"):
        record[name] = row[name]
    record.update(
        stage=row["stage"],
        circles=list(row["circles"]),
        met_on=_date(row["met_on"]),
        how_we_met=row["how_we_met"],
        story=row["story"],
        needs=row["needs"],
        notes=row["notes"],
        birthday=row["birthday"],
        anniversary=row["anniversary"],
        cadence_days=row["cadence_days"],
        do_not_contact=(
            {
                "since": _date(row["dnc_since"]),
                "channels": list(row["dnc_channels"]),
                "reason": row["dnc_reason"],
            }
            if row["dnc_channels"]
            else None
        ),
        lost=(
            {
                "since": _date(row["lost_since"]),
                "reason": row["lost_reason"],
                "note": row["lost_note"],
            }
            if row["lost_reason"]
            else None
        ),
        referred_by=ref.get(row["referred_by"]) if row["referred_by"] else None,
        trashed=row["trashed_at"] is not None,
        created_at=_moment(row["created_at"]),
        methods=[
            {
                "kind": m["kind"],
                "label": m["label"],
                "value": m["value"],
                "primary": bool(m["primary"]),
                "confirmed_on": _date(m["confirmed_on"]),
                "bad": bool(m["bad"]),
            }
            for m in methods
        ],
    )
    # Written only when the contact has them: an older file simply lacks them.
    cid = row["id"]
    if cid in extra["tags"]:
        record["tags"] = extra["tags"][cid]
    if cid in extra["relationships"]:
        record["relationships"] = [
            {"kind": kind, "with": ref[other]} for kind, other in extra["relationships"][cid]
        ]
    if cid in extra["photos"]:
        photo = extra["photos"][cid]
        record["photo"] = {"type": photo.mime, "data": base64.b64encode(photo.data).decode()}
    return record


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _goal(g: dict, milestones: list[dict], reviews: list[dict]) -> dict:
    """A goal record; "milestones", "reviews" and the manual fields only when it has them."""
    record = {
        "title": g["title"],
        "metric": g["metric"],
        "target": _number(g["target"]),
        "period": g["period"],
        "rank": g["rank"],
    }
    if g["done"] is not None:  # a done/not-done goal has no target (ARCHIVE.md)
        del record["target"]
        record["done"] = bool(g["done"])
    elif g["tally"] is not None:
        record["tally"] = _number(g["tally"])
    if g["review_on"] is not None:
        record["review_on"] = _date(g["review_on"])
    if reviews:
        record["reviews"] = [{"on": _date(r["on"]), "note": r["note"]} for r in reviews]
    if milestones:
        record["milestones"] = [
            {"target": _number(m["target"]), "due_on": _date(m["due_on"]), "note": m["note"]}
            for m in milestones
        ]
    return record


def journal_archive(now: dt.datetime | None = None) -> dict:
    """The whole open journal as an archive dict (what export_archive writes)."""
    now = now or dt.datetime.now(dt.UTC)
    contacts = list(Contact.select().order_by(Contact.id).dicts())
    ref: dict[int, object] = {c["id"]: f"c{i}" for i, c in enumerate(contacts, 1)}
    offerings = list(Offering.select().order_by(Offering.id).dicts())
    oref = {o["id"]: f"o{i}" for i, o in enumerate(offerings, 1)}
    methods: dict[int, list[dict]] = {}
    for method in (
        ContactMethod.select()
        .order_by(ContactMethod.contact, ContactMethod.position, ContactMethod.id)
        .dicts()
    ):
        methods.setdefault(method["contact"], []).append(method)
    links: dict[int, list[tuple[str, int]]] = {}
    for link in all_links():
        links.setdefault(link.contact_id, []).append((link.kind, link.other_id))
    extra = {"tags": tag_names_by_contact(), "relationships": links, "photos": photos_by_contact()}
    milestones: dict[int, list[dict]] = {}
    for m in GoalMilestone.select().order_by(GoalMilestone.due_on, GoalMilestone.id).dicts():
        milestones.setdefault(m["goal"], []).append(m)
    reviews: dict[int, list[dict]] = {}
    for r in GoalReview.select().order_by(GoalReview.on, GoalReview.id).dicts():
        reviews.setdefault(r["goal"], []).append(r)
    promises = list(Promise.select().order_by(Promise.id).dicts())
    pref = {p["id"]: f"p{i}" for i, p in enumerate(promises, 1)}
    archive = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "contacts": [_contact_record(c, methods.get(c["id"], []), ref, extra) for c in contacts],
        "interactions": [
            {
                "contact": ref[i["contact"]],
                "at": _moment(i["at"]),
                "channel": i["channel"],
                "direction": i["direction"],
                "purpose": i["purpose"],
                "summary": i["summary"],
                "notes": i["notes"],
                "next_step_on": _date(i["next_step_on"]),
                "offering": oref.get(i["offering"]),
                "override_reason": i["override_reason"],
            }
            for i in Interaction.select().order_by(Interaction.id).dicts()
        ],
        "promises": [
            {
                "id": pref[p["id"]],
                "contact": ref[p["contact"]],
                "direction": p["direction"],
                "what": p["what"],
                "made_on": _date(p["made_on"]),
                "due_on": _date(p["due_on"]),
                "status": p["status"],
                "blocked_reason": p["blocked_reason"],
                "done_on": _date(p["done_on"]),
                "nudged_on": _date(p["nudged_on"]),
                "nudges": p["nudges"],
                "replaces": pref.get(p["replaces"]),
            }
            for p in promises
        ],
        "referrals": [
            {
                "by": ref.get(r["by"]),
                "person": ref[r["person"]],
                "to": ref.get(r["to"]),
                "on": _date(r["on"]),
                "outcome": r["outcome"],
                "thanked_on": _date(r["thanked_on"]),
            }
            for r in Referral.select().order_by(Referral.id).dicts()
        ],
        "offerings": [
            {"id": oref[o["id"]], "name": o["name"], "active": bool(o["active"])} for o in offerings
        ],
        "purchases": [
            {
                "contact": ref[p["contact"]],
                "offering": oref[p["offering"]],
                "since": _date(p["since"]),
                "until": _date(p["until"]),
                "recurring": bool(p["recurring"]),
            }
            for p in Purchase.select().order_by(Purchase.id).dicts()
        ],
        "goals": [
            _goal(g, milestones.get(g["id"], []), reviews.get(g["id"], []))
            for g in Goal.select().order_by(Goal.rank, Goal.id).dicts()
        ],
        "snoozes": [
            {"contact": ref[s["contact"]], "until": _date(s["until"])}
            for s in Snooze.select().order_by(Snooze.id).dicts()
        ],
    }
    tag_colors = [{"name": t.name, "color": t.color} for t in all_tags()]
    if tag_colors:  # an older file, or a journal without tags, has no "tags"
        archive["tags"] = tag_colors
    return archive


def archive_text(archive: dict) -> str:
    """The archive as JSON text with one record per line: quick to write, easy to read and diff."""

    def dumps(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = ["{"]
    items = list(archive.items())
    for position, (key, value) in enumerate(items):
        comma = "," if position < len(items) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f"  {dumps(key)}: [")
            lines.extend(f"    {dumps(record)}," for record in value[:-1])
            lines.append(f"    {dumps(value[-1])}")
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {dumps(key)}: {dumps(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_text_atomically(path: Path, text: str) -> None:
    """Write `text` as UTF-8 through a temporary file, owner-only, then rename it into place."""
    path = Path(path)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    make_private_file(path)
