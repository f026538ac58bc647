"""Create a meeting: exactly one upstream meeting per submission, no orphans."""

from __future__ import annotations

import re
import secrets
import time
from datetime import UTC, datetime, timedelta

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from ..auth import organiser_required
from ..clock import now
from ..extensions import db
from ..models import MeetingRecord, SubmissionToken
from ..timezones import is_zone
from ..whereby import BadRequest, Meeting, RateLimited, WherebyError, get_client
from . import bp
from .forms import CreateMeetingForm, default_times
from .payload import stored_options
from .rows import records_for

ALREADY_SENT = (
    "This form was already sent once and we could not confirm the result. "
    "Check your meetings list before creating the meeting again."
)
NOT_SAVED = (
    "Something went wrong while saving the meeting, so it was not created. Please try again."
)
TOKEN_LIFETIME = timedelta(days=1)  # one-time form tokens are forgotten after this
RECONCILE_PAGE = 20  # how much of the newest list to search after a lost answer
CLOCK_SKEW = timedelta(seconds=5)  # between our clock and the API's
UUID_TAIL = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# Errors in these fields leave "More options" closed.
BASIC_FIELDS = {None, "title", "start_date", "start_time", "end_date", "end_time", "time_zone"}


def _new_form() -> CreateMeetingForm:
    """The form, with suggested times and a fresh one-time token on GET."""
    form = CreateMeetingForm(now=now())
    if request.method == "GET":
        zone_name = current_user.time_zone if is_zone(current_user.time_zone) else "UTC"
        form.time_zone.data = zone_name
        start, end = default_times(now(), zone_name)
        form.start_date.data, form.start_time.data = start.date(), start.time()
        form.end_time.data = end.time()
        if end.date() != start.date():
            form.end_date.data = end.date()
    if request.method == "GET":
        form.submission_token.data = secrets.token_urlsafe(24)
    return form


def _render(form: CreateMeetingForm, status: int = 200, warning: str | None = None):
    form.s3_access_key_secret.data = ""  # secrets are never sent back to the browser
    if form.submission_token.errors:
        form.submission_token.data = secrets.token_urlsafe(24)  # a usable one this time
    return render_template(
        "meetings/new.html",
        form=form,
        warning=warning,
        options_open=any(name not in BASIC_FIELDS for name in form.errors),
        browser_zone=request.method == "GET" and not is_zone(current_user.time_zone),
    ), status


@bp.route("/meetings/new", methods=["GET", "POST"])
@organiser_required
def new_meeting():
    """The create form; on a valid POST, create the meeting once and show it."""
    form = _new_form()
    if request.method == "GET":
        return _render(form)
    if not form.validate():
        return _render(form, 422)

    claim = _claim(form.submission_token.data)
    if isinstance(claim, str):
        return redirect(url_for("schedule.detail", meeting_id=claim), code=303)
    if claim is None:
        form.submission_token.data = secrets.token_urlsafe(24)
        return _render(form, 409, warning=ALREADY_SENT)

    payload = form.to_payload()
    outcome = _create_upstream(form, payload, claim)
    if not isinstance(outcome, Meeting):
        return outcome
    meeting = outcome

    try:
        record = _save(form, meeting, payload, claim)
    except Exception:
        current_app.logger.exception("Saving meeting %s failed; deleting it", meeting.meeting_id)
        _undo_upstream(meeting)  # first: the database may be the thing that is down
        _quietly(db.session.rollback)
        _quietly(lambda: _release(claim))
        return _render(form, 500, warning=NOT_SAVED)
    flash("Your meeting is ready. Share the guest link or the meeting page.", "success")
    return redirect(url_for("schedule.detail", meeting_id=record.meeting_id), code=303)


def _claim(token: str) -> SubmissionToken | str | None:
    """Record the form's one-time token before calling the API.

    Returns the new claim, the meeting id when this form already created one, or None
    when it was sent before without a known result.
    """
    db.session.execute(
        delete(SubmissionToken).where(SubmissionToken.created_at < now() - TOKEN_LIFETIME)
    )
    deadline = time.monotonic() + _in_flight_wait()
    while True:
        claim = SubmissionToken(token=token, organiser_id=current_user.id, created_at=now())
        db.session.add(claim)
        try:
            db.session.commit()
            return claim
        except IntegrityError:
            db.session.rollback()
        existing = db.session.get(SubmissionToken, token, populate_existing=True)
        if existing is None:
            if time.monotonic() > deadline:
                return None
            continue  # released just now: nothing was created, claim it afresh
        if existing.organiser_id != current_user.id:
            return None
        if existing.meeting_id:
            return existing.meeting_id
        if existing.used_at is not None or time.monotonic() > deadline:
            return None  # sent before, result unknown
        # A double click: the first request is still talking to the API. Wait for it.
        db.session.expunge(existing)
        time.sleep(0.25)


def _in_flight_wait() -> float:
    """As long as a create can take: the create, then perhaps the search after a lost answer."""
    config = current_app.config
    one_call = float(config["WHEREBY_CONNECT_TIMEOUT"]) + float(config["WHEREBY_READ_TIMEOUT"])
    return 2 * one_call + 1


def _quietly(action) -> None:
    """Best-effort clean-up after a failure; its own failure is logged, not raised."""
    try:
        action()
    except Exception:
        current_app.logger.exception("Clean-up after a failed create also failed")


def _create_upstream(
    form: CreateMeetingForm, payload: dict, claim: SubmissionToken
) -> Meeting | ResponseReturnValue:
    """The API's new meeting, or the form page explaining why there is none."""
    sent_at = now()
    try:
        return get_client().create_meeting(payload)
    except BadRequest as error:
        _release(claim)
        form.apply_api_error(error.field, error.api_message or error.message)
        return _render(form, 422)
    except WherebyError as error:
        if not error.outcome_unknown:
            _release(claim)
            return _render(form, 429 if isinstance(error, RateLimited) else 503, error.message)
        found = _find_unrecorded(payload, sent_at)
        if found is not None:
            return found  # the answer was lost, but the meeting was made: keep it
        # Keep the claim, marked: resending this same form must not make a second meeting.
        claim.used_at = now()
        db.session.commit()
        form.submission_token.data = secrets.token_urlsafe(24)
        return _render(form, 503, warning=error.message)


def _find_unrecorded(payload: dict, sent_at: datetime) -> Meeting | None:
    """After a lost answer, the meeting this request made, if the newest page shows it.

    It must end when ours ends, have been created between our sending and now (give or
    take clock skew), carry our prefix and name style, and not be recorded yet; anything
    but exactly one match is no match.
    """
    try:
        page = get_client().list_meetings(limit=RECONCILE_PAGE)
    except WherebyError:
        return None
    end = datetime.fromisoformat(payload["endDate"]).astimezone(UTC).replace(microsecond=0)
    prefix = f"/{payload['roomNamePrefix']}-" if payload.get("roomNamePrefix") else "/"
    wants_uuid = payload.get("roomNamePattern", "uuid") == "uuid"
    earliest, latest = sent_at - CLOCK_SKEW, now() + CLOCK_SKEW
    candidates = [
        meeting
        for meeting in page.results
        if meeting.end_date == end
        and (meeting.room_name or "").startswith(prefix)
        and bool(UUID_TAIL.search(meeting.room_name or "")) == wants_uuid
        and meeting.start_date is not None
        and earliest <= meeting.start_date <= latest
    ]
    known = records_for([meeting.meeting_id for meeting in candidates])
    unrecorded = [meeting for meeting in candidates if meeting.meeting_id not in known]
    return unrecorded[0] if len(unrecorded) == 1 else None


def _release(claim: SubmissionToken) -> None:
    """Nothing was created: let the same form be sent again."""
    db.session.delete(claim)
    db.session.commit()


def _save(
    form: CreateMeetingForm, meeting: Meeting, payload: dict, claim: SubmissionToken
) -> MeetingRecord:
    created: datetime = now()
    record = MeetingRecord(
        meeting_id=meeting.meeting_id,
        owner_id=current_user.id,
        title=form.title.data.strip(),
        scheduled_start=form.start_utc,
        time_zone=form.time_zone.data,
        room_name=meeting.room_name,
        room_url=meeting.room_url,
        start_date=meeting.start_date,
        end_date=meeting.end_date,
        options=stored_options(payload),
        created_at=created,
    )
    db.session.add(record)
    claim.meeting_id = meeting.meeting_id
    claim.used_at = created
    db.session.commit()
    return record


def _undo_upstream(meeting: Meeting) -> None:
    """Delete a meeting the API made but we could not record, so no room is orphaned."""
    try:
        get_client().delete_meeting(meeting.meeting_id)
    except WherebyError:
        current_app.logger.error(
            "Could not delete unrecorded meeting %s; delete it by hand", meeting.meeting_id
        )


@bp.get("/meetings/new/preview")
@organiser_required
def preview():
    """The live preview under the form: the times in words and the room name's look."""
    form = CreateMeetingForm(formdata=request.args, meta={"csrf": False}, now=now())
    form.validate()
    return render_template("meetings/_preview.html", form=form)
