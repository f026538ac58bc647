"""Clocks: the real one, and a controllable one so tests can move time without sleeping."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


def utc_now() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


class FakeClock:
    """A clock that stands still until a test moves it; callable like `utc_now`."""

    def __init__(self, start: datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._now = _aware(start or utc_now())

    def __call__(self) -> datetime:
        return self.now()

    def __repr__(self) -> str:
        return f"FakeClock({self.now().isoformat()})"

    def now(self) -> datetime:
        """The clock's current time."""
        with self._lock:
            return self._now

    def advance(self, delta: timedelta) -> datetime:
        """Move the clock forward (or back, with a negative delta) and return the new time."""
        with self._lock:
            self._now += delta
            return self._now

    def set(self, moment: datetime) -> None:
        """Put the clock at an exact moment."""
        with self._lock:
            self._now = _aware(moment)


def _aware(moment: datetime) -> datetime:
    """Treat a naive datetime as UTC and convert any other zone to UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
