"""The app database: organisers and the meeting facts the API does not keep."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, func, select, update
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .clock import now
from .db_types import UTCDateTime, utcnow
from .extensions import db


def new_share_token() -> str:
    """An unguessable token for a meeting's public share page."""
    return secrets.token_urlsafe(24)


def token_digest(token: str) -> str:
    """The SHA-256 of a secret token: what we store, so a database copy yields no tokens."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Organiser(UserMixin, db.Model):
    """Someone who signs in and schedules meetings."""

    __tablename__ = "organisers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    # None: not chosen yet; the create form then starts from the browser's zone.
    time_zone: Mapped[str | None] = mapped_column(String(64), nullable=True, default=None)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    # Named `active` because Flask-Login's `is_active` is a property of UserMixin.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    meetings: Mapped[list[MeetingRecord]] = relationship(back_populates="owner")

    def __init__(self, **kwargs: Any) -> None:
        if "email" in kwargs:
            kwargs["email"] = normalise_email(kwargs["email"])
        super().__init__(**kwargs)

    def __repr__(self) -> str:
        return f"<Organiser {self.id} {self.email}>"

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return bool(self.active)

    @property
    def name(self) -> str:
        """What to call this person on screen."""
        return self.display_name or self.email

    def end_sessions(self) -> None:
        """Revoke every session of this organiser, on every device (commit to apply)."""
        db.session.execute(
            update(OrganiserSession)
            .where(OrganiserSession.organiser_id == self.id, OrganiserSession.revoked_at.is_(None))
            .values(revoked_at=now())
        )

    @classmethod
    def by_email(cls, email: str) -> Organiser | None:
        """The organiser with this email (case-insensitive), or None."""
        return db.session.scalar(select(cls).where(cls.email == normalise_email(email)))

    @classmethod
    def count(cls) -> int:
        return db.session.scalar(select(func.count()).select_from(cls)) or 0


def normalise_email(email: str) -> str:
    """Emails are compared and stored lower-cased and trimmed."""
    return (email or "").strip().lower()


class OrganiserSession(db.Model):
    """One sign-in on one device; the cookie holds its token, the database only a hash."""

    __tablename__ = "organiser_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    organiser_id: Mapped[int] = mapped_column(ForeignKey("organisers.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    def __repr__(self) -> str:
        return f"<OrganiserSession {self.id} of organiser {self.organiser_id}>"


class MeetingRecord(db.Model):
    """What we keep about a meeting: who owns it, its title, and its immutable facts.

    Never the host or viewer URL: those carry a room key and are fetched from the
    API when an organiser asks for them.
    """

    __tablename__ = "meeting_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("organisers.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    scheduled_start: Mapped[datetime] = mapped_column(UTCDateTime)
    time_zone: Mapped[str] = mapped_column(String(64))
    share_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_share_token)
    room_name: Mapped[str] = mapped_column(String(255))
    room_url: Mapped[str] = mapped_column(String(2048))
    start_date: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    end_date: Mapped[datetime] = mapped_column(UTCDateTime)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    owner: Mapped[Organiser] = relationship(back_populates="meetings")

    def __repr__(self) -> str:
        return f"<MeetingRecord {self.meeting_id}>"


class SubmissionToken(db.Model):
    """A one-time token in the create form, so a resubmitted form makes one meeting."""

    __tablename__ = "submission_tokens"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    organiser_id: Mapped[int] = mapped_column(ForeignKey("organisers.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    meeting_id: Mapped[str | None] = mapped_column(String(64), nullable=True)


class FailedSignIn(db.Model):
    """One failed sign-in, counted per key (account email or client address)."""

    __tablename__ = "failed_sign_ins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(400), index=True)
    failed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class FirstRunToken(db.Model):
    """A one-time link that lets the first person create the admin account."""

    __tablename__ = "first_run_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
