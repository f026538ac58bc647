"""`/healthz` and `/readyz`."""

from __future__ import annotations

import sys
import types

import pytest

from meetings import create_app
from tests.fixtures.accounts import base_config


class FakeClient:
    """Stands in for the meetings API client: counts pings, can be told to fail."""

    def __init__(self, fail: bool = False) -> None:
        self.pings = 0
        self.fail = fail

    def ping(self) -> None:
        self.pings += 1
        if self.fail:
            raise ConnectionError("upstream down, key=should-not-leak")


@pytest.fixture
def api(monkeypatch):
    fake = FakeClient()
    module = types.ModuleType("meetings.whereby")
    module.get_client = lambda: fake
    monkeypatch.setitem(sys.modules, "meetings.whereby", module)
    return fake


def test_healthz(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


@pytest.mark.all_databases
def test_ready_when_database_and_api_answer(client, api):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"database": "ok", "meetings_api": "ok"}


def test_not_ready_when_the_api_fails(client, api, caplog):
    api.fail = True
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"database": "ok", "meetings_api": "error"}
    assert "should-not-leak" not in caplog.text


def test_unreachable_api_is_an_error(client):
    # Whatever the real client does, nothing listens on the configured port 9.
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["meetings_api"] == "error"


def test_api_answer_is_cached_so_probes_do_not_spend_the_rate_limit(client, api):
    for _ in range(5):
        client.get("/readyz")
    assert api.pings == 1


def test_cache_can_be_turned_off(app, client, api):
    app.config["READYZ_CACHE_SECONDS"] = 0
    client.get("/readyz")
    client.get("/readyz")
    assert api.pings == 2


def test_not_ready_when_the_database_is_unreachable(tmp_path, api):
    app = create_app(base_config(f"sqlite:///{tmp_path}/missing/dir/db.sqlite3"))
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"database": "error", "meetings_api": "ok"}
