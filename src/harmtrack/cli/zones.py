"""Commands over zones: load named areas (de-escalation zones, ceasefire lines), list them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from harmtrack.cli.app import app, err, open_database, out
from harmtrack.errors import HarmtrackError
from harmtrack.geo.zones import load_zones
from harmtrack.incidents.assign import flag_zones
from harmtrack.store.zones import save_zones, zone_rows

zones_app = typer.Typer(
    help="Zones: named areas in force over a period; incidents inside one are flagged.",
    no_args_is_help=True,
)
app.add_typer(zones_app, name="zones")


@zones_app.command("load")
def load(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="GeoJSON files of zones.")],
) -> None:
    """Store the zones of GeoJSON files (a zone of the same name is replaced) and flag the
    incidents that lie inside one while it is in force."""
    db = open_database(ctx)
    failed = 0
    for path in files:
        try:
            zones = load_zones(path)
        except HarmtrackError as exc:
            err.print(f"[red]Error:[/red] {exc.describe()}", highlight=False)
            failed += 1
            continue
        with db.session() as session:
            count = save_zones(session, zones, str(path))
        out.print(f"{path}: {count} zone(s) stored")
    with db.session() as session:
        flagged = flag_zones(session)
    db.close()
    out.print(f"{flagged} incident(s) inside a zone in force")
    if failed:
        raise typer.Exit(1)


@zones_app.command("list")
def list_zones(ctx: typer.Context) -> None:
    """The stored zones, their validity and parties."""
    db = open_database(ctx)
    with db.session() as session:
        rows = [
            (r.name, r.kind, r.valid_from, r.valid_to, r.parties, r.origin)
            for r in zone_rows(session)
        ]
    db.close()
    table = Table("name", "kind", "from", "to", "parties", "file")
    for name, kind, valid_from, valid_to, parties, origin in rows:
        table.add_row(
            name,
            kind or "",
            str(valid_from),
            str(valid_to or "in force"),
            ", ".join(parties),
            origin,
        )
    out.print(table)
