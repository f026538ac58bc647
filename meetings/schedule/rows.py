"""What a page shows of a meeting: the API's facts joined with our own record."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import MeetingRecord, Organiser
from ..whereby import Meeting
from .status import Status, status_at


@dataclass(frozen=True)
class MeetingView:
    """One meeting as organiser pages show it. Never holds a host or viewer link."""

    meeting_id: str
    title: str
    created_elsewhere: bool
    start: datetime | None
    end: datetime
    time_zone: str
    status: Status
    owner_name: str | None
    room_url: str
    room_name: str | None
    share_token: str | None
    can_delete: bool


def can_delete(record: MeetingRecord | None, user: Organiser) -> bool:
    """Owners delete their meetings; admins delete any, including those made elsewhere."""
    if user.is_admin:
        return True
    return record is not None and record.owner_id == user.id


def records_for(meeting_ids: Sequence[str]) -> dict[str, MeetingRecord]:
    """Our records for these upstream meetings, owners loaded, in one query."""
    if not meeting_ids:
        return {}
    rows = db.session.scalars(
        select(MeetingRecord)
        .options(joinedload(MeetingRecord.owner))
        .where(MeetingRecord.meeting_id.in_(list(meeting_ids)))
    )
    return {row.meeting_id: row for row in rows}


def view_of(meeting: Meeting, record: MeetingRecord | None, now: datetime) -> MeetingView:
    """Join the API's meeting with our record (if the meeting was made here)."""
    user = current_user
    if record is not None:
        start: datetime | None = record.scheduled_start
        title, zone_name = record.title, record.time_zone
        owner = record.owner.name
    else:
        start = meeting.start_date
        title = (meeting.room_name or meeting.meeting_id).lstrip("/")
        zone_name, owner = user.time_zone or "UTC", None
    return MeetingView(
        meeting_id=meeting.meeting_id,
        title=title,
        created_elsewhere=record is None,
        start=start,
        end=meeting.end_date,
        time_zone=zone_name,
        status=status_at(start, meeting.end_date, now),
        owner_name=owner,
        room_url=meeting.room_url,
        room_name=meeting.room_name,
        share_token=record.share_token if record else None,
        can_delete=can_delete(record, user),
    )


def views_of(meetings: Iterable[Meeting], now: datetime) -> list[MeetingView]:
    """Views for a page of meetings: one database query whatever the page size."""
    meetings = list(meetings)
    records = records_for([meeting.meeting_id for meeting in meetings])
    return [view_of(m, records.get(m.meeting_id), now) for m in meetings]
