"""Does an event claim tell of an incident already stored? Blocking window, scores, the choice."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from harmtrack.geo import distance_km, skeleton
from harmtrack.incidents.rules import MatchRules, default_rules
from harmtrack.store.incidents import ClaimRecord

# Precisions that place an event only at district or province level, or not at all.
COARSE = frozenset({"admin1", "admin2", None})
UNKNOWN_ACTOR = "unknown"

_MAX_WORDS = 300  # words kept per incident: enough for a Jaccard over short quotes
_WORD = re.compile(r"[^\W\d_]{3,}")


def tokens(texts: Iterable[str], common: frozenset[str] | None = None) -> frozenset[str]:
    """The distinctive words of some quotes: lower case, letters only, 3+ long, none of the
    ``common`` words (default: the rules' ``common_words``, which every report uses)."""
    skip = common if common is not None else default_rules().common_words
    found: set[str] = set()
    for text in texts:
        found.update(w for w in _WORD.findall(text.lower()) if w not in skip)
    return frozenset(found)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Token-set Jaccard similarity; 0 when either side has no words."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def name_key(name: str | None) -> str:
    """A place name's spelling skeleton ("Atareb" and "Al Atarib" agree)."""
    return skeleton(name) if name else ""


@dataclass(frozen=True)
class ClaimFacts:
    """What the matcher compares of an event claim."""

    id: int
    document_id: int
    country: str | None
    first: date | None
    last: date | None
    admin1: str | None
    geo_precision: str | None
    point: tuple[float, float] | None
    names: frozenset[str]
    event_type: str | None
    sub_event_type: str | None
    perpetrator: str | None
    target_site: str | None
    words: frozenset[str]

    @classmethod
    def of(cls, record: ClaimRecord) -> ClaimFacts:
        get = record.get
        first: date | None = get("date")
        last: date | None = get("date_end") or first
        lat, lon = get("lat"), get("lon")
        names = {name_key(get("location"))}
        names |= {name_key(q.quote) for q in record.quotes if q.field == "location"}
        return cls(
            id=record.id,
            document_id=record.document_id,
            country=get("country"),
            first=first,
            last=last,
            admin1=get("admin1"),
            geo_precision=get("geo_precision") if get("location") else None,
            point=(lat, lon) if lat is not None and lon is not None else None,
            names=frozenset(n for n in names if n),
            event_type=get("event_type"),
            sub_event_type=get("sub_event_type"),
            perpetrator=get("perpetrator"),
            target_site=get("target_site"),
            words=tokens(q.quote for q in record.quotes),
        )


@dataclass(frozen=True)
class Candidate:
    """An incident as the matcher sees it: its dates and the profile of its claims."""

    id: int
    first: date | None
    last: date | None
    admin1: str | None
    point: tuple[float, float] | None  # the incident's place (its most specific claim's)
    coarse: bool  # placed at district or province level, or not at all
    documents: frozenset[int]
    names: frozenset[str]
    event_types: frozenset[str]
    sub_event_types: frozenset[str]
    perpetrators: frozenset[str]
    targets: frozenset[str]
    words: frozenset[str]
    row: Mapping[Any, Any] = field(compare=False, repr=False)  # as read, for consolidation

    @classmethod
    def of(cls, row: Mapping[Any, Any]) -> Candidate:
        profile: dict[str, Any] = row["profile"] or {}

        def strings(key: str) -> frozenset[str]:
            return frozenset(str(v) for v in profile.get(key, ()))

        return cls(
            id=row["id"],
            first=row["date"],
            last=row["date_end"] or row["date"],
            admin1=row["admin1"],
            point=(row["lat"], row["lon"])
            if row["lat"] is not None and row["lon"] is not None
            else None,
            coarse=row["geo_precision"] in COARSE,
            documents=frozenset(int(d) for d in profile.get("documents", ())),
            names=strings("names"),
            event_types=strings("event_types"),
            sub_event_types=strings("sub_event_types"),
            perpetrators=strings("perpetrators"),
            targets=strings("targets"),
            words=strings("words"),
            row=row,
        )


@dataclass(frozen=True)
class MatchScore:
    """The component scores (0..1) and their weighted total: why a claim joined an incident."""

    total: float
    components: dict[str, float]
    km: float | None = None

    def to_dict(self) -> dict[str, Any]:
        shown: dict[str, Any] = {"score": round(self.total, 3)}
        shown.update({name: round(value, 3) for name, value in self.components.items()})
        if self.km is not None:
            shown["km"] = round(self.km, 2)
        return shown


def window(claim: ClaimFacts, rules: MatchRules) -> tuple[date, date] | None:
    """The dates a candidate must reach into, or None: the claim cannot be blocked (no country or
    date, or dated too vaguely) and starts its own incident."""
    if claim.country is None or claim.first is None or claim.last is None:
        return None
    if (claim.last - claim.first).days > rules.max_span_days:
        return None
    slack = timedelta(days=rules.window_days)
    return claim.first - slack, claim.last + slack


def placed(precision: str | None, point: tuple[float, float] | None) -> bool:
    """Placed at a town (or near one) with a point: comparable by distance alone."""
    return point is not None and precision not in COARSE


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _place(claim: ClaimFacts, cand: Candidate, rules: MatchRules) -> tuple[float, float | None]:
    """The place score and distance; a negative score means "not the same place".

    Two points at town level compare by distance alone. Otherwise (a village the gazetteer
    lacks is placed at its province; a report may name only the province) the names decide, or
    the first-level division gives a weak score; the divisions must not disagree either way.
    (``store.incidents.candidates`` applies the same rules in SQL first.)
    """
    p = rules.place
    if placed(claim.geo_precision, claim.point) and not cand.coarse and cand.point is not None:
        assert claim.point is not None
        km = distance_km(claim.point, cand.point)
        if km <= p.same_km:
            return p.same, km
        if km <= p.near_km:
            return p.near, km
        if km <= p.far_km:
            return p.far, km
        return -1.0, km
    if not _compatible(claim.admin1, cand.admin1):
        return -1.0, None
    if claim.names & cand.names:
        return p.same, None
    if claim.admin1 is not None and cand.admin1 is not None:
        return p.coarse, None
    return -1.0, None


def _date(claim: ClaimFacts, cand: Candidate, rules: MatchRules) -> float:
    assert claim.first and claim.last
    if cand.first is None or cand.last is None:
        return -1.0
    if (cand.last - cand.first).days > rules.max_span_days:
        return -1.0  # too vague to merge into, as a claim would be
    d = rules.date
    if (claim.first, claim.last) == (cand.first, cand.last):
        return d.same
    slack = timedelta(days=rules.window_days)
    single = claim.first == claim.last and cand.first == cand.last
    if single and abs((claim.first - cand.first).days) <= rules.window_days:
        return d.adjacent
    if not single and claim.first <= cand.last + slack and cand.first <= claim.last + slack:
        return d.overlap
    return -1.0


def _type(claim: ClaimFacts, cand: Candidate, rules: MatchRules) -> float:
    if claim.sub_event_type and claim.sub_event_type in cand.sub_event_types:
        return 1.0
    if not claim.event_type or not cand.event_types:
        return rules.unknown
    return rules.same_event_type if claim.event_type in cand.event_types else 0.0


def _perpetrator(claim: ClaimFacts, cand: Candidate, rules: MatchRules) -> float:
    if claim.perpetrator in (None, UNKNOWN_ACTOR) or not cand.perpetrators:
        return rules.unknown
    return 1.0 if claim.perpetrator in cand.perpetrators else 0.0


def _target(claim: ClaimFacts, cand: Candidate, rules: MatchRules) -> float:
    if claim.target_site is None or not cand.targets:
        return rules.unknown
    return 1.0 if claim.target_site in cand.targets else rules.other_target


def score(claim: ClaimFacts, cand: Candidate, rules: MatchRules) -> MatchScore | None:
    """How well ``claim`` fits ``cand``; None when it cannot be the same event at all."""
    place, km = _place(claim, cand, rules)
    when = _date(claim, cand, rules)
    if place < 0 or when < 0:
        return None
    if claim.document_id in cand.documents and not (place == rules.place.same and when == 1.0):
        # Two events of one report are two events: the extractor already merged those that
        # were one (same place and day).
        return None
    components = {
        "place": place,
        "date": when,
        "type": _type(claim, cand, rules),
        "perpetrator": _perpetrator(claim, cand, rules),
        "target": _target(claim, cand, rules),
        "text": jaccard(claim.words, cand.words),
    }
    weights = rules.weights.model_dump()
    total = sum(weights[name] * value for name, value in components.items())
    return MatchScore(total, components, km)


def best_match(
    claim: ClaimFacts, candidates: Sequence[Candidate], rules: MatchRules
) -> tuple[Candidate, MatchScore] | None:
    """The best-scoring candidate over the threshold; ties go to the oldest incident."""
    best: tuple[Candidate, MatchScore] | None = None
    for cand in sorted(candidates, key=lambda c: c.id):
        scored = score(claim, cand, rules)
        if scored is None or scored.total < rules.threshold:
            continue
        if best is None or scored.total > best[1].total:
            best = (cand, scored)
    return best


_PROFILE_KEYS = (
    "documents",
    "names",
    "places",
    "event_types",
    "sub_event_types",
    "perpetrators",
    "targets",
    "words",
)


def _claim_profile(record: ClaimRecord) -> dict[str, set[Any]]:
    f = ClaimFacts.of(record)
    written = {record.get("location")} | {q.quote for q in record.quotes if q.field == "location"}
    return {
        "documents": {f.document_id},
        "names": set(f.names),
        "places": {str(n).lower() for n in written if n},
        "event_types": {f.event_type} - {None},
        "sub_event_types": {f.sub_event_type} - {None},
        "perpetrators": {f.perpetrator} - {None, UNKNOWN_ACTOR},
        "targets": {f.target_site} - {None},
        "words": set(f.words),
    }


def extend_profile(known: dict[str, Any], events: Sequence[ClaimRecord]) -> dict[str, Any]:
    """``known`` (a profile) with ``events`` added: the same as the profile of all the claims,
    since each entry is a union (and the smallest words of a union are the smallest words of
    the smallest words of each part)."""
    merged: dict[str, set[Any]] = {key: set(known.get(key, ())) for key in _PROFILE_KEYS}
    for record in events:
        for key, values in _claim_profile(record).items():
            merged[key] |= values
    out: dict[str, Any] = {key: sorted(values) for key, values in merged.items()}
    out["words"] = out["words"][:_MAX_WORDS]
    return out


def profile(events: Sequence[ClaimRecord]) -> dict[str, Any]:
    """What new claims are compared with, from an incident's event claims (stored as JSON)."""
    return extend_profile({}, events)
