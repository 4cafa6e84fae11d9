"""Run the extractor over a coded set and score it; optionally list each report's errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from harmtrack.eval.gold import CodedReport, read_coded
from harmtrack.eval.score import Scores, field_results, score_report
from harmtrack.extract.extractor import Extractor
from harmtrack.model import Extraction


@dataclass
class ReportDiff:
    """What went wrong on one report: missed, spurious and mismatched events and fields."""

    id: str
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    wrong_fields: list[dict[str, Any]] = field(default_factory=list)
    missed_statements: list[dict[str, Any]] = field(default_factory=list)
    spurious_statements: list[dict[str, Any]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.missed
            or self.spurious
            or self.wrong_fields
            or self.missed_statements
            or self.spurious_statements
        )


def _published(report: CodedReport) -> date | None:
    try:
        return date.fromisoformat(report.published[:10]) if report.published else None
    except ValueError:
        return None


def extract_report(extractor: Extractor, report: CodedReport) -> Extraction:
    return extractor.extract(report.text, published=_published(report), publisher=report.source)


def evaluate(
    path: Path,
    extractor: Extractor,
    *,
    on_report: Callable[[CodedReport], None] | None = None,
    limit: int | None = None,
) -> tuple[Scores, list[ReportDiff]]:
    """Score ``extractor`` on the coded set at ``path``."""
    scores = Scores()
    diffs: list[ReportDiff] = []
    for number, report in enumerate(read_coded(path)):
        if limit is not None and number >= limit:
            break
        extraction = extract_report(extractor, report)
        predicted = [e.to_dict() for e in extraction.events]
        statements = [s.to_dict() for s in extraction.statements]
        zero_is_unknown = (report.source or "").upper() == "ACLED"
        pairs = score_report(
            scores,
            report.events,
            predicted,
            report.statements,
            statements,
            zero_is_unknown=zero_is_unknown,
        )
        diffs.append(_diff(report, predicted, statements, pairs, zero_is_unknown))
        if on_report is not None:
            on_report(report)
    return scores, diffs


_SHOWN = (
    "date",
    "location",
    "admin1",
    "sub_event_type",
    "perpetrator",
    "weapon",
    "target_site",
    "killed_low",
    "injured_low",
    "civilian",
)


def _brief(event: dict[str, Any]) -> dict[str, Any]:
    return {k: event.get(k) for k in _SHOWN if k in event}


def _diff(
    report: CodedReport,
    predicted: list[dict[str, Any]],
    statements: list[dict[str, Any]],
    pairs: list[tuple[int, int]],
    zero_is_unknown: bool,
) -> ReportDiff:
    diff = ReportDiff(report.id)
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    diff.missed = [_brief(e) for i, e in enumerate(report.events) if i not in matched_gold]
    diff.spurious = [_brief(e) for i, e in enumerate(predicted) if i not in matched_pred]
    for gi, pi in pairs:
        gold, pred = report.events[gi], predicted[pi]
        wrong = [
            k
            for k, ok in field_results(gold, pred, zero_is_unknown=zero_is_unknown).items()
            if not ok
        ]
        if wrong:
            diff.wrong_fields.append(
                {"fields": wrong, "gold": _brief(gold), "extracted": _brief(pred)}
            )
    if report.statements is not None:

        def key(s: dict[str, Any]) -> tuple[str, str, str]:
            return (str(s.get("speaker")), str(s.get("kind")), str(s.get("addressee")))

        gold_keys = [key(s) for s in report.statements]
        pred_keys = [key(s) for s in statements]
        diff.missed_statements = [s for s in report.statements if key(s) not in pred_keys]
        diff.spurious_statements = [
            {k: v for k, v in s.items() if k != "evidence"}
            for s in statements
            if key(s) not in gold_keys
        ]
    return diff
