"""The organiser's view of one meeting, its calendar file, and deleting it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from ..auth import organiser_required
from ..clock import now
from ..extensions import db
from ..fragments import wants_fragment
from ..models import MeetingRecord
from ..whereby import Meeting, NotFound, WherebyError, get_client
from . import bp
from .calendar import calendar_response
from .options import summarise
from .rows import can_delete, records_for, view_of


def _record(meeting_id: str) -> MeetingRecord | None:
    return records_for([meeting_id]).get(meeting_id)


def _fetch(meeting_id: str, *, fields: tuple[str, ...] = ()) -> Meeting:
    """The meeting from the API (with host/viewer links only when asked), or a 404 page."""
    try:
        return get_client().get_meeting(meeting_id, fields=fields)
    except NotFound:
        abort(404, NotFound.default_message)


@bp.get("/meetings/<meeting_id>")
@organiser_required
def detail(meeting_id: str):
    """Everything about one meeting; host and viewer links for its owner and admins."""
    record = _record(meeting_id)
    links = _link_fields(record)
    try:
        meeting = _fetch(meeting_id, fields=links)
    except WherebyError as error:
        page = render_template(
            "meetings/detail_unavailable.html", record=record, message=error.message
        )
        return page, 503
    return render_template(
        "meetings/detail.html",
        meeting=view_of(meeting, record, now()),
        host_url=meeting.host_room_url if "hostRoomUrl" in links else None,
        viewer_url=meeting.viewer_room_url if "viewerRoomUrl" in links else None,
        links_withheld=not links,
        options=summarise(record.options or {}) if record else [],
    )


def _link_fields(record: MeetingRecord | None) -> tuple[str, ...]:
    """Which secret links this organiser may see: the owner's and admins' only.

    Meetings made here have a viewer link only in presentation mode; for meetings made
    elsewhere (admins only) we cannot know, so the page shows what the API returns.
    """
    if not can_delete(record, current_user):
        return ()
    if record is None or (record.options or {}).get("templateType") == "viewerMode":
        return ("hostRoomUrl", "viewerRoomUrl")
    return ("hostRoomUrl",)


@bp.get("/meetings/<meeting_id>/calendar.ics")
@organiser_required
def calendar(meeting_id: str):
    """Calendar file for an organiser: the participant link only."""
    record = _record(meeting_id)
    if record is not None:
        return calendar_response(record)
    meeting = _fetch(meeting_id)
    view = view_of(meeting, None, now())
    return calendar_response(None, meeting=meeting, title=view.title)


def _deletable(meeting_id: str) -> MeetingRecord | None:
    """Our record of a meeting this organiser may delete, or abort with 403."""
    record = _record(meeting_id)
    if can_delete(record, current_user):
        return record
    if record is None:
        # No record: made elsewhere (admins only) or already deleted (nothing to refuse).
        # Other upstream trouble propagates to the friendly 503 page.
        try:
            get_client().get_meeting(meeting_id)
        except NotFound:
            return None
    abort(403, "Only the person who created this meeting, or an admin, can delete it.")


@bp.get("/meetings/<meeting_id>/delete")
@organiser_required
def confirm_delete(meeting_id: str):
    """A confirmation page, for browsers without JavaScript."""
    record = _deletable(meeting_id)
    title = record.title if record else meeting_id
    return render_template("meetings/confirm_delete.html", meeting_id=meeting_id, title=title)


@bp.route("/meetings/<meeting_id>/delete", methods=["POST"])
@bp.route("/meetings/<meeting_id>", methods=["DELETE"])
@organiser_required
def delete(meeting_id: str):
    """Delete upstream and here; deleting twice is still a success."""
    record = _deletable(meeting_id)
    try:
        get_client().delete_meeting(meeting_id)
    except WherebyError as error:
        if wants_fragment():
            raise  # the message area says why; the row stays
        flash(f"The meeting was not deleted. {error.message}", "error")
        return redirect(url_for("schedule.detail", meeting_id=meeting_id), code=303)
    if record is not None:
        db.session.delete(record)
        db.session.commit()
    if wants_fragment():
        return "", 200  # htmx swaps the row away
    flash("The meeting was deleted. Its links no longer work.", "success")
    return redirect(url_for("schedule.list_meetings"), code=303)
