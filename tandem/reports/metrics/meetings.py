"""Meetings held over time: for each month of the range (each week when the range is three
months or shorter), the meetings pairs held, how many pairs met, and the meetings per pair
matched by then.

Two queries whatever the size: one GROUP BY over the held meetings by period, one count of
the pairs matched before each period's end (a filtered count per period, in one aggregate).
Peer programs and coffee rounds hold no meetings here: the section does not apply to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date

from django.db.models import Count as Counted
from django.db.models import Q
from django.db.models.functions import TruncMonth, TruncWeek

from tandem.core.charts import Chart, Series, Table
from tandem.meetings.models import Meeting
from tandem.reports.metrics.base import Figure, Section
from tandem.reports.metrics.days import period_end, period_words, periods, range_words, weekly
from tandem.reports.privacy import Count, Stat
from tandem.reports.scope import Scope

KEY = "meetings"


@dataclass(frozen=True)
class Period:
    start: date
    held: Count  # meetings held in the period
    met: Count  # pairs with a meeting held in it
    pairs: Count  # pairs matched (with a mentorship) before the period's end

    @property
    def per_pair(self) -> Stat:
        return _per_pair(self.held.value, self.pairs.value)


def _per_pair(held: int, pairs: int) -> Stat:
    """Meetings held over pairs matched, hidden when either is one to four (like a share: 0.3
    a pair over 7 pairs would give away 2 meetings that `Count` hides)."""
    if not pairs:
        return Stat(None, 0)
    return Stat(held / pairs, min(held, pairs) if held else pairs)


def _held_by_period(scope: Scope) -> dict[date, tuple[int, int]]:
    """{first day of the period: (meetings held, pairs that met)} in one query."""
    f = scope.filters
    trunc = TruncWeek if weekly(f) else TruncMonth
    rows = (
        Meeting.objects.filter(
            mentorship__in=scope.mentorships.values("pk"),
            state=Meeting.State.HELD,
            starts_at__gte=f.since,
            starts_at__lt=f.until,
        )
        .annotate(period=trunc("starts_at", tzinfo=UTC))
        .values("period")
        .annotate(held=Counted("pk"), met=Counted("mentorship", distinct=True))
        .order_by("period")
    )
    return {row["period"].date(): (row["held"], row["met"]) for row in rows}


def _pairs_by_period(scope: Scope, starts: list[date]) -> list[int]:
    """Pairs with a mentorship matched before each period's end (and before the range's end,
    the last entry), in one query."""
    ends = [period_end(start, scope.filters) for start in starts] + [scope.filters.until]
    counts = scope.pairs.filter(mentorship__isnull=False).aggregate(
        **{f"p{i}": Counted("pk", filter=Q(created_at__lt=end)) for i, end in enumerate(ends)}
    )
    return [counts[f"p{i}"] for i in range(len(ends))]


def _chart(scope: Scope, rows: list[Period]) -> Chart:
    unit = "Week" if weekly(scope.filters) else "Month"
    table = [
        [period_words(p.start, scope.filters), p.held, p.met, p.pairs, p.per_pair] for p in rows
    ]
    return Chart(
        key=KEY,
        title="Meetings held",
        kind="line",
        summary=f"Meetings pairs held {range_words(scope.filters)}, {unit.lower()} by "
        f"{unit.lower()}, and how many that makes for each pair matched by then.",
        labels=[period_words(p.start, scope.filters) for p in rows],
        series=[
            Series("Meetings held", [p.held.shown for p in rows]),
            Series("Meetings per pair", [p.per_pair.shown for p in rows]),
        ],
        table=Table(
            (unit, "Meetings held", "Pairs that met", "Pairs matched by then", "Meetings per pair"),
            table,
        ),
        unit="meetings",
    )


def meetings(scope: Scope) -> Section | None:
    """Meetings held in the range by month (or week) and per pair matched; None for pools,
    which make no mentorships to meet in."""
    if scope.program.is_pool:
        return None
    starts = periods(scope.filters)
    held = _held_by_period(scope)
    *pairs, pairs_in_range = _pairs_by_period(scope, starts)
    rows = []
    for start, matched in zip(starts, pairs, strict=True):
        count, met = held.get(start, (0, 0))
        rows.append(Period(start, Count(count), Count(met), Count(matched)))
    total = sum(h for h, _ in held.values())
    if not total and not pairs_in_range:
        rows = []  # no pairs and no meetings: nothing to draw
    return Section(
        key=KEY,
        title="Meetings over time",
        intro=(
            f"Meetings marked as held {range_words(scope.filters)}, by the day they took place. "
            "Meetings per pair divides them by the pairs matched by the end of each period "
            "(pairs where both said yes to the match), whether or not those pairs met."
        ),
        figures=[
            Figure("Meetings held", Count(total), "in these days"),
            Figure(
                "Meetings per pair",
                _per_pair(total, pairs_in_range),
                "for the pairs matched by the last day",
            ),
        ],
        charts=[_chart(scope, rows)],
    )
