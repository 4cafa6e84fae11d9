"""The revisions log: append-only, each row chained to the one before by a SHA-256 hash."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import RowMapping, Table, insert, select
from sqlalchemy.orm import Session

from harmtrack.model import Revision
from harmtrack.store.tables import RevisionRow

REVISIONS = cast(Table, RevisionRow.__table__)
GENESIS = "0" * 64  # the "previous hash" of the first row


def canonical_value(value: Any) -> str:
    """A value as the log stores it: JSON with sorted keys, no spaces, non-ASCII kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_row(row: RowMapping | dict[str, Any]) -> str:
    """The canonical JSON of a row's content: every column but ``id`` and ``hash``."""
    at: datetime = row["at"]
    return canonical_value(
        {
            "at": at.astimezone(UTC).isoformat(),
            "user": row["user"],
            "incident_id": row["incident_id"],
            "action": row["action"],
            "field": row["field"],
            "old": row["old"],
            "new": row["new"],
            "why": row["why"],
            "prev_hash": row["prev_hash"],
        }
    )


def chain_hash(prev_hash: str, canonical: str) -> str:
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def _last_hash(session: Session) -> str:
    # FOR UPDATE (PostgreSQL) keeps two writers from chaining onto the same row. SQLite has one
    # writer at a time, and callers write the incident before the log, so they hold that lock.
    query = select(REVISIONS.c.hash).order_by(REVISIONS.c.id.desc()).limit(1).with_for_update()
    return session.scalar(query) or GENESIS


def append(
    session: Session,
    *,
    user: str,
    incident_id: int,
    action: str,
    field: str,
    old: Any,
    new: Any,
    why: str,
    at: datetime | None = None,
) -> str:
    """Add one revision at the end of the chain, in the caller's transaction; returns its hash."""
    values: dict[str, Any] = {
        "at": (at or datetime.now(UTC)).astimezone(UTC),
        "user": user,
        "incident_id": incident_id,
        "action": action,
        "field": field,
        "old": canonical_value(old),
        "new": canonical_value(new),
        "why": why,
        "prev_hash": _last_hash(session),
    }
    values["hash"] = chain_hash(values["prev_hash"], canonical_row(values))
    session.execute(insert(REVISIONS).values(**values))
    return str(values["hash"])


def _revision(row: RowMapping) -> Revision:
    return Revision(
        id=row["id"],
        at=row["at"],
        user=row["user"],
        incident_id=row["incident_id"],
        action=row["action"],
        field=row["field"],
        old=json.loads(row["old"]),
        new=json.loads(row["new"]),
        why=row["why"],
        prev_hash=row["prev_hash"],
        hash=row["hash"],
    )


def revisions_of(session: Session, incident_id: int) -> list[Revision]:
    query = select(REVISIONS).where(REVISIONS.c.incident_id == incident_id).order_by(REVISIONS.c.id)
    return [_revision(row) for row in session.execute(query).mappings()]


def has_revisions(session: Session, incident_id: int) -> bool:
    query = select(REVISIONS.c.id).where(REVISIONS.c.incident_id == incident_id).limit(1)
    return session.scalar(query) is not None


@dataclass(frozen=True)
class ChainReport:
    """What ``verify`` found: how many rows were checked and the first broken one, if any."""

    rows: int
    broken_id: int | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def verify(session: Session) -> ChainReport:
    """Recompute the chain from the first row; stop at the first row that does not verify."""
    expected_prev = GENESIS
    count = 0
    query = select(REVISIONS).order_by(REVISIONS.c.id).execution_options(yield_per=1000)
    for row in session.execute(query).mappings():
        count += 1
        if row["prev_hash"] != expected_prev:
            return ChainReport(
                count,
                row["id"],
                "its previous hash is not the hash of the row before it"
                " (a row before it was removed, inserted or rewritten)",
            )
        if chain_hash(row["prev_hash"], canonical_row(row)) != row["hash"]:
            return ChainReport(count, row["id"], "its content does not match its hash")
        expected_prev = row["hash"]
    return ChainReport(count)
