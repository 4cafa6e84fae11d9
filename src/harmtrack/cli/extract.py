"""Commands over extraction: extract (files or record files) and eval (against coded sets)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from harmtrack.cli.app import app, err, fail, get_state, out, progress_bar
from harmtrack.errors import HarmtrackError, InputError
from harmtrack.eval.incidents import ClusterScores, evaluate_incidents
from harmtrack.eval.run import evaluate
from harmtrack.eval.score import Scores
from harmtrack.extract.extractor import Extractor, default_extractor
from harmtrack.model import EventClaim, Evidence, Extraction, StatementClaim
from harmtrack.pipeline import fetch_policy
from harmtrack.sources.fetch import FetchPolicy
from harmtrack.sources.inputs import InputFailure, InputItem, plan_inputs, read_item
from harmtrack.text.reader import read_document


def _day(value: Any) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _extraction_json(extraction: Extraction) -> dict[str, Any]:
    return {
        "events": [e.to_dict() for e in extraction.events],
        "statements": [s.to_dict() for s in extraction.statements],
        "extractor": extraction.extractor,
    }


def _quotes(evidence: Sequence[Evidence]) -> dict[str, str]:
    """Each field's words; a value read from no words (the publication date) names its rule."""
    quotes: dict[str, list[str]] = {}
    for e in evidence:
        words = quotes.setdefault(e.field, [])
        quote = f'"{e.quote}"' if e.quote else f"({e.rule})"
        if quote not in words:
            words.append(quote)
    return {name: " | ".join(words) for name, words in quotes.items()}


def print_claim(title: str, claim: EventClaim | StatementClaim) -> None:
    """One claim as a table: each field, its value and the words it was read from."""
    table = Table(title=title, box=None, show_header=False, title_justify="left")
    quotes = _quotes(claim.evidence)
    for key, value in claim.to_dict().items():
        if key != "evidence" and value is not None:
            quote = quotes.get(key, "")
            table.add_row(f"[bold]{key}[/bold]", escape(str(value)), f"[dim]{escape(quote)}[/dim]")
    out.print(table)


def _print_extraction(name: str, extraction: Extraction) -> None:
    out.rule(name)
    for number, event in enumerate(extraction.events, start=1):
        print_claim(f"event {number}", event)
    for number, statement in enumerate(extraction.statements, start=1):
        print_claim(f"statement {number}", statement)
    if not extraction.events and not extraction.statements:
        out.print("[dim]no events or statements found[/dim]")


def _extract_records(path: Path, extractor: Extractor, max_bytes: int) -> int:
    """One JSON line per record of ``path`` on stdout; bad lines reported on stderr.

    Records are read as ``ingest`` reads them (same checks, same size limit per record).
    """
    if not path.is_file():
        raise fail(InputError(f"{path}: no such record file"), 2)
    failed = 0
    for got in read_item(InputItem(str(path), "records"), max_bytes, FetchPolicy()):
        if isinstance(got, InputFailure):
            err.print(f"[red]Error:[/red] {got.error.describe()}", highlight=False)
            failed += 1
            continue
        record = got.record or {}
        extraction = extractor.extract(
            record["text"], published=_day(record.get("published")), publisher=record.get("source")
        )
        row = {"id": record.get("id"), **_extraction_json(extraction)}
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return failed


@app.command()
def extract(
    ctx: typer.Context,
    inputs: Annotated[
        list[str] | None, typer.Argument(help="Report files (txt, html, pdf).")
    ] = None,
    records: Annotated[
        Path | None,
        typer.Option(help="A .jsonl file of report records; one JSON line out per record."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per document.")] = False,
) -> None:
    """Extract events and statements from reports, without storing anything."""
    settings = get_state(ctx).settings
    extractor = default_extractor(settings.home)
    if records is not None:
        failed = _extract_records(records, extractor, settings.max_bytes)
        raise typer.Exit(1 if failed else 0)
    if not inputs:
        raise typer.BadParameter("give report files, or --records FILE", param_hint="INPUTS")
    failed = 0
    for item in plan_inputs(inputs):
        for got in read_item(item, settings.max_bytes, fetch_policy(settings)):
            if isinstance(got, InputFailure):
                err.print(f"[red]Error:[/red] {got.error.describe()}", highlight=False)
                failed += 1
                continue
            try:
                document = read_document(got)
            except HarmtrackError as exc:
                err.print(f"[red]Error:[/red] {exc.describe()}", highlight=False)
                failed += 1
                continue
            published = document.published_at.date() if document.published_at else None
            extraction = extractor.extract(
                document.text, published=published, publisher=document.publisher
            )
            if as_json:
                row = {
                    "input": got.origin,
                    "title": document.title,
                    "published": published.isoformat() if published else None,
                    **_extraction_json(extraction),
                }
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                _print_extraction(got.origin, extraction)
    raise typer.Exit(1 if failed else 0)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def _print_scores(name: str, scores: Scores) -> None:
    table = Table(title=name, title_justify="left")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("n", justify="right")
    table.add_row("event recall", _percent(scores.recall), str(scores.gold_events))
    table.add_row("event precision", _percent(scores.precision), str(scores.predicted_events))
    for field_name, score in sorted(scores.fields.items()):
        table.add_row(field_name, _percent(score.accuracy), str(score.total))
    summary = scores.as_dict()["statements"]
    if summary["gold"] or summary["predicted"]:
        table.add_row("statement recall", _percent(summary["recall"]), str(summary["gold"]))
        table.add_row(
            "statement precision", _percent(summary["precision"]), str(summary["predicted"])
        )
    out.print(table)


def _print_cluster_scores(name: str, scores: ClusterScores) -> None:
    table = Table(title=f"{name}: incidents", title_justify="left")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("B-cubed precision", _percent(scores.precision))
    table.add_row("B-cubed recall", _percent(scores.recall))
    table.add_row("B-cubed F1", _percent(scores.f1))
    table.add_row("[dim]if nothing merged: precision[/dim]", _percent(scores.singleton_precision))
    table.add_row("[dim]if nothing merged: recall[/dim]", _percent(scores.singleton_recall))
    table.add_row("reports", str(scores.reports))
    table.add_row(
        "coded events / extracted events", f"{scores.gold_events} / {scores.extracted_events}"
    )
    table.add_row("paired events (the items scored)", str(scores.items))
    table.add_row(
        "gold clusters / items in shared ones",
        f"{scores.gold_clusters} / {scores.gold_merged_items}",
    )
    table.add_row("predicted incidents", str(scores.predicted_clusters))
    out.print(table)


def _eval_incidents(
    gold: list[Path], extractor: Extractor, limit: int | None, as_json: bool
) -> None:
    results: dict[str, Any] = {}
    for path in gold:
        try:
            with progress_bar() as progress:
                task = progress.add_task(f"Matching {path.name}", total=limit)

                def advance(_report: object, task: Any = task) -> None:
                    progress.advance(task)

                scores = evaluate_incidents(path, extractor, limit=limit, on_report=advance)
        except HarmtrackError as exc:
            raise fail(exc) from exc
        results[str(path)] = scores.as_dict()
        if not as_json:
            _print_cluster_scores(str(path), scores)
    if as_json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False) + "\n")


@app.command(name="eval")
def eval_command(
    ctx: typer.Context,
    gold: Annotated[list[Path], typer.Argument(help="Coded sets (JSON Lines, codebook format).")],
    show_errors: Annotated[
        bool, typer.Option("--show-errors", help="List each report's misses and wrong fields.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Scores as one JSON object.")] = False,
    limit: Annotated[
        int | None, typer.Option(help="Score only the first N reports.", min=1)
    ] = None,
    incidents: Annotated[
        bool,
        typer.Option(
            "--incidents",
            help="Score how events are merged into incidents (B-cubed) instead of extraction.",
        ),
    ] = False,
) -> None:
    """Score the extractor against coded data: event recall/precision and per-field accuracy."""
    extractor = default_extractor(get_state(ctx).settings.home)
    if incidents:
        _eval_incidents(gold, extractor, limit, as_json)
        return
    results: dict[str, Any] = {}
    for path in gold:
        try:
            with progress_bar() as progress:
                task = progress.add_task(f"Scoring {path.name}", total=limit)

                def advance(_report: object, task: Any = task) -> None:
                    progress.advance(task)

                scores, diffs = evaluate(path, extractor, limit=limit, on_report=advance)
        except HarmtrackError as exc:
            raise fail(exc) from exc
        results[str(path)] = scores.as_dict()
        if not as_json:
            _print_scores(str(path), scores)
        if show_errors:
            for diff in diffs:
                if not diff.empty:
                    row = {k: v for k, v in asdict(diff).items() if v}
                    sys.stderr.write(json.dumps(row, ensure_ascii=False) + "\n")
    if as_json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False) + "\n")
