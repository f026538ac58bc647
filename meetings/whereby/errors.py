"""One exception class per way a call to the meetings API can fail, each with a plain message."""

from __future__ import annotations

import math
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from typing import Any

from .redact import redact


class WherebyError(Exception):
    """Base class: `.message` is plain language for the person using the app."""

    default_message = "Something went wrong with the meetings service. Try again in a moment."

    def __init__(
        self,
        message: str | None = None,
        *,
        status: int | None = None,
        api_message: str | None = None,
    ) -> None:
        self.message = redact(message or self.default_message)
        self.status = status
        # The API's own error text, for logs and for mapping onto form fields.
        self.api_message = redact(api_message) if api_message else None
        super().__init__(self.message)

    @property
    def outcome_unknown(self) -> bool:
        """True when a create may have happened even though it failed (see UncertainOutcome)."""
        return isinstance(self, UncertainOutcome)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, message={self.message!r})"


class BadRequest(WherebyError):
    """The API refused the request as invalid (400); `.field` names the field it concerns."""

    def __init__(
        self, api_message: str, *, field: str | None = None, status: int | None = 400
    ) -> None:
        api_message = api_message or "The request was not valid."
        sentence = api_message if api_message.endswith((".", "!", "?")) else api_message + "."
        super().__init__(
            f"The meetings service could not accept this: {sentence}",
            status=status,
            api_message=api_message,
        )
        self.field = field

    def __repr__(self) -> str:
        return f"BadRequest(status={self.status!r}, field={self.field!r}, message={self.message!r})"


class Unauthorized(WherebyError):
    """The API key was refused (401)."""

    default_message = (
        "The meetings service did not accept this app's access key. "
        "Ask your administrator to check the meetings service settings."
    )


class Forbidden(WherebyError):
    """The request needs a feature the Whereby plan does not include (403)."""

    default_message = (
        "The meetings service plan does not allow this (for example recording or streaming). "
        "Turn that option off, or ask your administrator about the plan."
    )


class NotFound(WherebyError):
    """The meeting does not exist, or no longer does (404)."""

    default_message = (
        "This meeting no longer exists. It may have been deleted, "
        "or it ended more than an hour ago."
    )


class RateLimited(WherebyError):
    """Too many requests (429); `.retry_after` is the wait in seconds."""

    def __init__(self, retry_after: float, *, status: int | None = 429) -> None:
        self.retry_after = max(0.0, float(retry_after))
        seconds = max(1, math.ceil(self.retry_after))
        unit = "second" if seconds == 1 else "seconds"
        super().__init__(
            f"The meetings service is busy. Try again in {seconds} {unit}.", status=status
        )

    def __repr__(self) -> str:
        return f"RateLimited(status={self.status!r}, retry_after={self.retry_after!r})"


class Unavailable(WherebyError):
    """The meetings service is failing (5xx) or cannot be reached: upstream trouble."""

    default_message = (
        "The meetings service is having trouble right now. Try again in a few minutes."
    )


class Timeout(Unavailable):
    """The meetings service did not connect or answer within the time limit."""

    default_message = "The meetings service took too long to answer. Try again in a moment."


class ConnectionFailed(Unavailable):
    """The meetings service could not be reached, or the connection broke."""

    default_message = (
        "The meetings service cannot be reached right now. Try again in a few minutes."
    )


class InvalidResponse(WherebyError):
    """The answer was not the JSON the API promises."""

    default_message = (
        "The meetings service sent an answer this app could not understand. "
        "Try again later; if it keeps happening, tell your administrator."
    )


class UncertainOutcome(WherebyError):
    """A create failed after the request may have reached the service: the meeting may exist."""

    default_message = (
        "The meetings service stopped answering, so the meeting may or may not have been "
        "created. Check your list of meetings before trying again."
    )


# A failed create keeps its failure class (Timeout, ...) and is also an UncertainOutcome.
class UncertainTimeout(Timeout, UncertainOutcome):
    """A create timed out waiting for the answer."""

    default_message = (
        "The meetings service took too long to answer, so the meeting may or may not have "
        "been created. Check your list of meetings before trying again."
    )


class UncertainConnectionFailed(ConnectionFailed, UncertainOutcome):
    """The connection broke after a create was sent."""

    default_message = UncertainOutcome.default_message


class UncertainUnavailable(Unavailable, UncertainOutcome):
    """A create got a server or gateway error that may have come after the meeting was made."""

    default_message = (
        "The meetings service had a problem, so the meeting may or may not have been "
        "created. Check your list of meetings before trying again."
    )


class UncertainInvalidResponse(InvalidResponse, UncertainOutcome):
    """A create succeeded but its answer could not be read."""

    default_message = (
        "The meetings service sent an answer this app could not understand, so the meeting "
        "may or may not have been created. Check your list of meetings before trying again."
    )


def retry_after_seconds(headers: Mapping[str, str], body: Any, now: float) -> float | None:
    """Seconds to wait: Retry-After, else data.msLeft, else X-RateLimit-Reset; None if absent."""

    def seconds_until(value: str) -> float | None:
        value = value.strip()
        try:
            number = float(value)
        except ValueError:
            try:
                return parsedate_to_datetime(value).timestamp() - now
            except (TypeError, ValueError, IndexError):
                return None
        if not math.isfinite(number):
            return None
        # Large numbers are Unix times (in ms past 1e12), small ones a delay in seconds.
        if number > 1_000_000_000_000:
            number /= 1000
        return number - now if number > 1_000_000_000 else number

    retry_after = headers.get("Retry-After")
    if retry_after and (seconds := seconds_until(retry_after)) is not None:
        return max(0.0, seconds)
    data = body.get("data") if isinstance(body, dict) else None
    ms_left = data.get("msLeft") if isinstance(data, dict) else None
    if isinstance(ms_left, int | float) and not isinstance(ms_left, bool) and 0 <= ms_left < 1e12:
        return ms_left / 1000
    reset = headers.get("X-RateLimit-Reset")
    if reset and (seconds := seconds_until(reset)) is not None:
        return max(0.0, seconds)
    return None
