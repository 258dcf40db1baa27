"""How quickly mentors answer asks, registered with the profile pages at start-up (apps.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import timedelta

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from tandem.mentorships.models import Ask
from tandem.profiles.responsiveness import ANSWERS_COUNTED, ANSWERS_NEEDED

ANSWERED = (Ask.State.ACCEPTED, Ask.State.DECLINED)  # the mentor's own answers, not lapses


def mentor_response_times(mentor_ids: Collection[int]) -> dict[int, timedelta]:
    """The median time from sent to answered over each mentor's last answered asks (one query).

    Only mentors with at least ANSWERS_NEEDED answers get a time: one quick yes is not a habit.
    """
    recent = (
        Ask.objects.filter(mentor_id__in=mentor_ids, state__in=ANSWERED, decided_at__isnull=False)
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
    waits: dict[int, list[timedelta]] = defaultdict(list)
    for mentor_id, sent_at, decided_at in recent:
        assert decided_at is not None  # filtered above
        waits[mentor_id].append(max(decided_at - sent_at, timedelta(0)))
    return {
        mentor_id: _median(times)
        for mentor_id, times in waits.items()
        if len(times) >= ANSWERS_NEEDED
    }


def _median(times: list[timedelta]) -> timedelta:
    ordered = sorted(times)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
