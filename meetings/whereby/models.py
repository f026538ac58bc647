"""Typed results of the meetings API, with timezone-aware UTC datetimes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .redact import redact


@dataclass(frozen=True)
class Meeting:
    """A meeting as the API returns it; host and viewer URLs carry a secret roomKey."""

    meeting_id: str
    room_url: str
    room_name: str | None
    start_date: datetime | None
    end_date: datetime
    # Kept out of repr(): anyone holding these links gets host or viewer rights.
    host_room_url: str | None = field(default=None, repr=False)
    viewer_room_url: str | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        return (
            f"Meeting(meeting_id={self.meeting_id!r}, room_url={redact(self.room_url)!r}, "
            f"room_name={self.room_name!r}, start_date={self.start_date!r}, "
            f"end_date={self.end_date!r})"
        )

    __str__ = __repr__

    @classmethod
    def from_api(cls, data: Any) -> Meeting:
        """Build from the API's JSON object; raises ValueError when its shape is wrong."""
        if not isinstance(data, Mapping):
            raise ValueError("a meeting must be a JSON object")
        meeting_id = data.get("meetingId")
        # The reference says string; some answers carry a number, which is just as usable.
        if isinstance(meeting_id, int) and not isinstance(meeting_id, bool):
            meeting_id = str(meeting_id)
        if not isinstance(meeting_id, str) or not meeting_id:
            raise ValueError("meetingId is missing")
        end_date = parse_datetime(data.get("endDate"), "endDate")
        if end_date is None:
            raise ValueError("endDate is missing")
        return cls(
            meeting_id=meeting_id,
            room_url=_url(data.get("roomUrl"), "roomUrl", required=True) or "",
            room_name=_optional_str(data.get("roomName"), "roomName"),
            start_date=parse_datetime(data.get("startDate"), "startDate"),
            end_date=end_date,
            host_room_url=_url(data.get("hostRoomUrl"), "hostRoomUrl"),
            viewer_room_url=_url(data.get("viewerRoomUrl"), "viewerRoomUrl"),
        )


@dataclass(frozen=True)
class MeetingPage:
    """One page of the meeting list; `cursor` fetches the next page, None at the end."""

    results: list[Meeting]
    cursor: str | None

    @classmethod
    def from_api(cls, data: Any) -> MeetingPage:
        """Build from `{"results": [...], "cursor": ...}`; raises ValueError on a wrong shape."""
        if not isinstance(data, Mapping):
            raise ValueError("a page must be a JSON object")
        results = data.get("results")
        if not isinstance(results, list):
            raise ValueError("results must be a list")
        cursor = data.get("cursor")
        if cursor is not None and not isinstance(cursor, str):
            raise ValueError("cursor must be a string or null")
        # An empty cursor would make "load more" ask for the first page again.
        return cls([Meeting.from_api(item) for item in results], cursor or None)


def parse_datetime(value: Any, name: str) -> datetime | None:
    """An ISO 8601 string as an aware UTC datetime (naive means UTC, as the API promises)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a date-time string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} is not an ISO 8601 date-time") from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _optional_str(value: Any, name: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"{name} must be a string")


def _url(value: Any, name: str, *, required: bool = False) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        raise ValueError(f"{name} must be an http(s) URL")
    return value
