"""A process killed in the middle of an ingest leaves a sound database and archive."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from harmtrack.sources.archive import Archive

# Each file is also run through the extractor (~0.2 s), so 150 files keep the kill mid-batch
# and the re-run well inside the test time-out.
N_FILES = 150


def _count(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # schema not created yet


def _assert_claims_consistent(conn: sqlite3.Connection) -> None:
    """No claim without its document, no evidence without its claim, no document without its
    extraction (claims are stored in the document's own transaction)."""
    orphans = conn.execute(
        "SELECT count(*) FROM claims WHERE document_id NOT IN (SELECT id FROM documents)"
    ).fetchone()[0]
    assert orphans == 0, "a claim outlived its document"
    orphans = conn.execute(
        "SELECT count(*) FROM evidence WHERE claim_id NOT IN (SELECT id FROM claims)"
    ).fetchone()[0]
    assert orphans == 0, "evidence outlived its claim"
    unextracted = conn.execute(
        "SELECT count(*) FROM documents"
        " WHERE status = 'ok' AND extractor IS NULL AND extraction_error IS NULL"
    ).fetchone()[0]
    assert unextracted == 0, "a document was stored without its claims"


def _ingest_command(home: Path, folder: Path) -> list[str]:
    return [sys.executable, "-m", "harmtrack", "--home", str(home), "ingest", str(folder)]


def test_pipeline_kill_mid_ingest_leaves_sound_store(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(N_FILES):
        body = f"Report {i}: shelling hit the town of Saraqib, killing {i} civilians.\n" * 200
        (folder / f"report-{i:04d}.txt").write_text(body)
    home = tmp_path / "home"
    db_path = home / "harmtrack.db"

    process = subprocess.Popen(
        _ingest_command(home, folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while _count(db_path) < 20 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored = _count(db_path)
    assert 0 < stored < N_FILES, "the kill should land in the middle of the batch"

    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        _assert_claims_consistent(conn)
        digests = [row[0] for row in conn.execute("SELECT sha256 FROM documents")]
    archive = Archive(home / "archive")
    assert all(archive.verify(digest) for digest in digests), "a document lost its archived bytes"
    finished = [
        p for p in (home / "archive").rglob("*") if p.is_file() and not p.name.startswith(".")
    ]
    assert all(archive.verify(p.name) for p in finished), "a partial file took an archive name"

    rerun = subprocess.run(
        _ingest_command(home, folder), capture_output=True, text=True, timeout=300
    )
    assert rerun.returncode == 0, rerun.stderr
    assert _count(db_path) == N_FILES
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(DISTINCT sha256) FROM documents").fetchone()[0] == N_FILES
        _assert_claims_consistent(conn)
