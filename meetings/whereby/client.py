"""A small typed client for the Whereby meetings API (`/meetings`), over one pooled session.

Retries: reads (GET, and DELETE, which the API makes idempotent) are retried with exponential
backoff on connection errors and on 502/503/504, never on 500 or 429. A read timeout is not
retried, so a caller waits at most about one read timeout. A create is retried only when the
connection could not be made at all (refused, name lookup failed, connect timeout): then no byte
of the request left this machine. Once the request may have been sent, a failure raises an
`UncertainOutcome` so the caller can tell the person the meeting may exist, and is never re-sent:
a blind retry would make a duplicate meeting.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NewConnectionError,
    ReadTimeoutError,
)

from . import errors
from .fields import guess_field
from .models import Meeting, MeetingPage

log = logging.getLogger(__name__)
T = TypeVar("T")

RETRY_STATUSES = frozenset({502, 503, 504})
# 503 means "not handled"; other server errors on a create may come after the meeting was made.
CREATE_CERTAIN_FAILURES = frozenset({503})


class _BearerAuth(requests.auth.AuthBase):
    """Adds the API key per request; its repr never shows the key."""

    def __init__(self, api_key: str) -> None:
        self._api_key = api_key

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self._api_key}"
        return request

    def __repr__(self) -> str:
        return "_BearerAuth([redacted])"

    def scrub(self, text: str) -> str:
        """`text` without the key, should a service ever echo it back."""
        return text.replace(self._api_key, "[redacted]") if self._api_key else text


class WherebyClient:
    """Create, list, get and delete meetings; failures raise `meetings.whereby.errors` types."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        connect_timeout: float = 3.05,
        read_timeout: float = 10,
        read_retries: int = 2,
        backoff: float = 0.2,
        session: requests.Session | None = None,
        pool_size: int = 10,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._auth = _BearerAuth(api_key)
        self._timeout = (connect_timeout, read_timeout)
        self._read_retries = max(0, read_retries)
        self._backoff = backoff
        self._sleep = sleep
        self._clock = clock
        if session is None:
            session = requests.Session()
            # No retries inside urllib3: this class decides what may be sent twice.
            adapter = HTTPAdapter(pool_connections=1, pool_maxsize=pool_size, max_retries=0)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
        self._session = session

    def __repr__(self) -> str:
        parts = urlsplit(self.base_url)
        # Credentials written into the URL stay out of repr() as well.
        netloc = parts.netloc.rpartition("@")[2]
        return f"WherebyClient(base_url={parts._replace(netloc=netloc).geturl()!r})"

    def close(self) -> None:
        """Close the pooled connections."""
        self._session.close()

    def __enter__(self) -> WherebyClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the API -------------------------------------------------------------------------------

    def create_meeting(self, payload: Mapping[str, Any], *, fields: Sequence[str] = ()) -> Meeting:
        """Create a meeting from a payload shaped like the API body (`endDate`, ...)."""
        body = dict(payload)
        if fields:
            # On create, the reference takes `fields` as an array in the body, not the query.
            names = (fields,) if isinstance(fields, str) else tuple(fields)
            body["fields"] = list(dict.fromkeys([*body.get("fields", ()), *names]))
        response = self._send("POST", "/meetings", json_body=body)
        if response.status_code not in (200, 201):
            raise self._error(response, creating=True, payload=payload)
        try:
            return Meeting.from_api(response.json())
        except ValueError:  # also a body that is not JSON at all
            # The service said "created" but the answer is unreadable: the meeting probably exists.
            raise errors.UncertainInvalidResponse(status=response.status_code) from None

    def list_meetings(
        self, *, cursor: str | None = None, limit: int = 50, fields: Sequence[str] = ()
    ) -> MeetingPage:
        """One page of meetings, newest first; pass the returned cursor for the next page."""
        if not 1 <= limit <= 100:
            raise ValueError("limit must be between 1 and 100")
        params: dict[str, str | int] = {"limit": limit, **_fields(fields)}
        if cursor:
            params["cursor"] = cursor
        return self._parsed(self._send("GET", "/meetings", params=params), MeetingPage.from_api)

    def get_meeting(self, meeting_id: str, *, fields: Sequence[str] = ()) -> Meeting:
        """One meeting; raises NotFound when it was deleted or has expired."""
        response = self._send("GET", _meeting_path(meeting_id), params=_fields(fields))
        return self._parsed(response, Meeting.from_api)

    def delete_meeting(self, meeting_id: str) -> None:
        """Delete a meeting; one already gone counts as deleted (the API is idempotent)."""
        try:
            path = _meeting_path(meeting_id)
        except errors.NotFound:
            return  # no such meeting can exist
        response = self._send("DELETE", path)
        if response.status_code not in (200, 202, 204, 404):
            raise self._error(response)

    def ping(self) -> None:
        """Cheapest check that the API is reachable and accepts the key; raises on failure."""
        self.list_meetings(limit=1)

    # -- transport -----------------------------------------------------------------------------

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: Mapping[str, Any] | None = None,
    ) -> requests.Response:
        """Send one request, retrying only where sending it twice is harmless."""
        idempotent = method in ("GET", "DELETE", "HEAD")
        for attempt in range(self._read_retries + 1):
            last = attempt == self._read_retries
            started = time.monotonic()
            try:
                response = self._session.request(
                    method,
                    self.base_url + path,
                    params=params,
                    json=json_body,
                    auth=self._auth,
                    timeout=self._timeout,
                    allow_redirects=False,  # a redirect could carry the key elsewhere
                )
            except requests.RequestException as exc:
                unsent = _nothing_sent(exc)
                log.debug("%s %s failed: %s", method, path, type(exc).__name__)
                retryable = unsent or (idempotent and _is_connection_trouble(exc))
                if retryable and not last:
                    self._sleep(self._backoff * 2**attempt)
                    continue
                raise _transport_error(exc, uncertain=not (idempotent or unsent)) from exc
            elapsed_ms = (time.monotonic() - started) * 1000
            log.debug("%s %s -> %s in %.0f ms", method, path, response.status_code, elapsed_ms)
            if idempotent and response.status_code in RETRY_STATUSES and not last:
                response.close()
                self._sleep(self._backoff * 2**attempt)
                continue
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _parsed(self, response: requests.Response, build: Callable[[Any], T]) -> T:
        """A 200 answer built into its result; any other answer raises its error."""
        if response.status_code != 200:
            raise self._error(response)
        try:
            return build(response.json())
        except ValueError:  # not JSON, or not the shape the reference promises
            raise errors.InvalidResponse(status=response.status_code) from None

    def _error(
        self,
        response: requests.Response,
        *,
        creating: bool = False,
        payload: Mapping[str, Any] | None = None,
    ) -> errors.WherebyError:
        """The exception for a non-success answer."""
        status = response.status_code
        try:
            body: Any = response.json()
        except ValueError:
            body = None
        api_message = self._auth.scrub(_api_message(body, response.text if body is None else ""))
        if status == 400:
            field = guess_field(api_message, payload)
            return errors.BadRequest(api_message, field=field, status=status)
        if status == 401:
            return errors.Unauthorized(status=status, api_message=api_message)
        if status == 403:
            return errors.Forbidden(status=status, api_message=api_message)
        if status == 404:
            return errors.NotFound(status=status, api_message=api_message)
        if status == 429:
            wait = errors.retry_after_seconds(response.headers, body, self._clock())
            # Without any hint, the API's window is a rolling minute.
            return errors.RateLimited(60.0 if wait is None else wait, status=status)
        if 500 <= status <= 599:
            if creating and status not in CREATE_CERTAIN_FAILURES:
                return errors.UncertainUnavailable(status=status, api_message=api_message)
            return errors.Unavailable(status=status, api_message=api_message)
        if 400 <= status <= 499:
            return errors.WherebyError(
                f"The meetings service refused the request (error {status}).",
                status=status,
                api_message=api_message,
            )
        if creating and 200 <= status <= 299:
            return errors.UncertainInvalidResponse(status=status)
        return errors.InvalidResponse(status=status)


def _fields(fields: Sequence[str]) -> dict[str, str]:
    """`fields` as the API wants it: one comma-separated value (form style, explode false)."""
    if isinstance(fields, str):  # a lone name, not its letters
        fields = (fields,)
    return {"fields": ",".join(fields)} if fields else {}


def _meeting_path(meeting_id: str) -> str:
    text = str(meeting_id)
    if not text:
        raise ValueError("meeting_id is empty")
    if set(text) <= {"."}:
        # "." and ".." survive quoting and would be resolved away to another path.
        raise errors.NotFound()
    return "/meetings/" + quote(text, safe="")


def _api_message(body: Any, text: str) -> str:
    """The API's error text from `{"error": ...}` (or a plain-text body), kept short."""
    if isinstance(body, dict):
        for key in ("error", "message", "detail"):
            value = body.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()[:500]
    return text.strip()[:500] if text and "<" not in text[:1] else ""


def _nothing_sent(exc: requests.RequestException) -> bool:
    """True only when the connection itself failed, so the request never left this machine."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    if isinstance(exc, requests.ConnectionError) and not isinstance(
        exc, requests.exceptions.SSLError
    ):
        reason = exc.args[0] if exc.args else None
        if isinstance(reason, MaxRetryError):
            return isinstance(reason.reason, NewConnectionError | ConnectTimeoutError)
    return False


def _is_connection_trouble(exc: requests.RequestException) -> bool:
    """Connection errors worth a second try for reads (not read timeouts, bad URLs, TLS)."""
    if isinstance(exc, requests.exceptions.SSLError | requests.ReadTimeout):
        return False
    if exc.args and isinstance(exc.args[0], ReadTimeoutError):  # timed out mid-body
        return False
    return isinstance(exc, requests.ConnectionError | requests.exceptions.ChunkedEncodingError)


def _transport_error(exc: requests.RequestException, *, uncertain: bool) -> errors.WherebyError:
    """The exception for a request that got no usable answer."""
    timed_out = isinstance(exc, requests.Timeout) or (
        isinstance(exc, requests.ConnectionError)
        and "timed out" in str(exc.args[0] if exc.args else "").lower()
    )
    if uncertain:
        return errors.UncertainTimeout() if timed_out else errors.UncertainConnectionFailed()
    return errors.Timeout() if timed_out else errors.ConnectionFailed()
