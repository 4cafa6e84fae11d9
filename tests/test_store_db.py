from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from harmtrack.store.db import Database
from harmtrack.store.tables import Base, DocumentRow


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
    with again.engine.connect() as connection:
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
        )
    again.close()


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
