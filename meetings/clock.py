"""The app's notion of now: real time, or a clock injected through `CLOCK` in tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from flask import current_app


def now() -> datetime:
    """Aware UTC now, from the app's `CLOCK` callable when one is configured."""
    clock: Callable[[], datetime] | None = current_app.config.get("CLOCK")
    return clock() if clock is not None else datetime.now(UTC)
