"""Sign-in, sign-out, sessions and access helpers."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from meetings.auth import safe_next
from meetings.extensions import db
from meetings.models import Organiser
from tests.fixtures.accounts import Account, AuthActions

WRONG = "That email or password is not right"


@pytest.mark.all_databases
def test_sign_in_with_right_password_starts_a_session(client, auth, organiser):
    response = auth.sign_in(organiser)
    assert response.status_code == 303
    assert response.headers["Location"] == "/meetings"
    page = client.get("/profile").get_data(as_text=True)
    assert "Signed in as Olivia Owner" in page
    assert 'action="/sign-out"' in page


@pytest.mark.all_databases
def test_email_is_case_insensitive(client, auth, organiser):
    assert auth.sign_in("  OWNER@Example.org ", organiser.password).status_code == 303


@pytest.mark.parametrize(
    ("email", "password"),
    [("owner@example.org", "wrong password!"), ("nobody@example.org", "correct horse battery")],
)
def test_wrong_email_or_password_gets_one_generic_message(client, auth, organiser, email, password):
    response = auth.sign_in(email, password)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert WRONG in page
    assert "Signed in as" not in client.get("/profile").get_data(as_text=True)


def test_sign_in_form_keeps_email_but_never_password(auth, organiser):
    page = auth.sign_in(organiser.email, "wrong password!").get_data(as_text=True)
    assert 'value="owner@example.org"' in page
    assert "wrong password!" not in page


def test_empty_fields_get_messages(client):
    page = client.post("/sign-in", data={"email": "", "password": ""}).get_data(as_text=True)
    assert "Enter your email address." in page
    assert "Enter your password." in page


def test_sign_in_renews_the_session(app, client, auth, organiser):
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    auth.sign_in(organiser)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == str(organiser.id)
        assert len(session["sid"]) >= 40


def test_sign_out_is_post_only_and_ends_the_session(client, auth, organiser):
    auth.sign_in(organiser)
    assert client.get("/sign-out").status_code == 405
    assert "Signed in as" in client.get("/profile").get_data(as_text=True)
    response = auth.sign_out()
    assert response.status_code == 303
    assert response.headers["Location"] == "/sign-in"
    assert "Signed in as" not in client.get("/profile").get_data(as_text=True)
    with client.session_transaction() as session:
        assert "_user_id" not in session


@pytest.mark.all_databases
def test_deactivated_organiser_cannot_sign_in(app, client, auth, organiser):
    with app.app_context():
        db.session.get(Organiser, organiser.id).active = False
        db.session.commit()
    response = auth.sign_in(organiser)
    assert response.status_code == 403
    assert "switched off" in response.get_data(as_text=True)
    assert client.get("/profile").status_code == 302


@pytest.mark.all_databases
def test_deactivated_organiser_loses_existing_sessions(app, organiser_client, organiser):
    assert organiser_client.get("/profile").status_code == 200
    with app.app_context():
        record = db.session.get(Organiser, organiser.id)
        record.active = False
        record.end_sessions()
        db.session.commit()
    response = organiser_client.get("/profile")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_reactivated_organiser_does_not_get_old_sessions_back(app, organiser_client, organiser):
    with app.app_context():
        record = db.session.get(Organiser, organiser.id)
        record.active = False
        record.end_sessions()
        db.session.commit()
        record.active = True
        db.session.commit()
    assert organiser_client.get("/profile").status_code == 302


def test_anonymous_page_request_redirects_to_sign_in_with_next(client):
    response = client.get("/profile?tab=1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in?next=/profile?tab%3D1"


def test_anonymous_htmx_request_gets_401_with_hx_redirect(client):
    response = client.get(
        "/profile",
        headers={"HX-Request": "true", "HX-Current-URL": "http://localhost/profile"},
    )
    assert response.status_code == 401
    assert response.headers["HX-Redirect"] == "/sign-in?next=/profile"
    assert response.get_data() == b""


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "evil.example",
        "/%0d%0aSet-Cookie:x",
        "/\t/evil.example",
        "",
    ],
)
def test_next_never_leaves_the_site(client, auth, organiser, target):
    response = auth.sign_in(organiser, next=target)
    assert response.status_code == 303
    assert response.headers["Location"] == "/meetings"


def test_next_to_a_local_path_is_followed(auth, organiser):
    response = auth.sign_in(organiser, next="/profile?x=1")
    assert response.headers["Location"] == "/profile?x=1"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/meetings/1", "/meetings/1"),
        ("/a?b=c", "/a?b=c"),
        ("//x", None),
        ("/\\x", None),
        ("/x\n", None),
        ("http:/x", None),
        (None, None),
    ],
)
def test_safe_next(target, expected):
    assert safe_next(target) == expected


def test_signed_in_visitor_skips_the_sign_in_page(organiser_client):
    response = organiser_client.get("/sign-in?next=/profile")
    assert response.status_code == 302
    assert response.headers["Location"] == "/profile"


def test_admin_pages_refuse_ordinary_organisers(organiser_client):
    assert organiser_client.get("/admin/organisers").status_code == 403


def test_nav_shows_admin_link_only_to_admins(app: Flask, organiser_client, admin: Account):
    assert 'href="/admin/organisers"' not in organiser_client.get("/profile").get_data(as_text=True)
    admin_client: FlaskClient = app.test_client()
    AuthActions(admin_client).sign_in(admin)
    assert 'href="/admin/organisers"' in admin_client.get("/profile").get_data(as_text=True)


def test_account_pages_are_not_cached(client):
    assert client.get("/sign-in").headers["Cache-Control"] == "no-store"
