from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from harmtrack.pipeline import Ingestor
from harmtrack.settings import Settings
from harmtrack.sources.archive import Archive
from harmtrack.sources.inputs import plan_inputs
from harmtrack.store import repo
from harmtrack.store.db import Database
from tests.pdfs import make_pdf


def _ingest(db: Database, archive: Archive, settings: Settings, *args: str):
    return list(Ingestor(db, archive, settings).run(plan_inputs(list(args))))


def test_ingest_seed_twice_gives_one_document(db, archive, settings, seed_path: Path) -> None:
    first = _ingest(db, archive, settings, str(seed_path))
    second = _ingest(db, archive, settings, str(seed_path))
    assert [r.status for r in first] == ["ok"]
    assert [r.status for r in second] == ["duplicate"]
    assert second[0].document_id == first[0].document_id
    with db.session() as session:
        assert repo.count_by(session, "status") == {"ok": 1}
        doc = repo.to_document(repo.find_documents(session, str(first[0].document_id))[0])
    expected = hashlib.sha256(seed_path.read_bytes()).hexdigest()
    assert doc.sha256 == expected
    assert hashlib.sha256(archive.read(doc.sha256)).hexdigest() == expected
    assert doc.published_at is not None and doc.published_at.date().isoformat() == "2017-11-13"
    assert doc.published_precision == "day"
    assert doc.publisher == "Syrian Coalition"
    assert doc.language == "en"
    assert "Home press releases" not in doc.text
    assert doc.text.startswith("Tuesday, 14 November 2017 11:25")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    (folder / "nested" / ".hidden").mkdir(parents=True)
    (folder / "good.txt").write_text("Shelling hit the town of Saraqib on Monday.\n" * 3)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "garbage.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "invalid-utf8.txt").write_bytes(
        b"Market strike in Atareb \xff\xfe killed 40 people.\n" * 2
    )
    with (folder / "huge.txt").open("wb") as handle:  # 50 MB, sparse: cheap to make
        handle.truncate(50 * 1024 * 1024)
    (folder / "nested" / "deep.html").write_bytes(
        b"<html><body>" + b"<div>" * 20_000 + b"x" + b"</div>" * 20_000 + b"</body></html>"
    )
    (folder / "nested" / "broken.pdf").write_bytes(make_pdf([["Cut short"]])[:150])
    (folder / "nested" / "good.pdf").write_bytes(make_pdf([["Air strikes on Maarat al-Numan."]]))
    (folder / "nested" / ".hidden" / "secret.txt").write_text("not read")
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a readable suffix: not taken
    records = [
        {"id": "r1", "text": "Clashes in Idlib.", "published": "2020-05-01", "source": "ACLED"},
        "not json",
        {"id": "r3"},
        {"id": "r4", "text": "Drone strike near Kafranbel.", "language": "en"},
    ]
    (folder / "records.jsonl").write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n\n"
    )
    return folder


def test_ingest_hostile_batch_goes_on_and_names_each_failure(
    db, archive, settings, hostile
) -> None:
    results = {Path(r.input).name: r for r in _ingest(db, archive, settings, str(hostile))}
    statuses = {name: r.status for name, r in results.items()}
    assert statuses == {
        "broken.pdf": "failed",
        "deep.html": statuses["deep.html"],  # either readable or refused, never a crash
        "good.pdf": "ok",
        "empty.txt": "failed",
        "garbage.txt": "failed",
        "good.txt": "ok",
        "huge.txt": "failed",
        "invalid-utf8.txt": "ok",
        "records.jsonl:1": "ok",
        "records.jsonl:2": "failed",
        "records.jsonl:3": "failed",
        "records.jsonl:4": "ok",
    }
    assert "empty" in results["empty.txt"].reason
    assert "binary" in results["garbage.txt"].reason
    assert "52,428,800 bytes" in results["huge.txt"].reason
    assert "not a JSON record" in results["records.jsonl:2"].reason
    assert '"text"' in results["records.jsonl:3"].reason
    for name, result in results.items():
        if result.status == "failed":
            assert name.split(":")[0] in result.reason
    with db.session() as session:
        record = repo.to_document(repo.find_documents(session, "r1")[0])
    assert record.publisher == "ACLED"
    assert (
        record.published_at is not None and record.published_at.date().isoformat() == "2020-05-01"
    )


def test_ingest_failed_extraction_keeps_the_bytes_and_retries(
    db, archive, settings, tmp_path
) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(make_pdf([["Cut short"]])[:150])
    (first,) = _ingest(db, archive, settings, str(broken))
    assert first.status == "failed" and first.document_id is not None
    assert archive.verify(first.sha256)  # raw bytes kept even though no text came out
    (again,) = _ingest(db, archive, settings, str(broken))
    assert again.status == "failed"  # retried, not skipped as a duplicate
    assert again.document_id == first.document_id
    with db.session() as session:
        assert repo.count_by(session, "status") == {"failed": 1}


def test_ingest_missing_path_fails_alone(db, archive, settings, seed_path, tmp_path) -> None:
    results = _ingest(db, archive, settings, str(tmp_path / "nope.txt"), str(seed_path))
    assert [r.status for r in results] == ["failed", "ok"]
    assert "no such file" in results[0].reason
