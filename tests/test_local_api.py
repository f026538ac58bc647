"""Contract of the embedded service: authentication and creating meetings."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import requests

from tests.local_api_helpers import create, get, iso, parse_utc, payload

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic abc"}, {"Authorization": ""}],
)
def test_every_operation_needs_the_bearer_key(fresh_local_api, headers):
    api = fresh_local_api
    calls = [
        ("get", f"{api.url}/meetings", None),
        ("post", f"{api.url}/meetings", payload(api)),
        ("get", f"{api.url}/meetings/1", None),
        ("delete", f"{api.url}/meetings/1", None),
    ]
    for method, url, body in calls:
        response = requests.request(method, url, json=body, headers=headers, timeout=10)
        assert response.status_code == 401
        assert response.json()["error"]
    assert get(api, "/meetings").json()["results"] == []


def test_create_returns_a_meeting(fresh_local_api):
    api = fresh_local_api
    response = create(api)
    assert response.status_code == 201
    meeting = response.json()
    assert set(meeting) == {"meetingId", "roomName", "roomUrl", "startDate", "endDate"}
    assert re.fullmatch(rf"/{UUID}", meeting["roomName"])
    assert meeting["roomUrl"] == f"{api.base_url}{meeting['roomName']}"
    assert parse_utc(meeting["startDate"]) == api.clock.now().replace(microsecond=0)


def test_end_date_in_any_offset_is_returned_in_utc(fresh_local_api):
    response = create(fresh_local_api, endDate="2099-05-07T17:42:49-05:00")
    assert response.json()["endDate"] == "2099-05-07T22:42:49Z"


def test_end_date_without_offset_is_taken_as_utc(fresh_local_api):
    response = create(fresh_local_api, endDate="2099-05-07T17:42:49")
    assert response.json()["endDate"] == "2099-05-07T17:42:49Z"


def test_start_date_is_ignored(fresh_local_api):
    api = fresh_local_api
    response = create(api, startDate="2099-01-01T00:00:00Z")
    assert response.status_code == 201
    assert parse_utc(response.json()["startDate"]) == api.clock.now().replace(microsecond=0)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"endDate": ...}, "endDate"),
        ({"endDate": None}, "endDate"),
        ({"endDate": "tomorrow"}, "endDate"),
        ({"endDate": 1234567890}, "endDate"),
        ({"startDate": "soon"}, "startDate"),
        ({"roomNamePrefix": "no-dashes"}, "roomNamePrefix"),
        ({"roomNamePrefix": "x" * 40}, "roomNamePrefix"),
        ({"roomNamePrefix": 12}, "roomNamePrefix"),
        ({"roomNamePattern": "long"}, "roomNamePattern"),
        ({"roomMode": "huge"}, "roomMode"),
        ({"isLocked": "true"}, "isLocked"),
        ({"isLocked": 1}, "isLocked"),
        ({"templateType": "classroom"}, "templateType"),
        ({"fields": ["roomUrl"]}, "fields"),
        ({"fields": "hostRoomUrl"}, "fields"),
        ({"recording": "cloud"}, "recording"),
        ({"recording": {"type": "cloud", "destination": None}}, "recording.startTrigger"),
        (
            {"recording": {"type": "tape", "destination": None, "startTrigger": "none"}},
            "recording.type",
        ),
        (
            {
                "recording": {
                    "type": "cloud",
                    "destination": {"provider": "s3", "bucket": "b", "accessKeyId": "id"},
                    "startTrigger": "prompt",
                }
            },
            "recording.destination.accessKeySecret",
        ),
        (
            {
                "recording": {
                    "type": "cloud",
                    "destination": {"provider": "ftp"},
                    "startTrigger": "prompt",
                }
            },
            "recording.destination.provider",
        ),
        ({"liveTranscription": {}}, "liveTranscription.startTrigger"),
        (
            {"liveTranscription": {"startTrigger": "manual", "language": "xx"}},
            "liveTranscription.language",
        ),
        ({"streaming": {"startTrigger": "none"}}, "streaming.destination"),
        (
            {"streaming": {"destination": {}, "startTrigger": "none"}},
            "streaming.destination.url",
        ),
        (
            {"streaming": {"destination": {"url": "rtmp://x"}, "startTrigger": "later"}},
            "streaming.startTrigger",
        ),
    ],
)
def test_invalid_input_is_refused_with_a_message_naming_the_field(
    fresh_local_api, overrides, field
):
    response = create(fresh_local_api, **overrides)
    assert response.status_code == 400
    assert field in response.json()["error"]
    assert get(fresh_local_api, "/meetings").json()["results"] == []


def test_end_date_in_the_past_is_refused(fresh_local_api):
    api = fresh_local_api
    response = create(api, endDate=iso(api.clock.now() - timedelta(minutes=1)))
    assert response.status_code == 400
    assert "endDate" in response.json()["error"]


def test_end_date_now_is_accepted(fresh_local_api):
    api = fresh_local_api
    assert create(api, endDate=iso(api.clock.now())).status_code == 201


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'"text"', b"", b"[" * 100_000])
def test_malformed_or_non_object_body_is_a_400(fresh_local_api, body):
    api = fresh_local_api
    response = requests.post(
        f"{api.url}/meetings",
        data=body,
        headers={**api.headers, "Content-Type": "application/json"},
        timeout=10,
    )
    assert response.status_code == 400
    assert response.json()["error"]


def test_unknown_properties_are_ignored(fresh_local_api):
    assert create(fresh_local_api, colour="blue", roomSize=3).status_code == 201


def test_prefix_is_lower_cased_and_spaces_removed(fresh_local_api):
    room_name = create(fresh_local_api, roomNamePrefix="Team Blue 7").json()["roomName"]
    assert re.fullmatch(rf"/teamblue7-{UUID}", room_name)


def test_human_short_names_are_six_distinguishable_characters(fresh_local_api):
    names = {
        create(fresh_local_api, roomNamePattern="human-short").json()["roomName"] for _ in range(20)
    }
    assert len(names) == 20
    for name in names:
        assert re.fullmatch(r"/[a-z0-9]{6}", name)
        assert not set(name[1:]) & set("0o1li")


def test_human_short_with_a_prefix(fresh_local_api):
    name = create(fresh_local_api, roomNamePattern="human-short", roomNamePrefix="hr").json()
    assert re.fullmatch(r"/hr-[a-z0-9]{6}", name["roomName"])


def test_fields_add_distinct_host_and_viewer_urls(fresh_local_api):
    meeting = create(fresh_local_api, fields=["hostRoomUrl", "viewerRoomUrl"]).json()
    host, viewer = meeting["hostRoomUrl"], meeting["viewerRoomUrl"]
    assert host.startswith(meeting["roomUrl"] + "?roomKey=")
    assert viewer.startswith(meeting["roomUrl"] + "?roomKey=")
    assert host != viewer


def test_only_the_requested_field_is_added(fresh_local_api):
    meeting = create(fresh_local_api, fields=["viewerRoomUrl"]).json()
    assert "viewerRoomUrl" in meeting
    assert "hostRoomUrl" not in meeting


def test_viewer_mode_is_locked_group_with_both_urls(fresh_local_api):
    api = fresh_local_api
    meeting = create(api, templateType="viewerMode", roomMode="normal", isLocked=False).json()
    assert {"hostRoomUrl", "viewerRoomUrl"} <= set(meeting)
    stored = api.app.store.get(int(meeting["meetingId"]), api.clock.now())
    assert stored.is_locked and stored.room_mode == "group"


def test_viewer_mode_links_are_read_only_when_asked_for(fresh_local_api):
    api = fresh_local_api
    meeting_id = create(api, templateType="viewerMode").json()["meetingId"]
    assert "hostRoomUrl" not in get(api, f"/meetings/{meeting_id}").json()
    assert all("roomKey" not in str(m) for m in get(api, "/meetings").json()["results"])
    asked = get(api, f"/meetings/{meeting_id}", fields="hostRoomUrl,viewerRoomUrl").json()
    assert "roomKey=" in asked["hostRoomUrl"] and "roomKey=" in asked["viewerRoomUrl"]


def test_room_options_are_stored_and_s3_secrets_never_returned(fresh_local_api, caplog):
    api = fresh_local_api
    options = {
        "isLocked": True,
        "roomMode": "group",
        "recording": {
            "type": "cloud",
            "destination": {
                "provider": "s3",
                "bucket": "my-bucket/recordings",
                "accessKeyId": "AKIDEXAMPLE",
                "accessKeySecret": "s3-secret-value",
                "fileFormat": "mp4",
            },
            "startTrigger": "automatic-2nd-participant",
        },
        "liveTranscription": {"startTrigger": "manual", "language": "en,"},
        "streaming": {"destination": {"url": "rtmp://example.test/live"}, "startTrigger": "prompt"},
    }
    response = create(api, **options)
    assert response.status_code == 201
    assert "s3-secret-value" not in response.text and "AKIDEXAMPLE" not in response.text
    meeting_id = response.json()["meetingId"]
    assert "s3-secret-value" not in get(api, f"/meetings/{meeting_id}").text
    stored = api.app.store.get(int(meeting_id), api.clock.now())
    assert stored.is_locked and stored.room_mode == "group"
    assert stored.options["recording"]["destination"]["accessKeySecret"] == "s3-secret-value"
    assert stored.options["liveTranscription"]["language"] == "en"
    assert stored.options["streaming"]["startTrigger"] == "prompt"
    assert "s3-secret-value" not in repr(stored) and "s3-secret-value" not in caplog.text


def test_whereby_provider_needs_no_bucket(fresh_local_api):
    recording = {"type": "local", "destination": {"provider": "whereby"}, "startTrigger": None}
    assert create(fresh_local_api, recording=recording).status_code == 201


def test_meeting_ids_are_unique(fresh_local_api):
    ids = {create(fresh_local_api).json()["meetingId"] for _ in range(5)}
    assert len(ids) == 5


@pytest.mark.parametrize("end", ["2030-05-07", "2030-W19-2T10:00:00Z", "20300507T174249Z", "soon"])
def test_end_date_must_be_a_full_date_and_time(fresh_local_api, end):
    response = create(fresh_local_api, endDate=end)
    assert response.status_code == 400
    assert "endDate" in response.json()["error"]


def test_meeting_ids_are_canonical(fresh_local_api):
    meeting_id = create(fresh_local_api).json()["meetingId"]
    assert get(fresh_local_api, f"/meetings/{meeting_id}").status_code == 200
    assert get(fresh_local_api, f"/meetings/0{meeting_id}").status_code == 404
