"""Claims and their evidence go into the tables and come back unchanged."""

from __future__ import annotations

from datetime import UTC, datetime

from harmtrack.model import EventClaim, Evidence, Extraction, StatementClaim
from harmtrack.store import repo
from harmtrack.store.db import Database
from harmtrack.store.tables import DocumentRow

EVENT = EventClaim(
    date="2019-05-13",
    date_precision="week",
    date_end="2019-05-19",
    country="SY",
    admin1="Idlib",
    location="Kafranbel",
    lat=35.61234,
    lon=36.56789,
    geo_precision="town",
    event_type="Explosions/Remote violence",
    sub_event_type="Air/drone strike",
    perpetrator="russia",
    weapon="barrel_bomb",
    target_site="school",
    killed_low=6,
    killed_high=8,
    injured_low=0,
    injured_high=None,
    civilian=False,
    evidence=[
        Evidence("killed_low", 5, 8, "six", "casualties@1"),
        Evidence("date", 0, 0, "", "dates@1:publication-date"),
    ],
)
STATEMENT = StatementClaim(
    "Syrian Coalition", "condemn", "russia", [Evidence("kind", 20, 28, "condemns", "statements@1")]
)


def _document(db: Database, sha: str = "c") -> int:
    with db.session() as session:
        row = DocumentRow(
            sha256=sha * 64,
            origin="x",
            origin_kind="file",
            size_bytes=1,
            status="ok",
            retrieved_at=datetime(2020, 1, 1, tzinfo=UTC),
            meta={},
        )
        session.add(row)
        session.flush()
        return row.id


def _save(db: Database, document_id: int, extraction: Extraction) -> None:
    with db.session() as session:
        row = session.get(DocumentRow, document_id)
        assert row is not None
        repo.save_claims(session, row, extraction.extractor, repo.claim_rows(extraction))


def test_store_claims_round_trip_every_field(db: Database) -> None:
    doc = _document(db)
    _save(db, doc, Extraction([EVENT], [STATEMENT], "hand 1"))
    with db.session() as session:
        event, statement = repo.claims_of(session, doc)
        assert repo.count_claims(session) == {"event": 1, "statement": 1}
        assert repo.to_document(session.get(DocumentRow, doc)).extractor == "hand 1"
    assert (event.content, statement.content) == (EVENT, STATEMENT)
    assert (event.document_id, event.extractor) == (doc, "hand 1")
    shown = statement.to_dict()
    assert (shown["kind"], shown["statement_kind"], shown["addressee"]) == (
        "statement",
        "condemn",
        "russia",
    )
    assert event.to_dict()["evidence"][0] == {
        "field": "killed_low",
        "start": 5,
        "end": 8,
        "quote": "six",
        "rule": "casualties@1",
    }


def test_store_save_claims_replaces_only_that_documents(db: Database) -> None:
    first, second = _document(db, "c"), _document(db, "d")
    _save(db, first, Extraction([EVENT], [STATEMENT], "hand 1"))
    _save(db, second, Extraction([EVENT], [], "hand 1"))
    _save(db, first, Extraction([], [STATEMENT], "hand 2"))
    with db.session() as session:
        assert [c.kind for c in repo.claims_of(session, first)] == ["statement"]
        assert [c.kind for c in repo.claims_of(session, second)] == ["event"]
        assert repo.count_claims(session) == {"event": 1, "statement": 1}
