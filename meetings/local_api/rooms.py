"""The room page behind every room URL: a plain development stand-in, not a video call."""

from __future__ import annotations

import hmac
from datetime import datetime
from html import escape

from .store import Meeting

ROLES = {
    "participant": "You would join as a participant.",
    "host": "You would join as the host: you could let people in, lock the room and "
    "mute or remove participants.",
    "viewer": "You would join as a viewer: you could watch and listen, "
    "but not turn on a camera or microphone.",
}

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
</head>
<body>
<main>
<p><strong>Development stand-in:</strong> this page is served by the embedded meetings
service. It is not a video call; with real Whereby this link opens the meeting room.</p>
<h1>{title}</h1>
{body}
</main>
</body>
</html>
"""


def role_for(meeting: Meeting, room_key: str | None) -> tuple[str, bool]:
    """The role a link gives, and whether a room key was given but not recognised."""
    if not room_key:
        return "participant", False
    given = room_key.encode()
    if hmac.compare_digest(given, meeting.host_key.encode()):
        return "host", False
    if hmac.compare_digest(given, meeting.viewer_key.encode()):
        return "viewer", False
    return "participant", True


def render_room(meeting: Meeting | None, room_key: str | None, now: datetime) -> tuple[int, str]:
    """The status code and HTML of a room page."""
    if meeting is None:
        return 404, _page(
            "Room not found",
            "<p>There is no room at this address. It may have been deleted, "
            "or the link may be mistyped.</p>",
        )
    name = escape(meeting.room_name)
    if not meeting.is_live(now):
        return 404, _page(
            "This room has expired",
            f"<p>The room <code>{name}</code> has expired: rooms close one hour after "
            "the meeting's end.</p>",
        )
    role, unrecognised = role_for(meeting, room_key)
    lines = [
        f"<p>Room: <code>{name}</code></p>",
        f"<p>Your role: <strong>{escape(role)}</strong>. {escape(ROLES[role])}</p>",
    ]
    if unrecognised:
        lines.append(
            "<p>The room key in this link is not valid, so it only gives the participant role.</p>"
        )
    end = meeting.end.strftime("%Y-%m-%d %H:%M UTC")
    size = "a large group" if meeting.room_mode == "group" else "up to 4 people"
    lines.append(f"<p>Ends: {escape(end)}. Room size: {escape(size)}.</p>")
    if meeting.is_locked:
        lines.append("<p>The room is locked: a host lets people in.</p>")
    return 200, _page(f"Meeting room ({role})", "\n".join(lines))


def _page(title: str, body: str) -> str:
    return PAGE.format(title=escape(title), body=body)
