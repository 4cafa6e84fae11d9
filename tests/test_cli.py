from __future__ import annotations

import json
from pathlib import Path


def test_cli_ingest_then_duplicate(cli, seed_path: Path) -> None:
    first = cli("ingest", str(seed_path))
    assert first.exit_code == 0
    assert "1 stored" in first.output
    second = cli("ingest", "--json", str(seed_path))
    assert second.exit_code == 0
    (line,) = [json.loads(x) for x in second.stdout.splitlines()]
    assert line["status"] == "duplicate" and "same bytes as document 1" in line["reason"]


def test_cli_ingest_exit_code_1_lists_failures(cli, seed_path: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = cli("ingest", str(empty), str(seed_path))
    assert result.exit_code == 1
    assert "1 stored" in result.output and "1 failed" in result.output


def test_cli_usage_error_exit_code_2(cli) -> None:
    assert cli("ingest").exit_code == 2
    assert cli("documents", "--status", "maybe").exit_code == 2
    assert cli("documents", "--since", "yesterday").exit_code == 2


def test_cli_documents_show_and_status(cli, seed_path: Path) -> None:
    cli("ingest", str(seed_path))
    listing = [json.loads(x) for x in cli("documents", "--json").stdout.splitlines()]
    assert [d["publisher"] for d in listing] == ["Syrian Coalition"]
    assert cli("documents", "--json", "--since", "2017-11-14").stdout == ""
    assert cli("documents", "--json", "--source", "syrian coalition").stdout.count("\n") == 1
    shown = json.loads(cli("show", "--json", listing[0]["sha256"][:12]).stdout)
    assert shown["published_at"].startswith("2017-11-13") and "vacuum missiles" in shown["text"]
    assert cli("show", "999").exit_code == 1
    status = json.loads(cli("status", "--json").stdout)
    assert status["documents"] == {"ok": 1} and status["sources"] == 1
    assert status["last_run"]["inputs"] == {"ok": 1}


def test_cli_ingest_counts_claims_and_show_prints_them(cli, seed_path: Path) -> None:
    ingested = cli("ingest", str(seed_path))
    assert "1 event, 2 statements" in ingested.output
    shown = cli("show", "--no-text", "1").output
    assert shown.index("publisher") < shown.index("event 1") < shown.index("statement 2")
    for words in ("Al Atarib", '"Atareb"', "russia", '"over 40 civilians were killed"'):
        assert words in shown
    assert "de-escalation zones" not in shown  # --no-text
    document = json.loads(cli("show", "--json", "1").stdout)
    assert document["extraction_status"] == "ok"
    claims = document["claims"]
    assert [c["kind"] for c in claims] == ["event", "statement", "statement"]
    assert claims[0]["location"] == "Al Atarib" and claims[0]["killed_low"] == 40
    assert {c["statement_kind"] for c in claims[1:]} == {"condemn", "demand"}
    for claim in claims:
        assert claim["evidence"]
        for evidence in claim["evidence"]:
            assert document["text"][evidence["start"] : evidence["end"]] == evidence["quote"]
    status = json.loads(cli("status", "--json").stdout)
    assert status["claims"] == {"event": 1, "statement": 2}
    assert status["extraction_errors"] == 0


def test_cli_reextract(cli, seed_path: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    cli("ingest", str(seed_path), str(empty))
    every = cli("reextract", "--all")
    assert every.exit_code == 0
    assert "1 event, 2 statements" in every.output and "1 document extracted again" in every.output
    sha = json.loads(cli("show", "--json", "1").stdout)["sha256"]
    assert cli("reextract", "1", sha[:10]).exit_code == 0  # one document, named twice
    status = json.loads(cli("status", "--json").stdout)
    assert status["claims"] == {"event": 1, "statement": 2}
    assert cli("reextract", "2").exit_code == 1  # its text could not be read
    assert cli("reextract", "999").exit_code == 1
    assert cli("reextract").exit_code == 2
    assert cli("reextract", "--all", "1").exit_code == 2
