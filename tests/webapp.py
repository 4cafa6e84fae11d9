"""Fixtures for the API and page tests: a store seeded once by ingesting real reports with the
real extractor (the Atareb seed, two more Atareb reports, Saraqib, a report carrying HTML and
script, an Arabic report), users of each role, and in-process clients signed in as them."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from harmtrack.api.app import create_app
from harmtrack.auth.users import add_user
from harmtrack.incidents import review
from harmtrack.pipeline import Ingestor
from harmtrack.settings import Settings
from harmtrack.sources.archive import Archive
from harmtrack.sources.inputs import plan_inputs
from harmtrack.store.db import Database

ROOT = Path(__file__).resolve().parents[1]
REPORTS = [
    ROOT / "examples" / "reports" / "atareb-2017-11-13.txt",
    ROOT / "tests" / "data" / "reports" / "atareb-2017-11-14-monitor.txt",
    ROOT / "tests" / "data" / "reports" / "atareb-2017-11-15-relief.txt",
    ROOT / "tests" / "data" / "reports" / "saraqib-2017-11-13.txt",
    ROOT / "tests" / "data" / "api" / "kafr-nabl-2017-12-02-script.txt",
    ROOT / "tests" / "data" / "api" / "douma-2018-02-21-ar.txt",
]
PASSWORD = "correct horse battery staple"
USERS = {"vera": "viewer", "ana": "analyst", "adam": "admin"}
#: Words that public mode must never show: an analyst's name and reason in the revisions log.
SECRET_USER = "ana.khalil"
SECRET_REASON = "informant-K7 said 58 on the phone"


@pytest.fixture(scope="session")
def seeded_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A HOME with the reports ingested, the users added and one analyst correction logged."""
    home = tmp_path_factory.mktemp("seeded") / "home"
    settings = Settings(home=home)
    db = Database(settings.db_url)
    results = list(
        Ingestor(db, Archive(settings.archive_dir), settings).run(
            plan_inputs([str(p) for p in REPORTS])
        )
    )
    assert [r.status for r in results] == ["ok"] * len(REPORTS)
    with db.session() as session:
        for name, role in USERS.items():
            add_user(session, name, role, PASSWORD)
        review.edit(session, 1, "killed_best", "58", why=SECRET_REASON, user=SECRET_USER)
    db.close()
    return home


@pytest.fixture
def web_settings(seeded_home: Path, tmp_path: Path) -> Settings:
    """A private copy of the seeded HOME: a test may change it."""
    home = tmp_path / "home"
    shutil.copytree(seeded_home, home)
    return Settings(home=home)


ClientFactory = Callable[..., TestClient]


@pytest.fixture
def make_client(web_settings: Settings) -> Iterator[ClientFactory]:
    """Clients over the test's HOME: ``make_client(public=False, https=False)``."""
    opened: list[TestClient] = []

    def make(*, public: bool = False, https: bool = False) -> TestClient:
        app = create_app(web_settings, public=public)
        base = "https://testserver" if https else "http://testserver"
        client = TestClient(app, base_url=base, raise_server_exceptions=False)
        client.__enter__()
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


def sign_in(client: TestClient, name: str) -> str:
    """Sign ``client`` in through the API; returns the session's CSRF token."""
    response = client.post("/api/v1/auth/login", json={"name": name, "password": PASSWORD})
    assert response.status_code == 200, response.text
    token: str = response.json()["csrf_token"]
    return token


@pytest.fixture
def public_client(make_client: ClientFactory) -> TestClient:
    return make_client(public=True)


@pytest.fixture
def client(make_client: ClientFactory) -> TestClient:
    """Not signed in."""
    return make_client()


@pytest.fixture
def viewer(make_client: ClientFactory) -> TestClient:
    c = make_client()
    c.headers["X-CSRF-Token"] = sign_in(c, "vera")
    return c


@pytest.fixture
def analyst(make_client: ClientFactory) -> TestClient:
    c = make_client()
    c.headers["X-CSRF-Token"] = sign_in(c, "ana")
    return c


@pytest.fixture
def admin(make_client: ClientFactory) -> TestClient:
    c = make_client()
    c.headers["X-CSRF-Token"] = sign_in(c, "adam")
    return c
