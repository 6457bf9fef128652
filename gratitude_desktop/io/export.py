"""Export the journal's contacts: a Google Contacts CSV (Outlook reads it too) and vCard 4.0,
and mailing lists (one row per person reachable on one channel).

Files are written atomically and owner-only; CSV cells a spreadsheet would run as a formula
are escaped with a leading single quote (our CSV reader takes it off again).

Mailings go out through other tools fed by these files, so do-not-contact never leaks
(DESIGN.md rule 2): people who asked not to be contacted at all are left out, and so are
the refused methods of those who refused some (no email for a do-not-email contact).
With `include_do_not_contact` they are written, marked ("Do not contact" label, vCard
CATEGORIES and a NOTE line). Every export says how many it left out, and why. The JSON
archive (io.archive) keeps everything: it is a backup.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gratitude_desktop.journal.agenda import lost_not_asked_ids
from gratitude_desktop.journal.outreach import MAILING_KINDS, refused_kinds
from gratitude_desktop.journal.photos import PhotoData, photos_by_contact
from gratitude_desktop.journal.tags import tag_names_by_contact
from gratitude_desktop.store.enums import DncChannel
from gratitude_desktop.store.models import Contact, ContactMethod

_FORMULA_CHARS = "=+-@"
_PHONE_ONLY = re.compile(r"[+(]?\d[\d ()+\-./]*")
# Spaces (any width) and format characters (zero-width space, joiners, BOM, bidi marks).
_INVISIBLE_LEAD = re.compile(
    r"^[\s\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]+"
)

DNC_LABEL = "Do not contact"
_KIND_WORDS = {"email": "email address", "phone": "phone number", "address": "postal address"}
_REFUSED_WORDS = {
    "email": "email address(es) of people who asked not to be emailed",
    "phone": "phone number(s) of people who asked not to be phoned",
    "address": "postal address(es) of people who asked not to get mail",
}


@dataclass
class ExportReport:
    """How many contacts a file got, and how many were left out and why (in words)."""

    path: Path
    written: int = 0
    left_out: dict[str, int] = field(default_factory=dict)
    marked: int = 0  # written with a "Do not contact" mark (include_do_not_contact)

    def leave_out(self, why: str, n: int = 1) -> None:
        self.left_out[why] = self.left_out.get(why, 0) + n

    def lines(self) -> list[str]:
        """'Exported 12 contacts to FILE', then one line per reason something was left out."""
        noun = "contact" if self.written == 1 else "contacts"
        out = [f"Exported {self.written} {noun} to {self.path}"]
        if self.marked:
            out.append(f"{self.marked} marked “{DNC_LABEL}” (they asked not to be contacted)")
        out.extend(f"Left out {n} {why}" for why, n in self.left_out.items())
        return out

    def summary(self) -> str:
        return "\n".join(self.lines())


_PAGE = 2000

GOOGLE_NAME_COLUMNS = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "File As",
    "Organization Name",
    "Organization Title",
    "Birthday",
    "Notes",
    "Labels",
]
_KINDS = [("email", "E-mail"), ("phone", "Phone"), ("address", "Address"), ("website", "Website")]


def is_formula(value: str) -> bool:
    """Whether a spreadsheet might run this cell as a formula.

    It would when the first visible character reads as = + - @ — also in its full-width
    or small forms (＝, ﹦), or behind spaces and invisible characters (a zero-width
    space) — or when the cell starts with a tab or line break. A cell that is only a
    phone number (digits, spaces and + - ( ) . /) calls nothing and is left alone: an
    apostrophe there is kept by Google and Outlook on re-import.
    """
    if not value:
        return False
    if value[0] in "\t\r\n":
        return True
    if _PHONE_ONLY.fullmatch(value):
        return False
    visible = _INVISIBLE_LEAD.sub("", value)
    return bool(visible) and unicodedata.normalize("NFKC", visible[0])[:1] in _FORMULA_CHARS


def escape_formula(value: str) -> str:
    """A cell a spreadsheet would not run: "=1+1" -> "'=1+1" (is_formula says which)."""
    return "'" + value if is_formula(value) else value


def write_private_atomic(path: Path, write: Callable[[object], None], newline: str = "") -> None:
    """Write a text file owner-only (0600) via a temporary file renamed into place."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _contacts(
    photos: bool = False,
) -> Iterator[tuple[Contact, list[ContactMethod], list[str], PhotoData | None]]:
    """Live contacts with their methods, tags and (when asked) photo, in pages, by name."""
    last_key: tuple[str, int] | None = None
    while True:
        query = Contact.select().where(Contact.trashed_at.is_null(True))
        if last_key is not None:
            query = query.where(
                (Contact.sort_key > last_key[0])
                | ((Contact.sort_key == last_key[0]) & (Contact.id > last_key[1]))
            )
        page = list(query.order_by(Contact.sort_key, Contact.id).limit(_PAGE))
        if not page:
            return
        ids = [c.id for c in page]
        methods: dict[int, list[ContactMethod]] = {i: [] for i in ids}
        for m in (
            ContactMethod.select()
            .where(ContactMethod.contact.in_(ids))
            .order_by(ContactMethod.position, ContactMethod.id)
        ):
            methods[m.contact_id].append(m)
        tags = tag_names_by_contact(ids)
        pictures = photos_by_contact(ids) if photos else {}
        for contact in page:
            yield contact, methods[contact.id], tags.get(contact.id, []), pictures.get(contact.id)
        last_key = (page[-1].sort_key, page[-1].id)


def _dnc_note(contact: Contact) -> str:
    """'Do not contact (email) since 2026-03-01: “take me off your list”'."""
    words = ", ".join(contact.dnc_channels)
    since = f" since {contact.dnc_since.isoformat()}" if contact.dnc_since else ""
    why = f": “{contact.dnc_reason}”" if contact.dnc_reason else ""
    return f"{DNC_LABEL} ({words}){since}{why}"


def _address_book(
    report: ExportReport, include_do_not_contact: bool, *, photos: bool = False
) -> Iterator[tuple[Contact, list[ContactMethod], bool, list[str], PhotoData | None]]:
    """(contact, methods to write, marked, tags, photo) for an address-book export,
    do-not-contact applied (the photo only when `photos` is asked for)."""
    for contact, methods, tags, photo in _contacts(photos):
        dnc = tuple(contact.dnc_channels)
        if not dnc:
            yield contact, methods, False, tags, photo
        elif include_do_not_contact:
            report.marked += 1
            yield contact, methods, True, tags, photo
        elif DncChannel.ALL.value in dnc:
            report.leave_out("who asked not to be contacted at all")
        else:
            refused = refused_kinds(dnc)
            kept = [m for m in methods if m.kind not in refused]
            for m in methods:
                if m.kind in refused:
                    report.leave_out(_REFUSED_WORDS[m.kind])
            yield contact, kept, False, tags, photo


def _count_columns() -> dict[str, int]:
    from peewee import fn

    counts = {kind: 0 for kind, _ in _KINDS}
    per_contact = (
        ContactMethod.select(ContactMethod.kind, fn.COUNT(ContactMethod.id).alias("n"))
        .join(Contact)
        .where(Contact.trashed_at.is_null(True))
        .group_by(ContactMethod.contact, ContactMethod.kind)
        .tuples()
    )
    for kind, n in per_contact:
        if kind in counts:
            counts[kind] = max(counts[kind], n)
    return counts


def export_csv(
    path: str | Path,
    *,
    include_do_not_contact: bool = False,
    for_channel: str | None = None,
) -> ExportReport:
    """Write every live contact as a Google Contacts CSV (do-not-contact applied, see above).

    With `for_channel` ("email", "phone" or "mail"), a mailing list instead (mailing_list).
    """
    if for_channel is not None:
        if include_do_not_contact:
            raise ValueError("A mailing list never includes people who asked not to be contacted.")
        return mailing_list(path, for_channel)
    report = ExportReport(Path(path))
    counts = _count_columns()
    header = list(GOOGLE_NAME_COLUMNS)
    for kind, word in _KINDS:
        for n in range(1, counts[kind] + 1):
            if kind == "address":
                header += [f"Address {n} - Label", f"Address {n} - Formatted"]
            else:
                header += [f"{word} {n} - Label", f"{word} {n} - Value"]

    def write(fh) -> None:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(header)
        for contact, methods, marked, tags, _photo in _address_book(report, include_do_not_contact):
            notes = contact.notes or ""
            if marked:
                notes = f"{_dnc_note(contact)}\n{notes}" if notes else _dnc_note(contact)
            labels = [*sorted(contact.circles), *tags, *([DNC_LABEL] if marked else [])]
            socials = [m for m in methods if m.kind == "social"]
            if socials:
                extra = "\n".join(f"{m.label or 'social'}: {m.value}" for m in socials)
                notes = f"{notes}\n{extra}" if notes else extra
            row = [
                contact.given_name or "",
                contact.middle_name or "",
                contact.family_name or "",
                contact.prefix or "",
                contact.suffix or "",
                contact.nickname or "",
                contact.display_name,
                contact.organization or "",
                contact.title or "",
                contact.birthday or "",
                notes,
                " ::: ".join(labels),
            ]
            for kind, _word in _KINDS:
                mine = [m for m in methods if m.kind == kind]
                for n in range(counts[kind]):
                    if n < len(mine):
                        label = mine[n].label or ""
                        row += [
                            ("* " + label) if mine[n].primary and label else label,
                            mine[n].value,
                        ]
                    else:
                        row += ["", ""]
            writer.writerow([escape_formula(str(cell)) for cell in row])
            report.written += 1

    write_private_atomic(Path(path), write)
    return report


MAILING_HEADER = {
    "email": ["Name", "First Name", "Last Name", "Organization", "E-mail"],
    "phone": ["Name", "First Name", "Last Name", "Organization", "Phone"],
    "mail": ["Name", "First Name", "Last Name", "Organization", "Address"],
}


def mailing_list(path: str | Path, channel: str) -> ExportReport:
    """A CSV of the people reachable on `channel` ("email", "phone", "mail"), one row each.

    Only people with a working (not known-bad) method of that kind, not refused on it, not
    lost customers nobody has asked why yet (ask first, don't mail them), not trashed. The
    primary method goes in, else the first.
    """
    if channel not in MAILING_KINDS:
        raise ValueError(f"A mailing list is for email, phone or mail, not “{channel}”.")
    kind = MAILING_KINDS[channel]
    report = ExportReport(Path(path))
    lost = lost_not_asked_ids()
    word = _KIND_WORDS[kind]

    def write(fh) -> None:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(MAILING_HEADER[channel])
        for contact, methods, _tags, _photo in _contacts():
            if kind in refused_kinds(contact.dnc_channels):
                report.leave_out(f"who asked not to be contacted by {channel}")
                continue
            if contact.id in lost:
                report.leave_out("lost customers nobody has asked why yet (ask them first)")
                continue
            usable = [m for m in methods if m.kind == kind and not m.bad and m.value.strip()]
            if not usable:
                report.leave_out(f"without a working {word}")
                continue
            best = next((m for m in usable if m.primary), usable[0])
            row = [
                contact.display_name,
                contact.given_name or "",
                contact.family_name or "",
                contact.organization or "",
                best.value,
            ]
            writer.writerow([escape_formula(str(cell)) for cell in row])
            report.written += 1

    write_private_atomic(Path(path), write)
    return report


# --- vCard 4.0 --------------------------------------------------------------------------------


def vcard_escape(value: str) -> str:
    """A vCard text value with its backslashes, newlines, commas and semicolons escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
        .replace(",", "\\,")
        .replace(";", "\\;")
    )


def _fold(line: str) -> str:
    """Fold at 75 octets (RFC 6350 3.2), never inside a UTF-8 character."""
    if len(line.encode("utf-8")) <= 75:
        return line + "\r\n"
    out, current, size = [], [], 0
    limit = 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(ch)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out) + "\r\n"


_TYPES = {"mobile": "cell", "work fax": "work,fax", "home fax": "home,fax", "main": "voice"}


def _type_param(label: str, primary: bool, version: str = "4.0") -> str:
    params = ""
    if label:
        word = _TYPES.get(label.casefold(), label.casefold())
        safe = "".join(ch for ch in word if ch.isalnum() or ch in ",-")
        if safe:
            params += f";TYPE={safe}"
    if primary:
        params += ";PREF=1" if version == "4.0" else (",pref" if params else ";TYPE=pref")
    return params


def _birthday(value: str) -> str:
    return (
        value.replace("-", "") if not value.startswith("--") else "--" + value[2:].replace("-", "")
    )


def vcard_lines(
    contact,
    methods,
    version: str = "4.0",
    *,
    dnc_mark: str = "",
    tags=(),
    photo: PhotoData | None = None,
) -> list[str]:
    """A contact's standard vCard properties (no BEGIN/END/VERSION), unfolded.

    `contact` is a Contact row or a ContactData, `methods` its ContactMethod rows or
    MethodData; both have the same attribute names. Version "3.0" spells the few
    properties 3.0 has differently (preference, anniversary, an inline photo). `dnc_mark`:
    an export that includes a do-not-contact person marks them (a NOTE line first, a
    CATEGORIES word). Circles and tags go into CATEGORIES.
    """
    lines = [f"FN:{vcard_escape(contact.display_name)}"]
    names = [
        contact.family_name,
        contact.given_name,
        contact.middle_name,
        contact.prefix,
        contact.suffix,
    ]
    lines.append("N:" + ";".join(vcard_escape(n or "") for n in names))
    if contact.nickname:
        lines.append(f"NICKNAME:{vcard_escape(contact.nickname)}")
    if contact.organization:
        lines.append(f"ORG:{vcard_escape(contact.organization)}")
    if contact.title:
        lines.append(f"TITLE:{vcard_escape(contact.title)}")
    if contact.birthday:
        lines.append(f"BDAY:{_birthday(contact.birthday)}")
    if contact.anniversary:
        name = "ANNIVERSARY" if version == "4.0" else "X-ANNIVERSARY"
        lines.append(f"{name}:{_birthday(contact.anniversary)}")
    for m in methods:
        params = _type_param(m.label, m.primary, version)
        if m.kind == "email":
            lines.append(f"EMAIL{params}:{vcard_escape(m.value)}")
        elif m.kind == "phone":
            lines.append(f"TEL{params}:{vcard_escape(m.value)}")
        elif m.kind == "website":
            lines.append(f"URL{params}:{vcard_escape(m.value)}")
        elif m.kind == "address":
            # One free-text line: the street field holds it, so nothing is lost.
            lines.append(f"ADR{params}:;;{vcard_escape(m.value)};;;;")
        elif m.kind == "social":
            lines.append(f"X-SOCIALPROFILE{params}:{vcard_escape(m.value)}")
    notes = "\n".join(t for t in (dnc_mark, contact.notes or "") if t)
    if notes:
        lines.append(f"NOTE:{vcard_escape(notes)}")
    categories = [*contact.circles, *tags, *([DNC_LABEL] if dnc_mark else [])]
    if categories:
        lines.append("CATEGORIES:" + ",".join(vcard_escape(c) for c in categories))
    if photo is not None:
        encoded = base64.b64encode(photo.data).decode("ascii")
        if version == "4.0":
            lines.append(f"PHOTO:data:{photo.mime};base64,{encoded}")
        else:
            kind = photo.mime.removeprefix("image/").upper()
            lines.append(f"PHOTO;ENCODING=b;TYPE={kind}:{encoded}")
    return lines


def fold(lines: list[str]) -> str:
    """Property lines as vCard text: folded at 75 octets, CRLF line ends."""
    return "".join(_fold(line) for line in lines)


def export_vcard(path: str | Path, *, include_do_not_contact: bool = False) -> ExportReport:
    """Write every live contact as vCard 4.0 (do-not-contact applied, see above)."""
    report = ExportReport(Path(path))

    def write(fh) -> None:
        for contact, methods, marked, tags, photo in _address_book(
            report, include_do_not_contact, photos=True
        ):
            mark = _dnc_note(contact) if marked else ""
            body = vcard_lines(contact, methods, dnc_mark=mark, tags=tags, photo=photo)
            fh.write(fold(["BEGIN:VCARD", "VERSION:4.0", *body, "END:VCARD"]))
            report.written += 1

    write_private_atomic(Path(path), write)
    return report
