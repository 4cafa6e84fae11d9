"""Sign-in sessions kept on the server: the cookie holds a random 256-bit token, the table
only its SHA-256, its user, its CSRF token and when it expires."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from harmtrack.auth.users import User
from harmtrack.store.tables import SessionRow, UserRow


@dataclass(frozen=True)
class SignedIn:
    """A live session: its user and the CSRF token its forms and scripts must send back."""

    user: User
    csrf_token: str
    expires_at: datetime

    def csrf_ok(self, token: str | None) -> bool:
        return token is not None and hmac.compare_digest(token, self.csrf_token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def open_session(session: Session, user: User, lifetime: timedelta) -> tuple[str, SignedIn]:
    """Start a session for ``user``; returns the cookie's token (never stored) and the session."""
    token = secrets.token_urlsafe(32)  # 256 bits
    now = datetime.now(UTC)
    row = SessionRow(
        token_hash=token_hash(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + lifetime,
    )
    session.add(row)
    # Expired sessions go when anyone signs in: the table holds only live ones (and few).
    session.execute(delete(SessionRow).where(SessionRow.expires_at < now))
    session.flush()
    return token, SignedIn(user, row.csrf_token, row.expires_at)


def find_session(session: Session, token: str) -> SignedIn | None:
    """The live session whose cookie token is ``token``, or None (unknown or expired)."""
    found = session.execute(
        select(SessionRow, UserRow)
        .join(UserRow, UserRow.id == SessionRow.user_id)
        .where(SessionRow.token_hash == token_hash(token))
    ).first()
    if found is None:
        return None
    row, user = found
    if row.expires_at <= datetime.now(UTC):
        return None
    return SignedIn(
        User(user.id, user.name, user.role, user.created_at), row.csrf_token, row.expires_at
    )


def close_session(session: Session, token: str) -> None:
    session.execute(delete(SessionRow).where(SessionRow.token_hash == token_hash(token)))
