"""SQLite storage of meetings, safe for several threads and processes on one file."""

from __future__ import annotations

import json
import secrets
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# One hour after its end a meeting is gone, as in the reference.
GRACE_SECONDS = 3600
# Lower-case letters and digits without look-alikes (0/o, 1/l/i).
HUMAN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
HUMAN_LENGTH = 6
# Expired meetings are kept a week (their room pages say "expired"), then purged, and
# with them their stored options (which may hold S3 keys).
PURGE_AFTER_SECONDS = 7 * 24 * 3600

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room_name TEXT NOT NULL UNIQUE,
    created_us INTEGER NOT NULL,
    end_s INTEGER NOT NULL,
    expires_s INTEGER NOT NULL,
    room_mode TEXT NOT NULL,
    is_locked INTEGER NOT NULL,
    template_type TEXT,
    host_key TEXT NOT NULL,
    viewer_key TEXT NOT NULL,
    options TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS meetings_newest ON meetings (created_us, id);
CREATE INDEX IF NOT EXISTS meetings_expiry ON meetings (expires_s);
CREATE TABLE IF NOT EXISTS rate_events (
    id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL, points INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS rate_events_at ON rate_events (at_ms);
"""
COLUMNS = (
    "id, room_name, created_us, end_s, expires_s, room_mode, is_locked, template_type, "
    "host_key, viewer_key, options"
)
# Built from the constant column list above only; every value is a bound parameter.
SELECT_SQL = f"SELECT {COLUMNS} FROM meetings"  # noqa: S608
INSERT_SQL = f"INSERT INTO meetings ({COLUMNS}) VALUES (NULL{', ?' * 10})"  # noqa: S608


@dataclass(frozen=True)
class Meeting:
    """A stored meeting; room keys and options (which may hold S3 secrets) stay out of repr."""

    id: int
    room_name: str
    created_us: int
    end_s: int
    expires_s: int
    room_mode: str
    is_locked: bool
    template_type: str | None
    host_key: str = field(repr=False)
    viewer_key: str = field(repr=False)
    options: dict[str, Any] = field(repr=False)

    @property
    def start(self) -> datetime:
        return datetime.fromtimestamp(self.created_us // 1_000_000, UTC)

    @property
    def end(self) -> datetime:
        return datetime.fromtimestamp(self.end_s, UTC)

    def is_live(self, now: datetime) -> bool:
        return self.expires_s > now.timestamp()


def micros(moment: datetime) -> int:
    """Microseconds since the epoch, exact (no float rounding)."""
    delta = moment - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


class Store:
    """Meetings in one SQLite file: WAL, a busy timeout, BEGIN IMMEDIATE for every write."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        with self.connect() as conn:
            # WAL lets readers go on while one writer writes; it is a property of the file.
            conn.execute("PRAGMA journal_mode=WAL")
            with self.write(conn):
                # executescript() would commit early, so the statements go one by one.
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('secret', ?)",
                    (secrets.token_bytes(32),),
                )
            self.secret: bytes = conn.execute(
                "SELECT value FROM meta WHERE key = 'secret'"
            ).fetchone()[0]

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A fresh connection for the calling thread, closed afterwards."""
        conn = sqlite3.connect(self.path, timeout=15, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout = 15000")
            conn.execute("PRAGMA synchronous = NORMAL")
            yield conn
        finally:
            conn.close()

    @contextmanager
    def write(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the write lock up front, so it never deadlocks."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def create(
        self,
        *,
        now: datetime,
        end: datetime,
        prefix: str,
        pattern: str,
        room_mode: str,
        is_locked: bool,
        template_type: str | None,
        options: dict[str, Any],
    ) -> Meeting:
        """Store a new meeting with a room name unique among live meetings."""
        created_us = micros(now)
        end_s = int(end.timestamp())
        now_s = int(now.timestamp())
        with self.connect() as conn, self.write(conn):
            for _ in range(50):
                name = room_name(prefix, pattern)
                row = conn.execute(
                    "SELECT expires_s FROM meetings WHERE room_name = ?", (name,)
                ).fetchone()
                if row is None or row[0] <= now_s:
                    break
            else:  # pragma: no cover - 887 million names; only a nearly full store gets here
                raise RuntimeError("no free room name")
            # An expired meeting gives its name back.
            conn.execute("DELETE FROM meetings WHERE room_name = ?", (name,))
            conn.execute("DELETE FROM meetings WHERE expires_s < ?", (now_s - PURGE_AFTER_SECONDS,))
            values = (
                name,
                created_us,
                end_s,
                end_s + GRACE_SECONDS,
                room_mode,
                int(is_locked),
                template_type,
                secrets.token_urlsafe(24),
                secrets.token_urlsafe(24),
                json.dumps(options),
            )
            cursor = conn.execute(
                INSERT_SQL,
                values,
            )
            return _meeting((cursor.lastrowid, *values))

    def bulk_insert(self, rows: Iterable[tuple[datetime, datetime]]) -> int:
        """Insert plain uuid meetings given as (created, end) pairs in one transaction."""
        count = 0

        def values() -> Iterator[tuple[Any, ...]]:
            nonlocal count
            for created, end in rows:
                count += 1
                end_s = int(end.timestamp())
                yield (
                    "/" + str(uuid.uuid4()),
                    micros(created),
                    end_s,
                    end_s + GRACE_SECONDS,
                    "normal",
                    0,
                    None,
                    secrets.token_urlsafe(24),
                    secrets.token_urlsafe(24),
                    "{}",
                )

        with self.connect() as conn, self.write(conn):
            conn.executemany(
                INSERT_SQL,
                values(),
            )
        return count

    def get(self, meeting_id: int, now: datetime) -> Meeting | None:
        """A live meeting by id."""
        with self.connect() as conn:
            row = conn.execute(
                SELECT_SQL + " WHERE id = ? AND expires_s > ?",
                (meeting_id, int(now.timestamp())),
            ).fetchone()
        return _meeting(row) if row else None

    def find_room(self, name: str) -> Meeting | None:
        """A meeting by room name, expired or not (the room page tells which)."""
        with self.connect() as conn:
            row = conn.execute(SELECT_SQL + " WHERE room_name = ?", (name,)).fetchone()
        return _meeting(row) if row else None

    def page(
        self, now: datetime, after: tuple[int, int] | None, limit: int
    ) -> tuple[list[Meeting], tuple[int, int] | None]:
        """Live meetings newest first, strictly after the keyset position `after`."""
        params: list[Any] = [int(now.timestamp())]
        where = "expires_s > ?"
        if after is not None:
            # A row-value comparison walks the (created_us, id) index from that point.
            where += " AND (created_us, id) < (?, ?)"
            params += list(after)
        params.append(limit + 1)
        with self.connect() as conn:
            rows = conn.execute(
                f"{SELECT_SQL} WHERE {where} ORDER BY created_us DESC, id DESC LIMIT ?",
                params,
            ).fetchall()
        meetings = [_meeting(row) for row in rows[:limit]]
        more = len(rows) > limit
        return meetings, ((meetings[-1].created_us, meetings[-1].id) if more else None)

    def delete(self, meeting_id: int) -> None:
        """Remove a meeting; nothing happens when it is not there."""
        with self.connect() as conn, self.write(conn):
            conn.execute("DELETE FROM meetings WHERE id = ?", (meeting_id,))

    def clear(self) -> None:
        """Remove every meeting and all rate-limit history (the secret stays)."""
        with self.connect() as conn, self.write(conn):
            conn.execute("DELETE FROM meetings")
            conn.execute("DELETE FROM rate_events")


def room_name(prefix: str, pattern: str) -> str:
    """A random room name, e.g. "/4b3bd908-cb88-..." or "/team-x7k2mp"."""
    if pattern == "human-short":
        part = "".join(secrets.choice(HUMAN_ALPHABET) for _ in range(HUMAN_LENGTH))
    else:
        part = str(uuid.uuid4())
    return f"/{prefix}-{part}" if prefix else f"/{part}"


def _meeting(row: tuple[Any, ...]) -> Meeting:
    (mid, name, created_us, end_s, expires_s, mode, locked, template, host, viewer, opts) = row
    return Meeting(
        mid,
        name,
        created_us,
        end_s,
        expires_s,
        mode,
        bool(locked),
        template,
        host,
        viewer,
        json.loads(opts),
    )
