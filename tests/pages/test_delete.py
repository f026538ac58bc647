"""Deleting a meeting: from the list with htmx, or through a confirmation page."""

from __future__ import annotations

from sqlalchemy import func, select

from meetings.extensions import db
from meetings.models import MeetingRecord
from tests.pages.conftest import HX, api_create, api_meeting, create_meeting


def records(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(MeetingRecord))


def test_htmx_delete_removes_the_row(app, organiser_client, api):
    meeting_id = create_meeting(organiser_client)
    response = organiser_client.delete(f"/meetings/{meeting_id}", headers=HX)
    assert response.status_code == 200
    assert response.get_data() == b""
    assert api_meeting(api, meeting_id).status_code == 404
    assert records(app) == 0


def test_confirmation_page_then_post_without_javascript(app, organiser_client, api):
    meeting_id = create_meeting(organiser_client, title="Quarterly")
    page = organiser_client.get(f"/meetings/{meeting_id}/delete").get_data(as_text=True)
    assert "Delete “Quarterly”?" in page
    assert f'action="/meetings/{meeting_id}/delete"' in page
    response = organiser_client.post(f"/meetings/{meeting_id}/delete")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/meetings")
    assert "was deleted" in organiser_client.get("/meetings").get_data(as_text=True)
    assert api_meeting(api, meeting_id).status_code == 404
    assert records(app) == 0


def test_plain_delete_request_gets_303(organiser_client):
    meeting_id = create_meeting(organiser_client)
    response = organiser_client.delete(f"/meetings/{meeting_id}")
    assert response.status_code == 303


def test_deleting_twice_is_still_a_success(organiser_client):
    meeting_id = create_meeting(organiser_client)
    assert organiser_client.delete(f"/meetings/{meeting_id}", headers=HX).status_code == 200
    assert organiser_client.delete(f"/meetings/{meeting_id}", headers=HX).status_code == 200


def test_other_organiser_cannot_delete(app, organiser_client, other_client, api):
    meeting_id = create_meeting(organiser_client)
    assert other_client.post(f"/meetings/{meeting_id}/delete").status_code == 403
    assert other_client.delete(f"/meetings/{meeting_id}", headers=HX).status_code == 403
    assert api_meeting(api, meeting_id).status_code == 200
    assert records(app) == 1


def test_admin_can_delete_any_meeting_and_ones_made_elsewhere(organiser_client, admin_client, api):
    meeting_id = create_meeting(organiser_client)
    made = api_create(api)
    assert admin_client.post(f"/meetings/{meeting_id}/delete").status_code == 303
    assert admin_client.post(f"/meetings/{made['meetingId']}/delete").status_code == 303
    assert api_meeting(api, made["meetingId"]).status_code == 404


def test_anonymous_cannot_delete(client, organiser_client, api):
    meeting_id = create_meeting(organiser_client)
    assert client.post(f"/meetings/{meeting_id}/delete").status_code == 302
    response = client.delete(f"/meetings/{meeting_id}", headers=HX)
    assert response.status_code == 401 and "HX-Redirect" in response.headers
    assert api_meeting(api, meeting_id).status_code == 200


def test_delete_without_csrf_token_changes_nothing(app, organiser_client, api):
    meeting_id = create_meeting(organiser_client)
    app.config["WTF_CSRF_ENABLED"] = True
    assert organiser_client.delete(f"/meetings/{meeting_id}", headers=HX).status_code == 400
    assert organiser_client.post(f"/meetings/{meeting_id}/delete").status_code == 400
    assert api_meeting(api, meeting_id).status_code == 200
    assert records(app) == 1
