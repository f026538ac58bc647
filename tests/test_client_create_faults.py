"""Fault injection on create: never a duplicate meeting, and a plain word when one may exist."""

from __future__ import annotations

import pytest

from meetings.whereby import errors
from tests.fixtures.fake_upstream import (
    LEAKY_URL,
    MEETING,
    assert_plain_and_clean,
    make_client,
)

PAYLOAD = {"endDate": "2030-05-01T11:00:00Z"}

pytestmark = pytest.mark.usefixtures("debug_logs")


def test_create_on_refused_connection_is_not_uncertain(refused_url, caplog):
    client, sleep = make_client(refused_url, read_retries=1)

    with pytest.raises(errors.ConnectionFailed) as caught:
        client.create_meeting(PAYLOAD)

    # Nothing was sent, so trying again cannot duplicate a meeting.
    assert not isinstance(caught.value, errors.UncertainOutcome)
    assert len(sleep.calls) == 1
    assert_plain_and_clean(caught.value, caplog)


def test_created_but_unreadable_answer_warns_meeting_may_exist(fake_upstream, caplog):
    fake_upstream.reply(201, body="{oops")
    client, _ = make_client(fake_upstream.url)

    with pytest.raises(errors.InvalidResponse) as caught:
        client.create_meeting(PAYLOAD)

    assert isinstance(caught.value, errors.UncertainOutcome)
    assert "may or may not have been created" in caught.value.message
    assert_plain_and_clean(caught.value, caplog)


def test_403_on_create_names_the_plan(fake_upstream, caplog):
    fake_upstream.reply(403)
    client, _ = make_client(fake_upstream.url)

    with pytest.raises(errors.Forbidden) as caught:
        client.create_meeting({**PAYLOAD, "recording": {"type": "cloud"}})

    assert "plan" in caught.value.message
    assert_plain_and_clean(caught.value, caplog)


@pytest.mark.parametrize(
    ("message", "field"),
    [
        ("endDate must be in the future", "endDate"),
        ("The end date is in the past", "endDate"),
        ("roomNamePrefix must match [a-z0-9]{0,39}", "roomNamePrefix"),
        (
            "recording.destination.bucket is required for provider s3",
            "recording.destination.bucket",
        ),
        ("bucket is required when provider is s3", "recording.destination.bucket"),
        (
            "streaming: startTrigger must be one of none, prompt, automatic",
            "streaming.startTrigger",
        ),
        ("Something else entirely", None),
    ],
)
def test_400_is_bad_request_with_api_message_and_field(fake_upstream, caplog, message, field):
    fake_upstream.reply(400, {"error": message})
    client, _ = make_client(fake_upstream.url)

    with pytest.raises(errors.BadRequest) as caught:
        client.create_meeting(PAYLOAD)

    assert caught.value.api_message == message
    assert caught.value.field == field
    assert message in caught.value.message
    assert_plain_and_clean(caught.value, caplog)


def test_bad_request_never_repeats_a_room_key_or_the_api_key(fake_upstream, caplog):
    from tests.fixtures.fake_upstream import API_KEY

    fake_upstream.reply(400, {"error": f"bad roomUrl {LEAKY_URL} for key {API_KEY}"})
    client, _ = make_client(fake_upstream.url)

    with pytest.raises(errors.BadRequest) as caught:
        client.create_meeting(PAYLOAD)

    assert "[redacted]" in caught.value.api_message
    assert_plain_and_clean(caught.value, caplog)


@pytest.mark.parametrize("lost", ["connection-closed", "read-timeout"])
def test_create_with_lost_answer_sends_exactly_one_post(fake_upstream, caplog, lost):
    fake_upstream.reply(200, {"results": [], "cursor": None})  # warms a pooled connection
    if lost == "connection-closed":
        fake_upstream.drop()
    else:
        fake_upstream.reply(201, MEETING, delay=5)
    client, sleep = make_client(fake_upstream.url, read_timeout=0.3, read_retries=3)
    client.ping()

    with pytest.raises(errors.UncertainOutcome) as caught:
        client.create_meeting(PAYLOAD)

    assert fake_upstream.methods() == ["GET", "POST"]
    assert sleep.calls == []
    assert isinstance(caught.value, errors.Unavailable)
    assert caught.value.outcome_unknown
    assert "may or may not have been created" in caught.value.message
    assert_plain_and_clean(caught.value, caplog)


@pytest.mark.parametrize("status", [500, 502, 504])
def test_create_server_error_is_uncertain_and_not_retried(fake_upstream, caplog, status):
    fake_upstream.reply(status)
    client, sleep = make_client(fake_upstream.url)

    with pytest.raises(errors.UncertainOutcome) as caught:
        client.create_meeting(PAYLOAD)

    assert fake_upstream.methods() == ["POST"]
    assert sleep.calls == []
    assert_plain_and_clean(caught.value, caplog)


def test_create_503_is_certain_failure_and_not_retried(fake_upstream, caplog):
    fake_upstream.reply(503)
    client, _ = make_client(fake_upstream.url)

    with pytest.raises(errors.Unavailable) as caught:
        client.create_meeting(PAYLOAD)

    assert not caught.value.outcome_unknown
    assert fake_upstream.methods() == ["POST"]
