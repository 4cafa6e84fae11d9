from __future__ import annotations

from pathlib import Path

import pytest

from harmtrack.errors import InputError, TooLargeError
from harmtrack.sources.fetch import FetchPolicy
from harmtrack.sources.inputs import InputFailure, InputItem, plan_inputs, read_file, read_item


def test_plan_inputs_walks_folders_sorted_skipping_hidden_and_foreign(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/2.html", "a.txt", "b/1.pdf", "c.jsonl", "d.png", ".e.txt", ".git/f.txt"):
        (tmp_path / name).write_text("x")
    items = plan_inputs([str(tmp_path), "https://example.org/report", str(tmp_path / "d.png")])
    names = [(Path(i.origin).name if i.kind != "url" else i.origin, i.kind) for i in items]
    assert names == [
        ("a.txt", "file"),
        ("c.jsonl", "records"),
        ("1.pdf", "file"),
        ("2.html", "file"),
        ("https://example.org/report", "url"),
        ("d.png", "file"),  # named explicitly: its content will decide
    ]


def test_read_file_refuses_oversized_files_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(1001)
    with pytest.raises(TooLargeError, match=r"big\.txt: 1,001 bytes, over the 1,000-byte limit"):
        read_file(big, 1000)


def test_read_file_missing_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "missing.txt", 100)


def test_records_long_line_fails_alone_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": "a", "text": "' + "x" * 500 + '"}\n{"id": "b", "text": "short"}\n')
    got = list(read_item(InputItem(str(path), "records"), 100, FetchPolicy()))
    assert isinstance(got[0], InputFailure) and "record over 100 bytes" in str(got[0].error)
    assert not isinstance(got[1], InputFailure) and got[1].record == {"id": "b", "text": "short"}
    assert len(got) == 2
