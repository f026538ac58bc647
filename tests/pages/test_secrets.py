"""Host and viewer links (their roomKey) never reach anonymous visitors or the logs."""

from __future__ import annotations

import logging

import requests

from tests.pages.conftest import api_meeting, create_meeting
from tests.pages.test_share import share_path


def test_no_anonymous_page_ever_contains_a_room_key(app, client, organiser_client, api):
    meeting_id = create_meeting(organiser_client, viewer_mode="y")
    secret_links = api_meeting(api, meeting_id, "hostRoomUrl,viewerRoomUrl").json()
    share = share_path(app, meeting_id)
    paths = [share, f"{share}/calendar.ics"]
    # Every GET route the app has, with this meeting's id or token where one is asked for.
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        values = {arg: meeting_id for arg in rule.arguments}
        if "token" in rule.arguments:
            values["token"] = share.rsplit("/", 1)[1]
        paths.append(rule.build(values, append_unknown=False)[1])
    for path in paths:
        body = client.get(path).get_data(as_text=True)
        assert "roomKey" not in body, path
        assert secret_links["hostRoomUrl"] not in body, path
        assert secret_links["viewerRoomUrl"] not in body, path


def test_logs_never_contain_a_room_key(app, organiser_client, api, caplog):
    caplog.set_level(logging.DEBUG)
    meeting_id = create_meeting(organiser_client, viewer_mode="y")
    organiser_client.get(f"/meetings/{meeting_id}")
    organiser_client.get("/meetings")
    links = api_meeting(api, meeting_id, "hostRoomUrl,viewerRoomUrl").json()
    # Opening the host and viewer rooms puts their URLs into the access log.
    for link in (links["hostRoomUrl"], links["viewerRoomUrl"]):
        assert requests.get(link, timeout=10).status_code == 200
    organiser_client.delete(f"/meetings/{meeting_id}", headers={"HX-Request": "true"})
    assert "roomKey=[redacted]" in caplog.text  # the room URLs were logged, cleaned
    for link in (links["hostRoomUrl"], links["viewerRoomUrl"]):
        assert link.split("roomKey=")[1] not in caplog.text
    assert api.api_key not in caplog.text
