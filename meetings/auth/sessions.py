"""Server-side sessions: one revocable row per sign-in, named by a token in the cookie.

The signed cookie holds the organiser id (Flask-Login's `_user_id`) and a random
token (`sid`); the database keeps only the token's SHA-256. A session counts while
its row is not revoked, is younger than `SESSION_MAX_AGE_DAYS`, and its organiser is
active. `Organiser.end_sessions()` revokes every row of one organiser.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask import current_app, session
from flask_login import login_user, logout_user
from sqlalchemy import delete, or_, select, update

from ..clock import now
from ..extensions import db
from ..models import Organiser, OrganiserSession, token_digest

# The Flask session (cookie) field that holds this sign-in's token.
COOKIE_FIELD = "sid"
# Ended sessions stay this long, a record of recent sign-ins, before sign-in deletes them.
KEEP_ENDED = timedelta(days=30)


def max_age() -> timedelta:
    """How long a session lasts after sign-in, however active it is."""
    return timedelta(days=current_app.config["SESSION_MAX_AGE_DAYS"])


def start_session(organiser: Organiser) -> None:
    """Sign in with a brand-new session: a new row, and nothing kept from the old cookie."""
    token = secrets.token_urlsafe(32)
    prune_ended()
    db.session.add(
        OrganiserSession(
            token_hash=token_digest(token), organiser_id=organiser.id, created_at=now()
        )
    )
    db.session.commit()
    session.clear()
    session[COOKIE_FIELD] = token
    login_user(organiser)


def end_this_session() -> None:
    """Sign this browser out: revoke its row, so a copy of the cookie is worthless too."""
    token = session.get(COOKIE_FIELD)
    if isinstance(token, str):
        db.session.execute(
            update(OrganiserSession)
            .where(
                OrganiserSession.token_hash == token_digest(token),
                OrganiserSession.revoked_at.is_(None),
            )
            .values(revoked_at=now())
        )
        db.session.commit()
    logout_user()
    session.clear()


def load_organiser(user_id: str) -> Organiser | None:
    """Flask-Login's loader: the organiser if this cookie's session is current (one query)."""
    token = session.get(COOKIE_FIELD)
    try:
        organiser_id = int(user_id)
    except ValueError:
        return None
    if not isinstance(token, str):
        return None
    return db.session.scalar(
        select(Organiser)
        .join(OrganiserSession, OrganiserSession.organiser_id == Organiser.id)
        .where(
            OrganiserSession.token_hash == token_digest(token),
            OrganiserSession.revoked_at.is_(None),
            OrganiserSession.created_at > now() - max_age(),
            Organiser.id == organiser_id,
            Organiser.active,
        )
    )


def prune_ended() -> None:
    """Delete sessions revoked or expired more than `KEEP_ENDED` ago (runs at sign-in)."""
    at = now()
    db.session.execute(
        delete(OrganiserSession).where(
            or_(
                OrganiserSession.revoked_at < at - KEEP_ENDED,
                OrganiserSession.created_at < at - max_age() - KEEP_ENDED,
            )
        )
    )
