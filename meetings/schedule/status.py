"""Where a meeting is in its life, in words a scheduler uses."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum

# The API removes a room one hour after its end.
EXPIRY_GRACE = timedelta(hours=1)


class Status(Enum):
    UPCOMING = "Upcoming"
    LIVE = "Live now"
    ENDED = "Ended"
    EXPIRED = "Expired"

    @property
    def css(self) -> str:
        return self.name.lower()

    @property
    def joinable(self) -> bool:
        return self is not Status.EXPIRED


def status_at(start: datetime | None, end: datetime, now: datetime) -> Status:
    """The status of a meeting from `start` to `end`, seen at `now`."""
    if now - EXPIRY_GRACE >= end:  # not end + grace: an end in year 9999 must not overflow
        return Status.EXPIRED
    if now >= end:
        return Status.ENDED
    if start is not None and now < start:
        return Status.UPCOMING
    return Status.LIVE
