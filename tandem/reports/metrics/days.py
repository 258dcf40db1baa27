"""Days in the words a section's intro and tables use, and the periods a chart over time is
cut into, so every section names its range and its weeks and months the same way."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.utils.dateformat import format as date_format

from tandem.reports.filters import Filters

WEEKLY_UP_TO = 92  # a range of up to about three months is shown week by week


def day_words(day: date) -> str:
    """3 Mar 2026"""
    return date_format(day, "j M Y")


def range_words(filters: Filters) -> str:
    """ "from 1 Mar 2026 to 31 Mar 2026" (both days included)."""
    return f"from {day_words(filters.start)} to {day_words(filters.end)}"


def elapsed_days(since: datetime, until: datetime) -> float:
    """The time between two moments in days, part days included."""
    return (until - since).total_seconds() / 86400


def weekly(filters: Filters) -> bool:
    """Whether a chart over the range goes week by week (else month by month)."""
    return (filters.end - filters.start).days + 1 <= WEEKLY_UP_TO


def periods(filters: Filters) -> list[date]:
    """The first day of each ISO week (Monday) or calendar month the range touches."""
    if weekly(filters):
        first = filters.start - timedelta(days=filters.start.weekday())
        count = (filters.end - first).days // 7 + 1
        return [first + timedelta(weeks=n) for n in range(count)]
    months, month = [], filters.start.replace(day=1)
    while month <= filters.end:
        months.append(month)
        month = _next_month(month)
    return months


def period_end(start: date, filters: Filters) -> datetime:
    """The first moment after a period, cut at the end of the range (UTC)."""
    after = start + timedelta(weeks=1) if weekly(filters) else _next_month(start)
    return min(datetime.combine(after, time.min, tzinfo=UTC), filters.until)


def period_words(start: date, filters: Filters) -> str:
    """ "Week of 2 Mar 2026" or "March 2026"."""
    if weekly(filters):
        return f"Week of {day_words(start)}"
    return date_format(start, "F Y")


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
