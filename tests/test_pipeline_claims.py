"""Ingest stores a document's claims and evidence in its transaction; reextract redoes them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from harmtrack.extract.extractor import default_extractor
from harmtrack.model import EventClaim, Extraction
from harmtrack.pipeline import Ingestor, IngestResult, reextract
from harmtrack.settings import Settings
from harmtrack.sources.archive import Archive
from harmtrack.sources.inputs import plan_inputs
from harmtrack.store import repo
from harmtrack.store.db import Database
from harmtrack.store.tables import ClaimRow, DocumentRow, EvidenceRow


def _ingest(db: Database, archive: Archive, settings: Settings, *args: str, **kw) -> IngestResult:
    (result,) = Ingestor(db, archive, settings, **kw).run(plan_inputs(list(args)))
    return result


def _counts(db: Database) -> tuple[int, int]:
    with db.session() as session:
        claims = session.scalar(select(func.count()).select_from(ClaimRow))
        evidence = session.scalar(select(func.count()).select_from(EvidenceRow))
    return int(claims or 0), int(evidence or 0)


def _boom(text: str, *, published: date | None, publisher: str | None) -> Extraction:
    raise RuntimeError(f"boom on {len(text)} characters")


def _bad_date(text: str, *, published: date | None, publisher: str | None) -> Extraction:
    return Extraction([EventClaim(date="13 November")], [], "bad-dates 0")


def _one_place(text: str, *, published: date | None, publisher: str | None) -> Extraction:
    return Extraction([EventClaim(location="Atareb")], [], "one-place 0")


def test_ingest_seed_stores_one_event_and_two_statements(db, archive, settings, seed_path) -> None:
    result = _ingest(db, archive, settings, str(seed_path))
    assert (result.status, result.events, result.statements) == ("ok", 1, 2)
    assert result.extraction_error is None
    with db.session() as session:
        claims = repo.claims_of(session, result.document_id)
        doc = repo.to_document(session.get(DocumentRow, result.document_id))
    assert [c.kind for c in claims] == ["event", "statement", "statement"]
    assert doc.extraction_status == "ok" and doc.extractor == claims[0].extractor
    (event,) = [c.content for c in claims if c.kind == "event"]
    assert isinstance(event, EventClaim)
    assert (event.date, event.date_precision) == ("2017-11-13", "day")
    assert (event.country, event.admin1, event.location) == ("SY", "Aleppo", "Al Atarib")
    assert event.perpetrator == "russia" and event.killed_low == 40 and event.civilian is True
    assert {(c.content.speaker, c.content.kind) for c in claims if c.kind == "statement"} == {
        ("Syrian Coalition", "condemn"),
        ("Syrian Coalition", "demand"),
    }


def test_ingest_stored_claims_equal_the_extractors(db, archive, settings, seed_path) -> None:
    result = _ingest(db, archive, settings, str(seed_path))
    with db.session() as session:
        doc = repo.to_document(session.get(DocumentRow, result.document_id))
        stored = repo.claims_of(session, doc.id)
    assert doc.published_at is not None
    extraction = default_extractor().extract(
        doc.text, published=doc.published_at.date(), publisher=doc.publisher
    )
    # Every field and every evidence span survives the round trip through the tables.
    assert [c.content for c in stored] == [*extraction.events, *extraction.statements]
    assert {c.extractor for c in stored} == {extraction.extractor}


def test_ingest_every_evidence_quote_is_its_span_of_the_text(
    db, archive, settings, seed_path
) -> None:
    _ingest(db, archive, settings, str(seed_path))
    with db.session() as session:
        rows = session.execute(
            select(DocumentRow.text, EvidenceRow)
            .join(ClaimRow, ClaimRow.document_id == DocumentRow.id)
            .join(EvidenceRow, EvidenceRow.claim_id == ClaimRow.id)
        ).all()
    assert len(rows) >= 10
    for text, evidence in rows:
        assert text[evidence.start_char : evidence.end_char] == evidence.quote


def test_ingest_again_adds_no_claims(db, archive, settings, seed_path) -> None:
    _ingest(db, archive, settings, str(seed_path))
    before = _counts(db)
    again = _ingest(db, archive, settings, str(seed_path))
    assert again.status == "duplicate" and (again.events, again.statements) == (0, 0)
    assert _counts(db) == before and before[0] == 3


def test_ingest_records_a_crashing_extractor_and_keeps_the_document(
    db, archive, settings, seed_path
) -> None:
    result = _ingest(db, archive, settings, str(seed_path), extract=_boom)
    assert result.status == "ok" and result.document_id is not None
    assert result.extraction_error is not None
    assert result.extraction_error.startswith("RuntimeError: boom on ")
    assert "test_pipeline_claims.py" in result.extraction_error  # where it was raised
    with db.session() as session:
        doc = repo.to_document(session.get(DocumentRow, result.document_id))
    assert doc.status == "ok" and "vacuum missiles" in doc.text
    assert (doc.extraction_status, doc.extraction_error) == ("failed", result.extraction_error)
    assert _counts(db) == (0, 0)

    (fixed,) = reextract(db, [result.document_id], default_extractor().extract)
    assert (fixed.events, fixed.statements, fixed.error) == (1, 2, None)
    with db.session() as session:
        assert repo.to_document(session.get(DocumentRow, fixed.document_id)).extraction_status == (
            "ok"
        )


def test_ingest_a_date_the_store_cannot_read_is_an_extraction_error(
    db, archive, settings, seed_path
) -> None:
    result = _ingest(db, archive, settings, str(seed_path), extract=_bad_date)
    assert result.status == "ok" and result.extraction_error is not None
    assert result.extraction_error.startswith("ValueError: Invalid isoformat string")
    assert _counts(db) == (0, 0)


def test_ingest_unreadable_input_is_not_extracted(db, archive, settings, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = _ingest(db, archive, settings, str(empty), extract=_boom)
    assert result.status == "failed" and result.extraction_error is None
    with db.session() as session:
        assert (
            repo.to_document(session.get(DocumentRow, result.document_id)).extraction_status is None
        )


def test_reextract_replaces_claims_without_duplicating(db, archive, settings, seed_path) -> None:
    first = _ingest(db, archive, settings, str(seed_path))
    before = _counts(db)
    extract = default_extractor().extract
    results = [
        *reextract(db, [first.document_id], extract),
        *reextract(db, [first.document_id], extract),
    ]
    assert [(r.events, r.statements, r.error) for r in results] == [(1, 2, None)] * 2
    assert _counts(db) == before

    (other,) = reextract(db, [first.document_id], extract=_one_place)
    assert (other.events, other.statements) == (1, 0)
    with db.session() as session:
        (claim,) = repo.claims_of(session, first.document_id)
        doc = repo.to_document(session.get(DocumentRow, first.document_id))
    assert claim.content == EventClaim(location="Atareb") and claim.extractor == "one-place 0"
    assert doc.extractor == "one-place 0"
    assert _counts(db) == (1, 0)


def test_reextract_failure_keeps_the_claims_it_had(db, archive, settings, seed_path) -> None:
    first = _ingest(db, archive, settings, str(seed_path))
    before = _counts(db)
    (failed,) = reextract(db, [first.document_id], extract=_boom)
    assert failed.error is not None and failed.error.startswith("RuntimeError")
    assert _counts(db) == before
    with db.session() as session:
        doc = repo.to_document(session.get(DocumentRow, first.document_id))
    assert doc.extraction_status == "failed" and doc.extractor is not None


@pytest.mark.parametrize("document_id", [2, 99])
def test_reextract_refuses_documents_without_text(
    db, archive, settings, seed_path, tmp_path: Path, document_id: int
) -> None:
    _ingest(db, archive, settings, str(seed_path))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    _ingest(db, archive, settings, str(empty))
    (result,) = reextract(db, [document_id], default_extractor().extract)
    assert result.error == "no stored text to extract from"
    with db.session() as session:
        assert repo.document_ids_with_text(session) == [1]
