"""Small helpers shared by the embedded service's tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from tests.fixtures.local_api import LiveLocalApi


def iso(moment: datetime) -> str:
    """Seconds-precision UTC text, as the service returns dates."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def payload(api: LiveLocalApi, **overrides: Any) -> dict[str, Any]:
    """A valid create body ending two hours after the service's clock, with overrides."""
    body: dict[str, Any] = {"endDate": iso(api.clock.now() + timedelta(hours=2))}
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not ...}


def create(api: LiveLocalApi, **overrides: Any) -> requests.Response:
    """POST /meetings with a valid body plus overrides (`...` drops a member)."""
    return requests.post(
        f"{api.url}/meetings", json=payload(api, **overrides), headers=api.headers, timeout=10
    )


def get(api: LiveLocalApi, path: str, **params: Any) -> requests.Response:
    """An authenticated GET below the API root."""
    return requests.get(f"{api.url}{path}", params=params, headers=api.headers, timeout=10)


def delete(api: LiveLocalApi, meeting_id: str) -> requests.Response:
    """An authenticated DELETE of one meeting."""
    return requests.delete(f"{api.url}/meetings/{meeting_id}", headers=api.headers, timeout=10)


def parse_utc(text: str) -> datetime:
    """A returned date, checking it is the seconds-precision UTC form."""
    assert text.endswith("Z") and len(text) == 20, text
    return datetime.fromisoformat(text)
