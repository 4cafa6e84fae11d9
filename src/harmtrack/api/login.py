"""Signing in and out, shared by the API's auth routes and the login page: the rate limit,
the password check and the server-side session."""

from __future__ import annotations

from datetime import timedelta

from fastapi import Request
from sqlalchemy.orm import Session

from harmtrack.api.ratelimit import LoginLimiter
from harmtrack.auth.sessions import SignedIn, close_session, open_session
from harmtrack.auth.users import authenticate
from harmtrack.errors import NotAuthenticatedError
from harmtrack.settings import Settings

from .security import SESSION_COOKIE


def _keys(request: Request, name: str) -> tuple[str, str]:
    address = request.client.host if request.client else "unknown"
    return f"address:{address}", f"user:{name.strip().lower()}"


def sign_in(request: Request, session: Session, name: str, password: str) -> tuple[str, SignedIn]:
    """A new session for ``name`` when the password is right; returns the cookie token.

    Refused (429) after too many failures from the address or for the name; a failure is
    counted against both.
    """
    limiter: LoginLimiter = request.app.state.limiter
    keys = _keys(request, name)
    limiter.check(keys)
    user = authenticate(session, name, password)
    if user is None:
        limiter.fail(keys)
        raise NotAuthenticatedError(
            "wrong user name or password",
            hint="Check both; an admin can set a new password with `harmtrack users passwd`.",
        )
    limiter.forget(keys[1])
    # A session the browser already held ends: a token planted before sign-in is worth nothing.
    sign_out(request, session)
    settings: Settings = request.app.state.settings
    return open_session(session, user, timedelta(hours=settings.session_hours))


def sign_out(request: Request, session: Session) -> None:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        close_session(session, token)
