"""The one-time first-run link that creates the first admin account."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import update

from ..clock import now
from ..extensions import db
from ..models import FirstRunToken, Organiser, token_digest

LIFETIME = timedelta(hours=1)


def issue_token() -> str:
    """Store a new first-run token (hashed) and return it; valid once, for one hour."""
    token = secrets.token_urlsafe(32)
    db.session.add(FirstRunToken(token_hash=token_digest(token), expires_at=now() + LIFETIME))
    db.session.commit()
    return token


def is_usable(token: str) -> bool:
    """True while the token is unused, unexpired, and no organiser exists yet."""
    record = db.session.query(FirstRunToken).filter_by(token_hash=token_digest(token)).one_or_none()
    if record is None or record.used_at is not None or record.expires_at <= now():
        return False
    return Organiser.count() == 0


def consume(token: str) -> bool:
    """Mark the token used, atomically; False if it was not usable (already used, expired)."""
    if Organiser.count() != 0:
        return False
    at = now()
    result = db.session.execute(
        update(FirstRunToken)
        .where(
            FirstRunToken.token_hash == token_digest(token),
            FirstRunToken.used_at.is_(None),
            FirstRunToken.expires_at > at,
        )
        .values(used_at=at)
    )
    # A single conditional UPDATE: of two simultaneous requests only one sees a row.
    return result.rowcount == 1
