"""The room pages behind room URLs: role by link, escaping, expiry, secret-free logs."""

from __future__ import annotations

import logging

import requests

from meetings.local_api.server import redact
from tests.local_api_helpers import create, delete


def open_room(url: str) -> requests.Response:
    response = requests.get(url, timeout=10)
    assert response.headers["Content-Type"].startswith("text/html")
    return response


def test_each_link_gives_its_role(fresh_local_api):
    meeting = create(fresh_local_api, fields=["hostRoomUrl", "viewerRoomUrl"]).json()
    for url, role in [
        (meeting["roomUrl"], "participant"),
        (meeting["hostRoomUrl"], "host"),
        (meeting["viewerRoomUrl"], "viewer"),
    ]:
        page = open_room(url)
        assert page.status_code == 200
        assert f"Your role: <strong>{role}</strong>" in page.text
        assert meeting["roomName"] in page.text
        assert "Development stand-in" in page.text
        assert page.headers["Cache-Control"] == "no-store"
        assert page.headers["Referrer-Policy"] == "no-referrer"


def test_the_page_never_shows_a_room_key(fresh_local_api):
    meeting = create(fresh_local_api, fields=["hostRoomUrl"]).json()
    key = meeting["hostRoomUrl"].split("roomKey=")[1]
    assert key not in open_room(meeting["hostRoomUrl"]).text


def test_an_invalid_room_key_only_gives_participant(fresh_local_api):
    meeting = create(fresh_local_api).json()
    page = open_room(meeting["roomUrl"] + "?roomKey=guess")
    assert "Your role: <strong>participant</strong>" in page.text
    assert "not valid" in page.text


def test_deleted_and_unknown_rooms_are_404_pages(fresh_local_api):
    meeting = create(fresh_local_api).json()
    delete(fresh_local_api, meeting["meetingId"])
    for url in [meeting["roomUrl"], f"{fresh_local_api.base_url}/<script>alert(1)</script>"]:
        page = open_room(url)
        assert page.status_code == 404
        assert "Room not found" in page.text
        assert "<script>" not in page.text


def test_request_logs_hide_room_keys(fresh_local_api, caplog):
    meeting = create(fresh_local_api, fields=["hostRoomUrl"]).json()
    key = meeting["hostRoomUrl"].split("roomKey=")[1]
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        open_room(meeting["hostRoomUrl"])
    assert "roomKey=[redacted]" in caplog.text
    assert key not in caplog.text
    assert fresh_local_api.api_key not in caplog.text


def test_redact_keeps_other_parameters():
    assert redact("/room?roomKey=s3cret&lang=en") == "/room?roomKey=[redacted]&lang=en"
    assert redact("/v1/meetings") == "/v1/meetings"
