"""What an import did: counts, refused rows with their reasons, and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gratitude_desktop.printable import escaped


class ImportRefused(Exception):
    """The whole file could not be read; nothing was imported. Names file, row and field."""

    def __init__(self, file: str | Path, reason: str, row: int | None = None, field: str = ""):
        self.file = str(file)
        self.reason = reason
        self.row = row
        self.field = field
        where = self.file
        if row is not None:
            where += f", row {row}"
        if field:
            where += f", field “{field}”"
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class RefusedRow:
    """One row (or record) that was not imported, and why."""

    row: int
    reason: str
    field: str = ""
    raw: tuple[str, ...] = ()


@dataclass
class ImportReport:
    """The outcome of one import (or of a dry run)."""

    file: str
    flavour: str = ""
    encoding: str = ""
    delimiter: str = ""
    created: int = 0
    merged: int = 0
    skipped: int = 0
    refused: list[RefusedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    batch_id: int | None = None
    dry_run: bool = False

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "flavour": self.flavour,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "dry_run": self.dry_run,
            "created": self.created,
            "merged": self.merged,
            "skipped": self.skipped,
            "refused": [{"row": r.row, "field": r.field, "reason": r.reason} for r in self.refused],
            "warnings": list(self.warnings),
            "batch": self.batch_id,
        }

    def summary(self) -> str:
        """A few lines for people: what was created, merged, skipped and refused."""
        verb = "Would import" if self.dry_run else "Imported"
        lines = [
            f"{verb} {escaped(self.file)}"
            + (
                f" ({self.flavour}" + (f", {self.encoding}" if self.encoding else "") + ")"
                if self.flavour
                else ""
            ),
            f"  created: {self.created}, merged: {self.merged}, skipped: {self.skipped}, "
            f"refused: {len(self.refused)}",
        ]
        for r in self.refused:
            where = f"row {r.row}" + (f", {r.field}" if r.field else "")
            lines.append(f"  refused {escaped(where)}: {escaped(r.reason)}")
        for w in self.warnings:
            lines.append(f"  warning: {escaped(w)}")
        return "\n".join(lines)
