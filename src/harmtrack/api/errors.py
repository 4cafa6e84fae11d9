"""One error shape for every error: ``{"error": {"code", "message", "hint"}}`` with the
HarmtrackError code (docs/errors.md); pages get the same fields as an HTML page."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from harmtrack.errors import (
    HarmtrackError,
    IncidentError,
    InternalError,
    InvalidRequestError,
    MethodNotAllowedError,
    NotFoundError,
    RequestError,
    UserError,
)

log = logging.getLogger("harmtrack.api")

#: HTTP statuses of the work floor's errors (RequestError subclasses carry their own).
STATUS: dict[type[HarmtrackError], int] = {IncidentError: 422, UserError: 422}

#: Renders an error as an HTML page for browsers (set by the web pages; None: JSON always).
HtmlRenderer = Callable[[Request, HarmtrackError, int], Response]


def status_of(exc: HarmtrackError) -> int:
    if isinstance(exc, RequestError):
        return exc.status
    return next((s for cls, s in STATUS.items() if isinstance(exc, cls)), 500)


def error_body(exc: HarmtrackError) -> dict[str, Any]:
    return {"error": {"code": exc.code, "message": exc.message, "hint": exc.hint}}


def wants_html(request: Request) -> bool:
    """Pages get HTML errors; the API (and any client not asking for HTML) gets JSON."""
    if request.url.path.startswith("/api/"):
        return False
    return "text/html" in request.headers.get("accept", "")


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body")
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "the request is not valid"


def _from_http(exc: StarletteHTTPException) -> HarmtrackError:
    if exc.status_code == 404:
        return NotFoundError(
            "no such page or resource",
            hint="The routes are listed in /api/v1/openapi.json and docs/api.md.",
        )
    if exc.status_code == 405:
        return MethodNotAllowedError("this address does not take this method")
    error = RequestError(str(exc.detail))
    error.status = exc.status_code
    return error


def install(app: FastAPI, render_html: HtmlRenderer | None) -> None:
    """Make every error, raised anywhere, answer in the one shape."""

    def respond(request: Request, exc: HarmtrackError, headers: dict[str, str] | None = None):
        status = status_of(exc)
        if render_html is not None and wants_html(request):
            response = render_html(request, exc, status)
        else:
            response = JSONResponse(error_body(exc), status_code=status)
        response.headers.update(headers or {})
        if getattr(exc, "retry_after", None) is not None:
            response.headers["Retry-After"] = str(exc.retry_after)  # type: ignore[attr-defined]
        return response

    @app.exception_handler(HarmtrackError)
    async def harmtrack_error(request: Request, exc: HarmtrackError) -> Response:
        return respond(request, exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, InvalidRequestError(_validation_message(exc)))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return respond(request, _from_http(exc), dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s %s", request.method, request.url.path)
        return respond(request, InternalError("the server failed on this request"))
