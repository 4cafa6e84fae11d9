"""An incident's fields, figures, independent sources and grade, recomputed from its claims.

The rules (documented in docs/incidents.md):
- ``low`` is the lowest figure any claim gives, ``high`` the highest; a claim's figure is its low
  bound, or its high bound when it gives only that ("up to 50").
- ``best`` is the figure of the most specific claim: ranked by place precision (town, near town,
  district, province), then by how exact its figure is (exact, a range, one bound), then by date
  precision (day, week or range, month), then the most recent report, then the lower figure.
- Every other field is taken from the most specific claim that has it (the same ranking without
  the figure; the date from the claim with the most precise date).
- Sources are counted by independence: the documents of one publisher count once; a document
  without publisher counts by its URL's host, or its path.
- Grade: ``contested`` when claims name different perpetrators or a denial is linked, else
  ``fair`` with two or more independent sources, else ``weak``. ``confirmed`` and
  ``discounted`` are an analyst's grades and never computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from harmtrack.incidents.fields import column_value
from harmtrack.incidents.match import UNKNOWN_ACTOR, profile
from harmtrack.model import Figures
from harmtrack.store.incidents import ClaimRecord

GEO_RANK = {"town": 0, "near": 1, "admin2": 2, "admin1": 3}
DATE_RANK = {"day": 0, "week": 1, "range": 1, "month": 2}

# Fields that travel together: a place is one claim's place, a date one claim's date.
_GROUPS: tuple[tuple[str, ...], ...] = (
    ("country", "admin1", "location", "lat", "lon", "geo_precision"),
    ("event_type", "sub_event_type"),
    ("perpetrator",),
    ("weapon",),
    ("target_site",),
    ("civilian",),
)
_DATE_GROUP = ("date", "date_precision", "date_end")


def source_key(record: ClaimRecord) -> str:
    """What makes two documents one source: the publisher, else the URL's host, else the path."""
    if record.publisher and record.publisher.strip():
        return "publisher:" + " ".join(record.publisher.casefold().split())
    url = record.final_url or (record.origin if record.origin_kind == "url" else None)
    host = urlsplit(url).hostname if url else None
    if host:
        return "host:" + host.removeprefix("www.")
    return "path:" + record.origin


def claim_figure(low: int | None, high: int | None) -> int | None:
    """The one number a claim gives: its low bound, else its high bound."""
    return low if low is not None else high


def _exactness(low: int | None, high: int | None) -> int:
    if low is not None and low == high:
        return 0
    return 1 if low is not None and high is not None else 2


def _geo_rank(record: ClaimRecord) -> int:
    return GEO_RANK.get(record.get("geo_precision"), 4) if record.get("location") else 5


def _date_rank(record: ClaimRecord) -> int:
    return DATE_RANK.get(record.get("date_precision"), 3) if record.get("date") else 4


def _recency(record: ClaimRecord) -> tuple[int, int]:
    """Most recent report first; reports without a date last."""
    published: date | None = record.published
    return (0, -published.toordinal()) if published else (1, 0)


def specificity(record: ClaimRecord) -> tuple[Any, ...]:
    """Sort key: the most specific claim first (lowest key)."""
    return (_geo_rank(record), _date_rank(record), _recency(record), record.id)


def figure_rank(record: ClaimRecord, role: str) -> tuple[Any, ...]:
    """Sort key of the claims giving a ``role`` figure: the one ``best`` takes comes first."""
    low, high = record.get(f"{role}_low"), record.get(f"{role}_high")
    return (
        _geo_rank(record),
        _exactness(low, high),
        _date_rank(record),
        _recency(record),
        claim_figure(low, high),  # equals otherwise: the lower figure (ACLED's caution)
        record.id,
    )


def figures(events: Sequence[ClaimRecord], role: str) -> Figures:
    """``low``, ``best`` and ``high`` of the ``role`` ("killed", "injured") figures."""
    given = [
        r for r in events if claim_figure(r.get(f"{role}_low"), r.get(f"{role}_high")) is not None
    ]
    if not given:
        return Figures()
    lows = [claim_figure(r.get(f"{role}_low"), r.get(f"{role}_high")) for r in given]
    highs = [claim_figure(r.get(f"{role}_high"), r.get(f"{role}_low")) for r in given]
    best = min(given, key=lambda r: figure_rank(r, role))
    return Figures(
        low=min(v for v in lows if v is not None),
        best=claim_figure(best.get(f"{role}_low"), best.get(f"{role}_high")),
        high=max(v for v in highs if v is not None),
    )


def _has(record: ClaimRecord, name: str) -> bool:
    value = record.get(name)
    return value is not None and not (name == "perpetrator" and value == UNKNOWN_ACTOR)


def _take(ranked: Sequence[ClaimRecord], group: tuple[str, ...]) -> dict[str, Any]:
    """The group's values from the first claim of ``ranked`` that has its lead field."""
    for record in ranked:
        if _has(record, group[0]):
            return {name: record.get(name) for name in group}
    return dict.fromkeys(group)


def consolidated_fields(events: Sequence[ClaimRecord]) -> dict[str, Any]:
    """Each field from the most specific claim that has it (see the module's rules)."""
    keys = {r.id: specificity(r) for r in events}
    ranked = sorted(events, key=lambda r: keys[r.id])
    values = _take(sorted(ranked, key=_date_rank), _DATE_GROUP)  # stable: ties keep the rank
    for group in _GROUPS:
        values.update(_take(ranked, group))
    if values["perpetrator"] is None and any(r.get("perpetrator") for r in events):
        values["perpetrator"] = UNKNOWN_ACTOR
    return values


def independent_sources(events: Sequence[ClaimRecord]) -> int:
    return len({source_key(r) for r in events})


def contested_because(
    events: Sequence[ClaimRecord], statements: Sequence[ClaimRecord]
) -> list[str]:
    """Why an incident is contested (empty when it is not)."""
    reasons: list[str] = []
    named = sorted({str(r.get("perpetrator")) for r in events if _has(r, "perpetrator")})
    if len(named) > 1:
        reasons.append("sources name different perpetrators: " + ", ".join(named))
    for statement in statements:
        if statement.get("statement_kind") == "deny":
            reasons.append(f"{statement.get('speaker')} denies (claim {statement.id})")
    return reasons


def grade(sources: int, contested: Sequence[str]) -> str:
    if contested:
        return "contested"
    return "fair" if sources >= 2 else "weak"


@dataclass(frozen=True)
class Consolidation:
    """The machine's view of an incident, before any analyst value is applied."""

    fields: dict[str, Any]
    killed: Figures
    injured: Figures
    sources: int
    grade: str
    contested: list[str] = field(default_factory=list)
    profile: dict[str, Any] = field(default_factory=dict)

    def columns(self) -> dict[str, Any]:
        """The incident table's values, as consolidation computes them."""
        values = dict(self.fields)
        for role, counted in (("killed", self.killed), ("injured", self.injured)):
            for part, number in counted.to_dict().items():
                values[f"{role}_{part}"] = number
        values.update(sources=self.sources, grade=self.grade, profile=self.profile)
        return values


def consolidate(
    events: Sequence[ClaimRecord],
    statements: Sequence[ClaimRecord] = (),
    known_profile: dict[str, Any] | None = None,
) -> Consolidation:
    """Recompute an incident from its event claims and the statements linked to it.

    ``known_profile``, when given, is the matcher's profile of these events, already computed
    (``match.extend_profile``), so the events need not carry their quotes."""
    sources = independent_sources(events)
    contested = contested_because(events, statements)
    return Consolidation(
        fields=consolidated_fields(events),
        killed=figures(events, "killed"),
        injured=figures(events, "injured"),
        sources=sources,
        grade=grade(sources, contested),
        contested=contested,
        profile=known_profile if known_profile is not None else profile(events),
    )


def with_overrides(columns: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """The values in force: the analyst's where there is one, the machine's elsewhere."""
    applied = {name: column_value(name, value) for name, value in overrides.items()}
    return {**columns, **{name: value for name, value in applied.items() if name in columns}}
