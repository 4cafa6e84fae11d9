from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from harmtrack.model import EventClaim, Evidence, Extraction
from harmtrack.store import repo
from harmtrack.store.db import Database, alembic_config, create_db_engine
from harmtrack.store.tables import Base, DocumentRow

# SQLAlchemy cannot reflect SQLite's expression indexes (lower(event_type), ...) and says so;
# Alembic then leaves them out of the comparison, which test_db_migration_0006 checks by name.
pytestmark = [
    pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index"),
    pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based"),
]


def test_db_migrations_build_exactly_the_models(db: Database) -> None:
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_db_sqlite_runs_in_wal_with_foreign_keys(db: Database) -> None:
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_db_reopening_is_a_no_op_migration(settings, db: Database) -> None:
    again = Database(settings.db_url)
    head = ScriptDirectory.from_config(alembic_config(again.engine)).get_current_head()
    with again.engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    again.close()
    assert head == "0006" and version == head


def _row(**changes: object) -> DocumentRow:
    values: dict[str, object] = dict(
        sha256="a" * 64,
        origin="x",
        origin_kind="file",
        size_bytes=1,
        status="ok",
        retrieved_at=datetime(2020, 1, 1, tzinfo=UTC),
        meta={},
    )
    values.update(changes)
    return DocumentRow(**values)


def test_db_datetimes_come_back_as_utc(db: Database) -> None:
    local = datetime(2017, 11, 14, 11, 25, tzinfo=timezone(timedelta(hours=3)))
    with db.session() as session:
        session.add(_row(published_at=local))
    with db.session() as session:
        stored = session.query(DocumentRow).one().published_at
    assert stored == local and stored.tzinfo == UTC


def test_db_naive_datetimes_are_refused(db: Database) -> None:
    with pytest.raises(Exception, match="naive datetime"), db.session() as session:
        session.add(_row(retrieved_at=datetime(2020, 1, 1)))
        session.flush()


def test_db_session_rolls_back_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as session:
        session.add(_row())
        session.flush()
        raise RuntimeError("boom")
    with db.session() as session:
        assert session.query(DocumentRow).count() == 0


def _migrate_to(url: str, revision: str, *, down: bool = False) -> None:
    engine = create_db_engine(url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
    engine.dispose()


def test_db_migration_0002_adds_claims_to_a_0001_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _migrate_to(url, "0001")
    engine = create_db_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO documents (sha256, origin, origin_kind, size_bytes, retrieved_at,"
                " text, status, meta, created_at, updated_at) VALUES ('" + "b" * 64 + "',"
                " 'old.txt', 'file', 3, '2020-01-01 00:00:00', 'Old', 'ok', '{}',"
                " '2020-01-01 00:00:00', '2020-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO ingest_log (run_id, at, input, status, document_id)"
                " VALUES ('r', '2020-01-01 00:00:00', 'old.txt', 'ok', 1)"
            )
        )
    engine.dispose()

    db = Database(url)  # opening upgrades to head
    with db.engine.connect() as connection:
        tables = inspect(connection).get_table_names()
        indexes = {i["name"] for i in inspect(connection).get_indexes("claims")}
    assert {"claims", "evidence"} <= set(tables)
    assert {"ix_claims_country_date", "ix_claims_document_id"} <= indexes
    event = EventClaim(date="2020-01-01", evidence=[Evidence("date", 0, 3, "Old", "test@1")])
    with db.session() as session:
        (row,) = repo.find_documents(session, "1")
        assert repo.to_document(row).extraction_status is None  # stored before claims existed
        repo.save_claims(session, row, "test", repo.claim_rows(Extraction([event], [], "test")))
    with db.session() as session:
        assert [c.content for c in repo.claims_of(session, 1)] == [event]
    db.close()

    _migrate_to(url, "0001", down=True)
    engine = create_db_engine(url)
    with engine.connect() as connection:
        assert "claims" not in inspect(connection).get_table_names()
        columns = {c["name"] for c in inspect(connection).get_columns("documents")}
        assert "extractor" not in columns
        assert connection.execute(text("SELECT origin FROM documents")).scalar() == "old.txt"
    engine.dispose()


def test_db_migration_0003_adds_incidents_to_a_0002_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'claims.db'}"
    _migrate_to(url, "0002")
    db = Database(url)  # opening upgrades to head
    with db.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        indexes = {i["name"] for i in inspect(connection).get_indexes("incidents")}
    assert {"incidents", "incident_claims", "revisions"} <= tables
    assert {"ix_incidents_country_date", "ix_incidents_country_date_end"} <= indexes
    db.close()
    _migrate_to(url, "0002", down=True)
    engine = create_db_engine(url)
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
    assert "incidents" not in tables and "revisions" not in tables and "claims" in tables
    engine.dispose()


def test_db_migration_0006_indexes_the_incident_filters(db: Database) -> None:
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents'"
        ).all()
        indexes = {name: sql for name, sql in rows if sql}
        plan = connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM incidents WHERE merged_into IS NULL"
            " AND lower(event_type) = 'battles'"
        ).all()
    for column in ("event_type", "sub_event_type", "admin1"):
        assert f"lower({column})" in indexes[f"ix_incidents_{column}_lower"]
    assert "ix_incidents_event_type_lower" in str(plan)
