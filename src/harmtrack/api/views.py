"""Store records as the API's schemas: one place that shapes what the API, pages and exports
show, with public mode's sensitive fields scrubbed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, replace
from typing import Any

from sqlalchemy.orm import Session

from harmtrack.api import schemas
from harmtrack.api.sensitive import scrub
from harmtrack.export.incidents import feature
from harmtrack.incidents.fields import json_value
from harmtrack.model import Revision
from harmtrack.store import audit, repo
from harmtrack.store import incidents as store
from harmtrack.store.incidents import (
    FIGURE_COLUMNS,
    STATEMENT_FIELDS,
    SUMMARY_COLUMNS,
    ClaimRecord,
    Facets,
    IncidentFilter,
)
from harmtrack.store.tables import ClaimRow, DocumentRow, ZoneRow

#: Languages written right to left (ISO 639-1, and 639-3 where there is no 639-1 code).
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "ku", "ckb", "sd", "ug", "dv"})

_PLAIN = tuple(name for name in SUMMARY_COLUMNS if name not in FIGURE_COLUMNS)
_MAP_PROPERTIES = tuple(name for name in schemas.MapProperties.model_fields if name != "url")
MAP_COLUMNS = (*_MAP_PROPERTIES, "lat", "lon")


def incident_url(incident_id: int) -> str:
    return f"/incidents/{incident_id}"


def document_url(document_id: int) -> str:
    return f"/documents/{document_id}"


def original_url(document_id: int) -> str:
    return f"/api/v1/documents/{document_id}/original"


def direction(language: str | None) -> str:
    return "rtl" if (language or "").split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def _base(row: Mapping[Any, Any]) -> dict[str, Any]:
    values = {name: row[name] for name in _PLAIN}
    values["zones"] = [str(z) for z in values["zones"] or []]
    for role in ("killed", "injured"):
        values[role] = schemas.Figures(
            low=row[f"{role}_low"], best=row[f"{role}_best"], high=row[f"{role}_high"]
        )
    values["url"] = incident_url(row["id"])
    return values


def incident_summary(row: Mapping[Any, Any]) -> schemas.IncidentSummary:
    return schemas.IncidentSummary(**_base(row))


def incident_page(
    session: Session, flt: IncidentFilter, limit: int, offset: int = 0
) -> schemas.Page[schemas.IncidentSummary]:
    """A page of the incidents ``flt`` selects, with the total they number."""
    rows = store.list_incidents(session, replace(flt, limit=limit, offset=offset), SUMMARY_COLUMNS)
    return schemas.Page[schemas.IncidentSummary](
        items=[incident_summary(r) for r in rows],
        total=store.count_matching(session, flt),
        limit=limit,
        offset=offset,
    )


def map_feature(row: Mapping[Any, Any]) -> dict[str, Any]:
    """One located incident as a GeoJSON Feature (plain JSON: the map reads thousands)."""
    found = feature(row, _MAP_PROPERTIES)
    found["properties"]["url"] = incident_url(row["id"])
    return found


def facets(found: Facets) -> schemas.Facets:
    return schemas.Facets(
        countries=found.countries,
        event_types=found.event_types,
        sub_event_types=found.sub_event_types,
        perpetrators=found.perpetrators,
        grades=found.grades,
        date_min=found.first_date,
        date_max=found.last_date,
    )


def revision(r: Revision, public: bool) -> schemas.RevisionPublic:
    values = {k: v for k, v in asdict(r).items() if k != "incident_id"}
    return schemas.RevisionPublic(**scrub("revision", values, public))


def _incident_claim(record: ClaimRecord, titles: Mapping[int, str | None]) -> schemas.ClaimPublic:
    names = STATEMENT_FIELDS if record.kind == "statement" else tuple(record.values)
    return schemas.ClaimPublic(
        id=record.id,
        kind="statement" if record.kind == "statement" else "event",
        document_id=record.document_id,
        document_url=document_url(record.document_id),
        document_title=titles.get(record.document_id),
        publisher=record.publisher,
        published=record.published,
        fields={name: json_value(record.get(name)) for name in names},
        link=dict(record.link or {}),
        evidence=[
            schemas.EvidenceSpan(field=q.field, start=q.start, end=q.end, quote=q.quote)
            for q in record.quotes
        ],
    )


def incident_detail(
    session: Session, incident_id: int, public: bool
) -> schemas.IncidentPublic | None:
    row = store.incident(session, incident_id)
    if row is None:
        return None
    records = store.claims_of_incident(session, incident_id)
    titles = repo.document_titles(session, sorted({r.document_id for r in records}))
    return schemas.IncidentPublic(
        **_base(row),
        overrides=dict(row["overrides"] or {}),
        merged_into=row["merged_into"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        claims=[_incident_claim(r, titles) for r in records],
        revisions=[revision(r, public) for r in audit.revisions_of(session, incident_id)],
    )


def _evidence(claim: ClaimRow) -> list[schemas.EvidenceSpan]:
    return [
        schemas.EvidenceSpan(
            field=e.field, start=e.start_char, end=e.end_char, quote=e.quote, rule=e.rule
        )
        for e in claim.evidence
    ]


_DOCUMENT_FIELDS = tuple(
    name for name in schemas.DocumentSummary.model_fields if name not in ("url", "original_url")
)


def _document_values(row: DocumentRow) -> dict[str, Any]:
    document = repo.to_document(row)
    values = {name: getattr(document, name) for name in _DOCUMENT_FIELDS}
    return {**values, "url": document_url(row.id), "original_url": original_url(row.id)}


def document_summary(row: DocumentRow, public: bool) -> schemas.DocumentSummary:
    return schemas.DocumentSummary(**scrub("document", _document_values(row), public))


def document_detail(
    session: Session, document_id: int, public: bool
) -> schemas.DocumentPublic | None:
    row = repo.document_row(session, document_id)
    if row is None:
        return None
    claims = repo.claim_rows_of(session, document_id)
    incidents = repo.incident_of_claims(session, [c.id for c in claims])
    values = {
        **_document_values(row),
        "text": row.text,
        "direction": direction(row.language),
        "meta": dict(row.meta or {}),
        "error": row.error,
        "extractor": row.extractor,
        "extraction_error": row.extraction_error,
        "claims": [
            schemas.DocumentClaim(
                id=c.id,
                kind="statement" if c.kind == "statement" else "event",
                incident_id=incidents.get(c.id),
                fields=repo.to_claim(c).to_dict(),
                evidence=_evidence(c),
            )
            for c in claims
        ],
    }
    return schemas.DocumentPublic(**scrub("document", values, public))


def statements(session: Session, rows: Sequence[ClaimRow]) -> list[schemas.StatementPublic]:
    documents = repo.documents_by_id(session, sorted({r.document_id for r in rows}))
    incidents = repo.incident_of_claims(session, [r.id for r in rows])
    out = []
    for r in rows:
        doc = documents[r.document_id]
        out.append(
            schemas.StatementPublic(
                id=r.id,
                speaker=r.speaker,
                statement_kind=r.statement_kind,
                addressee=r.addressee,
                document_id=r.document_id,
                publisher=doc.source.name if doc.source else None,
                published=doc.published_at.date() if doc.published_at else None,
                incident_id=incidents.get(r.id),
                evidence=_evidence(r),
            )
        )
    return out


def zone(row: ZoneRow, public: bool, feature: dict[str, Any]) -> schemas.ZonePublic:
    values = {
        "id": row.id,
        "name": row.name,
        "kind": row.kind,
        "valid_from": row.valid_from,
        "valid_to": row.valid_to,
        "parties": [str(p) for p in row.parties],
        "origin": row.origin,
        "feature": feature,
    }
    return schemas.ZonePublic(**scrub("zone", values, public))
