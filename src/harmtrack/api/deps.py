"""What routes depend on, as ``Annotated`` aliases: the database session, the signed-in user,
the role a route needs, the CSRF check, and the incident filters."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from pydantic import BeforeValidator, Field
from sqlalchemy.orm import Session

from harmtrack.auth.sessions import SignedIn, find_session
from harmtrack.errors import CsrfError, ForbiddenError, NotAuthenticatedError
from harmtrack.settings import Settings
from harmtrack.store.db import Database
from harmtrack.store.incidents import IncidentFilter

from .security import SESSION_COOKIE

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"


def get_database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def is_public(request: Request) -> bool:
    return bool(request.app.state.public)


def get_session(db: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    """One transaction per request: committed when the route returns, rolled back on error."""
    with db.session() as session:
        yield session


# Committed when the route returns, before the response is sent: a client that follows a
# redirect at once (sign-in, then the page) must find what the request wrote.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]
PublicDep = Annotated[bool, Depends(is_public)]


def signed_in(request: Request, session: SessionDep) -> SignedIn | None:
    """The session of the request's cookie, if it is live (never in public mode)."""
    if is_public(request):
        return None
    token = request.cookies.get(SESSION_COOKIE)
    return find_session(session, token) if token else None


MaybeSignedIn = Annotated[SignedIn | None, Depends(signed_in)]


def reader(request: Request, who: MaybeSignedIn) -> SignedIn | None:
    """Anyone in public mode; otherwise a signed-in user of any role."""
    if who is None and not is_public(request):
        raise NotAuthenticatedError(
            "sign in to see this", hint="POST /api/v1/auth/login, or open /login in a browser."
        )
    return who


Reader = Annotated[SignedIn | None, Depends(reader)]


def current_user(who: MaybeSignedIn) -> SignedIn:
    if who is None:
        raise NotAuthenticatedError(
            "sign in to do this", hint="POST /api/v1/auth/login, or open /login in a browser."
        )
    return who


CurrentUser = Annotated[SignedIn, Depends(current_user)]


async def sent_csrf_token(request: Request) -> str | None:
    """The CSRF token a request sent: the X-CSRF-Token header, or the form's csrf_token."""
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


async def checked_csrf(request: Request, who: CurrentUser) -> SignedIn:
    """A signed-in user whose state-changing request carries their session's CSRF token."""
    if request.method in UNSAFE_METHODS and not who.csrf_ok(await sent_csrf_token(request)):
        raise CsrfError(
            "the request lacks this session's CSRF token, or has a wrong one",
            hint=f"Send the token of GET /api/v1/auth/session in the {CSRF_HEADER} header "
            f"(forms: the {CSRF_FIELD} field); reload the page if the session changed.",
        )
    return who


#: A signed-in user (any role) whose unsafe requests carry the CSRF token.
Writer = Annotated[SignedIn, Depends(checked_csrf)]


def _role(role: str) -> Callable[[SignedIn], SignedIn]:
    def require(who: Writer) -> SignedIn:
        if not who.user.can(role):
            raise ForbiddenError(
                f"{who.user.name} is a {who.user.role}; this needs an {role}",
                hint="Ask an admin: `harmtrack users set-role NAME " + role + "`.",
            )
        return who

    return require


#: A signed-in analyst (or admin) whose unsafe requests carry the CSRF token.
Analyst = Annotated[SignedIn, Depends(_role("analyst"))]
#: A signed-in admin whose unsafe requests carry the CSRF token.
Admin = Annotated[SignedIn, Depends(_role("admin"))]


def _blank(value: object) -> object:
    """An empty query parameter (a form's untouched field) means no condition."""
    return None if value == "" else value


Blank = BeforeValidator(_blank)


def incident_filter(
    date_from: Annotated[
        date | None,
        Blank,
        Query(description="On or after this day (a range counts by its end)."),
    ] = None,
    date_to: Annotated[date | None, Blank, Query(description="On or before this day.")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2, e.g. SY.")] = None,
    admin1: Annotated[str | None, Query(description="First-level division, any case.")] = None,
    event_type: Annotated[
        str | None, Query(description="An event type or sub-event type, as ACLED spells it.")
    ] = None,
    sub_event_type: Annotated[str | None, Query(description="A sub-event type.")] = None,
    perpetrator: Annotated[str | None, Query(description="Actor id, e.g. russia.")] = None,
    grade: Annotated[
        Literal["weak", "fair", "contested", "confirmed", "discounted"] | None,
        Blank,
        Query(description="The incident's grade."),
    ] = None,
    min_killed: Annotated[
        Annotated[int, Field(ge=0)] | None,
        Blank,
        Query(description="At least this many killed (best figure)."),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Words found in the place, division, perpetrator, weapon, target site "
            "or sub-event type.",
        ),
    ] = None,
) -> IncidentFilter:
    return IncidentFilter(
        since=date_from,
        until=date_to,
        country=country or None,
        admin1=admin1 or None,
        event_type=event_type or None,
        sub_event_type=sub_event_type or None,
        perpetrator=perpetrator or None,
        grade=grade or None,
        min_killed=min_killed,
        text=q or None,
    )


FilterDep = Annotated[IncidentFilter, Depends(incident_filter)]
