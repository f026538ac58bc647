"""`make bench`: the list call at page 1 and page 1,000 over 100,000 meetings.

Fills a fresh store directly (not over HTTP), serves it on a loopback port, then times
GET /v1/meetings?limit=100 without a cursor and with the cursor of page 1,000. Keyset
pagination should make both cost about the same (target: ratio <= 1.5).
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

from meetings.local_api import create_app
from meetings.local_api.server import BackgroundServer

API_KEY = "bench-key"
TARGET_RATIO = 1.5


def fill(app, count: int, now: datetime) -> float:
    """Insert `count` live meetings, one per second back in time; returns seconds taken."""
    started = time.perf_counter()
    end = now + timedelta(days=30)
    app.store.bulk_insert((now - timedelta(seconds=i), end) for i in range(count))
    return time.perf_counter() - started


def cursor_for_page(app, page: int, limit: int, now: datetime) -> str | None:
    """The cursor a client would hold for `page`, found by walking the store's own pages."""
    position = None
    for _ in range(page - 1):
        _, position = app.store.page(now, position, limit)
        if position is None:
            raise SystemExit(f"the store has fewer than {page} pages of {limit}")
    return app.cursors.encode(position) if position else None


def median_ms(session: requests.Session, url: str, params: dict, runs: int) -> float:
    """Median wall time of `runs` list calls, after two warm-up calls."""
    times = []
    for index in range(runs + 2):
        started = time.perf_counter()
        response = session.get(url, params=params, timeout=30)
        elapsed = time.perf_counter() - started
        response.raise_for_status()
        assert len(response.json()["results"]) == params["limit"]
        if index >= 2:
            times.append(elapsed * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures; exit 1 when the ratio misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--page", type=int, default=1_000)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(database=Path(folder) / "bench.sqlite3", api_key=API_KEY)
        print(f"Filling the store with {args.meetings:,} meetings ...", flush=True)
        print(f"  inserted in {fill(app, args.meetings, now):.1f} s")
        deep_cursor = cursor_for_page(app, args.page, args.limit, now)
        with BackgroundServer(app) as server, requests.Session() as session:
            session.headers["Authorization"] = f"Bearer {API_KEY}"
            url = f"{server.base_url}/v1/meetings"
            first = median_ms(session, url, {"limit": args.limit}, args.runs)
            deep = median_ms(session, url, {"limit": args.limit, "cursor": deep_cursor}, args.runs)
    ratio = deep / first
    print(f"Median of {args.runs} runs, limit {args.limit}:")
    print(f"  page 1:        {first:7.2f} ms")
    print(f"  page {args.page:,}:    {deep:7.2f} ms")
    print(f"  ratio:         {ratio:7.2f}  (target <= {TARGET_RATIO})")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
