"""Friendly error pages in the site layout; fragments for htmx; no stack traces."""

from __future__ import annotations

import pytest
from flask import abort


@pytest.fixture
def app_config():
    return {"PROPAGATE_EXCEPTIONS": False}


@pytest.fixture
def failing_app(app):
    """The app with routes that fail in each way an error page covers."""

    def fail(status: int):
        abort(status)

    def crash():
        raise RuntimeError("secret-detail-in-exception")

    app.add_url_rule("/test-fail/<int:status>", "test_fail", fail)
    app.add_url_rule("/test-crash", "test_crash", crash)
    return app


@pytest.mark.parametrize(
    ("status", "title"),
    [
        (400, "Something was wrong with that request"),
        (403, "You cannot open this page"),
        (404, "Page not found"),
        (429, "Too many requests"),
        (500, "Something went wrong on our side"),
    ],
)
def test_error_pages_use_the_site_layout(failing_app, status, title):
    response = failing_app.test_client().get(f"/test-fail/{status}")
    page = response.get_data(as_text=True)
    assert response.status_code == status
    assert title in page
    assert '<header class="site-header">' in page
    assert "Go to the start page" in page


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_wrong_method_is_a_friendly_405_with_allow(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert "This page cannot be used that way." in response.get_data(as_text=True)
    assert "GET" in response.headers["Allow"]


def test_crash_shows_no_stack_trace(failing_app, caplog):
    response = failing_app.test_client().get("/test-crash")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong on our side" in page
    assert "Traceback" not in page
    assert "secret-detail-in-exception" not in page
    assert "RuntimeError" not in page


def test_htmx_requests_get_a_fragment(failing_app):
    response = failing_app.test_client().get("/test-fail/404", headers={"HX-Request": "true"})
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Page not found" in page
    assert "<html" not in page and "site-header" not in page


def test_error_page_survives_a_broken_database(tmp_path):
    from meetings import create_app
    from tests.fixtures.accounts import base_config

    broken = create_app(
        {
            **base_config(f"sqlite:///{tmp_path}/missing/dir/db.sqlite3"),
            "PROPAGATE_EXCEPTIONS": False,
        }
    )
    client = broken.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1:1"  # makes the layout load the user from the database
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
