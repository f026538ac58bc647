"""Creating a meeting: the form, time zones, room options, exactly-once, no orphans."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from meetings.extensions import db
from meetings.models import MeetingRecord
from tests.pages.conftest import api_meeting, create_meeting, form_data

# Dates next year, so the tests never fall into the past.
Y = datetime.now(UTC).year + 1


def sunday(month: int, nth: int) -> date:
    """The nth Sunday of `month` next year; nth=-1 is the last one."""
    days = [date(Y, month, d) for d in range(1, 32) if _valid(month, d)]
    sundays = [d for d in days if d.weekday() == 6]
    return sundays[nth if nth < 0 else nth - 1]


def _valid(month: int, day: int) -> bool:
    try:
        date(Y, month, day)
    except ValueError:
        return False
    return True


EU_SPRING, EU_AUTUMN = sunday(3, -1), sunday(10, -1)  # clocks change at 01:00 UTC
US_SPRING, US_AUTUMN = sunday(3, 2), sunday(11, 1)  # at 02:00 local time


def stored(api, meeting_id):
    """What the embedded service stored for a meeting (its options included)."""
    return api.app.store.get(int(meeting_id), api.clock.now())


def record_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(MeetingRecord))


def test_anonymous_cannot_see_or_post_the_form(client, api):
    assert client.get("/meetings/new").status_code == 302
    assert client.post("/meetings/new", data=form_data()).status_code == 302
    assert api.calls == []


def test_form_defaults_to_the_next_hour_in_the_profile_zone(app, make_account):
    from tests.fixtures.accounts import signed_in

    account = make_account("tz@example.org", time_zone="Asia/Tokyo")
    page = signed_in(app, account).get("/meetings/new").get_data(as_text=True)
    assert '<option selected value="Asia/Tokyo">' in page
    assert 'name="submission_token"' in page
    assert "More options" in page


def test_create_redirects_to_the_detail_page_and_records_the_meeting(app, organiser_client, api):
    response = organiser_client.post("/meetings/new", data=form_data(title="Team sync"))
    assert response.status_code == 303
    meeting_id = response.headers["Location"].rsplit("/", 1)[1]
    follow = organiser_client.get(response.headers["Location"])
    assert "Your meeting is ready" in follow.get_data(as_text=True)
    with app.app_context():
        record = db.session.scalar(select(MeetingRecord))
        assert record.meeting_id == meeting_id
        assert record.title == "Team sync"
        assert record.time_zone == "Europe/Oslo"
        assert record.scheduled_start.tzinfo is not None
        assert len(record.share_token) >= 32
    meeting = api_meeting(api, meeting_id).json()
    # 16:00 in Oslo in winter is 15:00 UTC; the API holds the end in UTC.
    assert meeting["endDate"] == record.end_date.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert record.end_date - record.scheduled_start == timedelta(hours=1)


def test_end_is_sent_with_the_zone_offset(organiser_client, api):
    meeting_id = create_meeting(
        organiser_client, start_date=f"{Y}-07-01", start_time="09:00", end_time="10:30",
        time_zone="America/New_York",
    )  # fmt: skip
    assert api_meeting(api, meeting_id).json()["endDate"] == f"{Y}-07-01T14:30:00Z"


@pytest.mark.parametrize(
    ("zone", "day", "clock"),
    [
        ("Europe/Oslo", EU_SPRING.isoformat(), "02:30"),
        ("America/New_York", US_SPRING.isoformat(), "02:15"),
    ],
)
def test_time_in_a_spring_forward_gap_is_refused(organiser_client, api, zone, day, clock):
    response = organiser_client.post(
        "/meetings/new", data=form_data(start_date=day, start_time=clock, end_time="05:00",
                                        time_zone=zone)
    )  # fmt: skip
    assert response.status_code == 422
    assert "does not exist" in response.get_data(as_text=True)
    assert api.calls == []


@pytest.mark.parametrize(
    ("zone", "day", "expected_end"),
    [
        # 02:45 the first time is still UTC+2; 01:45 the first time is still UTC-4.
        ("Europe/Oslo", EU_AUTUMN.isoformat(), f"{EU_AUTUMN}T00:45:00Z"),
        ("America/New_York", US_AUTUMN.isoformat(), f"{US_AUTUMN}T05:45:00Z"),
    ],
)
def test_time_in_a_fall_back_fold_takes_the_first_occurrence(
    organiser_client, api, zone, day, expected_end
):
    start = "02:00" if zone == "Europe/Oslo" else "01:00"
    end = "02:45" if zone == "Europe/Oslo" else "01:45"
    meeting_id = create_meeting(
        organiser_client, start_date=day, start_time=start, end_time=end, time_zone=zone
    )
    assert api_meeting(api, meeting_id).json()["endDate"] == expected_end


def test_preview_shows_both_zones_and_the_offset_when_ambiguous(organiser_client):
    response = organiser_client.get(
        f"/meetings/new/preview?start_date={US_AUTUMN}&start_time=01:15&end_time=01:45"
        "&time_zone=America/New_York&room_name_prefix=Front+Desk",
        headers={"HX-Request": "true"},
    )
    text = response.get_data(as_text=True)
    day = f"Sun {US_AUTUMN.day} Nov {Y}"
    assert f"{day}, 01:15 (UTC-04:00)–01:45 (UTC-04:00) America/New_York" in text
    assert "(05:15–05:45 UTC)" in text
    assert "happens twice" in text
    assert "/frontdesk-" in text


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"title": ""}, "Give the meeting a title."),
        ({"end_time": "14:00"}, "The meeting must end after it starts."),
        ({"start_date": "2020-01-01"}, "That end time has already passed."),
        ({"time_zone": "Mars/Olympus"}, "Not a valid choice"),
        ({"room_name_prefix": "front-desk"}, "Use only letters a–z and digits 0–9"),
        ({"room_name_prefix": "a" * 40}, "at most 39"),
        ({"room_mode": "huge"}, "Not a valid choice"),
        ({"recording_type": "cloud", "recording_provider": "s3"}, "Needed when recordings go"),
        ({"streaming_url": "http://example.org/live"}, "rtmp://"),
        ({"transcription_language": "xx"}, "Not a valid choice"),
    ],
)
def test_invalid_input_is_explained_and_nothing_is_created(
    organiser_client, api, overrides, field_message
):
    response = organiser_client.post("/meetings/new", data=form_data(**overrides))
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_message in text
    assert 'value="Parents&#39; evening"' in text or not form_data(**overrides).get("title")
    assert api.calls == []


def test_prefix_is_lower_cased_and_spaces_removed(organiser_client, api):
    meeting_id = create_meeting(organiser_client, room_name_prefix="Front Desk 2")
    assert stored(api, meeting_id).room_name.startswith("/frontdesk2-")


@pytest.mark.parametrize(
    ("overrides", "check"),
    [
        ({"room_mode": "group"}, lambda m: m.room_mode == "group" and not m.is_locked),
        ({"is_locked": "y"}, lambda m: m.is_locked),
        (
            {"viewer_mode": "y", "room_mode": "normal"},
            lambda m: m.template_type == "viewerMode" and m.is_locked and m.room_mode == "group",
        ),
        ({"room_name_pattern": "human-short"}, lambda m: len(m.room_name) == 7),
        (
            {"recording_type": "local"},
            lambda m: m.options["recording"]["type"] == "local",
        ),
        (
            {"recording_type": "cloud", "recording_trigger": "automatic-2nd-participant",
             "file_format": "mp4"},
            lambda m: (m.options["recording"]["type"], m.options["recording"]["startTrigger"],
                       m.options["recording"]["destination"]["provider"],
                       m.options["recording"]["destination"]["fileFormat"])
            == ("cloud", "automatic-2nd-participant", "whereby", "mp4"),
        ),
        (
            {"recording_type": "cloud", "recording_provider": "s3", "s3_bucket": "rec/team",
             "s3_access_key_id": "AKIAEXAMPLE", "s3_access_key_secret": "s3-secret-value"},
            lambda m: m.options["recording"]["destination"]["bucket"] == "rec/team",
        ),
        (
            {"transcription_trigger": "automatic", "transcription_language": "nl-BE"},
            lambda m: (m.options["liveTranscription"]["startTrigger"],
                       m.options["liveTranscription"]["language"]) == ("automatic", "nl-BE"),
        ),
        (
            {"streaming_url": "rtmp://live.example.org/app/key1", "streaming_trigger": "prompt"},
            lambda m: (m.options["streaming"]["destination"]["url"],
                       m.options["streaming"]["startTrigger"])
            == ("rtmp://live.example.org/app/key1", "prompt"),
        ),
    ],
)  # fmt: skip
def test_every_room_option_reaches_the_api(organiser_client, api, overrides, check):
    meeting_id = create_meeting(organiser_client, **overrides)
    assert check(stored(api, meeting_id))


def test_secrets_are_not_kept_in_the_app_database(app, organiser_client):
    create_meeting(
        organiser_client, recording_type="cloud", recording_provider="s3", s3_bucket="b",
        s3_access_key_id="AKIAEXAMPLE", s3_access_key_secret="s3-secret-value",
        streaming_url="rtmp://live.example.org/app/stream-key-123",
    )  # fmt: skip
    with app.app_context():
        options = str(db.session.scalar(select(MeetingRecord.options)))
    assert "s3-secret-value" not in options and "AKIAEXAMPLE" not in options
    assert "stream-key-123" not in options


def test_s3_secret_is_never_sent_back_to_the_browser(organiser_client):
    response = organiser_client.post(
        "/meetings/new",
        data=form_data(title="", recording_type="cloud", recording_provider="s3",
                       s3_bucket="b", s3_access_key_id="AKIAEXAMPLE",
                       s3_access_key_secret="s3-secret-value"),
    )  # fmt: skip
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "s3-secret-value" not in text
    assert 'value="AKIAEXAMPLE"' in text  # the rest of what was typed is kept


@pytest.mark.all_databases
def test_the_same_form_sent_twice_creates_one_meeting(app, organiser_client, api):
    data = form_data()
    first = organiser_client.post("/meetings/new", data=data)
    second = organiser_client.post("/meetings/new", data=data)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert [call for call in api.calls if call[0] == "POST"] == [("POST", "/v1/meetings")]
    assert record_count(app) == 1


def test_failure_after_the_upstream_create_leaves_no_orphan(
    app, organiser_client, api, monkeypatch
):
    from meetings.schedule import create as create_view

    def broken_save(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(create_view, "_save", broken_save)
    response = organiser_client.post("/meetings/new", data=form_data(title="Keep me"))
    text = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "was not created" in text
    assert 'value="Keep me"' in text
    assert ("POST", "/v1/meetings") in api.calls and api.calls[-1][0] == "DELETE"
    listing = api_meeting(api, api.calls[-1][1].rsplit("/", 1)[1])
    assert listing.status_code == 404
    assert record_count(app) == 0


def test_a_second_organiser_cannot_replay_someone_elses_token(
    app, organiser_client, other_client, api
):
    data = form_data()
    assert organiser_client.post("/meetings/new", data=data).status_code == 303
    response = other_client.post("/meetings/new", data=data)
    assert response.status_code == 409
    assert record_count(app) == 1


def test_create_makes_one_upstream_call(organiser_client, api):
    organiser_client.get("/meetings/new")
    api.calls.clear()
    create_meeting(organiser_client)
    assert api.calls == [("POST", "/v1/meetings")]


def test_end_date_defaults_to_the_start_date(organiser_client, api):
    meeting_id = create_meeting(
        organiser_client, start_date=f"{Y}-01-10", start_time="23:00", end_time="23:30",
        time_zone="UTC",
    )  # fmt: skip
    assert api_meeting(api, meeting_id).json()["endDate"] == f"{Y}-01-10T23:30:00Z"


def test_meeting_over_midnight_uses_the_end_date(organiser_client, api):
    meeting_id = create_meeting(
        organiser_client, start_date=f"{Y}-01-10", start_time="23:00", end_date=f"{Y}-01-11",
        end_time="00:30", time_zone="UTC",
    )  # fmt: skip
    assert api_meeting(api, meeting_id).json()["endDate"] == f"{Y}-01-11T00:30:00Z"


def test_blank_form_previews_the_suggested_times(organiser_client):
    text = organiser_client.get("/meetings/new").get_data(as_text=True)
    assert "When:</span>" in text
    assert " UTC" in text.split("When:</span>", 1)[1][:200]


def test_create_without_csrf_token_changes_nothing(app, organiser_client, api):
    app.config["WTF_CSRF_ENABLED"] = True
    response = organiser_client.post("/meetings/new", data=form_data())
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)
    assert api.calls == []
    assert record_count(app) == 0


@pytest.mark.parametrize("token", [None, "", "short", "x" * 65])
def test_a_missing_or_odd_form_token_asks_to_send_again(organiser_client, api, token):
    response = organiser_client.post("/meetings/new", data=form_data(submission_token=token))
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "out of date" in text
    assert 'value="Parents&#39; evening"' in text
    assert api.calls == []
    fresh = re.search(r'name="submission_token" type="hidden" value="([^"]+)"', text)
    assert fresh and 16 <= len(fresh.group(1)) <= 64


def test_database_down_after_the_upstream_create_still_leaves_no_orphan(
    organiser_client, api, monkeypatch
):
    from sqlalchemy.exc import OperationalError

    from meetings.schedule import create as create_view

    def database_down(*args, **kwargs):
        raise OperationalError("INSERT ...", {}, Exception("server closed the connection"))

    monkeypatch.setattr(create_view, "_save", database_down)
    monkeypatch.setattr(create_view, "_release", database_down)
    response = organiser_client.post("/meetings/new", data=form_data(title="Keep me"))
    assert response.status_code == 500
    assert "was not created" in response.get_data(as_text=True)
    assert [method for method, _ in api.calls] == ["POST", "DELETE"]
    assert api_meeting(api, api.calls[-1][1].rsplit("/", 1)[1]).status_code == 404
