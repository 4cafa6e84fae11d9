"""Commands over the audit log: verify the hash chain of analysts' revisions."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from harmtrack.cli.app import app, fail, open_database, out
from harmtrack.errors import AuditError
from harmtrack.store import audit

audit_app = typer.Typer(help="The audit log of analysts' changes.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def verify(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="The result as one JSON object.")] = False,
) -> None:
    """Recompute the revisions' hash chain; exit 1 naming the first row that does not verify."""
    db = open_database(ctx)
    with db.session() as session:
        report = audit.verify(session)
    db.close()
    if as_json:
        row = {
            "ok": report.ok,
            "rows": report.rows,
            "broken": report.broken_id,
            "reason": report.reason,
        }
        sys.stdout.write(json.dumps(row) + "\n")
        if not report.ok:
            raise typer.Exit(1)
        return
    if not report.ok:
        raise fail(
            AuditError(
                f"revision {report.broken_id} does not verify: {report.reason}",
                hint="Restore the database from a backup; every later row is suspect.",
            )
        )
    out.print(f"{report.rows} revisions, hash chain intact")
