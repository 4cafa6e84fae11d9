"""Read a coded set: JSON Lines, one report a line, in the codebook's format."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harmtrack.errors import InputError


@dataclass(frozen=True)
class CodedReport:
    """One report with its coders' answer."""

    id: str
    text: str
    published: str | None
    language: str | None
    source: str | None
    events: list[dict[str, Any]]
    statements: list[dict[str, Any]] | None  # None: statements were not coded for this set


def read_coded(path: Path) -> Iterator[CodedReport]:
    """The reports of a coded set; a malformed line is an error naming the file and line."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                yield CodedReport(
                    id=str(row["id"]),
                    text=row["text"],
                    published=row.get("published"),
                    language=row.get("language"),
                    source=row.get("source"),
                    events=list(row.get("events") or []),
                    statements=row.get("statements"),
                )
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{number}: not a coded report ({exc})") from exc
