"""Re-create src/harmtrack/web/static/vendor/ (Leaflet, Leaflet.markercluster) from npm.

Usage: python tools/vendor_web_assets.py   (needs `npm`; the tarballs are pinned by SHA-256)

The web pages load these files from /static/vendor/, never from a CDN, so the map works offline.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from npm_fetch import member_bytes, npm_pack

VENDOR = Path(__file__).resolve().parents[1] / "src" / "harmtrack" / "web" / "static" / "vendor"

# (npm spec, tarball sha256, target folder, {path in package: path in target folder})
PACKAGES = [
    (
        "leaflet@1.9.4",
        "84c65a256e50657896f54c33bd857b6849ebe94c817803be818bf32a3dde0b77",
        "leaflet",
        {
            "dist/leaflet.js": "leaflet.js",
            "dist/leaflet.css": "leaflet.css",
            "dist/images/layers.png": "images/layers.png",
            "dist/images/layers-2x.png": "images/layers-2x.png",
            "dist/images/marker-icon.png": "images/marker-icon.png",
            "dist/images/marker-icon-2x.png": "images/marker-icon-2x.png",
            "dist/images/marker-shadow.png": "images/marker-shadow.png",
            "LICENSE": "LICENSE.txt",
        },
    ),
    (
        "leaflet.markercluster@1.5.3",
        "fc6b0b1d00b6c708ae54e43ee4a11ac345e41660e19f0a570190bb35babb1a1c",
        "leaflet.markercluster",
        {
            "dist/leaflet.markercluster.js": "leaflet.markercluster.js",
            "dist/MarkerCluster.css": "MarkerCluster.css",
            "dist/MarkerCluster.Default.css": "MarkerCluster.Default.css",
            "MIT-LICENCE.txt": "LICENSE.txt",
        },
    ),
]


def main() -> None:
    notes = [
        "# Vendored from the npm registry by tools/vendor_web_assets.py; do not edit by hand.",
        "# package  version  sha256-of-tarball  license",
    ]
    for spec, sha256, folder, files in PACKAGES:
        _tarball, archive = npm_pack(spec, sha256)
        target = VENDOR / folder
        shutil.rmtree(target, ignore_errors=True)
        for source, dest in files.items():
            path = target / dest
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(member_bytes(archive, source))
        name, version = spec.rsplit("@", 1)
        licence = "BSD-2-Clause" if name == "leaflet" else "MIT"
        notes.append(f"{name}  {version}  {sha256}  {licence}")
    (VENDOR / "VERSIONS.txt").write_text("\n".join(notes) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
