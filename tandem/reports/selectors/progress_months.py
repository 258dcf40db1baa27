"""The "over time" chart of a person's progress page: the last twelve months (this one
included) of meetings held in their mentorships, goals achieved in them and the action items
they did themselves, counted per month by the database in three grouped queries.

Months are the person's own: the view passes `today` in their timezone and the middleware has
activated it, so the month boundaries and the database's TruncMonth agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from tandem.accounts.models import User
from tandem.core.charts import Chart, Series, Table
from tandem.meetings.models import ActionItem, Meeting
from tandem.mentorships.models import Goal, GoalUpdate
from tandem.mentorships.rules import add_months
from tandem.profiles.models import Profile

MONTHS = 12
KEY = "progress"
COLUMNS = ("Month", "Meetings held", "Goals achieved", "Your action items done")


def _first_days(today: date) -> list[date]:
    """The first day of each of the last MONTHS months, oldest first."""
    this_month = today.replace(day=1)
    return [add_months(this_month, -back) for back in range(MONTHS - 1, -1, -1)]


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _per_month(rows: QuerySet[Any], at: str, since: datetime, until: datetime) -> dict[str, int]:
    """How many of `rows` fall in each month (keyed "2026-03") by the datetime `at`."""
    counts = (
        rows.filter(**{f"{at}__gte": since, f"{at}__lt": until})
        .annotate(month=TruncMonth(at))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {f"{row['month']:%Y-%m}": row["n"] for row in counts}


def _goals_reached(mine: Q) -> QuerySet[Goal]:
    """Achieved goals with when they were (last) marked so; a goal set achieved without an
    update (none in the services today) counts from its last change."""
    marked = (
        GoalUpdate.objects.filter(goal=OuterRef("pk"), status=Goal.Status.ACHIEVED)
        .order_by("-created_at", "-id")
        .values("created_at")[:1]
    )
    return Goal.objects.filter(mine, status=Goal.Status.ACHIEVED).annotate(
        reached_at=Coalesce(Subquery(marked), F("updated_at"))
    )


def over_time_chart(*, user: User, profile: Profile | None, today: date) -> Chart:
    """The chart and its table; no rows at all when nothing happened in the twelve months, so
    the page says so instead of drawing twelve empty months."""
    firsts = _first_days(today)
    since, until = _moment(firsts[0]), _moment(add_months(firsts[-1], 1))
    if profile is None:
        series: list[Mapping[str, int]] = [{}, {}, {}]
    else:
        mine = Q(mentorship__mentee=profile) | Q(mentorship__mentor=profile)
        held = Meeting.objects.filter(mine, state=Meeting.State.HELD)
        done = ActionItem.objects.filter(owner=user, status=ActionItem.Status.DONE)
        series = [
            _per_month(held, "starts_at", since, until),
            _per_month(_goals_reached(mine), "reached_at", since, until),
            _per_month(done, "closed_at", since, until),
        ]
    labels = [f"{first:%b %Y}" for first in firsts]
    values = [[counts.get(f"{first:%Y-%m}", 0) for first in firsts] for counts in series]
    totals = [sum(column) for column in values]
    rows = [[label, *cells] for label, *cells in zip(labels, *values, strict=True)]
    return Chart(
        key=KEY,
        title="Your last 12 months",
        summary=(
            f"In the last 12 months: {_plural(totals[0], 'meeting')} held, "
            f"{_plural(totals[1], 'goal')} achieved and {_plural(totals[2], 'action item')} "
            "of yours done."
        ),
        kind="bar",
        labels=labels,
        series=[Series(name, column) for name, column in zip(COLUMNS[1:], values, strict=True)],
        table=Table(columns=COLUMNS, rows=rows if any(totals) else []),
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
