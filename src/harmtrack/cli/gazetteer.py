"""Commands over the gazetteer: load a full GeoNames country dump, look names up, show status."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from harmtrack.cli.app import app, err, fail, get_state, out
from harmtrack.errors import GazetteerError, HarmtrackError
from harmtrack.geo.gazetteer import Gazetteer
from harmtrack.geo.geonames_dump import load_geonames_dump

gazetteer_app = typer.Typer(
    help="The gazetteer: bundled GeoNames places (500+ people) plus the dumps you load.",
    no_args_is_help=True,
)
app.add_typer(gazetteer_app, name="gazetteer")


def _open(ctx: typer.Context) -> Gazetteer:
    home = get_state(ctx).settings.home
    home.mkdir(parents=True, exist_ok=True)
    return Gazetteer(home)


@gazetteer_app.command("load")
def load(
    ctx: typer.Context,
    files: Annotated[
        list[Path], typer.Argument(help="GeoNames country dumps: XX.txt, XX.zip or XX.txt.gz.")
    ],
) -> None:
    """Add a full GeoNames country dump (villages under 500 people included) to your gazetteer."""
    gazetteer = _open(ctx)
    failed = 0
    with gazetteer:
        for path in files:
            try:
                report = load_geonames_dump(path, gazetteer)
            except (HarmtrackError, OSError) as exc:
                error = exc if isinstance(exc, HarmtrackError) else GazetteerError(f"{path}: {exc}")
                err.print(f"[red]Error:[/red] {error.describe()}", highlight=False)
                failed += 1
                continue
            out.print(
                f"{path}: {report.kept:,} places added, {report.skipped:,} other features skipped, "
                f"{report.bad:,} bad lines (of {report.lines:,})"
            )
            for bad in report.bad_lines[:10]:
                err.print(f"  line {bad.line}: {bad.reason}", highlight=False)
    if failed:
        raise typer.Exit(1)


@gazetteer_app.command("lookup")
def lookup(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A place name, in any spelling (Latin or Arabic).")],
    country: Annotated[str | None, typer.Option(help="ISO2 code or country name.")] = None,
    admin1: Annotated[str | None, typer.Option(help="First-level division, any spelling.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per place.")] = False,
) -> None:
    """Places a name may refer to, best first."""
    with _open(ctx) as gazetteer:
        try:
            places = gazetteer.lookup(name, country, admin1)
        except GazetteerError as exc:
            raise fail(exc, 2) from exc
    if as_json:
        for place in places:
            sys.stdout.write(json.dumps(asdict(place), ensure_ascii=False) + "\n")
        return
    table = Table("geonameid", "name", "admin1", "country", "lat", "lon", "population", "kind")
    for place in places:
        table.add_row(
            str(place.geonameid),
            place.name,
            place.admin1 or "",
            place.country,
            f"{place.lat:.4f}",
            f"{place.lon:.4f}",
            f"{place.population:,}",
            place.kind,
        )
    out.print(table)
    if not places:
        raise typer.Exit(1)


@gazetteer_app.command("status")
def status(ctx: typer.Context) -> None:
    """The GeoNames dumps loaded into this Harmtrack home."""
    with _open(ctx) as gazetteer:
        dumps = gazetteer.loaded_dumps()
    if not dumps:
        out.print("only the bundled places (GeoNames cities500); no dumps loaded")
        return
    for name, summary in dumps.items():
        info = json.loads(summary)
        out.print(f"{name}: {info.get('kept', 0):,} places, loaded {info.get('loaded_at', '?')}")
