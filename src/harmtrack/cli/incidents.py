"""Commands over incidents: list and filter, show, edit, merge, split, rebuild."""

from __future__ import annotations

import getpass
import json
import sys
from datetime import date
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from harmtrack.cli.app import app, err, fail, open_database, out, progress_bar
from harmtrack.errors import IncidentError
from harmtrack.incidents import review
from harmtrack.incidents.fields import EDITABLE, GRADES, check_field, parse_value
from harmtrack.incidents.query import find_incidents, load_incident
from harmtrack.incidents.rebuild import rebuild
from harmtrack.model import Figures, Incident, IncidentClaim, Revision
from harmtrack.store import audit
from harmtrack.store.incidents import IncidentFilter

incidents_app = typer.Typer(
    help="Incidents: one record per real event, built from every source's claims.",
    invoke_without_command=True,
)
app.add_typer(incidents_app, name="incidents")

Reason = Annotated[
    str, typer.Option("--reason", help="Why: kept in the audit log with the change.")
]
User = Annotated[
    str | None, typer.Option("--user", help="Who makes the change (default: your login name).")
]


def _day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"{value!r} is not an ISO date (YYYY-MM-DD)", param_hint=name
        ) from exc


def _user(user: str | None) -> str:
    return user or getpass.getuser()


def _range(figures: Figures) -> str:
    if figures.low is None and figures.high is None:
        return ""
    parts = [figures.low, figures.best, figures.high]
    return "–".join("?" if p is None else str(p) for p in parts)


@incidents_app.callback()
def incidents(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(help="On or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="On or before this day (YYYY-MM-DD).")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2 code, e.g. SY.")] = None,
    admin1: Annotated[str | None, typer.Option(help="First-level division, e.g. Idlib.")] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="Event type or sub-event type (ACLED's names).")
    ] = None,
    perpetrator: Annotated[str | None, typer.Option(help="Actor id, e.g. russia.")] = None,
    grade: Annotated[
        str | None, typer.Option(help="weak, fair, contested, confirmed, discounted.")
    ] = None,
    min_killed: Annotated[
        int | None, typer.Option(help="At least this many killed (best figure).", min=0)
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most N incidents.", min=1)] = None,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per incident.")] = False,
) -> None:
    """List incidents, filtered; or run one of the commands below."""
    if ctx.invoked_subcommand is not None:
        return
    if grade is not None and grade not in GRADES:
        raise typer.BadParameter("one of " + ", ".join(GRADES), param_hint="--grade")
    flt = IncidentFilter(
        since=_day(since, "--since"),
        until=_day(until, "--until"),
        country=country,
        admin1=admin1,
        event_type=event_type,
        perpetrator=perpetrator,
        grade=grade,
        min_killed=min_killed,
        limit=limit,
        offset=offset,
    )
    db = open_database(ctx)
    with db.session() as session:
        found = find_incidents(session, flt)
    db.close()
    if as_json:
        for incident in found:
            sys.stdout.write(json.dumps(incident.to_json(), ensure_ascii=False) + "\n")
        return
    table = Table(
        "id",
        "date",
        "place",
        "type",
        "perpetrator",
        "killed",
        "injured",
        "grade",
        "sources",
        box=None,
    )
    for incident in found:
        f = incident.fields
        place = ", ".join(str(v) for v in (f["location"], f["admin1"], f["country"]) if v)
        table.add_row(
            str(incident.id),
            f["date"] or "",
            escape(place),
            escape(f["sub_event_type"] or f["event_type"] or ""),
            escape(f["perpetrator"] or ""),
            _range(incident.killed),
            _range(incident.injured),
            incident.grade,
            str(incident.sources),
        )
    out.print(table)
    out.print(f"{len(found)} incidents [dim](killed, injured: low–best–high)[/dim]")


def _show_json(incident: Incident, revisions: list[Revision]) -> dict[str, Any]:
    return {
        **incident.to_json(),
        "status": incident.status,
        "overrides": incident.overrides,
        "merged_into": incident.merged_into,
        "revisions": [
            {
                "id": r.id,
                "at": r.at.isoformat(),
                "user": r.user,
                "action": r.action,
                "field": r.field,
                "old": r.old,
                "new": r.new,
                "why": r.why,
                "hash": r.hash,
            }
            for r in revisions
        ],
    }


_ANALYST = " [yellow](analyst)[/yellow]"


def _told(low: int | None, high: int | None) -> str:
    """A claim's figure as it was given: "53", "40+", "≤50", "40–50"."""
    if low is None and high is None:
        return ""
    if low == high:
        return str(low)
    if high is None:
        return f"{low}+"
    return f"≤{high}" if low is None else f"{low}–{high}"


def _linked(link: dict[str, Any]) -> str:
    """How a claim was linked, briefly: the method and the score or rule (all of it in --json)."""
    method = str(link.get("method", ""))
    detail = link.get("score", link.get("rule", link.get("action", "")))
    return f"{method} {detail}".strip()


def _fields_table(incident: Incident) -> Table:
    table = Table(
        title=f"incident {incident.id}", box=None, show_header=False, title_justify="left"
    )
    if incident.merged_into is not None:
        table.add_row("[bold]merged into[/bold]", str(incident.merged_into))
    for name, value in incident.fields.items():
        mark = _ANALYST if name in incident.overrides else ""
        if value is not None or mark:
            table.add_row(f"[bold]{name}[/bold]", escape(str(value)) + mark)
    for role, figures in (("killed", incident.killed), ("injured", incident.injured)):
        marks = [p for p in ("low", "best", "high") if f"{role}_{p}" in incident.overrides]
        note = f" [yellow](analyst: {', '.join(marks)})[/yellow]" if marks else ""
        shown = f"low {figures.low}, best {figures.best}, high {figures.high}{note}"
        table.add_row(f"[bold]{role}[/bold]", shown)
    grade_mark = _ANALYST if "grade" in incident.overrides else ""
    table.add_row("[bold]grade[/bold]", incident.grade + grade_mark)
    table.add_row("[bold]status[/bold]", incident.status)
    table.add_row("[bold]independent sources[/bold]", str(incident.sources))
    table.add_row("[bold]zones[/bold]", ", ".join(str(z) for z in incident.zones) or "—")
    return table


def _claims_table(incident: Incident) -> Table:
    columns = ("claim", "document", "source", "published", "place", "date", "perpetrator")
    table = Table(
        *columns, "killed", "injured", "linked", title="event claims", title_justify="left"
    )
    table.box = None
    for c in (c for c in incident.claims if c.kind == "event"):
        f = c.fields
        table.add_row(
            str(c.claim_id),
            escape(str(c.document)),
            escape(c.publisher or c.source_key),
            c.published or "",
            escape(str(f.get("location") or "")),
            str(f.get("date") or ""),
            escape(str(f.get("perpetrator") or "")),
            _told(f.get("killed_low"), f.get("killed_high")),
            _told(f.get("injured_low"), f.get("injured_high")),
            escape(_linked(c.link)),
        )
    return table


def _statements_table(said: list[IncidentClaim]) -> Table:
    columns = ("claim", "document", "speaker", "kind", "addressee", "linked")
    table = Table(*columns, box=None, title="statements", title_justify="left")
    for c in said:
        kind = str(c.fields.get("statement_kind") or "")
        # A denial or a claim of responsibility is what a reader of the incident must not miss.
        shown = f"[red]{kind}[/red]" if kind in ("deny", "claim_responsibility") else kind
        table.add_row(
            str(c.claim_id),
            escape(str(c.document)),
            escape(str(c.fields.get("speaker") or "")),
            shown,
            escape(str(c.fields.get("addressee") or "")),
            escape(_linked(c.link)),
        )
    return table


def _revisions_table(revisions: list[Revision]) -> Table:
    columns = ("rev", "at", "user", "action", "field", "old", "new", "why")
    table = Table(*columns, box=None, title="revisions", title_justify="left")
    for r in revisions:
        table.add_row(
            str(r.id),
            r.at.strftime("%Y-%m-%d %H:%M"),
            escape(r.user),
            r.action,
            r.field,
            escape(json.dumps(r.old, ensure_ascii=False)),
            escape(json.dumps(r.new, ensure_ascii=False)),
            escape(r.why),
        )
    return table


def _print_incident(incident: Incident, revisions: list[Revision]) -> None:
    out.print(_fields_table(incident))
    out.print(_claims_table(incident))
    said = [c for c in incident.claims if c.kind == "statement"]
    if said:
        out.print(_statements_table(said))
    if revisions:
        out.print(_revisions_table(revisions))


@incidents_app.command("show")
def show(
    ctx: typer.Context,
    incident_id: Annotated[int, typer.Argument(metavar="ID", help="The incident's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="As one JSON object.")] = False,
) -> None:
    """One incident: its fields, figures, grade, claims with their sources, and its revisions."""
    db = open_database(ctx)
    with db.session() as session:
        incident = load_incident(session, incident_id)
        revisions = audit.revisions_of(session, incident_id)
    db.close()
    if incident is None:
        err.print(f"[red]Error:[/red] no incident {incident_id}", highlight=False)
        raise typer.Exit(1)
    if as_json:
        sys.stdout.write(json.dumps(_show_json(incident, revisions), ensure_ascii=False) + "\n")
    else:
        _print_incident(incident, revisions)


@incidents_app.command("edit")
def edit(
    ctx: typer.Context,
    incident_id: Annotated[int, typer.Argument(metavar="ID", help="The incident's id.")],
    field: Annotated[str, typer.Argument(help="One of: " + ", ".join(EDITABLE) + ".")],
    reason: Reason,
    value: Annotated[str | None, typer.Argument(help="The new value; null for 'unknown'.")] = None,
    user: User = None,
    unset: Annotated[
        bool, typer.Option("--unset", help="Remove the analyst's value: the claims decide again.")
    ] = False,
) -> None:
    """Set a field of an incident to the analyst's value, which consolidation never overwrites."""
    if unset == (value is not None):
        raise typer.BadParameter("give a VALUE, or --unset (not both)")
    if unset and field == "status":
        raise typer.BadParameter("status has no machine value to return to: give one")
    try:
        check_field(field)
        if value is not None:
            parse_value(field, value)
    except IncidentError as exc:
        raise fail(exc, 2) from exc
    db = open_database(ctx)
    try:
        with db.session() as session:
            old, new = review.edit(session, incident_id, field, value, why=reason, user=_user(user))
    except IncidentError as exc:
        raise fail(exc) from exc
    finally:
        db.close()
    out.print(f"incident {incident_id}: {field} {json.dumps(old)} → {json.dumps(new)}")


@incidents_app.command("merge")
def merge(
    ctx: typer.Context,
    incident_ids: Annotated[
        list[int], typer.Argument(metavar="ID ID...", help="The incident to keep, then the others.")
    ],
    reason: Reason,
    user: User = None,
) -> None:
    """Merge incidents into the first: their claims move to it, they point to it."""
    if len(set(incident_ids)) < 2:
        raise typer.BadParameter("give two or more different incident ids")
    db = open_database(ctx)
    try:
        with db.session() as session:
            target = review.merge(session, incident_ids, why=reason, user=_user(user))
    except IncidentError as exc:
        raise fail(exc) from exc
    finally:
        db.close()
    others = ", ".join(str(i) for i in incident_ids[1:])
    out.print(f"incident {others} merged into incident {target}")


@incidents_app.command("split")
def split(
    ctx: typer.Context,
    claim_id: Annotated[int, typer.Argument(metavar="CLAIM_ID", help="An event claim's id.")],
    reason: Reason,
    user: User = None,
) -> None:
    """Take an event claim out of its incident: it starts an incident of its own."""
    db = open_database(ctx)
    try:
        with db.session() as session:
            new_id = review.split(session, claim_id, why=reason, user=_user(user))
    except IncidentError as exc:
        raise fail(exc) from exc
    finally:
        db.close()
    out.print(f"claim {claim_id} is now incident {new_id}")


@incidents_app.command("rebuild")
def rebuild_command(
    ctx: typer.Context,
    rematch: Annotated[
        bool,
        typer.Option(
            "--rematch", help="Match again the claims of incidents no analyst has changed."
        ),
    ] = False,
) -> None:
    """Recompute every incident from its claims, keeping analysts' values; link loose claims."""
    db = open_database(ctx)
    with progress_bar() as progress, db.session() as session:
        tasks: dict[str, Any] = {}

        def step(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(name.capitalize(), total=total)
            progress.update(tasks[name], completed=done)

        report = rebuild(session, rematch=rematch, on_step=step)
    db.close()
    out.print(
        f"{report.incidents} incidents; {report.documents} documents matched"
        + (f", {report.dissolved} machine incidents matched again" if rematch else "")
    )
