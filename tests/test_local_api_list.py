"""Contract of the embedded service: listing, cursors, reading, deleting and expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest
import requests

from tests.local_api_helpers import create, delete, get, iso


def make(api, count: int) -> list[str]:
    """Create `count` meetings one second apart; their ids, oldest first."""
    ids = []
    for _ in range(count):
        ids.append(create(api).json()["meetingId"])
        api.clock.advance(timedelta(seconds=1))
    return ids


def test_list_is_newest_first_with_a_null_cursor_at_the_end(fresh_local_api):
    ids = make(fresh_local_api, 3)
    body = get(fresh_local_api, "/meetings").json()
    assert [m["meetingId"] for m in body["results"]] == ids[::-1]
    assert body["cursor"] is None


def test_same_second_creations_are_ordered_deterministically(fresh_local_api):
    ids = [create(fresh_local_api).json()["meetingId"] for _ in range(4)]
    body = get(fresh_local_api, "/meetings").json()
    assert [m["meetingId"] for m in body["results"]] == ids[::-1]


def test_cursors_walk_every_meeting_once(fresh_local_api):
    ids = make(fresh_local_api, 7)
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = get(fresh_local_api, "/meetings", **params).json()
        assert len(body["results"]) <= 3
        seen += [m["meetingId"] for m in body["results"]]
        pages += 1
        cursor = body["cursor"]
        if cursor is None:
            break
    assert seen == ids[::-1]
    assert pages == 3


def test_default_limit_is_50(fresh_local_api):
    api = fresh_local_api
    api.app.store.bulk_insert(
        (api.clock.now(), api.clock.now() + timedelta(hours=1)) for _ in range(60)
    )
    body = get(api, "/meetings").json()
    assert len(body["results"]) == 50
    assert isinstance(body["cursor"], str)
    assert len(get(api, "/meetings", cursor=body["cursor"]).json()["results"]) == 10


@pytest.mark.parametrize("limit", ["0", "101", "-1", "abc", "1.5", ""])
def test_limit_outside_1_to_100_is_a_400(fresh_local_api, limit):
    response = get(fresh_local_api, "/meetings", limit=limit)
    assert response.status_code == 400
    assert "limit" in response.json()["error"]


@pytest.mark.parametrize("limit", ["1", "100"])
def test_limit_bounds_are_accepted(fresh_local_api, limit):
    assert get(fresh_local_api, "/meetings", limit=limit).status_code == 200


def test_tampered_or_garbled_cursor_is_a_400(fresh_local_api):
    make(fresh_local_api, 3)
    cursor = get(fresh_local_api, "/meetings", limit=1).json()["cursor"]
    flipped = cursor[:-1] + ("0" if cursor[-1] != "0" else "1")
    forged_position = ("0" * 32) + cursor[32:]
    for bad in [flipped, forged_position, "garbage", cursor[:-2], "zz" * 32, cursor + "00"]:
        response = get(fresh_local_api, "/meetings", cursor=bad)
        assert response.status_code == 400, bad
        assert "cursor" in response.json()["error"]


def test_cursor_from_another_store_is_refused(fresh_local_api, local_api_factory):
    other = local_api_factory()
    make(other, 2)
    cursor = get(other, "/meetings", limit=1).json()["cursor"]
    assert get(fresh_local_api, "/meetings", cursor=cursor).status_code == 400


def test_list_fields_add_urls_and_unknown_fields_are_refused(fresh_local_api):
    make(fresh_local_api, 1)
    both = get(fresh_local_api, "/meetings", fields="hostRoomUrl,viewerRoomUrl").json()
    assert {"hostRoomUrl", "viewerRoomUrl"} <= set(both["results"][0])
    plain = get(fresh_local_api, "/meetings").json()["results"][0]
    assert "hostRoomUrl" not in plain and "viewerRoomUrl" not in plain
    assert get(fresh_local_api, "/meetings", fields="hostRoomUrl,roomKey").status_code == 400


def test_get_one_meeting_with_and_without_fields(fresh_local_api):
    created = create(fresh_local_api, fields=["hostRoomUrl"]).json()
    meeting_id = created["meetingId"]
    plain = get(fresh_local_api, f"/meetings/{meeting_id}")
    assert plain.status_code == 200
    assert "hostRoomUrl" not in plain.json()
    assert plain.json()["roomUrl"] == created["roomUrl"]
    full = get(fresh_local_api, f"/meetings/{meeting_id}", fields="hostRoomUrl").json()
    assert full["hostRoomUrl"] == created["hostRoomUrl"]
    assert get(fresh_local_api, f"/meetings/{meeting_id}", fields="nope").status_code == 400


@pytest.mark.parametrize("meeting_id", ["999999", "abc", "-1", "9" * 40])
def test_unknown_meeting_is_a_404(fresh_local_api, meeting_id):
    response = get(fresh_local_api, f"/meetings/{meeting_id}")
    assert response.status_code == 404
    assert response.json()["error"]


def test_delete_is_idempotent(fresh_local_api):
    meeting_id = create(fresh_local_api).json()["meetingId"]
    assert delete(fresh_local_api, meeting_id).status_code == 204
    assert get(fresh_local_api, f"/meetings/{meeting_id}").status_code == 404
    assert delete(fresh_local_api, meeting_id).status_code == 204
    assert delete(fresh_local_api, "never-existed").status_code == 204
    assert get(fresh_local_api, "/meetings").json()["results"] == []


def test_meeting_disappears_one_hour_after_its_end(fresh_local_api):
    api = fresh_local_api
    end = api.clock.now() + timedelta(minutes=30)
    meeting = create(api, endDate=iso(end)).json()
    api.clock.set(end.replace(microsecond=0) + timedelta(minutes=59, seconds=59))
    assert get(api, f"/meetings/{meeting['meetingId']}").status_code == 200
    api.clock.advance(timedelta(seconds=1))
    assert get(api, f"/meetings/{meeting['meetingId']}").status_code == 404
    assert get(api, "/meetings").json()["results"] == []
    room = requests.get(meeting["roomUrl"], timeout=10)
    assert room.status_code == 404
    assert "expired" in room.text


def test_unknown_api_path_and_wrong_method_answer_json(fresh_local_api):
    api = fresh_local_api
    missing = requests.get(f"{api.url}/rooms", headers=api.headers, timeout=10)
    assert missing.status_code == 404 and missing.json()["error"]
    wrong = requests.put(f"{api.url}/meetings/1", headers=api.headers, timeout=10)
    assert wrong.status_code == 405 and wrong.json()["error"]
