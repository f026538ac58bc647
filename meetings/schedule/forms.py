"""The create-meeting form: typed values out, the API payload built in one place."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from ..timezones import LocalTimeError, describe_span, in_zone, to_utc, zone_choices
from . import options as opt
from .payload import meeting_payload

OUT_OF_DATE = "was out of date. Check the details and press Create meeting again."
PREFIX_RE = re.compile(r"^[a-z0-9]{0,39}$")

# Where the API's 400 messages land: its field names -> our form fields.
API_FIELDS = {
    "endDate": "end_time",
    "roomNamePrefix": "room_name_prefix",
    "roomNamePattern": "room_name_pattern",
    "roomMode": "room_mode",
    "isLocked": "is_locked",
    "templateType": "viewer_mode",
    "recording.destination.bucket": "s3_bucket",
    "recording.destination.accessKeyId": "s3_access_key_id",
    "recording.destination.accessKeySecret": "s3_access_key_secret",
    "recording.destination.fileFormat": "file_format",
    "recording.destination": "recording_provider",
    "recording.startTrigger": "recording_trigger",
    "recording": "recording_type",
    "liveTranscription.language": "transcription_language",
    "liveTranscription": "transcription_trigger",
    "streaming.destination.url": "streaming_url",
    "streaming.destination": "streaming_url",
    "streaming": "streaming_trigger",
}


def normalise_prefix(value: str | None) -> str:
    """What the API does to a room name prefix: lower-case, spaces removed."""
    return re.sub(r"\s+", "", value or "").lower()


class CreateMeetingForm(FlaskForm):
    """Title, when, and the API's room options; see `to_payload`."""

    # One-time token that makes a resubmitted form harmless (see schedule/create.py).
    submission_token = HiddenField(
        "This form",
        validators=[
            DataRequired(OUT_OF_DATE),
            Length(min=16, max=64, message=OUT_OF_DATE),
        ],
    )
    title = StringField(
        "Title",
        validators=[DataRequired("Give the meeting a title."), Length(max=200)],
        description="People see this on the meeting page, e.g. “Parents' evening, class 3B”.",
    )
    start_date = DateField("Date", validators=[InputRequired("Choose the day of the meeting.")])
    start_time = TimeField("Starts at", validators=[InputRequired("Choose when it starts.")])
    end_date = DateField(
        "Ends on (date)",
        validators=[Optional()],
        description="Leave empty if it ends the same day.",
    )
    end_time = TimeField("Ends at", validators=[InputRequired("Choose when it ends.")])
    time_zone = SelectField(
        "Time zone",
        choices=zone_choices,
        description="The times above are in this zone. Guests see the times in their own.",
    )

    room_mode = RadioField("Meeting size", choices=opt.as_choices(opt.ROOM_SIZES), default="normal")
    is_locked = BooleanField(
        "Lock the room", description="Only hosts can let people in, one by one."
    )
    room_name_prefix = StringField(
        "Room name starts with",
        filters=[normalise_prefix],
        validators=[
            Length(max=39, message="Use at most 39 letters and digits."),
            Regexp(
                PREFIX_RE, message="Use only letters a–z and digits 0–9 (no dashes or accents)."
            ),
        ],
        description="Optional. Lower-case letters and digits; spaces are removed.",
    )
    room_name_pattern = RadioField(
        "Room name style", choices=opt.as_choices(opt.NAME_STYLES), default="uuid"
    )
    viewer_mode = BooleanField(
        "Presentation mode",
        description="Hosts present; everyone else watches and listens only. "
        "This locks the room and makes it a large room.",
    )

    recording_type = RadioField(
        "Recording", choices=opt.as_choices(opt.RECORDING_TYPES), default="none"
    )
    recording_trigger = SelectField(
        "When to start recording", choices=opt.as_choices(opt.RECORDING_TRIGGERS), default="none"
    )
    recording_provider = RadioField(
        "Where to keep recordings",
        choices=opt.as_choices(opt.RECORDING_PROVIDERS),
        default="whereby",
    )
    s3_bucket = StringField(
        "S3 bucket",
        validators=[Length(max=255)],
        description="A bucket name, optionally with a folder: my-bucket/recordings",
    )
    s3_access_key_id = StringField("S3 access key ID", validators=[Length(max=128)])
    s3_access_key_secret = PasswordField("S3 secret access key", validators=[Length(max=256)])
    file_format = SelectField("File format", choices=opt.as_choices(opt.FILE_FORMATS), default="")

    transcription_trigger = SelectField(
        "Live captions", choices=opt.as_choices(opt.TRANSCRIPTION_TRIGGERS), default="off"
    )
    transcription_language = SelectField(
        "Caption language", choices=opt.as_choices(opt.LANGUAGES), default=""
    )

    streaming_url = StringField(
        "Stream to (RTMP address)",
        validators=[Optional(), Length(max=2048)],
        description="Optional. The address your streaming service gives you, "
        "e.g. rtmp://a.rtmp.youtube.com/live2/your-key",
    )
    streaming_trigger = SelectField(
        "When to start streaming", choices=opt.as_choices(opt.STREAMING_TRIGGERS), default="none"
    )

    def __init__(self, *args: Any, now: datetime | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.now = now or datetime.now(UTC)
        self.start_utc: datetime | None = None
        self.end_utc: datetime | None = None
        self.ambiguous = False

    # -- validation ----------------------------------------------------------------

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks, then the checks that need several fields at once."""
        ok = super().validate(extra_validators)
        ok = self._validate_times() and ok
        return self._validate_options() and ok

    def _validate_times(self) -> bool:
        if self.time_zone.errors or None in (
            self.start_date.data,
            self.start_time.data,
            self.end_time.data,
        ):
            return False
        zone_name = self.time_zone.data
        start_day: date = self.start_date.data
        end_day: date = self.end_date.data or start_day
        try:
            start = to_utc(start_day, self.start_time.data, zone_name)
        except LocalTimeError as error:
            self.start_time.errors.append(str(error))
            return False
        try:
            end = to_utc(end_day, self.end_time.data, zone_name)
        except LocalTimeError as error:
            self.end_time.errors.append(str(error))
            return False
        self.start_utc, self.end_utc = start.utc, end.utc
        self.ambiguous = start.ambiguous or end.ambiguous
        if end.utc <= start.utc:
            self.end_time.errors.append("The meeting must end after it starts.")
            return False
        if end.utc <= self.now:
            self.end_time.errors.append("That end time has already passed. Choose a later one.")
            return False
        return True

    def _validate_options(self) -> bool:
        ok = True
        if self.recording_type.data == "cloud" and self.recording_provider.data == "s3":
            for field in (self.s3_bucket, self.s3_access_key_id, self.s3_access_key_secret):
                if not (field.data or "").strip():
                    field.errors.append("Needed when recordings go to your own S3 bucket.")
                    ok = False
        url = (self.streaming_url.data or "").strip()
        parts = urlsplit(url)
        if url and (parts.scheme.lower() not in ("rtmp", "rtmps") or not parts.netloc):
            self.streaming_url.errors.append(
                "Paste the full address your streaming service gives you, starting rtmp://"
            )
            ok = False
        return ok

    def preview(self) -> str | None:
        """'Tue 1 Dec 2026, 15:00–16:00 Europe/Oslo (14:00–15:00 UTC)' once times are valid."""
        if self.start_utc is None and not self.errors:
            # Not validated yet (the blank form): resolve the suggested times quietly.
            quiet = (self.time_zone, self.start_time, self.end_time)
            for field in quiet:
                field.errors = []
            self._validate_times()
            for field in quiet:
                field.errors = []
        if self.start_utc is None or self.end_utc is None or self.end_utc <= self.start_utc:
            return None
        return describe_span(
            self.start_utc, self.end_utc, self.time_zone.data, with_offset=self.ambiguous
        )

    # -- output ---------------------------------------------------------------------

    def to_payload(self) -> dict[str, Any]:
        """The POST /meetings body. Call after a successful `validate()`."""
        return meeting_payload(self)

    def apply_api_error(self, api_field: str | None, message: str) -> None:
        """Put the API's own 400 message next to the field it is about (or the form top)."""
        name = API_FIELDS.get(api_field or "")
        if name is None and api_field:
            # "recording.destination.foo" -> the closest mapped parent.
            parts = api_field.split(".")
            while parts and name is None:
                parts.pop()
                name = API_FIELDS.get(".".join(parts))
        target = getattr(self, name) if name else None
        if target is None:
            self.form_errors.append(message)
        else:
            target.errors = [*target.errors, message]


def default_times(now: datetime, zone_name: str) -> tuple[datetime, datetime]:
    """The next whole hour on the organiser's clock, one hour long, never in a DST gap."""
    start = in_zone(now, zone_name).replace(tzinfo=None, minute=0, second=0, microsecond=0)
    for _ in range(3):
        start += timedelta(hours=1)
        try:
            to_utc(start.date(), start.time(), zone_name)
            to_utc(start.date(), (start + timedelta(hours=1)).time(), zone_name)
        except LocalTimeError:
            continue
        break
    return start, start + timedelta(hours=1)
