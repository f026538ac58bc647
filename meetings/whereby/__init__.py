"""The Whereby meetings API client: one per app, created by `init_app`, fetched by `get_client`."""

from __future__ import annotations

import logging

from flask import Flask, current_app

from . import redact as _redact
from .client import WherebyClient
from .errors import (
    BadRequest,
    ConnectionFailed,
    Forbidden,
    InvalidResponse,
    NotFound,
    RateLimited,
    Timeout,
    Unauthorized,
    Unavailable,
    UncertainOutcome,
    WherebyError,
)
from .models import Meeting, MeetingPage
from .redact import RedactSecretsFilter, redact

__all__ = [
    "BadRequest",
    "ConnectionFailed",
    "Forbidden",
    "InvalidResponse",
    "Meeting",
    "MeetingPage",
    "NotFound",
    "RateLimited",
    "RedactSecretsFilter",
    "Timeout",
    "Unauthorized",
    "Unavailable",
    "UncertainOutcome",
    "WherebyClient",
    "WherebyError",
    "get_client",
    "init_app",
    "redact",
]

EXTENSION = "whereby"
# Loggers whose lines may contain URLs: request logs, the connection pool, this client.
REDACTED_LOGGERS = (
    "",  # the root logger: its handlers print what every other logger passes up
    "gunicorn.error",
    "gunicorn.access",
    "werkzeug",
    "urllib3",
    "urllib3.connectionpool",
    "urllib3.connection",
    "urllib3.response",
    "urllib3.util.retry",
    "requests",
    __name__,
    f"{__name__}.client",
)


def init_app(app: Flask) -> None:
    """Create the app's client from WHEREBY_* settings and keep secrets out of its logs."""
    api_key = app.config.get("WHEREBY_API_KEY") or ""
    client = WherebyClient(
        app.config["WHEREBY_API_URL"],
        api_key,
        connect_timeout=float(app.config.get("WHEREBY_CONNECT_TIMEOUT", 3.05)),
        read_timeout=float(app.config.get("WHEREBY_READ_TIMEOUT", 10)),
    )
    app.extensions[EXTENSION] = client
    # A filter on a logger only sees records made on that logger, so child loggers are listed.
    loggers = [app.logger, *(logging.getLogger(name) for name in REDACTED_LOGGERS)]
    _redact.install(loggers, secrets=(api_key,))


def get_client() -> WherebyClient:
    """The current app's meetings API client."""
    return current_app.extensions[EXTENSION]
