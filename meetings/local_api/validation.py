"""Validation of request bodies and query parameters, with plain messages naming the field."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

EXTRA_FIELDS = ("hostRoomUrl", "viewerRoomUrl")
ROOM_MODES = ("normal", "group")
ROOM_NAME_PATTERNS = ("uuid", "human-short")
PREFIX_RE = re.compile(r"[a-z0-9]{0,39}")

RECORDING_TYPES = ("none", "local", "cloud")
RECORDING_PROVIDERS = ("s3", "whereby")
RECORDING_FORMATS = ("mkv", "mp4")
RECORDING_TRIGGERS = ("none", "prompt", "automatic", "automatic-2nd-participant")
TRANSCRIPTION_TRIGGERS = ("none", "manual", "automatic", "automatic-2nd-participant")
STREAMING_TRIGGERS = ("none", "prompt", "automatic")
# The reference lists every language with a trailing comma ("en,"); both spellings are
# accepted and stored without the comma.
LANGUAGES = frozenset(
    {
        "bg",
        "ca",
        "zh",
        "zh-TW",
        "cs",
        "da",
        "nl",
        "en",
        "en-US",
        "en-GB",
        "et",
        "fi",
        "nl-BE",
        "fr",
        "de",
        "de-CH",
        "el",
        "hi",
        "hu",
        "id",
        "it",
        "ja",
        "ko",
        "lv",
        "lt",
        "ms",
        "no",
        "pl",
        "pt",
        "pt-BR",
        "ro",
        "ru",
        "sk",
        "es",
        "sv",
        "th",
        "tr",
        "uk",
        "vi",
    }
)


class ValidationError(ValueError):
    """Invalid input; the message is shown to the caller as is."""


@dataclass(frozen=True)
class MeetingRequest:
    """A validated `POST /meetings` body."""

    end: datetime
    room_name_prefix: str = ""
    room_name_pattern: str = "uuid"
    room_mode: str = "normal"
    is_locked: bool = False
    template_type: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    fields: frozenset[str] = frozenset()


def parse_meeting_request(body: Any) -> MeetingRequest:
    """Check a decoded JSON body and return the meeting it asks for."""
    if not isinstance(body, dict):
        raise ValidationError("The request body must be a JSON object.")
    if body.get("endDate") is None:
        raise ValidationError("endDate is required.")
    end = parse_datetime(body["endDate"], "endDate")
    if "startDate" in body and body["startDate"] is not None:
        # Deprecated and ignored by the reference, but it must still look like a date.
        parse_datetime(body["startDate"], "startDate")
    prefix = _prefix(body.get("roomNamePrefix"))
    pattern = _choice(body, "roomNamePattern", ROOM_NAME_PATTERNS, "uuid")
    mode = _choice(body, "roomMode", ROOM_MODES, "normal")
    locked = body.get("isLocked")
    if locked is None:
        locked = False
    elif not isinstance(locked, bool):
        raise ValidationError("isLocked must be true or false.")
    template = _choice(body, "templateType", ("viewerMode",), None)
    if template == "viewerMode":
        locked, mode = True, "group"
    options: dict[str, Any] = {}
    for name, check in (
        ("recording", _recording),
        ("liveTranscription", _live_transcription),
        ("streaming", _streaming),
    ):
        if body.get(name) is not None:
            options[name] = check(body[name])
    fields = parse_fields_list(body.get("fields"))
    return MeetingRequest(end, prefix, pattern, mode, locked, template, options, fields)


DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?"
)


def parse_datetime(value: Any, name: str) -> datetime:
    """An ISO 8601 date and time in any offset (UTC when none is given), as aware UTC."""
    if not isinstance(value, str):
        raise ValidationError(f"{name} must be a date and time text, e.g. 2030-05-07T17:42:49Z.")
    try:
        # A full date and time (format: date-time): no bare dates, week dates or
        # compact forms, which fromisoformat() would otherwise accept.
        if not DATE_TIME.fullmatch(value.strip()):
            raise ValueError
        # fromisoformat() wants upper-case T and Z; RFC 3339 allows lower case too.
        moment = datetime.fromisoformat(value.strip().upper())
    except ValueError:
        raise ValidationError(
            f"{name} must be an ISO 8601 date and time, e.g. 2030-05-07T17:42:49Z."
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValidationError(f"{name} is outside the supported range of dates.") from None


def parse_fields_list(value: Any) -> frozenset[str]:
    """The `fields` array of a request body."""
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError("fields must be a list containing hostRoomUrl and/or viewerRoomUrl.")
    return _known_fields(value)


def parse_fields_query(values: Iterable[str]) -> frozenset[str]:
    """The `fields` query parameter: comma-separated, possibly repeated."""
    names = [part.strip() for value in values for part in value.split(",")]
    return _known_fields(name for name in names if name)


def parse_limit(value: str | None) -> int:
    """The `limit` query parameter: a whole number from 1 to 100, 50 when absent."""
    if value is None:
        return 50
    text = value.strip()
    if not re.fullmatch(r"[0-9]{1,3}", text) or not 1 <= int(text) <= 100:
        raise ValidationError("limit must be a whole number from 1 to 100.")
    return int(text)


def _known_fields(names: Iterable[str]) -> frozenset[str]:
    chosen = frozenset(names)
    unknown = sorted(chosen - set(EXTRA_FIELDS))
    if unknown:
        raise ValidationError(
            f"fields may only contain hostRoomUrl and viewerRoomUrl, not {unknown[0]!r}."
        )
    return chosen


def _prefix(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError("roomNamePrefix must be text.")
    prefix = value.lower().replace(" ", "")
    if not PREFIX_RE.fullmatch(prefix):
        raise ValidationError(
            "roomNamePrefix may only contain letters a-z and digits 0-9, at most 39 of them."
        )
    return prefix


def _choice(body: dict[str, Any], name: str, allowed: tuple[str, ...], default: str | None):
    value = body.get(name)
    if value is None:
        return default
    return _enum(value, name, allowed)


def _enum(value: Any, name: str, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValidationError(f"{name} must be one of: {', '.join(allowed)}.")
    return value


def _object(value: Any, name: str, required: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValidationError(f"{name} must be an object.")
    for member in required:
        if member not in value:
            raise ValidationError(f"{name}.{member} is required.")
    return value


def _nullable_enum(value: Any, name: str, allowed: tuple[str, ...]) -> str | None:
    # The reference documents null as "take the organisation's setting".
    return None if value is None else _enum(value, name, allowed)


def _text(value: Any, name: str, *, required: bool) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValidationError(f"{name} must be {'non-empty ' if required else ''}text.")
    return value


def _recording(value: Any) -> dict[str, Any]:
    data = _object(value, "recording", ("type", "destination", "startTrigger"))
    result: dict[str, Any] = {
        "type": _enum(data["type"], "recording.type", RECORDING_TYPES),
        "startTrigger": _nullable_enum(
            data["startTrigger"], "recording.startTrigger", RECORDING_TRIGGERS
        ),
        "destination": None,
    }
    if data["destination"] is not None:
        dest = _object(data["destination"], "recording.destination", ("provider",))
        provider = _enum(dest["provider"], "recording.destination.provider", RECORDING_PROVIDERS)
        s3 = provider == "s3"
        stored: dict[str, Any] = {"provider": provider}
        for member in ("bucket", "accessKeyId", "accessKeySecret"):
            name = f"recording.destination.{member}"
            if s3 and dest.get(member) is None:
                raise ValidationError(f"{name} is required when the provider is s3.")
            stored[member] = _text(dest.get(member), name, required=s3)
        if dest.get("fileFormat") is not None:
            stored["fileFormat"] = _enum(
                dest["fileFormat"], "recording.destination.fileFormat", RECORDING_FORMATS
            )
        result["destination"] = stored
    return result


def _live_transcription(value: Any) -> dict[str, Any]:
    data = _object(value, "liveTranscription", ("startTrigger",))
    result = {
        "startTrigger": _nullable_enum(
            data["startTrigger"], "liveTranscription.startTrigger", TRANSCRIPTION_TRIGGERS
        ),
        "language": None,
    }
    language = data.get("language")
    if language is not None:
        if not isinstance(language, str) or language.removesuffix(",") not in LANGUAGES:
            raise ValidationError(
                "liveTranscription.language must be a supported language code, e.g. en or de."
            )
        result["language"] = language.removesuffix(",")
    return result


def _streaming(value: Any) -> dict[str, Any]:
    data = _object(value, "streaming", ("destination", "startTrigger"))
    dest = _object(data["destination"], "streaming.destination", ("url",))
    return {
        "destination": {"url": _text(dest["url"], "streaming.destination.url", required=True)},
        "startTrigger": _nullable_enum(
            data["startTrigger"], "streaming.startTrigger", STREAMING_TRIGGERS
        ),
    }
