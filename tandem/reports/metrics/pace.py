"""How quickly matched pairs get going: for the pairs matched in the range, the days from the
match to the first answer (the first of the two to say yes) and to their first meeting held.

Two queries whatever the number of pairs (the moments of each pair, one list each); the
medians and the bands are worked out here. Peer programs and coffee rounds make no
mentorships, so no meetings to time: the section does not apply to them.
"""

from __future__ import annotations

from datetime import timedelta
from statistics import median

from django.db.models import Case, F, Min, Q, QuerySet, When

from tandem.core.charts import Chart, Series, Table
from tandem.meetings.models import Meeting
from tandem.programs.models import Match
from tandem.reports.metrics.base import Figure, Section
from tandem.reports.metrics.days import range_words
from tandem.reports.privacy import Count, Share, Stat, partition, whole_of
from tandem.reports.scope import Scope

KEY = "pace"
# (label, last whole day in the band); the last band has no end.
BANDS: tuple[tuple[str, int | None], ...] = (
    ("0–7 days", 7),
    ("8–14 days", 14),
    ("15–30 days", 30),
    ("31–60 days", 60),
    ("More than 60 days", None),
)
NOT_MET = "Not met yet"
COLUMNS = ("Days to first meeting", "Pairs", "Of the pairs matched")


def _matched(scope: Scope) -> QuerySet[Match]:
    f = scope.filters
    # No ordering: the model's default would join the program, organization and round.
    return scope.pairs.filter(created_at__gte=f.since, created_at__lt=f.until).order_by()


def _days(waits: QuerySet[Match, timedelta | None]) -> tuple[list[float], int]:
    """The waits in days, and how many pairs are still waiting (no end to their wait).

    The database subtracts the moments and hands back one interval a pair: turning two
    timestamps a pair into aware datetimes in Python cost 80 ms for 5,000 pairs.
    """
    days, still = [], 0
    for wait in waits:
        if wait is None:
            still += 1
        else:
            days.append(wait.total_seconds() / 86400)
    return days, still


def _days_to_answer(scope: Scope) -> tuple[list[float], int]:
    """Days from each match to its first yes, and how many pairs have had none yet."""
    first, second = F("first_confirmed_at"), F("second_confirmed_at")
    first_yes = Case(  # the earlier of the two, or the one there is (LEAST differs by database)
        When(first_confirmed_at__isnull=True, then=second),
        When(second_confirmed_at__isnull=True, then=first),
        When(first_confirmed_at__lte=second, then=first),
        default=second,
    )
    return _days(
        _matched(scope).annotate(wait=first_yes - F("created_at")).values_list("wait", flat=True)
    )


def _days_to_meeting(scope: Scope) -> tuple[list[float], int]:
    """Days from each match to its mentorship's first meeting held (whenever that was), and
    how many pairs matched in the range have not met yet."""
    # A join grouped by pair, not a correlated "first held meeting" subquery: SQLite answers
    # that one through the (state, starts_at) index, walking every held meeting for each pair
    # (35 s for the bench's 4,800 pairs).
    held = Q(mentorship__meetings__state=Meeting.State.HELD)
    first_held = Min("mentorship__meetings__starts_at", filter=held)
    waits = _matched(scope).annotate(wait=first_held - F("created_at"))
    return _days(waits.values_list("wait", flat=True))


def band_of(days: float) -> int:
    """The band of a wait: whole days gone by (a part day rounds down)."""
    whole = int(days)
    return next(i for i, (_, last) in enumerate(BANDS) if last is None or whole <= last)


def _bands(days: list[float], not_yet: int) -> list[Count]:
    """The pairs matched in each band and those not met yet: together all the pairs matched,
    a figure shown too, so partitioned (no band is the pairs matched less the others)."""
    counts = [0] * len(BANDS)
    for d in days:
        counts[band_of(d)] += 1
    return partition([*counts, not_yet])


def _chart(cells: list[Count]) -> Chart:
    matched = sum(c.value for c in cells)
    labels = [label for label, _ in BANDS] + [NOT_MET]
    rows = [[label, c, Share.of(c, matched)] for label, c in zip(labels, cells, strict=True)]
    return Chart(
        key=KEY,
        title="Days from the match to the first meeting",
        summary=f"Of {whole_of(cells)} pairs matched in these days, {cells[0]} met within a "
        f"week of the match and {cells[-1]} have not met yet.",
        kind="bar",
        labels=labels,
        series=[Series("Pairs", [c.shown for c in cells])],
        table=Table(COLUMNS, rows if matched else []),
        unit="pairs",
    )


def _stat(days: list[float]) -> Stat:
    return Stat(median(days) if days else None, len(days), unit="days")


def pace(scope: Scope) -> Section | None:
    """Days from the match to the first yes and the first meeting; None for pools."""
    if scope.program.is_pool:
        return None
    answered, waiting = _days_to_answer(scope)
    met, not_yet = _days_to_meeting(scope)
    bands = _bands(met, not_yet)  # the pairs matched: len(answered) + waiting
    figures = [
        Figure("Pairs matched", whole_of(bands)),
        Figure("Days to the first answer", _stat(answered), f"median; {Count(waiting)} waiting"),
        Figure("Days to the first meeting", _stat(met), f"median; {bands[-1]} not met yet"),
    ]
    return Section(
        key=KEY,
        title="How quickly pairs get going",
        intro=(
            f"For the pairs matched {range_words(scope.filters)}: the days from the match to the "
            "first of the two saying yes, and to their first meeting marked as held (even if "
            "that came after these dates). Half of the pairs took less than the median, half "
            "took longer. Pairs still waiting for an answer or a first meeting are counted "
            "apart and left out of the medians."
        ),
        figures=figures,
        charts=[_chart(bands)],
    )
