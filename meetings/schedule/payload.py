"""The API request body for a new meeting, and what of it we keep (never secrets)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..timezones import zone

if TYPE_CHECKING:
    from .forms import CreateMeetingForm

# Options kept verbatim with the meeting; recording and streaming are trimmed of secrets.
SAFE_OPTIONS = (
    "roomMode",
    "isLocked",
    "templateType",
    "roomNamePrefix",
    "roomNamePattern",
    "liveTranscription",
)


def meeting_payload(form: CreateMeetingForm) -> dict[str, Any]:
    """The POST /meetings body from a validated create form."""
    assert form.end_utc is not None
    payload: dict[str, Any] = {
        # The end in the meeting's own zone, with its offset; the API stores UTC.
        "endDate": form.end_utc.astimezone(zone(form.time_zone.data)).isoformat(),
        "roomNamePattern": form.room_name_pattern.data,
    }
    if form.viewer_mode.data:
        payload["templateType"] = "viewerMode"
    else:
        payload["roomMode"] = form.room_mode.data
        payload["isLocked"] = bool(form.is_locked.data)
    if form.room_name_prefix.data:
        payload["roomNamePrefix"] = form.room_name_prefix.data
    recording = _recording(form)
    if recording:
        payload["recording"] = recording
    if form.transcription_trigger.data != "off":
        captions = {"startTrigger": form.transcription_trigger.data}
        if form.transcription_language.data:
            captions["language"] = form.transcription_language.data
        payload["liveTranscription"] = captions
    url = (form.streaming_url.data or "").strip()
    if url:
        payload["streaming"] = {
            "destination": {"url": url},
            "startTrigger": form.streaming_trigger.data,
        }
    return payload


def _recording(form: CreateMeetingForm) -> dict[str, Any] | None:
    kind = form.recording_type.data
    if kind == "none":
        return None  # leave recording off rather than touch a plan without it
    if kind == "local":
        return {"type": "local", "destination": {"provider": "whereby"}, "startTrigger": "none"}
    destination: dict[str, Any] = {"provider": form.recording_provider.data}
    if form.recording_provider.data == "s3":
        destination.update(
            bucket=form.s3_bucket.data.strip(),
            accessKeyId=form.s3_access_key_id.data.strip(),
            accessKeySecret=form.s3_access_key_secret.data,
        )
    if form.file_format.data:
        destination["fileFormat"] = form.file_format.data
    return {
        "type": "cloud",
        "destination": destination,
        "startTrigger": form.recording_trigger.data,
    }


def stored_options(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload minus secrets, kept with the meeting for the summary on its pages."""
    kept = {key: payload[key] for key in SAFE_OPTIONS if key in payload}
    if "recording" in payload:
        recording = payload["recording"]
        kept["recording"] = {
            "type": recording["type"],
            "startTrigger": recording.get("startTrigger"),
            "destination": {"provider": recording["destination"].get("provider")},
        }
    if "streaming" in payload:
        # The RTMP address usually embeds the stream key: keep only when it starts.
        kept["streaming"] = {"startTrigger": payload["streaming"]["startTrigger"]}
    return kept
