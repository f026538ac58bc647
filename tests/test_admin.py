"""The admin page: add organisers, switch them off and on, reset passwords."""

from __future__ import annotations

import pytest

from meetings.extensions import db
from meetings.models import Organiser
from tests.fixtures.accounts import AuthActions

NEW = {
    "email": "New.Person@Example.org",
    "display_name": "New Person",
    "password": "a first password",
}


def test_admin_page_lists_organisers(admin_client, organiser, other_organiser):
    page = admin_client.get("/admin/organisers").get_data(as_text=True)
    for email in ("owner@example.org", "other@example.org", "admin@example.org"):
        assert email in page
    assert "password_hash" not in page and "$argon2" not in page


@pytest.mark.all_databases
def test_admin_adds_an_organiser_who_can_sign_in(app, admin_client):
    response = admin_client.post("/admin/organisers", data=NEW)
    assert response.status_code == 303
    assert "new.person@example.org can now sign in." in admin_client.get(
        "/admin/organisers"
    ).get_data(as_text=True)
    newcomer = app.test_client()
    assert (
        AuthActions(newcomer).sign_in("new.person@example.org", NEW["password"]).status_code == 303
    )
    with app.app_context():
        assert not Organiser.by_email("new.person@example.org").is_admin


def test_adding_an_existing_email_is_refused(app, admin_client, organiser):
    page = admin_client.post(
        "/admin/organisers", data={**NEW, "email": "OWNER@example.org"}
    ).get_data(as_text=True)
    assert "There is already an organiser with this email address." in page
    with app.app_context():
        assert Organiser.count() == 2


def test_adding_with_a_short_password_is_refused(app, admin_client):
    page = admin_client.post("/admin/organisers", data={**NEW, "password": "short"}).get_data(
        as_text=True
    )
    assert "Use at least 10 characters" in page
    assert 'value="new.person@example.org"' in page
    with app.app_context():
        assert Organiser.by_email(NEW["email"]) is None


@pytest.mark.all_databases
def test_switching_off_ends_their_session_and_blocks_sign_in(
    app, admin_client, organiser_client, organiser
):
    assert organiser_client.get("/profile").status_code == 200
    response = admin_client.post(f"/admin/organisers/{organiser.id}/deactivate")
    assert response.status_code == 303
    assert organiser_client.get("/profile").status_code == 302
    assert AuthActions(app.test_client()).sign_in(organiser).status_code == 403

    admin_client.post(f"/admin/organisers/{organiser.id}/activate")
    assert AuthActions(app.test_client()).sign_in(organiser).status_code == 303


def test_admin_cannot_switch_themselves_off(app, admin_client, admin):
    admin_client.post(f"/admin/organisers/{admin.id}/deactivate")
    assert "You cannot switch off your own account." in admin_client.get(
        "/admin/organisers"
    ).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Organiser, admin.id).is_active


def test_admin_resets_a_password(app, admin_client, organiser_client, organiser):
    response = admin_client.post(
        f"/admin/organisers/{organiser.id}/password", data={"password": "reset by the admin"}
    )
    assert response.status_code == 303
    assert organiser_client.get("/profile").status_code == 302
    fresh = AuthActions(app.test_client())
    assert fresh.sign_in(organiser, "reset by the admin").status_code == 303


def test_reset_with_short_password_changes_nothing(app, admin_client, organiser):
    admin_client.post(f"/admin/organisers/{organiser.id}/password", data={"password": "short"})
    assert "Password not changed" in admin_client.get("/admin/organisers").get_data(as_text=True)
    assert AuthActions(app.test_client()).sign_in(organiser).status_code == 303


def test_unknown_organiser_is_404(admin_client):
    assert admin_client.post("/admin/organisers/999/deactivate").status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/admin/organisers"),
        ("post", "/admin/organisers"),
        ("post", "/admin/organisers/1/deactivate"),
        ("post", "/admin/organisers/1/activate"),
        ("post", "/admin/organisers/1/password"),
    ],
)
def test_organisers_get_403_and_anonymous_get_sign_in(
    client, organiser_client, organiser, method, path
):
    assert getattr(organiser_client, method)(path, data=NEW).status_code == 403
    anonymous = getattr(client, method)(path, data=NEW)
    assert anonymous.status_code == 302
    assert anonymous.headers["Location"].startswith("/sign-in")


def test_organiser_cannot_switch_off_anyone(app, organiser_client, other_organiser):
    organiser_client.post(f"/admin/organisers/{other_organiser.id}/deactivate")
    with app.app_context():
        assert db.session.get(Organiser, other_organiser.id).is_active


def test_admin_resetting_own_password_stays_signed_in(admin_client, admin):
    admin_client.post(f"/admin/organisers/{admin.id}/password", data={"password": "my own new one"})
    assert admin_client.get("/admin/organisers").status_code == 200
