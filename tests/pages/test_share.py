"""The public share page and its calendar file."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from meetings.extensions import db
from meetings.models import MeetingRecord
from tests.pages.conftest import create_meeting


def share_path(app, meeting_id: str) -> str:
    with app.app_context():
        token = db.session.scalar(
            select(MeetingRecord.share_token).where(MeetingRecord.meeting_id == meeting_id)
        )
    return f"/s/{token}"


def test_share_page_makes_no_upstream_call(app, client, organiser_client, api):
    path = share_path(app, create_meeting(organiser_client, title="Open day"))
    api.calls.clear()
    response = client.get(path)
    client.get(f"{path}/calendar.ics")
    assert response.status_code == 200
    assert api.calls == []


def test_share_page_shows_when_and_join_but_never_host_links(app, client, organiser_client, api):
    meeting_id = create_meeting(organiser_client, title="Open day", viewer_mode="y")
    response = client.get(share_path(app, meeting_id))
    text = response.get_data(as_text=True)
    assert "Open day" in text
    assert "Join meeting" in text
    assert "Europe/Oslo" in text and "UTC" in text
    assert 'class="local-time"' in text
    assert "roomKey" not in text
    assert "Host link" not in text and "Viewer link" not in text
    assert response.headers["X-Robots-Tag"].startswith("noindex")
    assert '<meta name="robots" content="noindex' in text


def test_expired_meeting_says_so_instead_of_join(app, client, organiser_client, clock):
    meeting_id = create_meeting(organiser_client)
    path = share_path(app, meeting_id)
    with app.app_context():
        end = db.session.scalar(select(MeetingRecord.end_date))
    app.config["CLOCK"] = clock
    clock.now = end + timedelta(hours=1, seconds=1)
    text = client.get(path).get_data(as_text=True)
    assert "has ended" in text
    assert "Join meeting" not in text
    clock.now = end + timedelta(minutes=59)
    assert "Join meeting" in client.get(path).get_data(as_text=True)


def test_unknown_share_token_is_404(client):
    response = client.get("/s/not-a-real-token")
    assert response.status_code == 404


def test_share_calendar_file_follows_rfc_5545(app, client, organiser_client):
    path = share_path(app, create_meeting(organiser_client, title="Open day"))
    response = client.get(f"{path}/calendar.ics")
    body = response.get_data(as_text=True)
    assert response.mimetype == "text/calendar"
    lines = body.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL", "LOCATION", "DESCRIPTION"):
        assert any(line.startswith(name + ":") for line in lines), name
    assert any(re.fullmatch(r"DTSTART:\d{8}T\d{6}Z", line) for line in lines)
    assert any(re.fullmatch(r"DTEND:\d{8}T\d{6}Z", line) for line in lines)
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "roomKey" not in body


def test_share_page_gives_guests_no_session_cookie(app, client, organiser_client):
    path = share_path(app, create_meeting(organiser_client))
    response = client.get(path)
    assert "Set-Cookie" not in response.headers
    assert "csrf" not in response.get_data(as_text=True).lower()
