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
