"""Turn an address-book file's bytes into text: BOMs first, then charset-normalizer; sniff delimiters."""

from __future__ import annotations

import codecs
import csv
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from gratitude_desktop.io.report import ImportRefused

# Checked longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_BINARY_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Excel/Office file); export it as CSV first"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.xls); export it as CSV first"),
]
_SAMPLE = 256 * 1024
DELIMITERS = ",;\t"
_PREFERRED = "cp1252"


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


class NotATextEncoding(LookupError):
    """A codec Python knows that does not turn bytes into text (rot13, base64, zlib…)."""


def python_codec(name: str) -> str:
    """The codec name Python knows for `name`: LookupError if none, NotATextEncoding if not text."""
    info = codecs.lookup(name)
    # rot13, base64, hex, zlib, bz2, uu, quopri are bytes-to-bytes or str-to-str
    # transforms; "undefined" refuses every byte.
    if not getattr(info, "_is_text_encoding", True) or info.name == "undefined":
        raise NotATextEncoding(name)
    return info.name


def text_codec(name: str, fallback: str = "utf-8") -> str:
    """python_codec(name), or `fallback` for a name that is unknown or not a text encoding."""
    try:
        return python_codec(name) if name else fallback
    except LookupError:
        return fallback


def detect_encoding(data: bytes) -> str:
    """The encoding of `data`: its BOM, else UTF-8 when it decodes, else charset-normalizer's guess.

    Returns "" when the bytes do not look like text in any encoding.
    """
    found = _bom(data)
    if found:
        return found[0]
    if not data:
        return "utf-8"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        # A big file that is UTF-8 up to a cut in the sample is still UTF-8.
        if error.start >= len(data) - 3 and len(data) >= _SAMPLE:
            return "utf-8"
    sample = data[:_SAMPLE]
    if len(data) > _SAMPLE:
        cut = sample.rfind(b"\n")
        if cut > 0:
            sample = sample[: cut + 1]
    matches = list(from_bytes(sample))
    if not matches:
        return ""
    best = matches[0]
    # Close calls between single-byte code pages go to Windows-1252: it is what Outlook, Excel
    # and most Western address books write, and the statistical guess on a short file of
    # names is often a DOS or Baltic code page that garbles accents.
    for match in matches:
        if match.chaos <= best.chaos + 0.02 and _PREFERRED in match.could_be_from_charset:
            return _PREFERRED
    return best.encoding


def decode_bytes(data: bytes, file: str | Path, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding name) for the bytes of `file`; ImportRefused when they are not text."""
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise ImportRefused(file, f"This is {what}, not an address book.")
    if encoding:
        try:
            codec = python_codec(encoding)
        except NotATextEncoding:
            raise ImportRefused(
                file, f"“{encoding}” is not a text encoding; choose one such as utf-8."
            ) from None
        except LookupError:
            raise ImportRefused(
                file, f"“{encoding}” is not an encoding this computer knows."
            ) from None
        found = _bom(data)
        if found and codec.startswith("utf") and not codec.startswith("utf-32"):
            # A forced "utf-16" or "utf-8" still drops the BOM.
            codec, data = found[0], data[found[1] :] if found[0] != "utf-8-sig" else data
        try:
            return _checked_text(data.decode(codec), file), encoding
        except UnicodeDecodeError as error:
            raise ImportRefused(
                file,
                f"The file is not in {encoding}: byte {error.start} cannot be read in that "
                "encoding. Choose another encoding.",
            ) from None
        except UnicodeError:
            raise ImportRefused(
                file, f"The file is not in {encoding}. Choose another encoding."
            ) from None
    found = _bom(data)
    try:
        # Most files are UTF-8: one decode answers both "which encoding" and "what text".
        text, name = (data.decode("utf-8"), "utf-8") if not found else (None, "")
    except UnicodeDecodeError:
        text, name = None, ""
    if text is None:
        name = detect_encoding(data)
        if not name:
            raise ImportRefused(file, "This file is not text (it looks like binary data).")
        body = data[found[1] :] if found and name == found[0] else data
        try:
            text = body.decode(name)
        except (UnicodeDecodeError, LookupError):
            raise ImportRefused(
                file,
                f"The file's encoding could not be worked out (it is not valid {name}). "
                "Choose the encoding by hand.",
            ) from None
    return _checked_text(text, file), name


_SURROGATE = re.compile("[\ud800-\udfff]")


def _checked_text(text: str, file: str | Path) -> str:
    """`text`, unless it holds what no journal field may: NUL, or half a UTF-16 pair.

    The same check whatever the encoding, so whatever is imported can be exported
    and imported back (the JSON archive refuses both).
    """
    if "\x00" in text:
        raise ImportRefused(file, "This file is not text (it contains NUL characters).")
    found = _SURROGATE.search(text)
    if found:
        raise ImportRefused(
            file, f"This file holds text that is not valid Unicode (at character {found.start()})."
        )
    return text


# Generous: a real address book of a gigabyte still imports; /dev/zero does not fill memory.
MAX_FILE_BYTES = 2 << 30


def open_regular(path: str | Path, *, limit: int | None = MAX_FILE_BYTES) -> BinaryIO:
    """`path` opened for reading if it is a regular file; ImportRefused saying why not.

    The one check for every file the app reads from a user's path (imports, and
    capture's mail and calendar files). Opened without blocking and checked on the open
    file, so a named pipe, a device (/dev/zero, /dev/urandom) or a folder is refused at
    once, even if it replaced a regular file a moment ago; so is a /proc or /sys file
    (size 0, yet made up as it is read). `limit` is the largest size accepted (None:
    any, for a file that is streamed rather than held whole).
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ImportRefused(path, "There is no such file.") from None
    except IsADirectoryError:
        raise ImportRefused(path, "This is a folder, not a file.") from None
    except OSError as error:
        raise ImportRefused(path, f"The file cannot be read ({error.strerror}).") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ImportRefused(path, "This is a folder, not a file.")
        raise ImportRefused(path, "This is not a regular file (a device, pipe or socket).")
    fh = os.fdopen(fd, "rb")
    try:
        if limit is not None and info.st_size > limit:
            raise ImportRefused(
                path,
                f"The file is too big to import ({info.st_size / (1 << 30):.1f} GB; at most "
                f"{limit >> 30} GB).",
            )
        if info.st_size == 0:
            try:
                made_as_read = bool(fh.peek(1))
            except OSError:  # a kernel file that would block
                made_as_read = True
            if made_as_read:  # /proc and /sys
                raise ImportRefused(
                    path, "This is not a regular file (its contents are made as read)."
                )
    except BaseException:
        fh.close()
        raise
    return fh


def read_file_bytes(path: str | Path) -> bytes:
    """The bytes of a regular file (`open_regular`); ImportRefused for anything else or
    anything too big."""
    path = Path(path)
    with open_regular(path) as fh:
        try:
            data = fh.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise ImportRefused(path, f"The file cannot be read ({error.strerror}).") from None
    if len(data) > MAX_FILE_BYTES:  # it grew while it was read
        raise ImportRefused(
            path, f"The file is too big to import (over {MAX_FILE_BYTES >> 30} GB)."
        )
    return data


def read_text(path: str | Path, encoding: str | None = None) -> tuple[str, str]:
    """Read a whole file as text: (text, encoding). ImportRefused when it cannot be read."""
    path = Path(path)
    data = read_file_bytes(path)
    if not data.strip(b"\x00\t\r\n \xef\xbb\xbf\xff\xfe"):
        raise ImportRefused(path, "The file is empty.")
    return decode_bytes(data, path, encoding)


def sniff_delimiter(text: str) -> str:
    """`,`, `;` or tab: csv.Sniffer on the first lines, else the most frequent in the header."""
    lines = text[: 64 * 1024].splitlines()
    sample = "\n".join(lines[:50])
    try:
        found = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        found = ""
    # The Sniffer is easily fooled by commas inside notes; trust the header row when it disagrees.
    header = next((line for line in lines[:30] if sum(line.count(d) for d in DELIMITERS)), "")
    counts = {d: _count_outside_quotes(header, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    if found in DELIMITERS and counts.get(found, 0) and counts[found] >= counts[best] // 2:
        return found
    return best if counts[best] else ","


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count
