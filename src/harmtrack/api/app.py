"""The web door's application factory: the JSON API, the pages and the static files."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from harmtrack import __version__
from harmtrack.api import errors
from harmtrack.api.ratelimit import LoginLimiter
from harmtrack.api.routes import (
    auth,
    documents,
    exports,
    incidents,
    review,
    sources,
    statements,
    users,
    zones,
)
from harmtrack.api.security import SecurityHeaders, content_security_policy
from harmtrack.settings import Settings
from harmtrack.sources.archive import Archive
from harmtrack.store.db import Database
from harmtrack.web import pages

API_PREFIX = "/api/v1"

DESCRIPTION = """Harmtrack's incidents, the claims and documents behind them, and the analysts'
review actions. Every error has one shape: `{"error": {"code", "message", "hint"}}` (codes in
docs/errors.md). Sign in with `POST /api/v1/auth/login`; send the session's CSRF token in the
`X-CSRF-Token` header with every POST, PATCH and DELETE. See docs/api.md."""


def _api_router(public: bool) -> APIRouter:
    api = APIRouter(prefix=API_PREFIX)
    for module in (incidents, documents, sources, statements, zones, exports):
        api.include_router(module.router)
    if not public:  # public mode: read-only, no accounts; these routes do not exist (404)
        for module in (review, auth, users):
            api.include_router(module.router)
    return api


def create_app(settings: Settings, *, public: bool = False) -> FastAPI:
    """The application over the store ``settings`` names; ``public``: read-only, no sign-in,
    sensitive fields hidden, review and user routes absent."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.db = Database(settings.db_url)
        app.state.db.analyze()
        try:
            yield
        finally:
            app.state.db.close()

    app = FastAPI(
        title="Harmtrack",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # Swagger UI needs a CDN and inline scripts; the document is enough
        redoc_url=None,
        openapi_url=f"{API_PREFIX}/openapi.json",
    )
    app.state.settings = settings
    app.state.public = public
    app.state.archive = Archive(settings.archive_dir)
    app.state.limiter = LoginLimiter()
    app.include_router(_api_router(public))
    pages.install(app, public)
    errors.install(app, pages.render_error)
    app.add_middleware(SecurityHeaders, csp=content_security_policy(settings.tile_url))
    return app
