"""Keep secrets (roomKey values, bearer tokens, the API key) out of text and logs."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

REDACTED = "[redacted]"

# roomKey in a query string, plain or percent-encoded inside another URL (`roomKey%3D...`).
_ROOM_KEY_QUERY = re.compile(r"(?i)(roomKey(?:=|%3D))(?:(?!%26)[^&\s\"'#<>\\])+")
# roomKey as a JSON member, in case a response body ever reaches a log line.
_ROOM_KEY_JSON = re.compile(r"(?i)(\"roomKey\"\s*:\s*\")[^\"]*")
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+")

# Shorter "secrets" would blank out ordinary words, which helps no one.
_MIN_SECRET_LENGTH = 6


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with roomKey values, bearer tokens and the given literal secrets replaced."""
    text = _ROOM_KEY_QUERY.sub(rf"\1{REDACTED}", text)
    text = _ROOM_KEY_JSON.sub(rf"\1{REDACTED}", text)
    text = _BEARER.sub(rf"\1{REDACTED}", text)
    for secret in secrets:
        if secret and len(secret) >= _MIN_SECRET_LENGTH:
            text = text.replace(secret, REDACTED)
    return text


class RedactSecretsFilter(logging.Filter):
    """A logging filter that redacts secrets from a record's message, arguments and traceback."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = tuple(s for s in secrets if s)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    def add_secrets(self, secrets: Iterable[str]) -> None:
        """Also redact these literal values (another app's API key, say)."""
        new = tuple(s for s in secrets if s and s not in self._secrets)
        self._secrets += new

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drop it."""
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: still redact what is there
            message = f"{record.msg} {record.args!r}"
        # Formatting here (and clearing args) redacts values hidden in any argument type.
        record.msg = redact(message, self._secrets)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self._secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self._secrets)
        return True


def install(loggers: Iterable[logging.Logger], secrets: Iterable[str] = ()) -> None:
    """Give each logger and each of its handlers one redaction filter that knows `secrets`."""
    secrets = tuple(secrets)
    for logger in loggers:
        targets: list[logging.Filterer] = [logger, *logger.handlers]
        for target in targets:
            existing = [f for f in target.filters if isinstance(f, RedactSecretsFilter)]
            if existing:
                existing[0].add_secrets(secrets)
            else:
                target.addFilter(RedactSecretsFilter(secrets))
