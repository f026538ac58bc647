"""A valid create-meeting form, shared by the page tests and the browser tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo


def form_data(**overrides: Any) -> dict[str, Any]:
    """A valid create form: tomorrow 15:00-16:00 in Oslo, plus overrides (None drops)."""
    day = (datetime.now(ZoneInfo("Europe/Oslo")) + timedelta(days=1)).date()
    data: dict[str, Any] = {
        "submission_token": "token-" + datetime.now(UTC).strftime("%H%M%S%f"),
        "title": "Parents' evening",
        "start_date": day.isoformat(),
        "start_time": "15:00",
        "end_time": "16:00",
        "time_zone": "Europe/Oslo",
        "room_mode": "normal",
        "room_name_pattern": "uuid",
        "recording_type": "none",
        "recording_trigger": "none",
        "recording_provider": "whereby",
        "file_format": "",
        "transcription_trigger": "off",
        "transcription_language": "",
        "streaming_trigger": "none",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
