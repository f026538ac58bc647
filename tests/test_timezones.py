from datetime import UTC, date, datetime, time, timedelta

import pytest

from meetings.timezones import LocalTimeError, describe_span, to_utc, zone_names


def test_preview_names_both_zones():
    start = to_utc(date(2026, 12, 1), time(15, 0), "Europe/Oslo").utc
    end = to_utc(date(2026, 12, 1), time(16, 0), "Europe/Oslo").utc
    assert describe_span(start, end, "Europe/Oslo") == (
        "Tue 1 Dec 2026, 15:00–16:00 Europe/Oslo (14:00–15:00 UTC)"
    )


@pytest.mark.parametrize(
    ("zone_name", "day", "clock"),
    [
        ("Europe/Oslo", date(2026, 3, 29), time(2, 30)),
        ("America/New_York", date(2026, 3, 8), time(2, 15)),
    ],
)
def test_spring_forward_gap_is_refused_in_plain_words(zone_name, day, clock):
    with pytest.raises(LocalTimeError, match="does not exist"):
        to_utc(day, clock, zone_name)


@pytest.mark.parametrize(
    ("zone_name", "day", "clock", "expected_utc"),
    [
        # The repeated hour: the first occurrence is still on summer time.
        (
            "America/New_York",
            date(2026, 11, 1),
            time(1, 30),
            datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
        ),
        ("Europe/Oslo", date(2026, 10, 25), time(2, 30), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
    ],
)
def test_fall_back_fold_takes_the_first_occurrence(zone_name, day, clock, expected_utc):
    resolved = to_utc(day, clock, zone_name)
    assert resolved.ambiguous
    assert resolved.utc == expected_utc


def test_ambiguous_preview_shows_the_offsets():
    resolved = to_utc(date(2026, 11, 1), time(1, 30), "America/New_York")
    text = describe_span(
        resolved.utc, resolved.utc + timedelta(hours=1), "America/New_York", with_offset=True
    )
    assert "01:30 (UTC-04:00)" in text and "01:30 (UTC-05:00)" in text


def test_ordinary_time_is_not_ambiguous():
    resolved = to_utc(date(2026, 7, 1), time(9, 0), "Asia/Kolkata")
    assert not resolved.ambiguous
    assert resolved.utc == datetime(2026, 7, 1, 3, 30, tzinfo=UTC)


def test_span_over_midnight_names_both_days():
    start = to_utc(date(2026, 12, 1), time(23, 30), "America/New_York").utc
    text = describe_span(start, start + timedelta(hours=1), "America/New_York")
    assert text.startswith("Tue 1 Dec 2026, 23:30 – Wed 2 Dec 2026, 00:30 America/New_York")


def test_unknown_zone_is_a_plain_error():
    with pytest.raises(LocalTimeError, match="not a time zone"):
        to_utc(date(2026, 7, 1), time(9, 0), "Mars/Olympus")


def test_zone_list_is_usable():
    names = zone_names()
    assert names[0] == "UTC"
    assert "Europe/Oslo" in names and "America/New_York" in names
    assert not any(name.startswith(("posix/", "right/", "Etc/")) for name in names)
