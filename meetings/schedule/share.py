"""The public meeting page: served from our database alone, never a host or viewer link."""

from __future__ import annotations

from flask import abort, make_response, render_template
from sqlalchemy import select

from ..clock import now
from ..extensions import db
from ..models import MeetingRecord
from . import bp
from .calendar import calendar_response
from .status import status_at


def _shared(token: str) -> MeetingRecord:
    record = db.session.scalar(select(MeetingRecord).where(MeetingRecord.share_token == token))
    if record is None:
        abort(404, "This meeting page does not exist. The meeting may have been cancelled.")
    return record


@bp.get("/s/<token>")
def share(token: str):
    """Title, when, status and a Join button, for anyone with the link."""
    record = _shared(token)
    status = status_at(record.scheduled_start, record.end_date, now())
    response = make_response(render_template("meetings/share.html", record=record, status=status))
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "no-referrer"  # the URL is the secret
    return response


@bp.get("/s/<token>/calendar.ics")
def share_calendar(token: str):
    """Calendar file for guests."""
    response = calendar_response(_shared(token))
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response
