"""The revisions log: a hash chain that `harmtrack audit verify` recomputes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from harmtrack.store import audit
from harmtrack.store.db import Database


def _log(db: Database, rows: int) -> list[str]:
    hashes = []
    with db.session() as session:
        for n in range(rows):
            hashes.append(
                audit.append(
                    session,
                    user="ana",
                    incident_id=1 + n % 2,
                    action="edit",
                    field="killed_best",
                    old=n,
                    new=n + 1,
                    why=f"correction {n} — العدد",
                    at=datetime(2026, 1, 1, 12, n, 30, 123456, tzinfo=UTC),
                )
            )
    return hashes


def test_audit_chain_links_each_row_to_the_one_before(db: Database) -> None:
    hashes = _log(db, 3)
    with db.session() as session:
        revisions = audit.revisions_of(session, 1) + audit.revisions_of(session, 2)
        report = audit.verify(session)
    revisions.sort(key=lambda r: r.id)
    assert [r.hash for r in revisions] == hashes
    assert revisions[0].prev_hash == audit.GENESIS
    assert [r.prev_hash for r in revisions[1:]] == hashes[:2]
    assert (report.ok, report.rows) == (True, 3)
    assert revisions[2].why == "correction 2 — العدد" and revisions[2].new == 3


@pytest.mark.parametrize(
    ("tamper", "broken"),
    [
        ("UPDATE revisions SET new = '4' WHERE id = 2", 2),
        ("UPDATE revisions SET why = 'nothing to see' WHERE id = 1", 1),
        ("UPDATE revisions SET at = '2026-01-02 00:00:00.000000' WHERE id = 3", 3),
        ("DELETE FROM revisions WHERE id = 2", 3),
    ],
)
def test_audit_verify_names_the_first_broken_row(db: Database, tamper: str, broken: int) -> None:
    _log(db, 4)
    with db.engine.begin() as connection:
        connection.execute(text(tamper))
    with db.session() as session:
        report = audit.verify(session)
    assert (report.ok, report.broken_id) == (False, broken)


def test_audit_a_rewritten_row_with_a_fresh_hash_breaks_the_next_link(db: Database) -> None:
    _log(db, 3)
    with db.session() as session:
        row = session.execute(text("SELECT * FROM revisions WHERE id = 2")).mappings().one()
        forged = dict(row, why="forged", at=datetime.fromisoformat(row["at"]).replace(tzinfo=UTC))
        new_hash = audit.chain_hash(row["prev_hash"], audit.canonical_row(forged))
    with db.engine.begin() as connection:
        connection.execute(
            text("UPDATE revisions SET why = 'forged', hash = :h WHERE id = 2"), {"h": new_hash}
        )
    with db.session() as session:
        assert audit.verify(session).broken_id == 3


def test_audit_cli_verify_exits_1_naming_the_row(cli, db: Database) -> None:
    assert cli("audit", "verify").exit_code == 0
    _log(db, 3)
    ok = cli("audit", "verify")
    assert ok.exit_code == 0 and "3 revisions, hash chain intact" in ok.stdout
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE revisions SET user = 'mallory' WHERE id = 2"))
    broken = cli("audit", "verify")
    assert broken.exit_code == 1
    assert "revision 2 does not verify" in broken.stderr and "E510" in broken.stderr
    as_json = cli("audit", "verify", "--json")
    assert as_json.exit_code == 1 and '"broken": 2' in as_json.stdout
