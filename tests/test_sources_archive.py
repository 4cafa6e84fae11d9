from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harmtrack.errors import StoreError
from harmtrack.sources.archive import Archive


def test_archive_put_is_content_addressed_and_read_only(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    digest = archive.put(b"report bytes")
    assert digest == hashlib.sha256(b"report bytes").hexdigest()
    path = archive.path_for(digest)
    assert path.relative_to(tmp_path).parts == (digest[:2], digest[2:4], digest)
    assert archive.read(digest) == b"report bytes"
    assert not os.stat(path).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".tmp-")]


def test_archive_put_twice_does_not_rewrite(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    digest = archive.put(b"same")
    before = archive.path_for(digest).stat().st_mtime_ns
    archive.put(b"same")
    assert archive.path_for(digest).stat().st_mtime_ns == before


def test_archive_verify_detects_damage(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    digest = archive.put(b"original")
    path = archive.path_for(digest)
    path.chmod(0o644)
    path.write_bytes(b"tampered")
    assert not archive.verify(digest)


@pytest.mark.parametrize("bad", ["", "abc", "../" + "a" * 61, "g" * 64, "A" * 64])
def test_archive_refuses_names_that_are_not_digests(tmp_path: Path, bad: str) -> None:
    with pytest.raises(StoreError):
        Archive(tmp_path).path_for(bad)


def test_archive_read_missing_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="missing"):
        Archive(tmp_path).read("0" * 64)


@settings(max_examples=30)
@given(st.binary(max_size=4096))
def test_archive_round_trips_any_bytes(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    archive = Archive(tmp_path_factory.mktemp("a"))
    assert archive.read(archive.put(data)) == data
