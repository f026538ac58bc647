"""The reference's point-based rate limit over a rolling minute, kept in the store's file.

Keeping the spent points in SQLite (not in memory) means every process serving the same
file shares one budget, as the reference's limit is shared by all keys of an organisation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .store import Store

WINDOW_MS = 60_000
# A read costs 1 point, a delete 2 and a write 3.
COSTS = {"GET": 1, "HEAD": 1, "DELETE": 2, "POST": 3, "PUT": 3, "PATCH": 3}


@dataclass(frozen=True)
class Decision:
    """The outcome of asking for points: allowed or not, and what to tell the caller."""

    allowed: bool
    limit: int
    remaining: int
    reset: datetime
    ms_left: int = 0

    def headers(self) -> dict[str, str]:
        """The X-RateLimit-* headers (and Retry-After when refused)."""
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": _http_date(self.reset),
        }
        if not self.allowed:
            headers["Retry-After"] = str(max(1, math.ceil(self.ms_left / 1000)))
        return headers


def spend(store: Store, now: datetime, cost: int, limit: int) -> Decision:
    """Spend `cost` points if the rolling minute allows it; a refused request spends nothing."""
    now_ms = int(now.timestamp() * 1000)
    start = now_ms - WINDOW_MS
    with store.connect() as conn, store.write(conn):
        conn.execute("DELETE FROM rate_events WHERE at_ms <= ?", (start,))
        events = conn.execute(
            "SELECT at_ms, points FROM rate_events WHERE at_ms <= ? ORDER BY at_ms", (now_ms,)
        ).fetchall()
        used = sum(points for _, points in events)
        if used + cost <= limit:
            conn.execute("INSERT INTO rate_events (at_ms, points) VALUES (?, ?)", (now_ms, cost))
            last = now_ms
            return Decision(True, limit, limit - used - cost, _moment(last + WINDOW_MS))
    ms_left = _wait_ms(events, used, cost, limit, now_ms)
    return Decision(False, limit, max(0, limit - used), _moment(now_ms + ms_left), ms_left)


def _wait_ms(events: list[tuple[int, int]], used: int, cost: int, limit: int, now_ms: int) -> int:
    """How long until enough of the spent points leave the window for this request."""
    if cost > limit:
        return WINDOW_MS  # this request can never fit; say "a full minute" rather than 0
    for at_ms, points in events:
        used -= points
        if used + cost <= limit:
            return max(1, at_ms + WINDOW_MS - now_ms)
    return WINDOW_MS  # pragma: no cover - the loop always frees enough points


def _moment(ms: int) -> datetime:
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=ms)


def _http_date(moment: datetime) -> str:
    # HTTP dates have whole seconds; round up so a client never retries too early.
    seconds = math.ceil(moment.timestamp())
    return datetime.fromtimestamp(seconds, UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
