"""The .ics download, shared by the organiser and public pages."""

from __future__ import annotations

from urllib.parse import quote

from flask import Response, current_app, request

from ..clock import now
from ..models import MeetingRecord
from ..whereby import Meeting
from .ics import CalendarEvent, calendar_file


def _content_disposition(title: str) -> str:
    """An attachment named after the title: ASCII for old clients, UTF-8 for the rest."""
    words = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")[:60]
    ascii_name = "".join(ch for ch in words if ch.isascii()).strip("-") or "meeting"
    return (
        f'attachment; filename="{ascii_name}.ics"; '
        f"filename*=UTF-8''{quote((words or 'meeting') + '.ics')}"
    )


def calendar_response(
    record: MeetingRecord | None, *, meeting: Meeting | None = None, title: str = ""
) -> Response:
    """A calendar file from our record, or from the API's meeting when made elsewhere."""
    host = request.host.split(":")[0] or "meetings"
    if record is not None:
        event = CalendarEvent(
            uid=f"{record.meeting_id}@{host}",
            title=record.title,
            start=record.scheduled_start,
            end=record.end_date,
            join_url=record.room_url,
        )
    else:
        assert meeting is not None
        event = CalendarEvent(
            uid=f"{meeting.meeting_id}@{host}",
            title=title,
            start=meeting.start_date or now(),
            end=meeting.end_date,
            join_url=meeting.room_url,
        )
    body = calendar_file(event, now=now())
    response = current_app.response_class(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = _content_disposition(event.title)
    response.mimetype_params["charset"] = "utf-8"
    return response
