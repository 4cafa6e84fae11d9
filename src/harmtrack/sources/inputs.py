"""Turn the command line's inputs (files, folders, record files, URLs) into raw inputs, lazily."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from harmtrack.errors import HarmtrackError, InputError, TooLargeError
from harmtrack.model import RawInput
from harmtrack.sources.fetch import FetchPolicy, fetch_url, is_url
from harmtrack.text.sniff import media_type_for_suffix

RECORD_SUFFIXES = (".jsonl", ".ndjson")
READABLE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".pdf", *RECORD_SUFFIXES)


@dataclass(frozen=True)
class InputFailure:
    """An input that gave no bytes to archive, and why."""

    origin: str
    error: HarmtrackError


@dataclass(frozen=True)
class InputItem:
    """One thing to read: a URL, a file, or a record file (which yields many records)."""

    origin: str
    kind: str  # "url", "file", "records"


def _walk(folder: Path) -> Iterator[Path]:
    # Sorted for reproducible runs; hidden entries skipped; symlinked folders are not followed
    # (os.walk default), so a link loop cannot trap us.
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(READABLE_SUFFIXES):
                yield Path(root) / name


def plan_inputs(args: Sequence[str]) -> list[InputItem]:
    """Expand folders into their readable files; keep URLs and named files as they are.

    A named file is read whatever its suffix (its content decides); inside folders only the
    suffixes Harmtrack reads are taken, so that stray images or archives are not reported as errors.
    """
    items: list[InputItem] = []
    for arg in args:
        if is_url(arg):
            items.append(InputItem(arg, "url"))
            continue
        path = Path(arg)
        candidates = list(_walk(path)) if path.is_dir() else [path]
        for candidate in candidates:
            kind = "records" if candidate.suffix.lower() in RECORD_SUFFIXES else "file"
            items.append(InputItem(str(candidate), kind))
    return items


def read_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``, refusing files over ``max_bytes`` without reading them whole."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise TooLargeError(
                f"{path}: {size:,} bytes, over the {max_bytes:,}-byte limit",
                hint="Raise the limit with --max-bytes (or HARMTRACK_MAX_BYTES) for a real report.",
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file or folder") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a folder") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise TooLargeError(f"{path}: grew over the {max_bytes:,}-byte limit while being read")
    return data


def _records(path: Path, max_bytes: int) -> Iterator[RawInput | InputFailure]:
    """One raw input per line of a JSON Lines record file; a bad line fails alone."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputFailure(str(path), InputError(f"{path}: cannot be read ({exc.strerror or exc})"))
        return
    with handle:
        for number, line in enumerate(iter(lambda: handle.readline(max_bytes + 1), b""), start=1):
            origin = f"{path}:{number}"
            if len(line) > max_bytes:
                yield InputFailure(
                    origin, TooLargeError(f"{origin}: record over {max_bytes:,} bytes")
                )
                # Skip the rest of an over-long line before going on.
                while line and not line.endswith(b"\n"):
                    line = handle.readline(max_bytes + 1)
                continue
            data = line.strip()
            if not data:
                continue
            try:
                record = json.loads(data)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield InputFailure(origin, InputError(f"{origin}: not a JSON record ({exc})"))
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield InputFailure(origin, InputError(f'{origin}: a record needs a "text" string'))
                continue
            yield RawInput(
                origin,
                "record",
                data,
                datetime.now(UTC),
                "application/json",
                "utf-8",
                record.get("url") if isinstance(record.get("url"), str) else None,
                record=record,
            )


def read_item(
    item: InputItem, max_bytes: int, policy: FetchPolicy
) -> Iterator[RawInput | InputFailure]:
    """The raw inputs one planned item gives (many for a record file), or why it gave none."""
    if item.kind == "records":
        yield from _records(Path(item.origin), max_bytes)
        return
    try:
        if item.kind == "url":
            fetched = fetch_url(item.origin, policy)
            yield RawInput(
                origin=item.origin,
                origin_kind="url",
                data=fetched.body,
                retrieved_at=fetched.retrieved_at,
                media_type=fetched.media_type,
                charset=fetched.charset,
                final_url=fetched.final_url,
                headers=tuple(fetched.headers),
            )
            return
        path = Path(item.origin)
        data = read_file(path, max_bytes)
        yield RawInput(
            item.origin, "file", data, datetime.now(UTC), media_type_for_suffix(path.suffix)
        )
    except HarmtrackError as exc:
        yield InputFailure(item.origin, exc)
