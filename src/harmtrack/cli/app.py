"""The `harmtrack` command's root: the Typer app, its global options and shared helpers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from harmtrack import __version__
from harmtrack.errors import HarmtrackError
from harmtrack.settings import Settings
from harmtrack.sources.archive import Archive
from harmtrack.store.db import Database

app = typer.Typer(
    name="harmtrack",
    help="Turn conflict reports into an evidence-grade incident database.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)


class State:
    """Options of the top-level command, handed to sub-commands through the Typer context."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def database(self) -> Database:
        return Database(self.settings.db_url)

    def archive(self) -> Archive:
        return Archive(self.settings.archive_dir)


def get_state(ctx: typer.Context) -> State:
    state = ctx.obj
    assert isinstance(state, State)
    return state


def fail(exc: HarmtrackError, code: int = 1) -> typer.Exit:
    err.print(f"[red]Error:[/red] {exc}", highlight=False)
    if exc.hint:
        err.print(f"[dim]Hint: {exc.hint}[/dim]", highlight=False)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        out.print(f"harmtrack {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option(help="Where Harmtrack keeps its database and archive [env: HARMTRACK_HOME]."),
    ] = None,
    database_url: Annotated[
        str | None,
        typer.Option(
            help="SQLAlchemy database URL [env: HARMTRACK_DATABASE_URL]; default SQLite in HOME."
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Harmtrack: conflict reports in, evidence-grade incidents out."""
    overrides: dict[str, Any] = {}
    if home is not None:
        overrides["home"] = home
    if database_url is not None:
        overrides["database_url"] = database_url
    ctx.obj = State(Settings(**overrides))


def progress_bar() -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def open_database(ctx: typer.Context) -> Database:
    try:
        return get_state(ctx).database()
    except HarmtrackError as exc:
        raise fail(exc) from exc
