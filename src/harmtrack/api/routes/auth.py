"""Signing in and out for scripts and the pages' JavaScript: a session cookie plus its CSRF
token, which unsafe requests send back in the X-CSRF-Token header."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from harmtrack.api import schemas
from harmtrack.api.deps import CurrentUser, SessionDep, Writer
from harmtrack.api.login import sign_in, sign_out
from harmtrack.api.routes import errors
from harmtrack.api.security import clear_session_cookie, set_session_cookie
from harmtrack.auth.sessions import SignedIn

router = APIRouter(prefix="/auth", tags=["auth"])


def _info(who: SignedIn) -> schemas.SessionInfo:
    return schemas.SessionInfo(
        name=who.user.name,
        role=who.user.role,
        csrf_token=who.csrf_token,
        expires_at=who.expires_at,
    )


@router.post(
    "/login",
    summary="Sign in",
    description="Checks the name and password and starts a server-side session: the "
    "`harmtrack_session` cookie (HttpOnly, SameSite=Lax, Secure over HTTPS) and, in the body, "
    "the session's CSRF token for the X-CSRF-Token header. Five failures within 15 minutes from "
    "one address or for one name are answered 429 with Retry-After.",
    response_model=schemas.SessionInfo,
    responses=errors(401, 422, 429),
)
def login(
    request: Request, response: Response, body: schemas.LoginRequest, session: SessionDep
) -> schemas.SessionInfo:
    token, signed = sign_in(request, session, body.name, body.password)
    set_session_cookie(response, request, token, signed.expires_at)
    return _info(signed)


@router.get(
    "/session",
    summary="The signed-in user",
    description="The session's user, role, CSRF token and expiry.",
    response_model=schemas.SessionInfo,
    responses=errors(401),
)
def current(who: CurrentUser) -> schemas.SessionInfo:
    return _info(who)


@router.post(
    "/logout",
    summary="Sign out",
    description="Ends the session (its row is deleted) and clears the cookie. Needs the CSRF "
    "token.",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=errors(401, 403),
)
def logout(request: Request, session: SessionDep, _who: Writer) -> Response:
    sign_out(request, session)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_session_cookie(response, request)
    return response
