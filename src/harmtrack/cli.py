"""The `harmtrack` command, a thin skin over the library.

Exit codes: 0 all went well, 1 some inputs failed, 2 usage error.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from harmtrack import __version__
from harmtrack.errors import HarmtrackError
from harmtrack.pipeline import Ingestor, IngestResult
from harmtrack.settings import Settings
from harmtrack.sources.archive import Archive
from harmtrack.sources.inputs import plan_inputs
from harmtrack.store import repo
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


def _state(ctx: typer.Context) -> State:
    state = ctx.obj
    assert isinstance(state, State)
    return state


def _fail(exc: HarmtrackError, code: int = 1) -> typer.Exit:
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


def _progress() -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


_STATUS_STYLE = {"ok": "green", "duplicate": "yellow", "failed": "red"}


@app.command()
def ingest(
    ctx: typer.Context,
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders (recursive), .jsonl record files, URLs.")
    ],
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Allow URLs on private, loopback and link-local addresses."
        ),
    ] = False,
    max_bytes: Annotated[
        int | None, typer.Option(help="Refuse inputs larger than this.", min=1)
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON line per input on stdout.")
    ] = False,
) -> None:
    """Archive reports and store their text and metadata. Exit 1 when any input failed."""
    state = _state(ctx)
    updates: dict[str, Any] = {"allow_private": allow_private or state.settings.allow_private}
    if max_bytes is not None:
        updates["max_bytes"] = max_bytes
    settings = state.settings.model_copy(update=updates)
    try:
        db = state.database()
    except HarmtrackError as exc:
        raise _fail(exc) from exc
    ingestor = Ingestor(db, state.archive(), settings)
    items = plan_inputs(inputs)
    results: list[IngestResult] = []
    with _progress() as progress:
        task = progress.add_task("Ingesting", total=len(items))
        for result in ingestor.run(items, on_item=lambda _item: progress.advance(task)):
            results.append(result)
            if as_json:
                sys.stdout.write(json.dumps(asdict(result), ensure_ascii=False) + "\n")
                sys.stdout.flush()
    db.close()
    if not as_json:
        _print_ingest_summary(results)
    if any(r.status == "failed" for r in results):
        raise typer.Exit(1)


def _print_ingest_summary(results: list[IngestResult]) -> None:
    if len(results) <= 50:
        table = Table("status", "doc", "input", "title / reason", box=None)
        for r in results:
            style = _STATUS_STYLE[r.status]
            detail = r.reason if r.status != "ok" else r.title
            table.add_row(
                f"[{style}]{r.status}[/{style}]", str(r.document_id or ""), r.input, detail or ""
            )
        out.print(table)
    counts = Counter(r.status for r in results)
    out.print(
        f"{len(results)} inputs: {counts['ok']} stored, {counts['duplicate']} already stored, "
        f"{counts['failed']} failed"
    )
    failed = [r for r in results if r.status == "failed"]
    if failed and len(results) > 50:
        err.print("[red]Failed inputs:[/red]")
        for r in failed:
            err.print(f"  {r.input}: {r.reason}", highlight=False)


def _parse_day(value: str | None, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"{value!r} is not an ISO date (YYYY-MM-DD)", param_hint=name
        ) from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _doc_summary(doc: Any) -> dict[str, Any]:
    return {
        "id": doc.id,
        "sha256": doc.sha256,
        "status": doc.status,
        "origin": doc.origin,
        "record_id": doc.record_id,
        "title": doc.title,
        "published_at": doc.published_at.isoformat() if doc.published_at else None,
        "published_precision": doc.published_precision,
        "publisher": doc.publisher,
        "language": doc.language,
        "media_type": doc.media_type,
        "size_bytes": doc.size_bytes,
        "retrieved_at": doc.retrieved_at.isoformat(),
        "error": doc.error,
    }


@app.command()
def documents(
    ctx: typer.Context,
    source: Annotated[str | None, typer.Option(help="Only this publisher.")] = None,
    status: Annotated[str | None, typer.Option(help="ok or failed.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    language: Annotated[str | None, typer.Option(help="ISO 639-1 code, e.g. en, ar.")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 100,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per document.")] = False,
) -> None:
    """List stored documents."""
    if status not in (None, "ok", "failed"):
        raise typer.BadParameter("status is ok or failed", param_hint="--status")
    flt = repo.DocumentFilter(
        source,
        status,
        _parse_day(since, "--since"),
        _parse_day(until, "--until"),
        language,
        limit,
        offset,
    )
    db = _open(ctx)
    with db.session() as session:
        docs = [repo.to_document(row) for row in repo.list_documents(session, flt)]
    db.close()
    if as_json:
        for doc in docs:
            sys.stdout.write(json.dumps(_doc_summary(doc), ensure_ascii=False) + "\n")
        return
    table = Table("id", "status", "published", "publisher", "lang", "title / error", box=None)
    for doc in docs:
        published = doc.published_at.date().isoformat() if doc.published_at else ""
        table.add_row(
            str(doc.id),
            doc.status,
            published,
            doc.publisher or "",
            doc.language or "",
            (doc.title if doc.status == "ok" else doc.error) or doc.origin,
        )
    out.print(table)
    out.print(f"{len(docs)} documents")


def _open(ctx: typer.Context) -> Database:
    try:
        return _state(ctx).database()
    except HarmtrackError as exc:
        raise _fail(exc) from exc


@app.command()
def show(
    ctx: typer.Context,
    ref: Annotated[
        str, typer.Argument(help="Document id, SHA-256 prefix (8+ hex digits) or record id.")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Metadata and text as one JSON object.")
    ] = False,
    text: Annotated[bool, typer.Option(help="Print the stored text.")] = True,
) -> None:
    """Show one document: its metadata and its stored text."""
    db = _open(ctx)
    with db.session() as session:
        rows = repo.find_documents(session, ref)
        docs = [repo.to_document(row) for row in rows]
    db.close()
    if not docs:
        err.print(f"[red]Error:[/red] no document matches {ref!r}", highlight=False)
        raise typer.Exit(1)
    if len(docs) > 1:
        err.print(
            f"[red]Error:[/red] {ref!r} matches {len(docs)} documents: "
            + ", ".join(str(d.id) for d in docs),
            highlight=False,
        )
        raise typer.Exit(2)
    doc = docs[0]
    if as_json:
        sys.stdout.write(
            json.dumps(
                {**_doc_summary(doc), "meta": doc.meta, "text": doc.text}, ensure_ascii=False
            )
            + "\n"
        )
        return
    table = Table(box=None, show_header=False)
    for key, value in _doc_summary(doc).items():
        if value is not None:
            table.add_row(f"[bold]{key}[/bold]", str(value))
    out.print(table)
    if text and doc.text:
        out.rule()
        out.print(doc.text, highlight=False, markup=False)


@app.command()
def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Counts of what is stored, and where the data lives."""
    state = _state(ctx)
    db = _open(ctx)
    with db.session() as session:
        info: dict[str, Any] = {
            "home": str(state.settings.home),
            "database": db.engine.url.render_as_string(hide_password=True),
            "archive": str(state.settings.archive_dir),
            "documents": repo.count_by(session, "status"),
            "languages": repo.count_by(session, "language"),
            "sources": repo.count_sources(session),
        }
        last = repo.last_run(session)
    db.close()
    if last:
        info["last_run"] = {"id": last[0], "started": last[1].isoformat(), "inputs": last[2]}
    if as_json:
        sys.stdout.write(json.dumps(info, ensure_ascii=False) + "\n")
        return
    table = Table(box=None, show_header=False)
    for key, value in info.items():
        table.add_row(
            f"[bold]{key}[/bold]", json.dumps(value) if isinstance(value, dict) else str(value)
        )
    out.print(table)
