"""The API's room options in plain words: choices for the form and the summary on pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wtforms.fields.choices import SelectChoice

ROOM_SIZES = [
    ("normal", "Small: up to 4 people"),
    ("group", "Large: more than 4 people"),
]
NAME_STYLES = [
    ("uuid", "Long and unguessable (recommended)"),
    ("human-short", "Short and easy to read out"),
]
RECORDING_TYPES = [
    ("none", "Don't record"),
    ("local", "Let people record in their own browser"),
    ("cloud", "Record in the cloud"),
]
RECORDING_TRIGGERS = [
    ("none", "A host starts it by hand"),
    ("prompt", "Ask the first person who may record"),
    ("automatic", "Start when the first person joins"),
    ("automatic-2nd-participant", "Start when the second person joins"),
]
RECORDING_PROVIDERS = [
    ("whereby", "Whereby's storage"),
    ("s3", "Our own Amazon S3 bucket"),
]
FILE_FORMATS = [
    ("", "Organisation default"),
    ("mp4", "MP4 (plays almost everywhere)"),
    ("mkv", "MKV"),
]
TRANSCRIPTION_TRIGGERS = [
    ("off", "No live captions"),
    ("manual", "A host starts them by hand"),
    ("automatic", "Start when the first person joins"),
    ("automatic-2nd-participant", "Start when the second person joins"),
]
STREAMING_TRIGGERS = [
    ("none", "A host starts it by hand"),
    ("prompt", "Ask the host to start it when they join"),
    ("automatic", "Start when the first person joins"),
]
# The API's language codes (its reference lists each with a stray trailing comma).
LANGUAGES = [
    ("", "Organisation default"),
    ("bg", "Bulgarian"), ("ca", "Catalan"), ("zh", "Chinese"), ("zh-TW", "Chinese (Taiwan)"),
    ("cs", "Czech"), ("da", "Danish"), ("nl", "Dutch"), ("nl-BE", "Dutch (Belgium)"),
    ("en", "English"), ("en-US", "English (US)"), ("en-GB", "English (UK)"),
    ("et", "Estonian"), ("fi", "Finnish"), ("fr", "French"), ("de", "German"),
    ("de-CH", "German (Switzerland)"), ("el", "Greek"), ("hi", "Hindi"), ("hu", "Hungarian"),
    ("id", "Indonesian"), ("it", "Italian"), ("ja", "Japanese"), ("ko", "Korean"),
    ("lv", "Latvian"), ("lt", "Lithuanian"), ("ms", "Malay"), ("no", "Norwegian"),
    ("pl", "Polish"), ("pt", "Portuguese"), ("pt-BR", "Portuguese (Brazil)"),
    ("ro", "Romanian"), ("ru", "Russian"), ("sk", "Slovak"), ("es", "Spanish"),
    ("sv", "Swedish"), ("th", "Thai"), ("tr", "Turkish"), ("uk", "Ukrainian"),
    ("vi", "Vietnamese"),
]  # fmt: skip


def as_choices(pairs: list[tuple[str, str]]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


def _label(choices: list[tuple[str, str]], value: str | None) -> str:
    return dict(choices).get(value or "", value or "")


def summarise(options: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Plain-language lines describing a meeting's stored options (never secrets)."""
    lines = [("Meeting size", _label(ROOM_SIZES, options.get("roomMode", "normal")))]
    if options.get("templateType") == "viewerMode":
        lines.append(("Presentation mode", "On: viewers watch and listen only"))
    lines.append(
        ("Room lock", "Locked: hosts let people in" if options.get("isLocked") else "Open")
    )
    if options.get("roomNamePrefix"):
        lines.append(("Room name starts with", options["roomNamePrefix"]))
    lines.append(("Room name style", _label(NAME_STYLES, options.get("roomNamePattern", "uuid"))))
    recording = options.get("recording") or {}
    text = _label(RECORDING_TYPES, recording.get("type", "none"))
    if recording.get("type") == "cloud":
        where = _label(RECORDING_PROVIDERS, (recording.get("destination") or {}).get("provider"))
        text += f" ({_label(RECORDING_TRIGGERS, recording.get('startTrigger'))}; stored in {where})"
    lines.append(("Recording", text))
    transcription = options.get("liveTranscription")
    if transcription:
        text = _label(TRANSCRIPTION_TRIGGERS, transcription.get("startTrigger"))
        if transcription.get("language"):
            text += f" ({_label(LANGUAGES, transcription['language'])})"
        lines.append(("Live captions", text))
    streaming = options.get("streaming")
    if streaming:
        lines.append(("Live stream", _label(STREAMING_TRIGGERS, streaming.get("startTrigger"))))
    return lines
