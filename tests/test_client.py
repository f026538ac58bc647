"""The Whereby client against a scripted server: requests it sends and results it returns."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

import pytest

from meetings import create_app
from meetings.whereby import Meeting, MeetingPage, NotFound, WherebyClient, get_client
from tests.fixtures.fake_upstream import (
    API_KEY,
    HOST_URL,
    MEETING,
    ROOM_KEY,
    VIEWER_URL,
    make_client,
)

PAYLOAD = {"endDate": "2030-05-01T11:00:00+02:00", "roomNamePrefix": "team", "isLocked": True}


def test_create_sends_payload_key_and_fields_and_returns_meeting(fake_upstream, caplog):
    caplog.set_level(logging.DEBUG)
    fake_upstream.reply(201, {**MEETING, "hostRoomUrl": HOST_URL, "viewerRoomUrl": VIEWER_URL})
    client, _ = make_client(fake_upstream.url)

    meeting = client.create_meeting(PAYLOAD, fields=["hostRoomUrl", "viewerRoomUrl"])

    [sent] = fake_upstream.requests
    assert (sent.method, sent.path) == ("POST", "/v1/meetings")
    assert sent.query == {}
    assert sent.headers["Authorization"] == f"Bearer {API_KEY}"
    # The reference puts `fields` of a create in the body, as an array.
    assert json.loads(sent.body) == {**PAYLOAD, "fields": ["hostRoomUrl", "viewerRoomUrl"]}
    assert meeting.meeting_id == "42"
    assert meeting.host_room_url == HOST_URL
    assert meeting.viewer_room_url == VIEWER_URL
    assert "POST /meetings -> 201" in caplog.text


def test_meeting_dates_are_aware_utc(fake_upstream):
    fake_upstream.reply(200, MEETING)
    client, _ = make_client(fake_upstream.url)

    meeting = client.get_meeting("42")

    assert meeting.end_date == datetime(2030, 5, 1, 9, 0, tzinfo=UTC)
    assert meeting.end_date.utcoffset().total_seconds() == 0
    assert meeting.start_date == datetime(2030, 5, 1, 10, 0, tzinfo=UTC)
    assert meeting.start_date.tzinfo is not None


def test_meeting_repr_hides_host_and_viewer_urls():
    meeting = Meeting.from_api({**MEETING, "hostRoomUrl": HOST_URL, "viewerRoomUrl": VIEWER_URL})

    for text in (repr(meeting), str(meeting)):
        assert ROOM_KEY not in text
        assert "roomKey" not in text
        assert "viewer" not in text.lower()
        assert "room-1" in text


def test_get_quotes_meeting_id_and_sends_fields(fake_upstream):
    fake_upstream.reply(200, MEETING)
    client, _ = make_client(fake_upstream.url)

    client.get_meeting("a/b c?d", fields="hostRoomUrl")

    [sent] = fake_upstream.requests
    assert sent.path == "/v1/meetings/a%2Fb%20c%3Fd"
    assert sent.query == {"fields": ["hostRoomUrl"]}


def test_list_passes_cursor_and_limit_and_reads_next_cursor(fake_upstream):
    fake_upstream.reply(200, {"results": [MEETING, {**MEETING, "meetingId": "43"}], "cursor": "c2"})
    fake_upstream.reply(200, {"results": [], "cursor": None})
    client, _ = make_client(fake_upstream.url)

    first = client.list_meetings(limit=2)
    last = client.list_meetings(cursor=first.cursor, limit=2)

    assert [m.meeting_id for m in first.results] == ["42", "43"]
    assert first.cursor == "c2"
    assert last == MeetingPage([], None)
    assert fake_upstream.requests[0].query == {"limit": ["2"]}
    assert fake_upstream.requests[1].query == {"limit": ["2"], "cursor": ["c2"]}


def test_list_rejects_limit_outside_api_range():
    client = WherebyClient("http://127.0.0.1:9/v1", API_KEY)
    for limit in (0, 101):
        with pytest.raises(ValueError):
            client.list_meetings(limit=limit)


def test_empty_cursor_means_last_page(fake_upstream):
    fake_upstream.reply(200, {"results": [], "cursor": ""})
    client, _ = make_client(fake_upstream.url)

    assert client.list_meetings().cursor is None


def test_delete_sends_delete_and_accepts_204(fake_upstream):
    fake_upstream.reply(204)
    client, _ = make_client(fake_upstream.url)

    assert client.delete_meeting("42") is None
    assert [(r.method, r.path) for r in fake_upstream.requests] == [("DELETE", "/v1/meetings/42")]


def test_ping_is_one_cheap_list_call(fake_upstream):
    fake_upstream.reply(200, {"results": [], "cursor": None})
    client, _ = make_client(fake_upstream.url)

    client.ping()

    [sent] = fake_upstream.requests
    assert (sent.method, sent.path, sent.query) == ("GET", "/v1/meetings", {"limit": ["1"]})


def test_connections_are_pooled(fake_upstream):
    for _ in range(3):
        fake_upstream.reply(200, MEETING)
    client, _ = make_client(fake_upstream.url)

    for _ in range(3):
        client.get_meeting("42")

    assert len(fake_upstream.requests) == 3
    assert fake_upstream.connections == 1


def test_client_repr_shows_base_url_only():
    client = WherebyClient("https://user:pw@api.example/v1/", API_KEY)

    assert repr(client) == "WherebyClient(base_url='https://api.example/v1')"
    assert API_KEY not in repr(client) and API_KEY not in str(vars(client))


def test_init_app_stores_one_client_configured_from_settings():
    app = create_app(
        {
            "MEETINGS_ENV": "test",
            "WHEREBY_API_URL": "http://127.0.0.1:9/v1",
            "WHEREBY_API_KEY": API_KEY,
            "WHEREBY_CONNECT_TIMEOUT": 1.5,
            "WHEREBY_READ_TIMEOUT": 4,
        }
    )
    with app.app_context():
        client = get_client()
        assert client is app.extensions["whereby"]
        assert client.base_url == "http://127.0.0.1:9/v1"
        assert client._timeout == (1.5, 4.0)


@pytest.mark.parametrize("meeting_id", [".", ".."])
def test_dot_ids_never_reach_another_path(fake_upstream, meeting_id):
    client, _ = make_client(fake_upstream.url)
    with pytest.raises(NotFound):
        client.get_meeting(meeting_id)
    client.delete_meeting(meeting_id)  # already "gone": deleting is idempotent
    assert fake_upstream.requests == []
