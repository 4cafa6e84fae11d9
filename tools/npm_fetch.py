"""Fetch a pinned npm package tarball with the ordinary npm client; check its SHA-256."""

from __future__ import annotations

import hashlib
import io
import subprocess
import tarfile
import tempfile
from pathlib import Path


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def npm_pack(spec: str, sha256: str) -> tuple[bytes, tarfile.TarFile]:
    """`npm pack SPEC` into a temporary folder; returns the tarball bytes and the opened archive.

    Refuses a tarball whose SHA-256 differs from the pinned one: a re-run must give the same files.
    """
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            ["npm", "pack", spec, "--silent", "--pack-destination", tmp],
            check=True,
            capture_output=True,
            text=True,
        )
        name = out.stdout.strip().splitlines()[-1]
        data = (Path(tmp) / name).read_bytes()
    digest = sha256_of(data)
    if digest != sha256:
        raise SystemExit(f"{spec}: tarball sha256 {digest} is not the pinned {sha256}")
    return data, tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")


def member_bytes(archive: tarfile.TarFile, path: str) -> bytes:
    handle = archive.extractfile(f"package/{path}")
    if handle is None:
        raise SystemExit(f"package/{path} is not a file in the tarball")
    return handle.read()
