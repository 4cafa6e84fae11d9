"""The server-rendered pages (Jinja2, autoescaped): map, incident, document, review queue,
login; the analysts' correction forms post here and go back to the incident."""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from harmtrack.api import schemas, views
from harmtrack.api.deps import (
    CSRF_FIELD,
    Analyst,
    CurrentUser,
    FilterDep,
    PublicDep,
    Reader,
    SessionDep,
    SettingsDep,
    Writer,
)
from harmtrack.api.errors import status_of
from harmtrack.api.login import sign_in, sign_out
from harmtrack.api.security import (
    LOGIN_CSRF_COOKIE,
    clear_session_cookie,
    is_https,
    set_session_cookie,
)
from harmtrack.auth.sessions import SignedIn
from harmtrack.errors import CsrfError, HarmtrackError, InvalidRequestError, NotFoundError
from harmtrack.incidents import review
from harmtrack.incidents.fields import EDITABLE, GRADES
from harmtrack.store import incidents as store
from harmtrack.store import repo
from harmtrack.store.incidents import IncidentFilter
from harmtrack.web.highlight import Span, highlight

HERE = Path(__file__).parent
STATIC = HERE / "static"
QUEUE_SIZE = 100
LIST_SIZE = 50

read_router = APIRouter(include_in_schema=False)
review_router = APIRouter(include_in_schema=False)
login_router = APIRouter(include_in_schema=False)


def json_script(value: Any) -> Markup:
    """JSON safe inside a ``<script type="application/json">`` block (no ``</script>``)."""
    text = json.dumps(value, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def _templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    env.filters["json_script"] = json_script
    return Jinja2Templates(env=env)


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    who: SignedIn | None = context.get("who")
    base = {
        "public": request.app.state.public,
        "csrf_token": who.csrf_token if who else None,
        "csrf_field": CSRF_FIELD,
    }
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status)


def render_error(request: Request, exc: HarmtrackError, status: int) -> Response:
    """Errors on pages: the same code, message and hint, as a page; sign-in first when needed."""
    if status == 401 and request.method == "GET" and not request.app.state.public:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    context = {"error": exc, "status": status, "title": f"Error {exc.code}"}
    return page(request, "error.html", context, status)


# Reading.


def _filter_values(flt: IncidentFilter) -> dict[str, str]:
    values = {
        "date_from": flt.since,
        "date_to": flt.until,
        "country": flt.country,
        "event_type": flt.event_type,
        "perpetrator": flt.perpetrator,
        "grade": flt.grade,
    }
    return {k: str(v) for k, v in values.items() if v is not None}


@read_router.get("/", response_class=HTMLResponse)
def map_page(
    request: Request, session: SessionDep, who: Reader, settings: SettingsDep, flt: FilterDep
) -> Response:
    config = {
        "api": "/api/v1/incidents.geojson",
        "facets": "/api/v1/facets",
        "outlines": "/static/data/countries.geojson",
        "tiles": settings.tile_url,
    }
    listed = views.incident_page(session, flt, LIST_SIZE)
    context = {
        "who": who,
        "title": "Map",
        "config": config,
        "facets": views.facets(store.facets(session)),
        "chosen": _filter_values(flt),
        "incidents": listed.items,
        "total": listed.total,
    }
    return page(request, "map.html", context)


def _spans(claims: Iterable[schemas.ClaimPublic | schemas.DocumentClaim]) -> list[Span]:
    """Every evidence span of the claims, keyed "<claim id>-<n>" as the templates link them."""
    return [
        Span(f"{c.id}-{n}", e.field, e.start, e.end)
        for c in claims
        for n, e in enumerate(c.evidence)
    ]


@read_router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(
    request: Request, incident_id: int, session: SessionDep, who: Reader, public: PublicDep
) -> Response:
    incident = views.incident_detail(session, incident_id, public)
    if incident is None:
        raise NotFoundError(f"no incident {incident_id}")
    documents = repo.documents_by_id(session, sorted({c.document_id for c in incident.claims}))
    anchors: dict[str, str] = {}
    texts = []
    for doc_id, doc in sorted(documents.items()):
        spans = _spans(c for c in incident.claims if c.document_id == doc_id)
        marked, found = highlight(doc.text, spans)
        anchors.update(found)
        texts.append(
            {
                "id": doc_id,
                "title": doc.title,
                "language": doc.language,
                "direction": views.direction(doc.language),
                "html": marked,
                "url": views.document_url(doc_id),
            }
        )
    analyst = who is not None and who.user.can("analyst")
    context = {
        "who": who,
        "title": f"Incident {incident.id}",
        "incident": incident,
        "texts": texts,
        "anchors": anchors,
        "analyst": analyst,
        "editable": EDITABLE,
        "grades": GRADES,
        "next_in_queue": _next_in_queue(session, incident.id) if analyst else None,
    }
    return page(request, "incident.html", context)


def _next_in_queue(session: Any, after: int) -> int | None:
    rows = store.list_incidents(session, IncidentFilter(status="auto", limit=2), ("id",))
    return next((r["id"] for r in rows if r["id"] != after), None)


@read_router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(
    request: Request, document_id: int, session: SessionDep, who: Reader, public: PublicDep
) -> Response:
    document = views.document_detail(session, document_id, public)
    if document is None:
        raise NotFoundError(f"no document {document_id}")
    marked, anchors = highlight(document.text, _spans(document.claims))
    context = {
        "who": who,
        "title": document.title or f"Document {document.id}",
        "document": document,
        "text": marked,
        "anchors": anchors,
    }
    return page(request, "document.html", context)


# The review queue and the analysts' forms (absent in public mode).


@review_router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, session: SessionDep, who: CurrentUser) -> Response:
    queues = {
        name: views.incident_page(session, flt, QUEUE_SIZE)
        for name, flt in review.REVIEW_QUEUES.items()
    }
    context = {"who": who, "title": "Review", "queues": queues}
    return page(request, "review.html", context)


Reason = Annotated[str, Form(min_length=1, max_length=2000)]


def _back(incident_id: int) -> RedirectResponse:
    return RedirectResponse(f"/incidents/{incident_id}#revisions", status_code=303)


@review_router.post("/incidents/{incident_id}/edit")
def edit_form(
    incident_id: int,
    session: SessionDep,
    who: Analyst,
    field: Annotated[str, Form()],
    reason: Reason,
    value: Annotated[str, Form()] = "",
    unset: Annotated[bool, Form()] = False,
) -> Response:
    new_value = None if unset else value
    review.edit(session, incident_id, field, new_value, why=reason, user=who.user.name)
    return _back(incident_id)


@review_router.post("/incidents/{incident_id}/grade")
def grade_form(
    incident_id: int,
    session: SessionDep,
    who: Analyst,
    grade: Annotated[str, Form()],
    reason: Reason,
) -> Response:
    review.set_grade(session, incident_id, grade, why=reason, user=who.user.name)
    return _back(incident_id)


def _ids(text: str) -> list[int]:
    parts = text.replace(",", " ").split()
    if not parts or not all(p.isdigit() for p in parts):
        raise InvalidRequestError(f"{text!r} is not a list of incident ids")
    return [int(p) for p in parts]


@review_router.post("/incidents/{incident_id}/merge")
def merge_form(
    incident_id: int,
    session: SessionDep,
    who: Analyst,
    others: Annotated[str, Form()],
    reason: Reason,
) -> Response:
    target = review.merge(session, [incident_id, *_ids(others)], why=reason, user=who.user.name)
    return _back(target)


@review_router.post("/incidents/{incident_id}/split")
def split_form(
    incident_id: int,
    session: SessionDep,
    who: Analyst,
    claim_id: Annotated[int, Form()],
    reason: Reason,
) -> Response:
    review.claim_of(session, incident_id, claim_id)
    new_id = review.split(session, claim_id, why=reason, user=who.user.name)
    return _back(new_id)


# Signing in and out.


def _local(target: str | None) -> str:
    """Only a path on this site: never another host (``//evil``) as the place to go back to."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _login_form(request: Request, next_path: str, error: HarmtrackError | None, status: int):
    token = secrets.token_urlsafe(32)
    context = {
        "who": None,
        "title": "Sign in",
        "next": _local(next_path),
        "login_token": token,
        "error": error,
    }
    response = page(request, "login.html", context, status)
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        max_age=3600,
        path="/login",
        httponly=True,
        samesite="strict",
        secure=is_https(request),
    )
    return response


@login_router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> Response:
    return _login_form(request, next, None, 200)


@login_router.post("/login")
def login_submit(
    request: Request,
    session: SessionDep,
    name: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1000)],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    # The login form has no session yet: its token is checked against its own cookie.
    expected = request.cookies.get(LOGIN_CSRF_COOKIE)
    if not expected or not csrf_token or not hmac.compare_digest(expected, csrf_token):
        raise CsrfError(
            "the sign-in form's CSRF token is missing or wrong", hint="Reload /login and retry."
        )
    try:
        token, signed = sign_in(request, session, name, password)
    except HarmtrackError as exc:
        response = _login_form(request, next, exc, status_of(exc))
        if getattr(exc, "retry_after", None) is not None:
            response.headers["Retry-After"] = str(exc.retry_after)  # type: ignore[attr-defined]
        return response
    response = RedirectResponse(_local(next), status_code=303)
    set_session_cookie(response, request, token, signed.expires_at)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@login_router.post("/logout")
def logout(
    request: Request,
    session: SessionDep,
    _who: Writer,
) -> Response:
    sign_out(request, session)
    response = RedirectResponse("/login", status_code=303)
    clear_session_cookie(response, request)
    return response


def install(app: FastAPI, public: bool) -> None:
    """Add the pages (the review queue, forms and sign-in only when not public) and /static."""
    app.state.templates = _templates()
    app.include_router(read_router)
    if not public:
        app.include_router(review_router)
        app.include_router(login_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
