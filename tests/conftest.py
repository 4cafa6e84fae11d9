"""Shared fixtures: a fresh Harmtrack home per test, the seed report, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from harmtrack.settings import Settings
from harmtrack.sources.archive import Archive
from harmtrack.store.db import Database

pytest_plugins = ["tests.webapp"]  # the API and page tests' fixtures

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "reports" / "atareb-2017-11-13.txt"


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home")


@pytest.fixture
def db(settings: Settings):
    database = Database(settings.db_url)
    yield database
    database.close()


@pytest.fixture
def archive(settings: Settings) -> Archive:
    return Archive(settings.archive_dir)


@pytest.fixture
def cli(settings: Settings):
    """Run the CLI against the test's home; returns the click Result."""
    from harmtrack.cli import app

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, ["--home", str(settings.home), *args], catch_exceptions=False)

    return invoke
