"""The one-time first-run link that creates the first admin account."""

from __future__ import annotations

import pytest
from flask import Flask

from meetings.auth import first_run
from meetings.extensions import db
from meetings.models import FirstRunToken, Organiser
from meetings.setup import prepare
from tests.fixtures.accounts import make_organiser

FORM = {
    "email": "First@Example.org",
    "display_name": "Fiona First",
    "password": "a long enough password",
    "confirm": "a long enough password",
}


@pytest.fixture
def app_config(clock):
    return {"CLOCK": clock}


def issue(app: Flask) -> str:
    with app.app_context():
        return first_run.issue_token()


@pytest.mark.all_databases
def test_first_run_link_creates_a_signed_in_admin(app, client):
    token = issue(app)
    assert "Create the admin account" in client.get(f"/first-run/{token}").get_data(as_text=True)
    response = client.post(f"/first-run/{token}", data=FORM)
    assert response.status_code == 303
    assert "Signed in as Fiona First" in client.get("/profile").get_data(as_text=True)
    with app.app_context():
        created = Organiser.by_email("first@example.org")
        assert created.is_admin and created.is_active
        assert created.password_hash != FORM["password"]


@pytest.mark.all_databases
def test_first_run_link_works_only_once(app, client):
    token = issue(app)
    assert client.post(f"/first-run/{token}", data=FORM).status_code == 303
    again = app.test_client()
    assert again.get(f"/first-run/{token}").status_code == 404
    second = {**FORM, "email": "second@example.org"}
    response = again.post(f"/first-run/{token}", data=second)
    assert response.status_code == 404
    assert "This link does not work any more" in response.get_data(as_text=True)
    with app.app_context():
        assert Organiser.count() == 1


def test_consumed_token_cannot_be_consumed_again(app):
    token = issue(app)
    with app.app_context():
        assert first_run.consume(token) is True
        db.session.commit()
        assert first_run.consume(token) is False


def test_first_run_link_expires_after_an_hour(app, client, clock):
    token = issue(app)
    clock.advance(minutes=59)
    assert client.get(f"/first-run/{token}").status_code == 200
    clock.advance(minutes=1)
    assert client.get(f"/first-run/{token}").status_code == 404
    assert client.post(f"/first-run/{token}", data=FORM).status_code == 404


def test_first_run_link_is_dead_once_any_organiser_exists(app, client):
    token = issue(app)
    make_organiser(app, "someone@example.org")
    assert client.post(f"/first-run/{token}", data=FORM).status_code == 404


def test_made_up_token_is_refused(client):
    assert client.get("/first-run/made-up").status_code == 404


def test_token_is_stored_hashed(app):
    token = issue(app)
    with app.app_context():
        stored = db.session.query(FirstRunToken).one()
        assert token not in stored.token_hash


def test_first_run_form_checks_password_and_keeps_typed_values(app, client):
    token = issue(app)
    bad = {**FORM, "password": "short", "confirm": "short"}
    page = client.post(f"/first-run/{token}", data=bad).get_data(as_text=True)
    assert "Use at least 10 characters for your password." in page
    assert 'value="first@example.org"' in page
    assert 'value="short"' not in page
    mismatch = {**FORM, "confirm": "something else entirely"}
    assert "The passwords differ." in client.post(f"/first-run/{token}", data=mismatch).get_data(
        as_text=True
    )
    with app.app_context():
        assert Organiser.count() == 0


def test_prepare_prints_a_link_only_while_nobody_has_an_account(app, capsys):
    link = prepare(app, base_url="http://127.0.0.1:5000")
    out = capsys.readouterr().out
    assert link.startswith("http://127.0.0.1:5000/first-run/")
    assert f"Open {link} to create the first admin account" in out
    make_organiser(app, "someone@example.org")
    assert prepare(app, base_url="https://meetings.example.com") is None
    out = capsys.readouterr().out
    assert "first-run" not in out
    assert "Sign in at https://meetings.example.com/sign-in" in out
