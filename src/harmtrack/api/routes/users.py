"""Users of the workbench, for admins: list, add, change role, remove (absent in public mode)."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from harmtrack.api import schemas
from harmtrack.api.deps import Admin, SessionDep
from harmtrack.api.routes import errors
from harmtrack.auth import users
from harmtrack.errors import NotFoundError, UserError

router = APIRouter(prefix="/users", tags=["users"])


def _public(user: users.User) -> schemas.UserPublic:
    return schemas.UserPublic(name=user.name, role=user.role, created_at=user.created_at)


@router.get(
    "",
    summary="List users",
    description="Every user, by name, with role. Admins only.",
    response_model=list[schemas.UserPublic],
    responses=errors(401, 403),
)
def list_users(session: SessionDep, _who: Admin) -> list[schemas.UserPublic]:
    return [_public(u) for u in users.list_users(session)]


@router.post(
    "",
    summary="Add a user",
    description="A new user with a role and a password (10 characters or more). Admins only.",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.UserPublic,
    responses=errors(401, 403, 422),
)
def add_user(body: schemas.UserCreate, session: SessionDep, _who: Admin) -> schemas.UserPublic:
    return _public(users.add_user(session, body.name, body.role, body.password))


def _known(session: SessionDep, name: str) -> None:
    if all(u.name != name for u in users.list_users(session)):
        raise NotFoundError(f"no user {name!r}")


@router.patch(
    "/{name}",
    summary="Change a user's role",
    description="Applies to the user's open sessions at once. Admins only.",
    response_model=schemas.UserPublic,
    responses=errors(401, 403, 404, 422),
)
def change_role(
    name: str, body: schemas.RoleUpdate, session: SessionDep, _who: Admin
) -> schemas.UserPublic:
    _known(session, name)
    return _public(users.set_role(session, name, body.role))


@router.delete(
    "/{name}",
    summary="Remove a user",
    description="Removes the user and ends their sessions; their revisions keep their name. "
    "Admins only; an admin cannot remove themself.",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=errors(401, 403, 404, 422),
)
def remove(name: str, session: SessionDep, who: Admin) -> Response:
    _known(session, name)
    if name == who.user.name:
        raise UserError("you cannot remove yourself", hint="Ask another admin.")
    users.remove_user(session, name)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
