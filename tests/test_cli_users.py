"""`harmtrack users`: add (prompted or from stdin), list, set-role, passwd, remove."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from harmtrack.auth.users import authenticate
from harmtrack.cli import app
from harmtrack.settings import Settings
from harmtrack.store.db import Database
from harmtrack.store.tables import UserRow


def _run(settings: Settings, *args: str, stdin: str | None = None):
    return CliRunner().invoke(app, ["--home", str(settings.home), *args], input=stdin)


def _check(settings: Settings, name: str, password: str) -> str | None:
    db = Database(settings.db_url)
    with db.session() as session:
        user = authenticate(session, name, password)
    db.close()
    return user.role if user else None


def test_cli_users_add_from_stdin_and_list(settings: Settings) -> None:
    result = _run(settings, "users", "add", "ana", "--role", "analyst", "--password-stdin",
                  stdin="a long passphrase\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert _check(settings, "ana", "a long passphrase") == "analyst"
    listed = _run(settings, "users", "list", "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["name"], r["role"]) for r in rows] == [("ana", "analyst")]


def test_cli_users_add_prompts_twice(settings: Settings) -> None:
    result = _run(settings, "users", "add", "vera", stdin="a long passphrase\na long passphrase\n")
    assert result.exit_code == 0, result.output
    assert _check(settings, "vera", "a long passphrase") == "viewer"


def test_cli_users_password_is_hashed_with_argon2id(settings: Settings) -> None:
    _run(settings, "users", "add", "ana", "--password-stdin", stdin="a long passphrase\n")
    db = Database(settings.db_url)
    with db.session() as session:
        stored = session.query(UserRow).one().password_hash
    db.close()
    assert stored.startswith("$argon2id$") and "a long passphrase" not in stored


def test_cli_users_refuses_a_short_password_a_taken_name_and_a_bad_role(
    settings: Settings,
) -> None:
    short = _run(settings, "users", "add", "ana", "--password-stdin", stdin="short\n")
    assert short.exit_code == 1 and "E520" in short.output
    _run(settings, "users", "add", "ana", "--password-stdin", stdin="a long passphrase\n")
    taken = _run(settings, "users", "add", "ana", "--password-stdin", stdin="another long one\n")
    assert taken.exit_code == 1 and "exists" in taken.output
    bad = _run(settings, "users", "add", "x", "--role", "boss", "--password-stdin", stdin="x\n")
    assert bad.exit_code == 2


def test_cli_users_set_role_passwd_remove(settings: Settings) -> None:
    _run(settings, "users", "add", "ana", "--password-stdin", stdin="a long passphrase\n")
    assert _run(settings, "users", "set-role", "ana", "admin").exit_code == 0
    assert _check(settings, "ana", "a long passphrase") == "admin"
    changed = _run(
        settings, "users", "passwd", "ana", "--password-stdin", stdin="new passphrase!\n"
    )
    assert changed.exit_code == 0
    assert _check(settings, "ana", "a long passphrase") is None
    assert _check(settings, "ana", "new passphrase!") == "admin"
    assert _run(settings, "users", "remove", "ana").exit_code == 0
    assert _check(settings, "ana", "new passphrase!") is None
    missing = _run(settings, "users", "remove", "ana")
    assert missing.exit_code == 1 and "no user" in missing.output
