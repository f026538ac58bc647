"""Secrets (roomKey values, bearer tokens, the API key) never reach the logs."""

from __future__ import annotations

import logging
import threading

import pytest
import requests
from werkzeug.serving import make_server

from meetings import create_app
from meetings.whereby.redact import REDACTED, RedactSecretsFilter, redact
from tests.fixtures.fake_upstream import API_KEY, ROOM_KEY

APP_SETTINGS = {
    "MEETINGS_ENV": "test",
    "WHEREBY_API_URL": "http://127.0.0.1:9/v1",
    "WHEREBY_API_KEY": API_KEY,
}


@pytest.mark.parametrize(
    "text",
    [
        f"https://meet.example/room?roomKey={ROOM_KEY}",
        f"https://meet.example/room?a=1&roomKey={ROOM_KEY}&b=2",
        f"/share?next=https%3A%2F%2Fmeet.example%2Froom%3FroomKey%3D{ROOM_KEY}%26x%3D1",
        f'{{"hostRoomUrl": "x", "roomKey": "{ROOM_KEY}"}}',
        f"Authorization: Bearer {ROOM_KEY}",
    ],
    ids=["query", "middle-of-query", "percent-encoded", "json", "bearer"],
)
def test_redact_removes_secret_values(text):
    cleaned = redact(text)

    assert ROOM_KEY not in cleaned
    assert REDACTED in cleaned


def test_redact_keeps_everything_else():
    text = "https://meet.example/room?a=1&roomKey=abc123&b=2"

    assert redact(text) == f"https://meet.example/room?a=1&roomKey={REDACTED}&b=2"


def test_redact_removes_given_literal_secrets_but_not_tiny_ones():
    assert redact(f"key is {API_KEY}", [API_KEY]) == f"key is {REDACTED}"
    assert redact("a cat", ["a"]) == "a cat"


def test_filter_redacts_werkzeug_access_line_arguments(caplog):
    logger = logging.getLogger("test.redact.werkzeug-style")
    logger.addFilter(RedactSecretsFilter())
    caplog.set_level(logging.INFO)

    logger.info(
        '%s - - [%s] "%s" %s %s',
        "127.0.0.1",
        "25/Nov/2026 12:00:00",
        f"GET /room/abc?roomKey={ROOM_KEY} HTTP/1.1",
        "200",
        "-",
    )

    [record] = caplog.records
    assert ROOM_KEY not in record.getMessage()
    assert f'"GET /room/abc?roomKey={REDACTED} HTTP/1.1" 200 -' in record.getMessage()


def test_filter_redacts_tracebacks(caplog):
    logger = logging.getLogger("test.redact.traceback")
    logger.addFilter(RedactSecretsFilter([API_KEY]))
    caplog.set_level(logging.INFO)

    try:
        raise RuntimeError(f"failed for Bearer {API_KEY} at /r?roomKey={ROOM_KEY}")
    except RuntimeError:
        logger.exception("request failed")

    assert "RuntimeError" in caplog.text
    assert API_KEY not in caplog.text
    assert ROOM_KEY not in caplog.text


def test_real_access_log_of_the_app_never_shows_room_key(caplog):
    app = create_app(APP_SETTINGS)
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    caplog.set_level(logging.INFO)
    try:
        url = f"http://127.0.0.1:{server.server_port}/room/abc?roomKey={ROOM_KEY}"
        requests.get(url, timeout=5)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

    access = [r.getMessage() for r in caplog.records if r.name == "werkzeug"]
    assert any(f"roomKey={REDACTED}" in line for line in access), access
    assert ROOM_KEY not in caplog.text


@pytest.mark.parametrize("name", ["urllib3.connectionpool", "werkzeug", "meetings"])
def test_init_app_guards_request_loggers_and_the_app_logger(caplog, name):
    create_app(APP_SETTINGS)
    caplog.set_level(logging.DEBUG)

    logging.getLogger(name).warning('%s "%s" key=%s', "GET", f"/v1/x?roomKey={ROOM_KEY}", API_KEY)

    assert caplog.records
    assert ROOM_KEY not in caplog.text
    assert API_KEY not in caplog.text


def test_records_of_any_logger_are_redacted_by_the_root_handlers(app_with_root_handler):
    handler, stream = app_with_root_handler
    logging.getLogger("meetings.schedule.somewhere").warning("link %s", f"/r?roomKey={ROOM_KEY}")
    handler.flush()
    assert ROOM_KEY not in stream.getvalue()
    assert "roomKey=[redacted]" in stream.getvalue()


@pytest.fixture
def app_with_root_handler():
    import io

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        create_app(APP_SETTINGS)
        yield handler, stream
    finally:
        root.removeHandler(handler)
