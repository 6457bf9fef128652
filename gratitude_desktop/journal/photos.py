"""A contact's photo: one small image kept in the journal itself (not in a file beside it)."""

from __future__ import annotations

from dataclasses import dataclass

from gratitude_desktop.journal.contacts import FieldProblem, FieldRefused
from gratitude_desktop.store.models import Photo, database

# The window scales a photo to AVATAR_PIXELS before it is stored; an imported one is
# kept as the file had it, up to MAX_BYTES (an address book's photos are thumbnails).
AVATAR_PIXELS = 256
MAX_BYTES = 512 * 1024

_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


@dataclass(frozen=True)
class PhotoData:
    """An image and its type ('image/jpeg', 'image/png' or 'image/gif')."""

    mime: str
    data: bytes


class PhotoInvalid(FieldRefused):
    """The photo was not stored; `problem` says why."""


def image_type(data: bytes) -> str | None:
    """The type the bytes are (by their first bytes), or None when not an image we keep."""
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    return None


def photo_problem(data: bytes) -> str | None:
    if not data:
        return "The photo is empty."
    if image_type(data) is None:
        return "The photo is not a JPEG, PNG or GIF image."
    if len(data) > MAX_BYTES:
        return f"The photo is larger than {MAX_BYTES // 1024} KB."
    return None


def set_photo(contact_id: int, data: bytes) -> PhotoData | None:
    """Store the contact's photo (replacing any); returns the one it had, or None."""
    problem = photo_problem(data)
    if problem:
        raise PhotoInvalid(FieldProblem("photo", problem))
    with database.atomic():
        before = photo_of(contact_id)
        Photo.insert(
            contact=contact_id, mime=image_type(data), data=data
        ).on_conflict_replace().execute()
    return before


def remove_photo(contact_id: int) -> PhotoData | None:
    """Take the photo off; returns it (to put it back), or None when there was none."""
    with database.atomic():
        before = photo_of(contact_id)
        Photo.delete().where(Photo.contact == contact_id).execute()
    return before


def photo_of(contact_id: int) -> PhotoData | None:
    row = Photo.get_or_none(Photo.contact == contact_id)
    return PhotoData(row.mime, bytes(row.data)) if row else None


def photos_by_contact(contact_ids=None) -> dict[int, PhotoData]:
    """Photos per contact (all when None): for export."""
    query = Photo.select()
    if contact_ids is not None:
        query = query.where(Photo.contact.in_(list(contact_ids)))
    return {row.contact_id: PhotoData(row.mime, bytes(row.data)) for row in query}


def add_photos(photos: dict[int, bytes]) -> list[tuple[int, str]]:
    """Store imported photos where the contact has none; returns (contact, problem) refused."""
    refused = []
    ids = list(photos)
    with database.atomic():
        have = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            have.update(
                c for (c,) in Photo.select(Photo.contact).where(Photo.contact.in_(chunk)).tuples()
            )
        for cid, data in photos.items():
            problem = photo_problem(data)
            if problem:
                refused.append((cid, problem))
            elif cid not in have:
                Photo.insert(contact=cid, mime=image_type(data), data=data).execute()
    return refused
