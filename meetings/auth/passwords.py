"""Password hashing with Argon2id (argon2-cffi) and the password rules."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

MIN_LENGTH = 10
MAX_LENGTH = 1024  # bounds the hashing work an anonymous request can ask for
TOO_SHORT = f"Use at least {MIN_LENGTH} characters for your password."
TOO_LONG = f"Use at most {MAX_LENGTH} characters for your password."

_STRONG = PasswordHasher()  # argon2-cffi's recommended Argon2id parameters
# Only for test suites (PASSWORD_HASH_CHEAP): hashing at full cost would dominate their time.
_CHEAP = PasswordHasher.from_parameters(profiles.CHEAPEST)


def _hasher() -> PasswordHasher:
    if has_app_context() and current_app.config.get("PASSWORD_HASH_CHEAP"):
        return _CHEAP
    return _STRONG


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    """Compared against when the email is unknown, so a miss costs as long as a hit."""
    return hasher.hash("not-a-real-password-just-for-timing")


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
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches the stored hash (constant work for unknown users)."""
    if len(password) > MAX_LENGTH:
        return False
    hasher = _hasher()
    try:
        return hasher.verify(password_hash or _dummy_hash(hasher), password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    return _hasher().check_needs_rehash(password_hash)
