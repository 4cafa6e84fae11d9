"""Password hashing with argon2id (argon2-cffi's defaults: RFC 9106's low-memory profile)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from harmtrack.errors import UserError

MIN_LENGTH = 10


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


def check_strength(password: str) -> None:
    """UserError unless the password is long enough to resist guessing."""
    if len(password) < MIN_LENGTH:
        raise UserError(
            f"the password is too short ({len(password)} characters)",
            hint=f"Use {MIN_LENGTH} characters or more; a phrase of several words is easiest.",
        )


def hash_password(password: str) -> str:
    check_strength(password)
    return _hasher().hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with older parameters than argon2-cffi's current ones."""
    return _hasher().check_needs_rehash(stored_hash)


@cache
def dummy_hash() -> str:
    """A hash to verify against when the user is unknown, so that both cases take as long."""
    return _hasher().hash("harmtrack-no-such-user")
