"""The docs name every command, option, setting and error code (an undocumented one fails here)."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
import typer.main

from harmtrack import errors
from harmtrack.api.app import create_app
from harmtrack.cli import app
from harmtrack.settings import Settings
from harmtrack.web import pages

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _commands() -> list[tuple[str, Any]]:
    group: Any = typer.main.get_command(app)
    found: list[tuple[str, Any]] = [("", group)]
    for name, command in group.commands.items():
        found.append((name, command))
        for sub_name, sub in getattr(command, "commands", {}).items():
            found.append((f"{name} {sub_name}", sub))
    return found


@pytest.mark.parametrize(
    ("name", "command"), _commands(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_docs_cli_lists_every_command_and_option(name: str, command: Any) -> None:
    text = (DOCS / "cli.md").read_text()
    if name:
        assert f"`harmtrack {name}" in text
    for param in command.params:
        for flag in (*param.opts, *param.secondary_opts):
            if flag.startswith("--") and flag != "--help":
                assert f"`{flag}" in text, f"{flag} of {name or 'harmtrack'} is not in docs/cli.md"


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_docs_cli_lists_every_setting(field: str) -> None:
    assert f"`HARMTRACK_{field.upper()}`" in (DOCS / "cli.md").read_text()


@pytest.mark.parametrize(
    "error",
    [
        c
        for _, c in inspect.getmembers(errors, inspect.isclass)
        if issubclass(c, errors.HarmtrackError)
    ],
    ids=lambda c: c.__name__,
)
def test_docs_errors_lists_every_code(error: type[errors.HarmtrackError]) -> None:
    text = (DOCS / "errors.md").read_text()
    assert f"| {error.code} | {error.__name__} |" in text


def _api_routes() -> list[str]:
    spec = create_app(Settings(home=DOCS / "unused")).openapi()
    return [f"{m.upper()} {p}" for p, item in spec["paths"].items() for m in item]


def _page_routes() -> list[str]:
    found = []
    for router in (pages.read_router, pages.review_router, pages.login_router):
        for route in router.routes:
            path = route.path.replace("{incident_id}", "{id}").replace("{document_id}", "{id}")
            found += [f"{m} {path}" for m in sorted(route.methods - {"HEAD"})]
    return found


@pytest.mark.parametrize("route", _api_routes() + _page_routes())
def test_docs_api_lists_every_route(route: str) -> None:
    assert f"`{route}`" in (DOCS / "api.md").read_text()
