"""Which request field an API error message is about, so a form can show it beside that field."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Request fields of the API, most specific first where a leaf name is shared.
KNOWN_FIELDS: tuple[str, ...] = (
    "endDate",
    "startDate",
    "isLocked",
    "roomMode",
    "roomNamePrefix",
    "roomNamePattern",
    "templateType",
    "recording.destination.provider",
    "recording.destination.bucket",
    "recording.destination.accessKeyId",
    "recording.destination.accessKeySecret",
    "recording.destination.fileFormat",
    "recording.destination",
    "recording.startTrigger",
    "recording.type",
    "recording",
    "liveTranscription.startTrigger",
    "liveTranscription.language",
    "liveTranscription",
    "streaming.destination.url",
    "streaming.destination",
    "streaming.startTrigger",
    "streaming",
    "fields",
    "limit",
    "cursor",
)


def _name_pattern(name: str) -> re.Pattern[str]:
    """`roomNamePrefix` also matches "room name prefix", "room_name_prefix", "RoomNamePrefix"."""
    words = re.findall(r"[a-z0-9]+|[A-Z][a-z0-9]*", name)
    joined = r"[\s_-]?".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![A-Za-z0-9]){joined}(?![A-Za-z0-9])", re.IGNORECASE)


def _path_pattern(path: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.]){re.escape(path)}(?![\w])", re.IGNORECASE)


def guess_field(message: str, payload: Mapping[str, Any] | None = None) -> str | None:
    """Best guess of the request field an API error message is about, or None."""
    if not message:
        return None
    # 1. A dotted path written out in full ("recording.destination.bucket") is unambiguous.
    dotted = [p for p in KNOWN_FIELDS if "." in p]
    found = [(m.start(), -len(p), p) for p in dotted if (m := _path_pattern(p).search(message))]
    if found:
        return min(found)[2]
    # 2. Leaf names ("bucket", "endDate", "room name prefix"): earliest mention wins.
    payload = payload or {}
    candidates: dict[str, tuple[int, int, int]] = {}
    for order, path in enumerate(KNOWN_FIELDS):
        parts = path.split(".")
        match = _name_pattern(parts[-1]).search(message)
        if not match:
            continue
        # A shared leaf ("startTrigger") prefers the parent the message or payload mentions.
        parents = parts[:-1]
        mentioned = (
            not parents
            or any(_name_pattern(p).search(message) for p in parents)
            or parents[0] in payload
        )
        candidates[path] = (match.start(), 0 if mentioned else 1, order)
    # "streaming: startTrigger ..." is about streaming.startTrigger, not all of streaming.
    specific = {
        path: rank
        for path, rank in candidates.items()
        if not any(
            other.startswith(path + ".") and other_rank[1] == 0
            for other, other_rank in candidates.items()
        )
    }
    if not specific:
        return None
    return min(specific, key=lambda path: specific[path])
