"""Contract of the embedded service: the point-based rate limit over a rolling minute."""

from __future__ import annotations

from datetime import timedelta
from email.utils import parsedate_to_datetime

import requests

from tests.local_api_helpers import create, delete, get


def test_unlimited_by_default_sends_no_rate_headers(fresh_local_api):
    response = get(fresh_local_api, "/meetings")
    assert response.status_code == 200
    assert "X-RateLimit-Limit" not in response.headers


def test_success_carries_the_rate_headers(local_api_factory):
    api = local_api_factory(points_per_minute=10)
    response = create(api)
    assert response.status_code == 201
    assert response.headers["X-RateLimit-Limit"] == "10"
    assert response.headers["X-RateLimit-Remaining"] == "7"
    assert parsedate_to_datetime(response.headers["X-RateLimit-Reset"]) > api.clock.now()


def test_reads_cost_1_deletes_2_writes_3(local_api_factory):
    api = local_api_factory(points_per_minute=100)
    remaining = [
        int(r.headers["X-RateLimit-Remaining"])
        for r in (get(api, "/meetings"), delete(api, "1"), create(api))
    ]
    assert remaining == [99, 97, 94]


def test_over_budget_is_a_429_with_wait_time(local_api_factory):
    api = local_api_factory(points_per_minute=5)
    assert create(api).status_code == 201  # 3 points
    api.clock.advance(timedelta(seconds=20))
    refused = create(api)  # 3 more would make 6 > 5
    assert refused.status_code == 429
    body = refused.json()
    assert body["error"].startswith("Rate limit active")
    # The first write leaves the window 60 s after it was made: 40 s from now.
    assert body["data"]["msLeft"] == 40_000
    assert refused.headers["Retry-After"] == "40"
    assert refused.headers["X-RateLimit-Limit"] == "5"
    assert refused.headers["X-RateLimit-Remaining"] == "2"
    reset = parsedate_to_datetime(refused.headers["X-RateLimit-Reset"])
    assert abs((reset - api.clock.now()).total_seconds() - 40) <= 1


def test_refused_requests_spend_nothing_and_budget_recovers(local_api_factory):
    api = local_api_factory(points_per_minute=4)
    assert create(api).status_code == 201
    for _ in range(3):
        assert create(api).status_code == 429
    assert get(api, "/meetings").status_code == 200  # 3 + 1 = 4, still within budget
    assert get(api, "/meetings").status_code == 429
    api.clock.advance(timedelta(seconds=59))
    assert get(api, "/meetings").status_code == 429
    api.clock.advance(timedelta(seconds=1))
    recovered = create(api)
    assert recovered.status_code == 201
    assert recovered.headers["X-RateLimit-Remaining"] == "1"


def test_retry_after_is_rounded_up(local_api_factory):
    api = local_api_factory(points_per_minute=1)
    assert get(api, "/meetings").status_code == 200
    api.clock.advance(timedelta(milliseconds=500))
    refused = get(api, "/meetings")
    assert refused.json()["data"]["msLeft"] == 59_500
    assert refused.headers["Retry-After"] == "60"


def test_unauthorised_requests_do_not_spend_points(local_api_factory):
    api = local_api_factory(points_per_minute=3)
    for _ in range(5):
        assert requests.get(f"{api.url}/meetings", timeout=10).status_code == 401
    assert create(api).status_code == 201


def test_budget_is_shared_by_services_on_one_file(local_api_factory):
    first = local_api_factory(points_per_minute=3)
    second = local_api_factory(points_per_minute=3, database=first.database)
    second.clock.set(first.clock.now())
    assert create(first).status_code == 201
    assert get(second, "/meetings").status_code == 429
