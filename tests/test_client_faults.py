"""Fault injection: each failure gives the right exception, a plain message and no secret."""

from __future__ import annotations

from email.utils import formatdate

import pytest

from meetings.whereby import errors
from tests.fixtures.fake_upstream import (
    LEAKY_URL,
    MEETING,
    ROOM_KEY,
    assert_plain_and_clean,
    make_client,
)

PAYLOAD = {"endDate": "2030-05-01T11:00:00Z"}

pytestmark = pytest.mark.usefixtures("debug_logs")


def test_read_timeout_raises_timeout_without_retry(fake_upstream, caplog):
    fake_upstream.reply(200, MEETING, delay=5)
    client, sleep = make_client(fake_upstream.url, read_timeout=0.2)

    with pytest.raises(errors.Timeout) as caught:
        client.get_meeting("42")

    assert isinstance(caught.value, errors.Unavailable)
    assert not caught.value.outcome_unknown
    assert fake_upstream.methods() == ["GET"]
    assert sleep.calls == []
    assert_plain_and_clean(caught.value, caplog)


def test_connection_refused_is_retried_with_backoff_then_raises(refused_url, caplog):
    client, sleep = make_client(refused_url, read_retries=2, backoff=0.1)

    with pytest.raises(errors.ConnectionFailed) as caught:
        client.get_meeting("42")

    assert sleep.calls == [0.1, 0.2]
    assert isinstance(caught.value, errors.Unavailable)
    assert_plain_and_clean(caught.value, caplog)


def test_500_is_unavailable_and_not_retried(fake_upstream, caplog):
    fake_upstream.reply(500, {"error": f"boom at {LEAKY_URL}"})
    client, sleep = make_client(fake_upstream.url)

    with pytest.raises(errors.Unavailable) as caught:
        client.list_meetings()

    assert caught.value.status == 500
    assert fake_upstream.methods() == ["GET"]
    assert sleep.calls == []
    assert ROOM_KEY not in (caught.value.api_message or "")
    assert_plain_and_clean(caught.value, caplog)


def test_502_is_retried_then_succeeds(fake_upstream, caplog):
    fake_upstream.reply(502, body="<html>Bad Gateway</html>")
    fake_upstream.reply(200, MEETING)
    client, sleep = make_client(fake_upstream.url, backoff=0.05)

    meeting = client.get_meeting("42")

    assert meeting.meeting_id == "42"
    assert fake_upstream.methods() == ["GET", "GET"]
    assert sleep.calls == [0.05]


def test_503_exhausting_retries_raises_unavailable(fake_upstream, caplog):
    for _ in range(3):
        fake_upstream.reply(503, {"error": "maintenance"})
    client, sleep = make_client(fake_upstream.url, read_retries=2, backoff=0.05)

    with pytest.raises(errors.Unavailable) as caught:
        client.get_meeting("42")

    assert caught.value.status == 503
    assert fake_upstream.methods() == ["GET"] * 3
    assert sleep.calls == [0.05, 0.1]
    assert_plain_and_clean(caught.value, caplog)


def test_delete_is_retried_on_504(fake_upstream):
    fake_upstream.reply(504)
    fake_upstream.reply(204)
    client, _ = make_client(fake_upstream.url)

    client.delete_meeting("42")

    assert fake_upstream.methods() == ["DELETE", "DELETE"]


def test_429_uses_ms_left_and_is_not_retried(fake_upstream, caplog):
    fake_upstream.reply(
        429,
        {"error": "Rate limit active for throttle key: organization:1", "data": {"msLeft": 41200}},
    )
    client, sleep = make_client(fake_upstream.url)

    with pytest.raises(errors.RateLimited) as caught:
        client.list_meetings()

    assert caught.value.retry_after == pytest.approx(41.2)
    assert caught.value.message == "The meetings service is busy. Try again in 42 seconds."
    assert fake_upstream.methods() == ["GET"]
    assert sleep.calls == []
    assert_plain_and_clean(caught.value, caplog)


def test_429_prefers_retry_after_header(fake_upstream, caplog):
    fake_upstream.reply(
        429, {"error": "slow down", "data": {"msLeft": 41200}}, headers={"Retry-After": "17"}
    )
    client, _ = make_client(fake_upstream.url)

    with pytest.raises(errors.RateLimited) as caught:
        client.create_meeting(PAYLOAD)

    assert caught.value.retry_after == 17.0
    assert "17 seconds" in caught.value.message
    assert_plain_and_clean(caught.value, caplog)


def test_429_falls_back_to_rate_limit_reset_date(fake_upstream):
    now = 1_900_000_000.0
    fake_upstream.reply(
        429, body="", headers={"X-RateLimit-Reset": formatdate(now + 30, usegmt=True)}
    )
    client, _ = make_client(fake_upstream.url, clock=lambda: now)

    with pytest.raises(errors.RateLimited) as caught:
        client.get_meeting("42")

    assert caught.value.retry_after == pytest.approx(30, abs=1)


@pytest.mark.parametrize(
    "body",
    ["{not json", '["a", "list"]', '{"results": "nope", "cursor": null}', ""],
    ids=["malformed", "wrong-type", "wrong-shape", "empty"],
)
def test_unreadable_answer_is_invalid_response(fake_upstream, caplog, body):
    fake_upstream.reply(200, body=body, headers={"Content-Type": "application/json"})
    client, _ = make_client(fake_upstream.url)

    with pytest.raises(errors.InvalidResponse) as caught:
        client.list_meetings()

    assert_plain_and_clean(caught.value, caplog)


@pytest.mark.parametrize(
    ("status", "kind"),
    [(401, errors.Unauthorized), (403, errors.Forbidden), (404, errors.NotFound)],
)
def test_client_errors_map_to_their_class(fake_upstream, caplog, status, kind):
    fake_upstream.reply(status, {"error": f"nope {LEAKY_URL}"})
    client, sleep = make_client(fake_upstream.url)

    with pytest.raises(kind) as caught:
        client.get_meeting("42")

    assert caught.value.status == status
    assert fake_upstream.methods() == ["GET"]
    assert sleep.calls == []
    assert_plain_and_clean(caught.value, caplog)


def test_404_on_delete_counts_as_deleted(fake_upstream):
    fake_upstream.reply(404)
    client, _ = make_client(fake_upstream.url)

    assert client.delete_meeting("gone") is None
    assert fake_upstream.methods() == ["DELETE"]


def test_get_retries_when_connection_drops(fake_upstream, caplog):
    fake_upstream.drop()
    fake_upstream.reply(200, MEETING)
    client, sleep = make_client(fake_upstream.url)

    assert client.get_meeting("42").meeting_id == "42"
    assert fake_upstream.methods() == ["GET", "GET"]
    assert len(sleep.calls) == 1


def test_client_logs_method_path_status_only(fake_upstream, caplog):
    fake_upstream.reply(200, {**MEETING, "hostRoomUrl": LEAKY_URL})
    client, _ = make_client(fake_upstream.url)

    client.get_meeting("42", fields=["hostRoomUrl"])

    lines = [r.getMessage() for r in caplog.records if r.name == "meetings.whereby.client"]
    assert len(lines) == 1
    assert lines[0].startswith("GET /meetings/42 -> 200 in ")
    assert "?" not in lines[0]
    assert ROOM_KEY not in caplog.text
