"""Password hashing with Argon2id (argon2-cffi) and the password rules."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 10
MAX_LENGTH = 1024  # bounds the hashing work an anonymous request can ask for
TOO_SHORT = f"Use at least {MIN_LENGTH} characters for your password."
TOO_LONG = f"Use at most {MAX_LENGTH} characters for your password."

_hasher = PasswordHasher()
# Compared against when the email is unknown, so a miss costs as long as a hit.
_DUMMY_HASH = _hasher.hash("not-a-real-password-just-for-timing")


def password_problem(password: str) -> str | None:
    """A plain-language reason the password cannot be used, or None."""
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    if len(password) > MAX_LENGTH:
        return TOO_LONG
    return None


def hash_password(password: str) -> str:
    """Hash a password for storage; refuses passwords that break the rules."""
    problem = password_problem(password)
    if problem:
        raise ValueError(problem)
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches the stored hash (constant work for unknown users)."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    return _hasher.check_needs_rehash(password_hash)
