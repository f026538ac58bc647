"""Helpers the meeting templates call."""

from __future__ import annotations

from datetime import datetime

from ..timezones import describe_span, format_day, in_zone
from . import bp


@bp.app_template_global()
def meeting_when(start: datetime | None, end: datetime, zone_name: str) -> str:
    """The span in words in `zone_name`; meetings with no known start say when they end."""
    if start is None:
        local = in_zone(end, zone_name)
        return f"Ends {format_day(local)}, {local:%H:%M} {zone_name}"
    return describe_span(start, end, zone_name)


@bp.app_template_filter()
def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z, for <time datetime> and scripts."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
