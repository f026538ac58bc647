"""The profile page: display name, default time zone, password."""

from __future__ import annotations

from meetings.extensions import db
from meetings.models import Organiser
from tests.fixtures.accounts import AuthActions


def test_profile_shows_current_details(organiser_client):
    page = organiser_client.get("/profile").get_data(as_text=True)
    assert "owner@example.org" in page
    assert 'value="Olivia Owner"' in page
    # No zone chosen yet: the create form will start from the browser's zone.
    assert '<option value="">Use my browser&#39;s time zone</option>' in page
    assert "<option selected" not in page


def test_profile_saves_name_and_time_zone(app, organiser_client, organiser):
    data = {"display_name": "  Liv  ", "time_zone": "Europe/Oslo"}
    response = organiser_client.post("/profile", data=data)
    assert response.status_code == 303
    assert "Your details are saved." in organiser_client.get("/profile").get_data(as_text=True)
    with app.app_context():
        record = db.session.get(Organiser, organiser.id)
        assert (record.display_name, record.time_zone) == ("Liv", "Europe/Oslo")


def test_profile_refuses_unknown_time_zone(app, organiser_client, organiser):
    response = organiser_client.post(
        "/profile", data={"display_name": "x", "time_zone": "Mars/Olympus"}
    )
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Organiser, organiser.id).time_zone is None


def test_password_change_needs_current_password(organiser_client):
    data = {
        "current_password": "not my password",
        "new_password": "a brand new password",
        "confirm": "a brand new password",
    }
    page = organiser_client.post("/profile/password", data=data).get_data(as_text=True)
    assert "That is not your current password." in page
    assert "a brand new password" not in page


def test_password_change_keeps_this_session_and_ends_others(app, organiser_client, organiser):
    elsewhere = app.test_client()
    AuthActions(elsewhere).sign_in(organiser)
    data = {
        "current_password": organiser.password,
        "new_password": "a brand new password",
        "confirm": "a brand new password",
    }
    assert organiser_client.post("/profile/password", data=data).status_code == 303
    assert organiser_client.get("/profile").status_code == 200
    assert elsewhere.get("/profile").status_code == 302
    fresh = app.test_client()
    assert AuthActions(fresh).sign_in(organiser).status_code == 200  # old password refused
    assert AuthActions(fresh).sign_in(organiser, "a brand new password").status_code == 303


def test_new_password_must_be_long_enough(organiser_client, organiser):
    data = {"current_password": organiser.password, "new_password": "short", "confirm": "short"}
    page = organiser_client.post("/profile/password", data=data).get_data(as_text=True)
    assert "Use at least 10 characters for your password." in page


def test_profile_needs_sign_in(client):
    assert client.get("/profile").status_code == 302
    assert (
        client.post("/profile", data={"display_name": "x", "time_zone": "UTC"}).status_code == 302
    )
