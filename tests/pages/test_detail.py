"""The organiser's detail page and calendar file."""

from __future__ import annotations

from tests.pages.conftest import api_create, api_meeting, create_meeting


def test_detail_shows_every_link_and_is_never_cached(organiser_client, api):
    meeting_id = create_meeting(organiser_client, title="Board meeting")
    response = organiser_client.get(f"/meetings/{meeting_id}")
    text = response.get_data(as_text=True)
    full = api_meeting(api, meeting_id, "hostRoomUrl").json()
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "Board meeting" in text
    assert full["roomUrl"] in text
    assert full["hostRoomUrl"].replace("&", "&amp;") in text or full["hostRoomUrl"] in text
    assert "Gives control of the meeting" in text
    assert "/s/" in text  # the share page link
    assert "Viewer link" not in text  # only presentation-mode meetings have one
    assert "Add to calendar" in text


def test_detail_fetches_links_with_one_upstream_call(organiser_client, api):
    meeting_id = create_meeting(organiser_client)
    api.calls.clear()
    api.queries.clear()
    organiser_client.get(f"/meetings/{meeting_id}")
    assert api.calls == [("GET", f"/v1/meetings/{meeting_id}")]
    assert api.queries == ["fields=hostRoomUrl"]


def test_host_links_are_not_even_fetched_for_other_organisers(
    organiser_client, other_client, admin_client, api
):
    meeting_id = create_meeting(organiser_client, viewer_mode="y")
    api.queries.clear()
    other_client.get(f"/meetings/{meeting_id}")
    admin_client.get(f"/meetings/{meeting_id}")
    assert api.queries == ["", "fields=hostRoomUrl%2CviewerRoomUrl"]


def test_presentation_mode_meeting_shows_the_viewer_link(organiser_client, api):
    meeting_id = create_meeting(organiser_client, viewer_mode="y")
    text = organiser_client.get(f"/meetings/{meeting_id}").get_data(as_text=True)
    viewer = api_meeting(api, meeting_id, "viewerRoomUrl").json()["viewerRoomUrl"]
    assert "Viewer link" in text and viewer in text
    assert "Presentation mode" in text


def test_detail_summarises_the_room_options(organiser_client):
    meeting_id = create_meeting(
        organiser_client, room_mode="group", is_locked="y", recording_type="cloud",
        recording_trigger="prompt", transcription_trigger="manual", transcription_language="fr",
    )  # fmt: skip
    text = organiser_client.get(f"/meetings/{meeting_id}").get_data(as_text=True)
    assert "Large: more than 4 people" in text
    assert "Locked: hosts let people in" in text
    assert "Record in the cloud" in text
    assert "French" in text


def test_other_organisers_see_the_meeting_but_not_its_host_link(organiser_client, other_client):
    meeting_id = create_meeting(organiser_client, viewer_mode="y")
    text = other_client.get(f"/meetings/{meeting_id}").get_data(as_text=True)
    assert "Olivia Owner" in text
    assert "Guest link" in text
    assert "roomKey" not in text and "Host link" not in text and "Viewer link" not in text
    assert "shown only to the organiser who scheduled" in text
    assert "Delete this meeting" not in text
    assert other_client.get(f"/meetings/{meeting_id}/delete").status_code == 403


def test_meeting_created_elsewhere_shows_what_the_api_has(organiser_client, admin_client, api):
    made = api_create(api, templateType="viewerMode")
    text = organiser_client.get(f"/meetings/{made['meetingId']}").get_data(as_text=True)
    assert "Created elsewhere" in text
    assert made["roomUrl"] in text
    assert "roomKey" not in text  # host links of meetings made elsewhere: admins only
    text = admin_client.get(f"/meetings/{made['meetingId']}").get_data(as_text=True)
    assert "Host link" in text and "roomKey" in text


def test_admins_see_the_host_link_of_every_meeting(organiser_client, admin_client):
    meeting_id = create_meeting(organiser_client)
    text = admin_client.get(f"/meetings/{meeting_id}").get_data(as_text=True)
    assert "Host link" in text and "roomKey" in text


def test_unknown_meeting_is_a_friendly_404(organiser_client):
    response = organiser_client.get("/meetings/999999")
    assert response.status_code == 404
    assert "no longer exists" in response.get_data(as_text=True)


def test_anonymous_visitors_are_sent_to_sign_in(client, organiser_client):
    meeting_id = create_meeting(organiser_client)
    for path in (f"/meetings/{meeting_id}", f"/meetings/{meeting_id}/calendar.ics"):
        response = client.get(path)
        assert response.status_code == 302
        assert "roomKey" not in response.get_data(as_text=True)


def test_organiser_calendar_file_has_the_guest_link_only(organiser_client, api):
    meeting_id = create_meeting(organiser_client, title="Planning, Q3; draft")
    response = organiser_client.get(f"/meetings/{meeting_id}/calendar.ics")
    body = response.get_data(as_text=True)
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "SUMMARY:Planning\\, Q3\\; draft\r\n" in body
    assert "roomKey" not in body
    assert f"URL:{api_meeting(api, meeting_id).json()['roomUrl']}" in body
