"""Commands over stored documents: ingest, reextract, documents, show, status."""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy.orm import Session

from harmtrack.cli.app import app, err, fail, get_state, open_database, out, progress_bar
from harmtrack.cli.extract import print_claim
from harmtrack.errors import HarmtrackError
from harmtrack.extract.extractor import default_extractor
from harmtrack.model import Document
from harmtrack.pipeline import Ingestor, IngestResult, reextract
from harmtrack.sources.inputs import plan_inputs
from harmtrack.store import incidents as incident_store
from harmtrack.store import repo
from harmtrack.store.tables import DocumentRow

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
    """Archive reports, store their text, metadata and claims. Exit 1 when any input failed."""
    state = get_state(ctx)
    updates: dict[str, Any] = {"allow_private": allow_private or state.settings.allow_private}
    if max_bytes is not None:
        updates["max_bytes"] = max_bytes
    settings = state.settings.model_copy(update=updates)
    try:
        db = state.database()
    except HarmtrackError as exc:
        raise fail(exc) from exc
    ingestor = Ingestor(db, state.archive(), settings)
    items = plan_inputs(inputs)
    results: list[IngestResult] = []
    with progress_bar() as progress:
        task = progress.add_task("Ingesting", total=len(items))
        for result in ingestor.run(items, on_item=lambda _item: progress.advance(task)):
            results.append(result)
            if as_json:
                sys.stdout.write(json.dumps(asdict(result), ensure_ascii=False) + "\n")
                sys.stdout.flush()
    db.close()
    if not as_json:
        _print_ingest_summary(results)
    if any(r.status == "failed" or r.extraction_error for r in results):
        raise typer.Exit(1)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _claims_cell(events: int, statements: int, error: str | None) -> str:
    if error:
        return "[red]extraction failed[/red]"
    return f"{_plural(events, 'event')}, {_plural(statements, 'statement')}"


def _print_ingest_summary(results: list[IngestResult]) -> None:
    if len(results) <= 50:
        table = Table("status", "doc", "input", "claims", "title / reason", box=None)
        for r in results:
            style = _STATUS_STYLE[r.status]
            detail = r.reason if r.status != "ok" else (r.extraction_error or r.title)
            claims = _claims_cell(r.events, r.statements, r.extraction_error)
            table.add_row(
                f"[{style}]{r.status}[/{style}]",
                str(r.document_id or ""),
                escape(r.input),
                claims if r.status == "ok" else "",
                escape(detail or ""),
            )
        out.print(table)
    counts = Counter(r.status for r in results)
    events = sum(r.events for r in results)
    statements = sum(r.statements for r in results)
    out.print(
        f"{len(results)} inputs: {counts['ok']} stored, {counts['duplicate']} already stored, "
        f"{counts['failed']} failed; {_plural(events, 'event')}, "
        f"{_plural(statements, 'statement')} extracted"
    )
    failed = [r for r in results if r.status == "failed"]
    if failed and len(results) > 50:
        err.print("[red]Failed inputs:[/red]")
        for r in failed:
            err.print(f"  {r.input}: {r.reason}", highlight=False)
    unextracted = [r for r in results if r.extraction_error]
    if unextracted:
        err.print(
            f"[red]Extraction failed on {_plural(len(unextracted), 'document')}[/red] "
            "(stored without claims; fix, then run `harmtrack reextract`):"
        )
        for r in unextracted:
            err.print(f"  {r.document_id} {r.input}: {r.extraction_error}", highlight=False)


def _find_one(session: Session, ref: str) -> DocumentRow:
    """The one document ``ref`` names; exit 1 when none does, 2 when several do."""
    rows = repo.find_documents(session, ref)
    if not rows:
        err.print(f"[red]Error:[/red] no document matches {ref!r}", highlight=False)
        raise typer.Exit(1)
    if len(rows) > 1:
        err.print(
            f"[red]Error:[/red] {ref!r} matches {len(rows)} documents: "
            + ", ".join(str(row.id) for row in rows),
            highlight=False,
        )
        raise typer.Exit(2)
    return rows[0]


@app.command(name="reextract")
def reextract_command(
    ctx: typer.Context,
    refs: Annotated[
        list[str] | None,
        typer.Argument(help="Document ids, SHA-256 prefixes (8+ hex digits) or record ids."),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Every document whose text was read.")
    ] = False,
) -> None:
    """Extract stored documents' claims again, replacing the claims stored before."""
    if every == bool(refs):
        raise typer.BadParameter("give document references, or --all (not both)")
    db = open_database(ctx)
    with db.session() as session:
        if every:
            ids = repo.document_ids_with_text(session)
        else:
            ids = list(dict.fromkeys(_find_one(session, ref).id for ref in refs or []))
    failed = 0
    with progress_bar() as progress:
        task = progress.add_task("Extracting", total=len(ids))
        table = Table("doc", "claims", "title / error", box=None)
        extract = default_extractor(get_state(ctx).settings.home).extract
        for result in reextract(db, ids, extract):
            progress.advance(task)
            failed += result.error is not None
            table.add_row(
                str(result.document_id),
                _claims_cell(result.events, result.statements, result.error),
                escape(result.error or result.title or ""),
            )
    db.close()
    out.print(table)
    out.print(f"{_plural(len(ids), 'document')} extracted again, {failed} failed")
    if failed:
        raise typer.Exit(1)


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
        "extraction_status": doc.extraction_status,
        "extractor": doc.extractor,
        "extraction_error": doc.extraction_error,
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
    db = open_database(ctx)
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


@app.command()
def show(
    ctx: typer.Context,
    ref: Annotated[
        str, typer.Argument(help="Document id, SHA-256 prefix (8+ hex digits) or record id.")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Metadata, claims and text as one JSON object.")
    ] = False,
    text: Annotated[bool, typer.Option(help="Print the stored text.")] = True,
) -> None:
    """Show one document: its metadata, its claims with their evidence, and its stored text."""
    db = open_database(ctx)
    with db.session() as session:
        row = _find_one(session, ref)
        doc: Document = repo.to_document(row)
        claims = repo.claims_of(session, doc.id)
    db.close()
    if as_json:
        shown = {
            **_doc_summary(doc),
            "meta": doc.meta,
            "claims": [claim.to_dict() for claim in claims],
            "text": doc.text,
        }
        sys.stdout.write(json.dumps(shown, ensure_ascii=False) + "\n")
        return
    table = Table(box=None, show_header=False)
    for key, value in _doc_summary(doc).items():
        if value is not None:
            table.add_row(f"[bold]{key}[/bold]", escape(str(value)))
    out.print(table)
    numbers: Counter[str] = Counter()
    for claim in claims:
        numbers[claim.kind] += 1
        print_claim(f"{claim.kind} {numbers[claim.kind]} (claim {claim.id})", claim.content)
    if doc.extraction_status == "ok" and not claims:
        out.print("[dim]no events or statements found[/dim]")
    if text and doc.text:
        out.rule()
        out.print(doc.text, highlight=False, markup=False)


@app.command()
def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Counts of what is stored, and where the data lives."""
    state = get_state(ctx)
    db = open_database(ctx)
    with db.session() as session:
        info: dict[str, Any] = {
            "home": str(state.settings.home),
            "database": db.engine.url.render_as_string(hide_password=True),
            "archive": str(state.settings.archive_dir),
            "documents": repo.count_by(session, "status"),
            "languages": repo.count_by(session, "language"),
            "sources": repo.count_sources(session),
            "claims": repo.count_claims(session),
            "incidents": incident_store.count_incidents(session),
            "extraction_errors": repo.count_extraction_errors(session),
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
