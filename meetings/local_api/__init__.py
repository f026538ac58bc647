"""The embedded, Whereby-compatible meetings service (imports nothing from the web layer)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from .app import LocalApi
from .clock import FakeClock, utc_now
from .store import Store

__all__ = ["FakeClock", "LocalApi", "Store", "create_app"]


def create_app(
    *,
    database: str | Path,
    api_key: str,
    points_per_minute: int | None = None,
    clock: Callable[[], datetime] | None = None,
) -> LocalApi:
    """The service as a WSGI app over the SQLite file `database` (created when missing)."""
    return LocalApi(Store(database), api_key, points_per_minute, clock or utc_now)
