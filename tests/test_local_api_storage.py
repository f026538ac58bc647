"""The embedded service's storage: concurrent writers, two processes, restarts."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
import requests

from meetings.local_api import Store, create_app
from meetings.local_api.server import BackgroundServer
from tests.fixtures.local_api import API_KEY
from tests.local_api_helpers import create, get

ROOT = Path(__file__).resolve().parents[1]


def all_meetings(api_url: str, headers: dict[str, str]) -> list[dict]:
    """Every meeting, following cursors."""
    found, cursor = [], None
    while True:
        params = {"limit": 100, **({"cursor": cursor} if cursor else {})}
        body = requests.get(f"{api_url}/meetings", params=params, headers=headers, timeout=10)
        found += body.json()["results"]
        cursor = body.json()["cursor"]
        if cursor is None:
            return found


def test_two_concurrent_writer_threads_lose_nothing(fresh_local_api):
    def write_many(_: int) -> list[int]:
        return [create(fresh_local_api).status_code for _ in range(25)]

    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = [code for codes in pool.map(write_many, range(2)) for code in codes]
    assert statuses == [201] * 50
    meetings = all_meetings(fresh_local_api.url, fresh_local_api.headers)
    assert len({m["meetingId"] for m in meetings}) == 50
    assert len({m["roomName"] for m in meetings}) == 50


@pytest.fixture
def second_process(local_api_factory):
    """A service in another process (`python -m meetings.local_api`) over the same file."""
    first = local_api_factory()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "meetings.local_api",
            "--port",
            "0",
            "--database",
            str(first.database),
        ],
        cwd=ROOT,
        env={"MEETINGS_LOCAL_API_KEY": API_KEY, "PATH": "/usr/bin:/bin"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert "serving on http://" in line, line
        yield first, line.rsplit(" ", 1)[1].strip()
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_two_processes_write_one_file(second_process):
    first, other_url = second_process
    headers = first.headers
    end = {"endDate": "2099-01-01T00:00:00Z"}

    def write_many(url: str) -> list[int]:
        return [
            requests.post(f"{url}/meetings", json=end, headers=headers, timeout=10).status_code
            for _ in range(20)
        ]

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(write_many, [first.url, other_url]))
    assert results == [[201] * 20, [201] * 20]
    seen_by_first = all_meetings(first.url, headers)
    seen_by_other = all_meetings(other_url, headers)
    assert len({m["meetingId"] for m in seen_by_first}) == 40
    assert [m["meetingId"] for m in seen_by_first] == [m["meetingId"] for m in seen_by_other]


def test_standalone_refuses_to_start_without_a_key(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "meetings.local_api", "--database", str(tmp_path / "x.db")],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode != 0
    assert "MEETINGS_LOCAL_API_KEY" in result.stderr


def test_data_and_cursors_survive_a_restart(tmp_path):
    database = tmp_path / "restart.sqlite3"
    headers = {"Authorization": "Bearer k"}
    end = {"endDate": "2099-01-01T00:00:00Z", "fields": ["hostRoomUrl"]}
    with BackgroundServer(create_app(database=database, api_key="k")) as server:
        url = f"{server.base_url}/v1"
        made = [
            requests.post(f"{url}/meetings", json=end, headers=headers, timeout=10).json()
            for _ in range(3)
        ]
        cursor = requests.get(
            f"{url}/meetings", params={"limit": 1}, headers=headers, timeout=10
        ).json()["cursor"]
    with BackgroundServer(create_app(database=database, api_key="k")) as server:
        url = f"{server.base_url}/v1"
        page = requests.get(f"{url}/meetings", params={"cursor": cursor}, headers=headers)
        assert [m["meetingId"] for m in page.json()["results"]] == [
            made[1]["meetingId"],
            made[0]["meetingId"],
        ]
        again = requests.get(
            f"{url}/meetings/{made[0]['meetingId']}",
            params={"fields": "hostRoomUrl"},
            headers=headers,
            timeout=10,
        ).json()
        # The room key is stored, so the host link stays valid (the host:port may change).
        assert again["hostRoomUrl"].split("?")[1] == made[0]["hostRoomUrl"].split("?")[1]


def test_store_secret_is_kept_in_the_file(tmp_path):
    database = tmp_path / "secret.sqlite3"
    assert Store(database).secret == Store(database).secret
    assert Store(database).secret != Store(tmp_path / "other.sqlite3").secret


def test_fresh_local_api_resets_between_tests(fresh_local_api):
    create(fresh_local_api)
    fresh_local_api.reset()
    assert get(fresh_local_api, "/meetings").json()["results"] == []
    assert fresh_local_api.calls == [("GET", "/v1/meetings")]


def test_long_expired_meetings_are_purged_with_their_options(fresh_local_api):
    api = fresh_local_api
    old = create(api, recording={"type": "cloud", "startTrigger": "none", "destination": {
        "provider": "s3", "bucket": "b", "accessKeyId": "AKIDOLD", "accessKeySecret": "old-secret",
    }}).json()  # fmt: skip
    room = old["roomUrl"]
    api.clock.advance(timedelta(days=3))
    create(api)  # a week has not passed since it expired: kept, its room page says expired
    assert "expired" in requests.get(room, timeout=10).text.lower()
    api.clock.advance(timedelta(days=5))
    create(api)  # any write purges meetings that expired more than a week ago
    with sqlite3.connect(api.database) as conn:
        assert conn.execute(
            "SELECT COUNT(*) FROM meetings WHERE options LIKE '%old-secret%'"
        ).fetchone() == (0,)
    assert requests.get(room, timeout=10).status_code == 404
