"""Meeting-page tests: the web app wired to the live embedded meetings service."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient

from tests.fixtures.accounts import Account, make_organiser
from tests.fixtures.local_api import LiveLocalApi
from tests.meeting_forms import form_data

HX = {"HX-Request": "true"}
ROOM_KEY = re.compile(r"roomKey", re.IGNORECASE)


@pytest.fixture
def app_config(fresh_local_api: LiveLocalApi) -> dict[str, Any]:
    """Point the app at the live embedded service, emptied for each test."""
    return {
        "WHEREBY_API_URL": fresh_local_api.url,
        "WHEREBY_API_KEY": fresh_local_api.api_key,
        "MEETINGS_PAGE_SIZE": 25,
    }


@pytest.fixture
def api(fresh_local_api: LiveLocalApi) -> LiveLocalApi:
    return fresh_local_api


def create_meeting(client: FlaskClient, **overrides: Any) -> str:
    """Create a meeting through the form; returns its meeting id."""
    response = client.post("/meetings/new", data=form_data(**overrides))
    assert response.status_code == 303, response.get_data(as_text=True)
    match = re.search(r"/meetings/([^/?#]+)$", response.headers["Location"])
    assert match, response.headers["Location"]
    return match.group(1)


def api_create(api: LiveLocalApi, hours: float = 2, **body: Any) -> dict[str, Any]:
    """A meeting made straight through the API ("created elsewhere")."""
    end = api.clock.now() + timedelta(hours=hours)
    response = requests.post(
        f"{api.url}/meetings",
        json={"endDate": end.strftime("%Y-%m-%dT%H:%M:%SZ"), **body},
        headers=api.headers,
        timeout=10,
    )
    assert response.status_code == 201, response.text
    return response.json()


def api_meeting(api: LiveLocalApi, meeting_id: str, fields: str = "") -> requests.Response:
    return requests.get(
        f"{api.url}/meetings/{meeting_id}",
        params={"fields": fields} if fields else None,
        headers=api.headers,
        timeout=10,
    )


@pytest.fixture
def make_account(app: Flask):
    def make(email: str, **fields: Any) -> Account:
        return make_organiser(app, email, **fields)

    return make
