"""Match extracted events to coded ones and count what is right, field by field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from harmtrack.eval.compare import distance_km, point, same_name

# Fields scored on matched events; a field is scored only where the coded set records it.
SCORED_FIELDS = (
    "date",
    "place_10km",
    "place_25km",
    "admin1",
    "event_type",
    "sub_event_type",
    "perpetrator",
    "weapon",
    "target_site",
    "killed_low",
    "injured_low",
    "civilian",
)
_MATCH_KM = 25.0


@dataclass
class FieldScore:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)


@dataclass
class Scores:
    """Event recall/precision, per-field accuracy on matched events, statements."""

    gold_events: int = 0
    predicted_events: int = 0
    matched_events: int = 0
    fields: dict[str, FieldScore] = field(default_factory=dict)
    gold_statements: int = 0
    predicted_statements: int = 0
    matched_statements: int = 0
    reports: int = 0

    def field_score(self, name: str) -> FieldScore:
        return self.fields.setdefault(name, FieldScore())

    @property
    def recall(self) -> float | None:
        return self.matched_events / self.gold_events if self.gold_events else None

    @property
    def precision(self) -> float | None:
        return self.matched_events / self.predicted_events if self.predicted_events else None

    def as_dict(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        return {
            "reports": self.reports,
            "events": {
                "gold": self.gold_events,
                "predicted": self.predicted_events,
                "matched": self.matched_events,
                "recall": ratio(self.matched_events, self.gold_events),
                "precision": ratio(self.matched_events, self.predicted_events),
            },
            "fields": {
                name: {
                    "accuracy": ratio(s.correct, s.total),
                    "correct": s.correct,
                    "total": s.total,
                }
                for name, s in sorted(self.fields.items())
            },
            "statements": {
                "gold": self.gold_statements,
                "predicted": self.predicted_statements,
                "matched": self.matched_statements,
                "recall": ratio(self.matched_statements, self.gold_statements),
                "precision": ratio(self.matched_statements, self.predicted_statements),
            },
        }


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _match_cost(gold: dict[str, Any], pred: dict[str, Any]) -> float | None:
    """None when the two cannot be the same event; otherwise lower is closer."""
    if gold.get("country") and pred.get("country") != gold.get("country"):
        return None
    g_day, p_day = _day(gold.get("date")), _day(pred.get("date"))
    if g_day is None or p_day is None or abs((g_day - p_day).days) > 1:
        return None
    g_point, p_point = point(gold), point(pred)
    km = distance_km(g_point, p_point) if g_point and p_point else None
    if km is not None and km <= _MATCH_KM:
        return abs((g_day - p_day).days) * 100 + km
    if same_name(gold.get("location"), pred.get("location")):
        return abs((g_day - p_day).days) * 100
    return None


def match_events(
    gold: list[dict[str, Any]], predicted: list[dict[str, Any]]
) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index), each used at most once, closest pairs first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            cost = _match_cost(g, p)
            if cost is not None:
                candidates.append((cost, gi, pi))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _cost, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def _killed_low(value: Any, zero_is_unknown: bool) -> Any:
    # ACLED writes 0 where no deaths are reported; our null means the same there.
    return 0 if zero_is_unknown and value is None else value


def field_results(
    gold: dict[str, Any], pred: dict[str, Any], *, zero_is_unknown: bool = False
) -> dict[str, bool]:
    """Which scored fields are right, for the fields the coded event records."""
    out: dict[str, bool] = {}
    if "date" in gold:
        out["date"] = str(gold["date"])[:10] == str(pred.get("date") or "")[:10]
    g_point, p_point = point(gold), point(pred)
    if g_point is not None:
        km = distance_km(g_point, p_point) if p_point else None
        out["place_10km"] = km is not None and km <= 10
        out["place_25km"] = km is not None and km <= 25
    elif gold.get("location"):
        same = same_name(gold.get("location"), pred.get("location"))
        out["place_10km"] = out["place_25km"] = same
    if gold.get("admin1"):
        out["admin1"] = same_name(gold["admin1"], pred.get("admin1"))
    for name in (
        "event_type",
        "sub_event_type",
        "perpetrator",
        "weapon",
        "target_site",
        "civilian",
    ):
        if name in gold:
            out[name] = gold[name] == pred.get(name)
    for name in ("killed_low", "injured_low"):
        if name in gold:
            g_value = gold[name]
            p_value = pred.get(name)
            if name == "killed_low":
                g_value = _killed_low(g_value, zero_is_unknown)
                p_value = _killed_low(p_value, zero_is_unknown)
            out[name] = g_value == p_value
    return out


def _statement_key(statement: dict[str, Any]) -> tuple[str, str, str]:
    def norm(value: Any) -> str:
        return str(value or "").strip().lower()

    return (
        norm(statement.get("speaker")),
        norm(statement.get("kind")),
        norm(statement.get("addressee")),
    )


def score_report(
    scores: Scores,
    gold_events: list[dict[str, Any]],
    predicted_events: list[dict[str, Any]],
    gold_statements: list[dict[str, Any]] | None,
    predicted_statements: list[dict[str, Any]],
    *,
    zero_is_unknown: bool = False,
) -> list[tuple[int, int]]:
    """Add one report's results to ``scores``; returns the event pairs for error display."""
    scores.reports += 1
    scores.gold_events += len(gold_events)
    scores.predicted_events += len(predicted_events)
    pairs = match_events(gold_events, predicted_events)
    scores.matched_events += len(pairs)
    for gi, pi in pairs:
        for name, ok in field_results(
            gold_events[gi], predicted_events[pi], zero_is_unknown=zero_is_unknown
        ).items():
            scores.field_score(name).add(ok)
            if name == "killed_low" and (gold_events[gi].get("killed_low") or 0) > 0:
                scores.field_score("killed_low_reported").add(ok)
    if gold_statements is not None:
        scores.gold_statements += len(gold_statements)
        scores.predicted_statements += len(predicted_statements)
        remaining = [_statement_key(s) for s in predicted_statements]
        for statement in gold_statements:
            key = _statement_key(statement)
            if key in remaining:
                remaining.remove(key)
                scores.matched_statements += 1
    return pairs


def summarize(scores_by_set: Iterable[tuple[str, Scores]]) -> dict[str, Any]:
    return {name: scores.as_dict() for name, scores in scores_by_set}
