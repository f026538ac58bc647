"""The Whereby client against the live embedded meetings service over real HTTP."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta, timezone

import pytest

from meetings.whereby import BadRequest, NotFound, Unauthorized, WherebyClient


@pytest.fixture
def live(local_api):
    """A client for the live service, emptied first."""
    local_api.reset()
    with WherebyClient(local_api.url, local_api.api_key, read_retries=0) as client:
        yield client


@pytest.fixture(autouse=True)
def _debug_logs(caplog):
    caplog.set_level(logging.DEBUG)


def end_in(hours: float) -> str:
    """An endDate `hours` from now, written in a +02:00 offset to prove UTC normalisation."""
    moment = datetime.now(UTC) + timedelta(hours=hours)
    return moment.astimezone(timezone(timedelta(hours=2))).isoformat(timespec="seconds")


def test_create_with_fields_returns_aware_utc_dates_and_secret_urls(live, caplog):
    client = live
    end = end_in(2)

    meeting = client.create_meeting(
        {"endDate": end, "roomNamePrefix": "Team Sync"}, fields=["hostRoomUrl", "viewerRoomUrl"]
    )

    assert meeting.end_date == datetime.fromisoformat(end).astimezone(UTC)
    assert meeting.end_date.tzinfo == UTC
    assert meeting.start_date is not None and meeting.start_date.tzinfo == UTC
    assert abs(meeting.start_date - datetime.now(UTC)) < timedelta(minutes=1)
    assert meeting.room_name and meeting.room_name.lstrip("/").startswith("teamsync")
    assert "roomKey=" in (meeting.host_room_url or "")
    assert "roomKey=" in (meeting.viewer_room_url or "")
    assert meeting.host_room_url != meeting.viewer_room_url
    assert "roomKey" not in meeting.room_url
    for url in (meeting.host_room_url, meeting.viewer_room_url):
        room_key = url.split("roomKey=", 1)[1]
        assert room_key not in repr(meeting)
        assert room_key not in caplog.text


def test_create_without_fields_has_no_secret_urls(live):
    client = live

    meeting = client.create_meeting({"endDate": end_in(1)})

    assert meeting.host_room_url is None and meeting.viewer_room_url is None


def test_viewer_mode_returns_host_and_viewer_urls(live):
    client = live

    meeting = client.create_meeting({"endDate": end_in(1), "templateType": "viewerMode"})

    assert meeting.host_room_url and meeting.viewer_room_url


def test_list_walks_pages_with_cursor_newest_first(live):
    client = live
    created = [client.create_meeting({"endDate": end_in(1)}).meeting_id for _ in range(5)]

    pages, cursor = [], None
    while True:
        page = client.list_meetings(cursor=cursor, limit=2)
        pages.append([m.meeting_id for m in page.results])
        cursor = page.cursor
        if cursor is None:
            break

    assert [len(p) for p in pages] == [2, 2, 1]
    assert [mid for page in pages for mid in page] == list(reversed(created))


def test_list_with_fields_includes_host_urls(live):
    client = live
    client.create_meeting({"endDate": end_in(1)})

    page = client.list_meetings(fields=["hostRoomUrl"])

    [meeting] = page.results
    assert meeting.host_room_url and meeting.viewer_room_url is None


def test_get_with_fields_returns_the_same_secret_urls(live):
    client = live
    made = client.create_meeting({"endDate": end_in(1)}, fields=["hostRoomUrl", "viewerRoomUrl"])

    plain = client.get_meeting(made.meeting_id)
    full = client.get_meeting(made.meeting_id, fields=["hostRoomUrl", "viewerRoomUrl"])

    assert plain.host_room_url is None and plain.viewer_room_url is None
    assert (full.host_room_url, full.viewer_room_url) == (made.host_room_url, made.viewer_room_url)
    assert full.end_date == made.end_date and full.room_url == made.room_url


def test_delete_twice_succeeds_and_meeting_is_gone(live):
    client = live
    made = client.create_meeting({"endDate": end_in(1)})

    client.delete_meeting(made.meeting_id)
    client.delete_meeting(made.meeting_id)

    with pytest.raises(NotFound):
        client.get_meeting(made.meeting_id)
    assert client.list_meetings().results == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"endDate": "2030-01-01T00:00:00Z", "roomNamePrefix": "no-dashes!"}, "roomNamePrefix"),
        ({"endDate": "2020-01-01T00:00:00Z"}, "endDate"),
        (
            {
                "endDate": "2030-01-01T00:00:00Z",
                "recording": {
                    "type": "cloud",
                    "startTrigger": "prompt",
                    "destination": {"provider": "s3", "accessKeyId": "a", "accessKeySecret": "b"},
                },
            },
            "recording.destination.bucket",
        ),
    ],
    ids=["room-name-prefix", "past-end-date", "s3-bucket"],
)
def test_invalid_create_is_bad_request_on_the_right_field(live, payload, field):
    client = live

    with pytest.raises(BadRequest) as caught:
        client.create_meeting(payload)

    assert caught.value.field == field
    assert caught.value.api_message and field in caught.value.api_message
    assert client.list_meetings().results == []


def test_wrong_key_is_unauthorized_and_never_shown(local_api, caplog):
    wrong_key = "wrong-key-4c1f9a7e2b"
    client = WherebyClient(local_api.url, wrong_key)
    with pytest.raises(Unauthorized) as caught:
        client.ping()
    client.close()

    assert caught.value.status == 401
    for text in (caught.value.message, repr(caught.value), caplog.text, repr(client)):
        assert wrong_key not in text
        assert local_api.api_key not in text


def test_ping_succeeds_with_the_right_key(live):
    client = live

    assert client.ping() is None
