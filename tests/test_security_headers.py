"""Security headers, cookie flags and CSRF on every state-changing route."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from meetings import create_app
from meetings.extensions import db
from meetings.models import Organiser
from tests.fixtures.accounts import AuthActions, base_config, csrf_token

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
CSRF_MESSAGE = "This form has expired or was sent from elsewhere. Reload the page and try again."
PAGES = ["/", "/sign-in", "/profile", "/admin/organisers", "/first-run/nope", "/no-such-page"]
OTHER = ["/healthz", "/readyz", "/static/css/app.css", "/static/vendor/htmx.min.js"]


def assert_baseline_headers(response) -> None:
    headers = response.headers
    assert headers["Content-Security-Policy"] == CSP
    assert "unsafe-inline" not in CSP and "unsafe-eval" not in CSP
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    policy = headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy
    assert headers["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.parametrize("path", PAGES + OTHER)
def test_headers_on_every_response(admin_client, path):
    assert_baseline_headers(admin_client.get(path))


def test_headers_on_anonymous_and_error_responses(client):
    for response in (client.get("/profile"), client.get("/missing"), client.post("/")):
        assert_baseline_headers(response)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("who", ["client", "admin_client"])
def test_pages_have_no_inline_script_or_style(request, who, path):
    response = request.getfixturevalue(who).get(path)
    page = response.get_data(as_text=True)
    if response.status_code != 302:
        assert "<html" in page
    for tag in re.findall(r"<script\b[^>]*>", page):
        assert "src=" in tag
    for body in re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.S):
        assert not body.strip(), "inline script body"
    assert not re.search(r"\sstyle=", page)
    assert "<style" not in page
    assert not re.search(r"\son[a-z]+=", page), "inline event handler"


@pytest.fixture
def embed_app(database_url):
    app = create_app(
        {**base_config(database_url), "EMBED_ALLOWED_ORIGINS": ["https://intranet.example"]}
    )
    yield app
    with app.app_context():
        db.engine.dispose()


def test_embed_origins_extend_frame_ancestors(embed_app):
    response = embed_app.test_client().get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://intranet.example" in csp
    assert "X-Frame-Options" not in response.headers


def test_session_cookie_flags(client, auth, organiser):
    response = auth.sign_in(organiser)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain http in tests and development


def test_production_cookies_are_secure(database_url, monkeypatch):
    app = create_app(
        {
            **base_config(database_url),
            "MEETINGS_ENV": "production",
            "SECRET_KEY": "production-test-secret",
        }
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    with app.app_context():
        db.engine.dispose()


# --- CSRF ---------------------------------------------------------------------


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


def post_rules(app: Flask) -> list[tuple[str, str]]:
    """Every POST route as (endpoint, URL), URL arguments filled with placeholders."""
    adapter = app.url_map.bind("localhost")
    rules = []
    for rule in app.url_map.iter_rules():
        if "POST" in (rule.methods or ()):
            values = dict.fromkeys(rule.arguments, 1)
            rules.append((rule.endpoint, adapter.build(rule.endpoint, values, method="POST")))
    return rules


def test_every_state_change_is_known_to_the_csrf_test(app):
    endpoints = {endpoint for endpoint, _ in post_rules(app)}
    assert {
        "auth.sign_in",
        "auth.sign_out",
        "auth.first_run",
        "auth.profile",
        "auth.change_password",
        "admin.add_organiser",
        "admin.deactivate",
        "admin.reset_password",
        "admin.activate",
        "schedule.new_meeting",
        "schedule.delete",
    } <= endpoints


def organisers_snapshot(app: Flask) -> list[tuple]:
    with app.app_context():
        return [
            (o.email, o.display_name, o.password_hash, o.active)
            for o in db.session.query(Organiser).order_by(Organiser.id)
        ]


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_every_post_route_rejects_a_missing_or_wrong_token(app, admin, organiser, token):
    client = app.test_client()
    assert AuthActions(client).sign_in(admin).status_code == 303
    before = organisers_snapshot(app)
    data = {"email": "x@example.org", "password": "long enough password", "display_name": "x"}
    if token:
        data["csrf_token"] = token
    for endpoint, url in post_rules(app):
        for headers in ({}, {"HX-Request": "true"}):
            response = client.post(url, data=data, headers=headers)
            assert response.status_code == 400, endpoint
            if not headers:
                assert CSRF_MESSAGE in response.get_data(as_text=True), endpoint
    assert organisers_snapshot(app) == before
    assert "Signed in as Ada Admin" in client.get("/profile").get_data(as_text=True)


def test_anonymous_sign_in_without_token_is_rejected(client, organiser):
    response = client.post(
        "/sign-in", data={"email": organiser.email, "password": organiser.password}
    )
    assert response.status_code == 400
    assert CSRF_MESSAGE in response.get_data(as_text=True)
    assert "Signed in as" not in client.get("/profile").get_data(as_text=True)


def test_htmx_requests_send_the_token_in_a_header(app, admin):
    client = app.test_client()
    AuthActions(client).sign_in(admin)
    page = client.get("/profile").get_data(as_text=True)
    header_token = re.search(r"hx-headers='\{\"X-CSRFToken\": \"([^\"]+)\"\}'", page).group(1)
    response = client.post("/sign-out", headers={"HX-Request": "true", "X-CSRFToken": header_token})
    assert response.status_code == 303
    assert "Signed in as" not in client.get("/profile").get_data(as_text=True)


def test_token_from_the_page_is_accepted(client, organiser):
    token = csrf_token(client)
    data = {"email": organiser.email, "password": organiser.password, "csrf_token": token}
    assert client.post("/sign-in", data=data).status_code == 303


def test_trusted_proxy_supplies_the_client_address(database_url):
    from flask import request

    app = create_app({**base_config(database_url), "TRUSTED_PROXY_COUNT": 1})
    app.add_url_rule("/test-addr", "test_addr", lambda: request.remote_addr or "")
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "10.0.0.1"
    response = client.get("/test-addr", headers={"X-Forwarded-For": "203.0.113.5"})
    assert response.get_data(as_text=True) == "203.0.113.5"
    with app.app_context():
        db.engine.dispose()
