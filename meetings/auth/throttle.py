"""Counting failed sign-ins, per account email and per client address.

Two backends behind one interface: the app database (default) and Redis (when
`REDIS_URL` is set). Both hold across several app instances. Time comes from
`app.config["CLOCK"]` when set, so tests control it.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Protocol

from flask import Flask, current_app
from sqlalchemy import delete, select

from ..clock import now
from ..extensions import db
from ..models import FailedSignIn

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)


def keys_for(email: str, address: str | None) -> list[str]:
    """The counters a sign-in attempt touches."""
    return [f"email:{email.strip().lower()}", f"addr:{address or 'unknown'}"]


def _wait_after(failures: list[datetime], at: datetime) -> timedelta:
    """How long until fewer than MAX_FAILURES remain in the window (newest first)."""
    if len(failures) < MAX_FAILURES:
        return timedelta(0)
    return max(failures[MAX_FAILURES - 1] + WINDOW - at, timedelta(0))


class Backend(Protocol):
    def failures(self, key: str, since: datetime) -> list[datetime]: ...
    def add(self, key: str, at: datetime) -> None: ...
    def clear(self, key: str) -> None: ...


class DatabaseBackend:
    """Failures as rows in `failed_sign_ins`."""

    def failures(self, key: str, since: datetime) -> list[datetime]:
        rows = db.session.scalars(
            select(FailedSignIn.failed_at)
            .where(FailedSignIn.key == key, FailedSignIn.failed_at > since)
            .order_by(FailedSignIn.failed_at.desc())
            .limit(MAX_FAILURES)
        )
        return list(rows)

    def add(self, key: str, at: datetime) -> None:
        # Old rows are useless; dropping them here keeps the table small.
        db.session.execute(delete(FailedSignIn).where(FailedSignIn.failed_at <= at - WINDOW))
        db.session.add(FailedSignIn(key=key, failed_at=at))
        db.session.commit()

    def clear(self, key: str) -> None:
        db.session.execute(delete(FailedSignIn).where(FailedSignIn.key == key))
        db.session.commit()


class RedisBackend:
    """Failures as a sorted set per key, scored by timestamp, expiring with the window."""

    PREFIX = "meetings:signin-failures:"

    def __init__(self, url: str) -> None:
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    def failures(self, key: str, since: datetime) -> list[datetime]:
        scores = self.redis.zrevrangebyscore(
            self.PREFIX + key,
            "+inf",
            f"({since.timestamp()}",
            start=0,
            num=MAX_FAILURES,
            withscores=True,
        )
        return [datetime.fromtimestamp(score, since.tzinfo) for _member, score in scores]

    def add(self, key: str, at: datetime) -> None:
        name = self.PREFIX + key
        stamp = at.timestamp()
        with self.redis.pipeline() as pipe:
            pipe.zremrangebyscore(name, "-inf", stamp - WINDOW.total_seconds())
            pipe.zadd(name, {f"{stamp}:{secrets.token_hex(4)}": stamp})
            pipe.expire(name, int(WINDOW.total_seconds()) + 60)
            pipe.execute()

    def clear(self, key: str) -> None:
        self.redis.delete(self.PREFIX + key)


def init_app(app: Flask) -> None:
    """Choose the backend once per app: Redis when configured, else the database."""
    url = app.config.get("REDIS_URL")
    app.extensions["meetings_throttle"] = RedisBackend(url) if url else DatabaseBackend()


def _backend() -> Backend:
    return current_app.extensions["meetings_throttle"]


def locked_minutes(keys: Iterable[str]) -> int:
    """Whole minutes until any of these keys may try again; 0 when none is locked."""
    at = now()
    wait = max(
        (_wait_after(_backend().failures(key, at - WINDOW), at) for key in keys),
        default=timedelta(0),
    )
    return math.ceil(wait.total_seconds() / 60) if wait else 0


def record_failure(keys: Iterable[str]) -> None:
    """Count one failed attempt against every key."""
    at = now()
    for key in keys:
        _backend().add(key, at)


def clear(key: str) -> None:
    """Forget the failures of one key (after a successful sign-in for that account)."""
    _backend().clear(key)


def too_many_message(minutes: int) -> str:
    """The plain message shown while locked."""
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many attempts. Try again in {minutes} {unit}."
