"""The raw-bytes archive: content-addressed by SHA-256, written atomically, never rewritten."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from harmtrack.errors import StoreError


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Archive:
    """Files under ``root/ab/cd/<sha256>``; a file's name is the hash of its bytes."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, digest: str) -> Path:
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise StoreError(f"not a SHA-256 hex digest: {digest!r}")
        return self.root / digest[:2] / digest[2:4] / digest

    def has(self, digest: str) -> bool:
        return self.path_for(digest).is_file()

    def put(self, data: bytes) -> str:
        """Store ``data`` and return its digest. Existing files are never rewritten.

        The bytes go to a temporary file in the target directory, are fsynced, then linked into
        place: a crash leaves either no file or the whole file, never a partial one.
        """
        digest = sha256_hex(data)
        target = self.path_for(digest)
        if target.is_file() and target.stat().st_size == len(data):
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_name, target)
            os.chmod(target, 0o444)
            _fsync_dir(target.parent)
        except OSError as exc:
            raise StoreError(f"could not write archive file {target}: {exc}") from exc
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
        return digest

    def read(self, digest: str) -> bytes:
        try:
            return self.path_for(digest).read_bytes()
        except OSError as exc:
            raise StoreError(f"archive file for {digest} is missing or unreadable: {exc}") from exc

    def verify(self, digest: str) -> bool:
        """True when the archived file exists and its bytes still hash to its name."""
        path = self.path_for(digest)
        return path.is_file() and sha256_hex(path.read_bytes()) == digest


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
