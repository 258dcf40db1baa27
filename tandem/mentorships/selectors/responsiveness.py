"""How quickly mentors answer asks, registered with the profile pages at start-up (apps.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from tandem.core.compiled import AnyOf, IdsSlot, compiled, run, sql_of
from tandem.mentorships.models import Ask
from tandem.profiles.responsiveness import ANSWERS_COUNTED, ANSWERS_NEEDED

ANSWERED = (Ask.State.ACCEPTED, Ask.State.DECLINED)  # the mentor's own answers, not lapses


def mentor_response_times(mentor_ids: Collection[int]) -> dict[int, timedelta]:
    """The median time from sent to answered over each mentor's last answered asks (one query).

    Only mentors with at least ANSWERS_NEEDED answers get a time: one quick yes is not a habit.
    """
    waits: dict[int, list[timedelta]] = defaultdict(list)
    for mentor_id, sent_at, decided_at in run(_recent(), {"mentors": mentor_ids}):
        waits[mentor_id].append(max(_at(decided_at) - _at(sent_at), timedelta(0)))
    return {
        mentor_id: _median(times)
        for mentor_id, times in waits.items()
        if len(times) >= ANSWERS_NEEDED
    }


MENTORS = IdsSlot("mentors")


def _recent() -> tuple[str, tuple[Any, ...]]:
    """Each mentor's last ANSWERS_COUNTED answered asks: compiled once per process (on every
    directory page and recommendations list, and building it cost more than running it)."""
    return compiled("mentor-response-times", "ids", _recent_sql)


def _recent_sql() -> tuple[str, Sequence[Any]]:
    recent = (
        Ask.objects.filter(AnyOf(F("mentor_id"), MENTORS))
        .filter(state__in=ANSWERED, decided_at__isnull=False)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("mentor_id")],
                order_by=[F("decided_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=ANSWERS_COUNTED)
        .values_list("mentor_id", "sent_at", "decided_at")
    )
    return sql_of(recent)


def _at(value: datetime | str) -> datetime:
    """A stored moment (SQLite gives text, naive UTC like every other moment there)."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _median(times: list[timedelta]) -> timedelta:
    ordered = sorted(times)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
