"""The WSGI app of the embedded service: /v1/meetings, /v1/meetings/<id> and room pages."""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from . import ratelimit
from .cursor import CursorCodec
from .rooms import render_room
from .store import Meeting, Store
from .validation import (
    ValidationError,
    parse_fields_query,
    parse_limit,
    parse_meeting_request,
)

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
API_PREFIX = "/v1/"
MAX_BODY = 256 * 1024


class ApiRequest(Request):
    """A request whose body may not exceed what a meeting could sensibly need."""

    max_content_length = MAX_BODY


class LocalApi:
    """The embedded Whereby-compatible meetings service as a WSGI application."""

    def __init__(
        self, store: Store, api_key: str, points_per_minute: int | None, clock: Clock
    ) -> None:
        if not api_key:
            raise ValueError("The embedded meetings service needs an API key.")
        if points_per_minute is not None and points_per_minute < 1:
            raise ValueError("points_per_minute must be at least 1.")
        self.store = store
        self.points_per_minute = points_per_minute
        self.clock = clock
        self.cursors = CursorCodec(store.secret)
        self._api_key = api_key.encode()
        self.url_map = Map(
            [
                Rule("/v1/meetings", endpoint="meetings", methods=["GET", "POST"]),
                Rule("/v1/meetings/<meeting_id>", endpoint="meeting", methods=["GET", "DELETE"]),
                Rule("/<room>", endpoint="room", methods=["GET"]),
            ]
        )

    def __repr__(self) -> str:
        return f"LocalApi({self.store!r})"

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        request = ApiRequest(environ)
        return self.handle(request)(environ, start_response)

    def handle(self, request: Request) -> Response:
        """Route a request; every failure becomes a JSON (or, for rooms, HTML) answer."""
        api = request.path.startswith(API_PREFIX)
        try:
            endpoint, args = self.url_map.bind_to_environ(request.environ).match()
            if endpoint == "room":
                return self.room(request, args["room"])
            return self.api(request, endpoint, args)
        except ValidationError as error:
            return _json({"error": str(error)}, 400)
        except HTTPException as error:
            if error.code is not None and error.code < 400:
                return error.get_response(request.environ)  # e.g. a slash redirect
            if not api and isinstance(error, NotFound):
                return self.room(request, None)
            return _json({"error": _http_message(error)}, error.code or 500, error)
        except Exception:
            # A genuine bug: say so plainly, never with a traceback (logged without the body).
            log.exception("Unexpected error on %s %s", request.method, request.path)
            return _json({"error": "The meetings service hit an unexpected error."}, 500)

    def api(self, request: Request, endpoint: str, args: dict[str, str]) -> Response:
        """Authenticate, apply the rate limit, then run the operation."""
        if not self._authorised(request):
            response = _json({"error": "A valid API key is required (Authorization: Bearer)."}, 401)
            response.headers["WWW-Authenticate"] = "Bearer"
            return response
        decision = None
        if self.points_per_minute is not None:
            cost = ratelimit.COSTS.get(request.method, 1)
            decision = ratelimit.spend(self.store, self.clock(), cost, self.points_per_minute)
            if not decision.allowed:
                body = {
                    "error": "Rate limit active for throttle key: organization:local",
                    "data": {"msLeft": decision.ms_left},
                }
                response = _json(body, 429)
                response.headers.update(decision.headers())
                return response
        try:
            response = self.dispatch(request, endpoint, args)
        except ValidationError as error:
            response = _json({"error": str(error)}, 400)
        if decision is not None:
            response.headers.update(decision.headers())
        return response

    def dispatch(self, request: Request, endpoint: str, args: dict[str, str]) -> Response:
        """Run one API operation."""
        if endpoint == "meetings":
            return self.create(request) if request.method == "POST" else self.list(request)
        meeting_id = _meeting_id(args["meeting_id"])
        if request.method == "DELETE":
            if meeting_id is not None:
                self.store.delete(meeting_id)
            return Response(status=204)
        fields = parse_fields_query(request.args.getlist("fields"))
        meeting = self.store.get(meeting_id, self.clock()) if meeting_id is not None else None
        if meeting is None:
            return _json({"error": "There is no meeting with this id."}, 404)
        return _json(self.present(request, meeting, fields), 200)

    def create(self, request: Request) -> Response:
        """POST /v1/meetings."""
        try:
            body = json.loads(request.get_data(cache=False))
        except (ValueError, RecursionError):
            raise ValidationError("The request body must be valid JSON.") from None
        wanted = parse_meeting_request(body)
        now = self.clock()
        if wanted.end < now.replace(microsecond=0):
            raise ValidationError("endDate must not be in the past.")
        meeting = self.store.create(
            now=now,
            end=wanted.end,
            prefix=wanted.room_name_prefix,
            pattern=wanted.room_name_pattern,
            room_mode=wanted.room_mode,
            is_locked=wanted.is_locked,
            template_type=wanted.template_type,
            options=wanted.options,
        )
        fields = wanted.fields
        if wanted.template_type == "viewerMode":
            # The reference: a viewer-mode room is created with both extra links.
            fields = fields | {"hostRoomUrl", "viewerRoomUrl"}
        return _json(self.present(request, meeting, fields), 201)

    def list(self, request: Request) -> Response:
        """GET /v1/meetings: newest first, one keyset page at a time."""
        limit = parse_limit(request.args.get("limit"))
        fields = parse_fields_query(request.args.getlist("fields"))
        raw_cursor = request.args.get("cursor")
        after = self.cursors.decode(raw_cursor) if raw_cursor else None
        meetings, next_position = self.store.page(self.clock(), after, limit)
        body = {
            "results": [self.present(request, meeting, fields) for meeting in meetings],
            "cursor": self.cursors.encode(next_position) if next_position else None,
        }
        return _json(body, 200)

    def room(self, request: Request, room: str | None) -> Response:
        """A room page (participant, or host/viewer with a roomKey)."""
        meeting = self.store.find_room("/" + room) if room else None
        status, html = render_room(meeting, request.args.get("roomKey"), self.clock())
        response = Response(html, status=status, content_type="text/html; charset=utf-8")
        # The URL may carry a room key: keep it out of caches and Referer headers.
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Security-Policy"] = "default-src 'none'"
        return response

    def present(self, request: Request, meeting: Meeting, fields: frozenset[str]) -> dict:
        """The Meeting object of the reference, with the extra URLs asked for."""
        room_url = request.host_url + meeting.room_name.lstrip("/")
        body: dict[str, Any] = {
            "meetingId": str(meeting.id),
            "roomName": meeting.room_name,
            "roomUrl": room_url,
            "startDate": _iso(meeting.start),
            "endDate": _iso(meeting.end),
        }
        if "hostRoomUrl" in fields:
            body["hostRoomUrl"] = f"{room_url}?roomKey={meeting.host_key}"
        if "viewerRoomUrl" in fields:
            body["viewerRoomUrl"] = f"{room_url}?roomKey={meeting.viewer_key}"
        return body

    def _authorised(self, request: Request) -> bool:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            token.strip().encode(), self._api_key
        )


def _meeting_id(text: str) -> int | None:
    """A stored id is a positive integer; anything else names no meeting."""
    # Canonical digits only: "001" must not name meeting 1.
    if text.isascii() and text.isdigit() and len(text) <= 18 and not text.startswith("0"):
        return int(text)
    return None


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _http_message(error: HTTPException) -> str:
    messages = {
        404: "There is nothing at this address.",
        405: "This method is not allowed here.",
        413: "The request body is too large.",
    }
    return messages.get(error.code or 0, error.name)


def _json(body: Any, status: int, error: HTTPException | None = None) -> Response:
    response = Response(json.dumps(body), status=status, content_type="application/json")
    response.headers["Cache-Control"] = "no-store"
    if error is not None and error.code == 405:
        response.headers["Allow"] = ", ".join(error.valid_methods or [])
    return response
