"""Commands over the web door's users: add, list, set-role, passwd, remove."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Annotated, TypeVar

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy.orm import Session

from harmtrack.auth.users import ROLES, add_user, list_users, remove_user, set_password, set_role
from harmtrack.cli.app import app, fail, open_database, out
from harmtrack.errors import UserError

T = TypeVar("T")

users_app = typer.Typer(
    help="Users of the web workbench: viewers read, analysts review, admins manage users.",
    no_args_is_help=True,
)
app.add_typer(users_app, name="users")

Name = Annotated[str, typer.Argument(metavar="NAME", help="The user's sign-in name.")]
Role = Annotated[str, typer.Option("--role", help="One of: " + ", ".join(ROLES) + ".")]
PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin", help="Read the password from the first line of standard input."
    ),
]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise fail(UserError("no password on standard input"), 2)
        return password
    result: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return result


def _in_store(ctx: typer.Context, change: Callable[[Session], T]) -> T:
    """Run ``change`` in one transaction; a UserError exits 1 with its message and hint."""
    db = open_database(ctx)
    try:
        with db.session() as session:
            return change(session)
    except UserError as exc:
        raise fail(exc) from exc
    finally:
        db.close()


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise typer.BadParameter("one of " + ", ".join(ROLES), param_hint="--role")


@users_app.command("add")
def add(
    ctx: typer.Context, name: Name, role: Role = "viewer", password_stdin: PasswordStdin = False
) -> None:
    """Add a user; the password is asked twice (or read with --password-stdin)."""
    _check_role(role)
    password = _password(password_stdin)
    user = _in_store(ctx, lambda session: add_user(session, name, role, password))
    out.print(f"user {escape(user.name)} added as {user.role}")


@users_app.command("list")
def list_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per user.")] = False,
) -> None:
    """The users, their roles and when they were added."""
    users = _in_store(ctx, list_users)
    if as_json:
        for u in users:
            row = {"name": u.name, "role": u.role, "created_at": u.created_at.isoformat()}
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = Table("name", "role", "added", box=None)
    for u in users:
        table.add_row(escape(u.name), u.role, u.created_at.strftime("%Y-%m-%d %H:%M"))
    out.print(table)
    out.print(f"{len(users)} users")


@users_app.command("set-role")
def set_role_command(
    ctx: typer.Context,
    name: Name,
    role: Annotated[str, typer.Argument(metavar="ROLE", help="One of: " + ", ".join(ROLES) + ".")],
) -> None:
    """Change a user's role (it applies to their open sessions at once)."""
    _check_role(role)
    user = _in_store(ctx, lambda session: set_role(session, name, role))
    out.print(f"user {escape(user.name)} is now {user.role}")


@users_app.command("passwd")
def passwd(ctx: typer.Context, name: Name, password_stdin: PasswordStdin = False) -> None:
    """Set a user's password (asked twice, or read with --password-stdin)."""
    password = _password(password_stdin)
    _in_store(ctx, lambda session: set_password(session, name, password))
    out.print(f"password of {escape(name)} changed")


@users_app.command("remove")
def remove(ctx: typer.Context, name: Name) -> None:
    """Remove a user and end their sessions; the revisions they wrote keep their name."""
    _in_store(ctx, lambda session: remove_user(session, name))
    out.print(f"user {escape(name)} removed")
