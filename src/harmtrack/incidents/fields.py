"""The incident fields an analyst may set: how a typed value is read, stored and applied."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from harmtrack.errors import IncidentError
from harmtrack.model import INCIDENT_FIELDS

GEO_PRECISIONS = ("town", "near", "admin2", "admin1")
DATE_PRECISIONS = ("day", "week", "range", "month")
STATUSES = ("auto", "reviewed", "disputed")
GRADES = ("weak", "fair", "contested", "confirmed", "discounted")
FIGURES = tuple(
    f"{role}_{part}" for role in ("killed", "injured") for part in ("low", "best", "high")
)
_NULL = ("null", "none", "unknown-value")
_TRUE, _FALSE = ("true", "yes", "1"), ("false", "no", "0")


def _one_of(choices: tuple[str, ...]) -> Callable[[str], Any]:
    def parse(text: str) -> str:
        if text not in choices:
            raise ValueError(f"one of {', '.join(choices)}")
        return text

    return parse


def _day(text: str) -> str:
    return date.fromisoformat(text).isoformat()


def _count(text: str) -> int:
    number = int(text)
    if number < 0:
        raise ValueError("a count of people, 0 or more")
    return number


def _between(low: float, high: float) -> Callable[[str], float]:
    def parse(text: str) -> float:
        number = float(text)
        if not low <= number <= high:
            raise ValueError(f"a number from {low:g} to {high:g}")
        return number

    return parse


def _country(text: str) -> str:
    if len(text) != 2 or not text.isalpha():
        raise ValueError("an ISO 3166-1 alpha-2 code such as SY")
    return text.upper()


def _yes_no(text: str) -> bool:
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise ValueError("true or false")


def _text(text: str) -> str:
    if not text.strip():
        raise ValueError("some text (use null for unknown)")
    return text.strip()


PARSERS: dict[str, Callable[[str], Any]] = {
    **dict.fromkeys(INCIDENT_FIELDS, _text),
    "date": _day,
    "date_end": _day,
    "date_precision": _one_of(DATE_PRECISIONS),
    "country": _country,
    "lat": _between(-90, 90),
    "lon": _between(-180, 180),
    "geo_precision": _one_of(GEO_PRECISIONS),
    "civilian": _yes_no,
    **dict.fromkeys(FIGURES, _count),
    "grade": _one_of(GRADES),
    "status": _one_of(STATUSES),
}
#: Fields an analyst may edit. ``status`` is the analyst's alone; every other one is kept as an
#: override that consolidation never overwrites.
EDITABLE = tuple(PARSERS)


def check_field(name: str) -> None:
    """IncidentError, listing the editable fields, unless ``name`` is one."""
    if name not in PARSERS:
        raise IncidentError(
            f"{name!r} is not a field an analyst can edit",
            hint="Editable fields: " + ", ".join(EDITABLE),
        )


def parse_value(name: str, text: str) -> Any:
    """The JSON value of ``text`` for field ``name``; IncidentError saying what is expected."""
    check_field(name)
    if text.strip().lower() in _NULL and name not in ("grade", "status"):
        return None
    try:
        return PARSERS[name](text.strip())
    except ValueError as exc:
        raise IncidentError(f"{text!r} is not a valid {name}: {exc}") from exc


def column_value(name: str, value: Any) -> Any:
    """A stored (JSON) value as its table column holds it."""
    if name in ("date", "date_end") and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def json_value(value: Any) -> Any:
    """A column value as JSON holds it (dates as ISO days)."""
    return value.isoformat() if isinstance(value, date) else value
