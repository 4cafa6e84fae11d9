"""Score how events are merged into incidents: B-cubed precision and recall on coded clusters.

The extractor and the matcher run over a coded set's reports into a temporary in-memory store.
Each coded event is paired with an extracted one as in extraction scoring (``match_events``); the
paired events are the items. Two coded events of different reports are one incident when they
share a ``cluster`` slug, or share the date and sub-event type and lie within 5 km (CODING.md);
the gold clusters are the closure of that relation over every coded event.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from harmtrack.eval.compare import distance_km, point
from harmtrack.eval.gold import CodedReport, read_coded
from harmtrack.eval.run import extract_report
from harmtrack.eval.score import match_events
from harmtrack.extract.extractor import Extractor
from harmtrack.incidents.assign import match_document
from harmtrack.incidents.rules import MatchRules
from harmtrack.store import incidents as incident_store
from harmtrack.store import repo
from harmtrack.store.db import Database
from harmtrack.store.tables import DocumentRow

SAME_PLACE_KM = 5.0


@dataclass(frozen=True)
class GoldEvent:
    report: int  # index of its report in the set
    event: dict[str, Any]


def _same_incident(a: GoldEvent, b: GoldEvent) -> bool:
    if a.report == b.report:
        return False
    slug_a, slug_b = a.event.get("cluster"), b.event.get("cluster")
    if slug_a and slug_a == slug_b:
        return True
    e, f = a.event, b.event
    if not e.get("date") or str(e["date"])[:10] != str(f.get("date") or "")[:10]:
        return False
    if not e.get("sub_event_type") or e["sub_event_type"] != f.get("sub_event_type"):
        return False
    p, q = point(e), point(f)
    return p is not None and q is not None and distance_km(p, q) <= SAME_PLACE_KM


def gold_clusters(events: Sequence[GoldEvent]) -> list[int]:
    """A cluster number for each coded event (union-find over the same-incident relation)."""
    parent = list(range(len(events)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(events)):
        for j in range(i + 1, len(events)):
            if _same_incident(events[i], events[j]):
                parent[root(j)] = root(i)
    return [root(i) for i in range(len(events))]


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float]:
    """B-cubed precision and recall of a clustering, one label per item in each."""
    if not predicted:
        return 1.0, 1.0
    both = Counter(zip(predicted, gold, strict=True))
    in_pred, in_gold = Counter(predicted), Counter(gold)
    precision = sum(both[(p, g)] / in_pred[p] for p, g in zip(predicted, gold, strict=True))
    recall = sum(both[(p, g)] / in_gold[g] for p, g in zip(predicted, gold, strict=True))
    return precision / len(predicted), recall / len(predicted)


@dataclass(frozen=True)
class ClusterScores:
    """B-cubed figures over the paired events, with what they rest on."""

    reports: int
    gold_events: int
    extracted_events: int
    items: int  # coded events paired with an extracted one
    gold_clusters: int  # among the items
    gold_merged_items: int  # items whose gold cluster has more than one item
    predicted_clusters: int
    precision: float
    recall: float
    singleton_precision: float  # the same figures if nothing were ever merged
    singleton_recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "reports": self.reports,
            "gold_events": self.gold_events,
            "extracted_events": self.extracted_events,
            "items": self.items,
            "gold_clusters": self.gold_clusters,
            "gold_merged_items": self.gold_merged_items,
            "predicted_clusters": self.predicted_clusters,
            "bcubed": {
                "precision": round(self.precision, 4),
                "recall": round(self.recall, 4),
                "f1": round(self.f1, 4),
            },
            "singletons": {
                "precision": round(self.singleton_precision, 4),
                "recall": round(self.singleton_recall, 4),
            },
        }


def _published(report: CodedReport) -> datetime | None:
    try:
        day = datetime.fromisoformat(report.published[:10]) if report.published else None
    except ValueError:
        return None
    return day.replace(tzinfo=UTC) if day else None


def _document(report: CodedReport, origin: str) -> DocumentRow:
    digest = hashlib.sha256(f"{report.id}\n{report.text}".encode()).hexdigest()
    return DocumentRow(
        sha256=digest,
        origin=origin,
        origin_kind="record",
        record_id=report.id,
        size_bytes=len(report.text.encode()),
        retrieved_at=datetime.now(UTC),
        published_at=_published(report),
        published_precision="day" if report.published else None,
        text=report.text,
        status="ok",
        meta={},
    )


def evaluate_incidents(
    path: Path,
    extractor: Extractor,
    *,
    rules: MatchRules | None = None,
    limit: int | None = None,
    on_report: Callable[[CodedReport], None] | None = None,
) -> ClusterScores:
    """Extract and match every report of ``path`` into a fresh in-memory store; score it."""
    db = Database("sqlite://")
    gold: list[GoldEvent] = []
    paired: list[tuple[int, int]] = []  # (index in gold, extracted claim id)
    extracted = reports = 0
    try:
        for number, report in enumerate(read_coded(path)):
            if limit is not None and number >= limit:
                break
            reports += 1
            extraction = extract_report(extractor, report)
            extracted += len(extraction.events)
            with db.session() as session:
                row = _document(report, f"{path.name}:{number + 1}")
                row.source = repo.source_named(session, report.source) if report.source else None
                session.add(row)
                session.flush()
                claims = repo.claim_rows(extraction)
                repo.save_claims(session, row, extraction.extractor, claims)
                session.flush()
                match_document(session, row.id, rules=rules)
                predicted = [e.to_dict() for e in extraction.events]
                first = len(gold)
                gold += [GoldEvent(number, event) for event in report.events]
                for gi, pi in match_events(report.events, predicted):
                    paired.append((first + gi, claims[pi].id))
            if on_report is not None:
                on_report(report)
        with db.session() as session:
            records = incident_store.claims_by_id(session, [claim for _, claim in paired])
        incident_of = {r.id: r.incident_id for r in records}
    finally:
        db.close()
    clusters = gold_clusters(gold)
    gold_labels = [clusters[gi] for gi, _ in paired]
    predicted_labels = [incident_of[claim] for _, claim in paired]
    singles = list(range(len(paired)))
    precision, recall = bcubed(predicted_labels, gold_labels)
    single_p, single_r = bcubed(singles, gold_labels)
    sizes = Counter(gold_labels)
    return ClusterScores(
        reports=reports,
        gold_events=len(gold),
        extracted_events=extracted,
        items=len(paired),
        gold_clusters=len(sizes),
        gold_merged_items=sum(n for n in sizes.values() if n > 1),
        predicted_clusters=len(set(predicted_labels)),
        precision=precision,
        recall=recall,
        singleton_precision=single_p,
        singleton_recall=single_r,
    )
