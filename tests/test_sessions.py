"""Server-side sessions: each sign-in is a row that sign-out, password changes and
switching an organiser off revoke, so a copied cookie stops working."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select, text

from meetings import create_app
from meetings.extensions import db
from meetings.models import OrganiserSession
from tests.fixtures.accounts import Account, AuthActions, base_config, signed_in

PASSWORD_CHANGE = {
    "current_password": "correct horse battery",
    "new_password": "a brand new password",
    "confirm": "a brand new password",
}


def is_signed_in(client: FlaskClient) -> bool:
    return client.get("/profile").status_code == 200


def copy_of(app: Flask, client: FlaskClient) -> FlaskClient:
    """A second browser holding an exact copy of `client`'s session cookie."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    return thief


def session_rows(app: Flask, account: Account) -> list[OrganiserSession]:
    with app.app_context():
        query = select(OrganiserSession).where(OrganiserSession.organiser_id == account.id)
        return list(db.session.scalars(query.order_by(OrganiserSession.id)))


@contextmanager
def statements(app: Flask) -> Iterator[list[str]]:
    """Every SQL statement the app sends while the block runs."""
    with app.app_context():
        engine = db.engine
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.mark.all_databases
def test_copied_cookie_stops_working_after_sign_out(app, organiser_client):
    thief = copy_of(app, organiser_client)
    assert is_signed_in(thief)
    assert AuthActions(organiser_client).sign_out().status_code == 303
    assert not is_signed_in(organiser_client)
    assert not is_signed_in(thief)


@pytest.mark.all_databases
def test_signing_out_on_one_device_keeps_the_other(app, organiser, organiser_client):
    phone = signed_in(app, organiser)
    AuthActions(phone).sign_out()
    assert not is_signed_in(phone)
    assert is_signed_in(organiser_client)
    revoked = [row.revoked_at is not None for row in session_rows(app, organiser)]
    assert revoked == [False, True]


def test_password_change_ends_every_other_session(app, organiser, organiser_client):
    phone, thief = signed_in(app, organiser), copy_of(app, organiser_client)
    assert organiser_client.post("/profile/password", data=PASSWORD_CHANGE).status_code == 303
    assert is_signed_in(organiser_client)  # with a new session
    assert not is_signed_in(phone)
    assert not is_signed_in(thief)
    assert [row.revoked_at is None for row in session_rows(app, organiser)] == [False, False, True]


@pytest.mark.all_databases
@pytest.mark.parametrize("action", ["deactivate", "password"])
def test_admin_action_ends_all_their_sessions(app, admin_client, organiser, action):
    laptop, phone = signed_in(app, organiser), signed_in(app, organiser)
    data = {"password": "set by the admin"} if action == "password" else {}
    response = admin_client.post(f"/admin/organisers/{organiser.id}/{action}", data=data)
    assert response.status_code == 303
    assert not is_signed_in(laptop)
    assert not is_signed_in(phone)
    assert all(row.revoked_at is not None for row in session_rows(app, organiser))
    assert is_signed_in(admin_client)


@pytest.mark.all_databases
def test_token_is_stored_only_as_its_hash(app, organiser, organiser_client):
    with organiser_client.session_transaction() as session:
        token = session["sid"]
    (row,) = session_rows(app, organiser)
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    with app.app_context():
        stored = db.session.execute(text("SELECT * FROM organiser_sessions")).all()
    assert stored and not any(token in str(value) for values in stored for value in values)
    assert token not in repr(row)


def test_loading_the_user_is_still_one_query(app, organiser_client):
    """Before server-side sessions the loader ran one SELECT; it still does (a join)."""
    organiser_client.get("/profile")
    with statements(app) as seen:
        assert organiser_client.get("/profile").status_code == 200
    assert len(seen) == 1, seen
    assert "organiser_sessions" in seen[0] and "organisers" in seen[0]


def test_htmx_request_with_a_revoked_session_gets_401_and_hx_redirect(app, organiser_client):
    thief = copy_of(app, organiser_client)
    AuthActions(organiser_client).sign_out()
    response = thief.get(
        "/profile", headers={"HX-Request": "true", "HX-Current-URL": "http://localhost/profile"}
    )
    assert response.status_code == 401
    assert response.headers["HX-Redirect"] == "/sign-in?next=/profile"
    assert response.get_data() == b""


def test_session_cannot_be_moved_to_another_organiser(app, organiser_client, other_organiser):
    with organiser_client.session_transaction() as session:
        session["_user_id"] = str(other_organiser.id)
    assert not is_signed_in(organiser_client)


def test_cookie_without_a_session_token_is_not_signed_in(app, client, organiser):
    with client.session_transaction() as session:  # what cookies looked like before
        session["_user_id"] = f"{organiser.id}:1"
    assert not is_signed_in(client)
    with client.session_transaction() as session:
        session["_user_id"] = str(organiser.id)
    assert not is_signed_in(client)


class TestLifetime:
    @pytest.fixture
    def app_config(self, clock):
        return {"CLOCK": clock, "SESSION_MAX_AGE_DAYS": 14}

    def test_session_ends_after_max_age(self, organiser_client, clock):
        clock.advance(days=14, seconds=-1)
        assert is_signed_in(organiser_client)
        clock.advance(seconds=1)
        assert not is_signed_in(organiser_client)

    def test_sign_in_deletes_sessions_ended_over_30_days_ago(self, app, organiser, clock):
        expired = signed_in(app, organiser)  # expires after 14 days
        AuthActions(signed_in(app, organiser)).sign_out()  # revoked now
        clock.advance(days=20)
        AuthActions(signed_in(app, organiser)).sign_out()  # revoked on day 20
        clock.advance(days=24, seconds=1)  # day 44: 30 days after the first two ended
        signed_in(app, organiser)
        assert not is_signed_in(expired)
        ages = [(clock.now - row.created_at).days for row in session_rows(app, organiser)]
        assert ages == [24, 0]


def test_max_age_below_one_day_is_refused(database_url):
    with pytest.raises(ValueError, match="SESSION_MAX_AGE_DAYS"):
        create_app({**base_config(database_url), "SESSION_MAX_AGE_DAYS": 0})
