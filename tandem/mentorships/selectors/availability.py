"""Who matching may suggest to a mentee, registered with matching at start-up (apps.py).

Both reads run on every recommendations list and every suggestion after a no, with the same
shape each time, so their SQL is compiled once per process (`tandem.core.compiled`): building
them through the ORM cost more CPU than running them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from django.db.models import Count, DateTimeField, F, IntegerField
from django.utils import timezone

from tandem.core.compiled import AnyOf, IdsSlot, Slot, compiled, run, sql_of
from tandem.matching.availability import Availability
from tandem.mentorships.models import Ask, Mentorship
from tandem.mentorships.rules import CONNECTED, COOL_DOWN
from tandem.profiles.models import Profile

MENTEE = Slot("mentee", IntegerField())
DECIDED_SINCE = Slot("decided_since", DateTimeField())  # a no since then still cools down
MENTORS = IdsSlot("mentors")


def mentor_availability_for(mentee: Profile, *, now: datetime | None = None) -> Availability:
    """Mentors this mentee can't ask now (waiting, cooling down, already together): one query."""
    now = now or timezone.now()
    rows = run(
        compiled("mentor-availability", "", _unavailable_sql),
        {"mentee": mentee.pk, "decided_since": now - COOL_DOWN},
    )
    return Availability(unavailable=frozenset(mentor_id for (mentor_id,) in rows))


def _unavailable_sql() -> tuple[str, Sequence[Any]]:
    """Their waiting asks, their asks turned down or lapsed within COOL_DOWN, and their
    mentorships, as one UNION ALL of mentor ids."""
    mine = Ask.objects.filter(mentee_id=MENTEE).order_by()
    waiting = mine.filter(state=Ask.State.PENDING).values_list("mentor_id")
    cooling = mine.filter(
        state__in=[Ask.State.DECLINED, Ask.State.EXPIRED], decided_at__gte=DECIDED_SINCE
    ).values_list("mentor_id")
    together = (
        Mentorship.objects.filter(mentee_id=MENTEE, state__in=CONNECTED)
        .order_by()
        .values_list("mentor_id")
    )
    return sql_of(waiting.union(cooling, together, all=True))


def mentor_load_for(mentor_ids: Collection[int]) -> dict[int, float]:
    """How busy each of these mentors is: the share of their free places already claimed by
    waiting asks, so a mentor with a queue is suggested less often than an equally good one
    without. Only these mentors' asks are read (matching asks for the few that could make
    a mentee's list), never every waiting ask in the system; the ids go as one value, so the
    SQL is the same for any number of them."""
    rows = run(compiled("mentor-load", "ids", _load_sql), {"mentors": mentor_ids})
    return {
        mentor_id: min(1.0, n / max(capacity - places_taken, 1))
        for mentor_id, capacity, places_taken, n in rows
    }


def _load_sql() -> tuple[str, Sequence[Any]]:
    waiting = (
        Ask.objects.filter(AnyOf(F("mentor_id"), MENTORS), state=Ask.State.PENDING)
        .values("mentor_id", "mentor__capacity", "mentor__places_taken")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("mentor_id", "mentor__capacity", "mentor__places_taken", "n")
    )
    return sql_of(waiting)
