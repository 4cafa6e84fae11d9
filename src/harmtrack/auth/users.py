"""User accounts: add, list, change role, remove, and check a name and password."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from harmtrack.auth.passwords import dummy_hash, hash_password, needs_rehash, verify_password
from harmtrack.errors import UserError
from harmtrack.store.tables import SessionRow, UserRow

#: Each role may do what the roles before it may: viewers read, analysts review and correct
#: incidents, admins also manage users.
ROLES = ("viewer", "analyst", "admin")


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    created_at: datetime

    def can(self, role: str) -> bool:
        """True when this user's role includes ``role``'s rights."""
        return ROLES.index(self.role) >= ROLES.index(role)


def _user(row: UserRow) -> User:
    return User(row.id, row.name, row.role, row.created_at)


def check_role(role: str) -> str:
    if role not in ROLES:
        raise UserError(f"{role!r} is not a role", hint="Roles: " + ", ".join(ROLES))
    return role


def _check_name(name: str) -> str:
    cleaned = name.strip()
    if (
        not cleaned
        or len(cleaned) > 100
        or any(c.isspace() or not c.isprintable() for c in cleaned)
    ):
        raise UserError(
            f"{name!r} is not a usable user name",
            hint="1 to 100 printable characters without spaces.",
        )
    return cleaned


def _row(session: Session, name: str) -> UserRow:
    row = session.scalars(select(UserRow).where(UserRow.name == name)).first()
    if row is None:
        raise UserError(f"no user {name!r}", hint="List them with `harmtrack users list`.")
    return row


def add_user(session: Session, name: str, role: str, password: str) -> User:
    name, role = _check_name(name), check_role(role)
    if session.scalars(select(UserRow.id).where(UserRow.name == name)).first() is not None:
        raise UserError(f"user {name!r} exists", hint="Change it with `harmtrack users set-role`.")
    row = UserRow(name=name, role=role, password_hash=hash_password(password))
    session.add(row)
    session.flush()
    return _user(row)


def list_users(session: Session) -> list[User]:
    return [_user(row) for row in session.scalars(select(UserRow).order_by(UserRow.name))]


def set_role(session: Session, name: str, role: str) -> User:
    row = _row(session, name)
    row.role = check_role(role)
    session.flush()
    return _user(row)


def set_password(session: Session, name: str, password: str) -> None:
    """A new password; the user's open sessions end (a stolen cookie dies with the old one)."""
    row = _row(session, name)
    row.password_hash = hash_password(password)
    session.execute(delete(SessionRow).where(SessionRow.user_id == row.id))
    session.flush()


def remove_user(session: Session, name: str) -> None:
    """Remove a user and end their sessions (the revisions they wrote keep their name)."""
    row = _row(session, name)
    session.execute(delete(UserRow).where(UserRow.id == row.id))


def authenticate(session: Session, name: str, password: str) -> User | None:
    """The user when ``password`` is theirs, else None (an unknown name costs as much time)."""
    row = session.scalars(select(UserRow).where(UserRow.name == name.strip())).first()
    if row is None:
        verify_password(dummy_hash(), password)
        return None
    if not verify_password(row.password_hash, password):
        return None
    if needs_rehash(row.password_hash):
        row.password_hash = hash_password(password)
    return _user(row)
