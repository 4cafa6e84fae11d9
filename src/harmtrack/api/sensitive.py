"""The fields public mode hides (data/sensitive.yaml), applied by the API, pages and exports."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from harmtrack.errors import VocabularyError

_FILE = Path(__file__).parent / "data" / "sensitive.yaml"
KINDS = ("revision", "document", "zone")


@cache
def sensitive_fields() -> dict[str, frozenset[str]]:
    """Kind of record -> the names of its sensitive fields; every bad entry is reported."""
    data = yaml.safe_load(_FILE.read_text(encoding="utf-8")) or {}
    problems = [f"unknown kind {k!r}" for k in data if k not in KINDS]
    problems += [
        f"{kind}: {names!r} is not a list of field names"
        for kind, names in data.items()
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names)
    ]
    if problems:
        raise VocabularyError(f"{_FILE}: " + "; ".join(problems))
    return {kind: frozenset(data.get(kind) or ()) for kind in KINDS}


def scrub(kind: str, values: Mapping[str, Any], public: bool) -> dict[str, Any]:
    """``values`` with the sensitive fields of ``kind`` set to None when ``public``."""
    if not public:
        return dict(values)
    hidden = sensitive_fields()[kind]
    return {k: (None if k in hidden else v) for k, v in values.items()}
