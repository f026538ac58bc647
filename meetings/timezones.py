"""Local wall-clock time <-> UTC, with daylight-saving gaps and folds made explicit.

Schedulers type times in their own zone. A wall-clock time can fail to exist (the hour
skipped when clocks go forward) or exist twice (the hour repeated when they go back);
both cases are decided here, once, for the form, the preview and the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from wtforms.fields.choices import SelectChoice

# Zone-name prefixes that are aliases or legacy spellings nobody should pick from a list.
_HIDDEN_PREFIXES = ("Etc/", "SystemV/", "US/", "posix", "right/", "Factory", "localtime")
_LEGACY_NAMES = {"GMT", "GMT0", "GMT+0", "GMT-0", "Greenwich", "UCT", "Universal", "Zulu", "UTC"}


class LocalTimeError(ValueError):
    """A wall-clock time that cannot be turned into one instant; the message is for people."""


@cache
def zone_names() -> tuple[str, ...]:
    """IANA zone names to offer in a list: region/city names, sorted, with UTC first."""
    names = sorted(
        name
        for name in available_timezones()
        if "/" in name and not name.startswith(_HIDDEN_PREFIXES) and name not in _LEGACY_NAMES
    )
    return ("UTC", *names)


@cache
def zone_choices(*, unset_label: str | None = None) -> tuple[SelectChoice, ...]:
    """The zone list for a select; `unset_label` adds a first "not chosen" option."""
    choices = tuple(SelectChoice(name, name.replace("_", " ")) for name in zone_names())
    return (SelectChoice("", unset_label), *choices) if unset_label else choices


def is_zone(name: str | None) -> bool:
    """True when `name` is a zone the app can use."""
    if not name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def zone(name: str) -> ZoneInfo:
    """The ZoneInfo for `name` (raises LocalTimeError with a plain message if unknown)."""
    if not is_zone(name):
        raise LocalTimeError(f"“{name}” is not a time zone we know. Pick one from the list.")
    return ZoneInfo(name)


@dataclass(frozen=True)
class Resolved:
    """A wall-clock time resolved to one instant."""

    utc: datetime
    ambiguous: bool  # the clock showed this time twice; we took the first


def to_utc(day: date, clock: time, zone_name: str) -> Resolved:
    """Resolve a wall-clock date and time in `zone_name` to an aware UTC instant.

    A time in a spring-forward gap is refused; a time in a fall-back fold resolves to its
    first occurrence (fold=0), and `ambiguous` says so the page can show the offset.
    """
    tz = zone(zone_name)
    naive = datetime.combine(day, clock.replace(tzinfo=None))
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    try:
        # A time that does not exist does not survive a round trip through UTC.
        round_trip = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    except OverflowError:
        raise LocalTimeError(
            f"{day:%Y} is too far away. Choose a date in the next few years."
        ) from None
    if round_trip != naive:
        raise LocalTimeError(
            f"{clock:%H:%M} does not exist on {day:%-d %B %Y} in {zone_name}: the clocks "
            "go forward that night and skip it. Choose a later time."
        )
    ambiguous = first.utcoffset() != second.utcoffset()
    return Resolved(utc=first.astimezone(UTC), ambiguous=ambiguous)


def in_zone(instant: datetime, zone_name: str) -> datetime:
    """An aware instant shown in `zone_name`."""
    return instant.astimezone(zone(zone_name))


def utc_offset(instant: datetime, zone_name: str) -> str:
    """The zone's offset at `instant`, as 'UTC+01:00'."""
    offset = in_zone(instant, zone_name).utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def format_day(moment: datetime) -> str:
    """'Tue 1 Dec 2026'."""
    return f"{moment:%a} {moment.day} {moment:%b %Y}"


def describe_span(
    start: datetime, end: datetime, zone_name: str, *, with_offset: bool = False
) -> str:
    """'Tue 1 Dec 2026, 15:00–16:00 Europe/Oslo (14:00–15:00 UTC)'.

    Spans over midnight name both days; `with_offset` adds each time's UTC offset, used
    when a time was ambiguous so the reader sees which of the two it is.
    """
    local = _span(in_zone(start, zone_name), in_zone(end, zone_name), with_offset=with_offset)
    if zone_name == "UTC":
        return f"{local} UTC"
    utc = _span(start.astimezone(UTC), end.astimezone(UTC), times_only_if_same_day=True)
    return f"{local} {zone_name} ({utc} UTC)"


def _clock(moment: datetime, with_offset: bool) -> str:
    if not with_offset:
        return f"{moment:%H:%M}"
    return f"{moment:%H:%M} ({utc_offset(moment, str(moment.tzinfo))})"


def _span(
    start: datetime,
    end: datetime,
    *,
    with_offset: bool = False,
    times_only_if_same_day: bool = False,
) -> str:
    first, last = _clock(start, with_offset), _clock(end, with_offset)
    if start.date() == end.date():
        times = f"{first}–{last}"
        return times if times_only_if_same_day else f"{format_day(start)}, {times}"
    return f"{format_day(start)}, {first} – {format_day(end)}, {last}"
