"""Who matching may suggest to a mentee, registered with matching at start-up (apps.py)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from django.db.models import Count
from django.utils import timezone

from tandem.matching.availability import Availability
from tandem.mentorships.models import Ask, Mentorship
from tandem.mentorships.rules import CONNECTED, COOL_DOWN
from tandem.profiles.models import Profile


def mentor_availability_for(mentee: Profile, *, now: datetime | None = None) -> Availability:
    """Mentors this mentee can't ask now (waiting, cooling down, already together)."""
    now = now or timezone.now()
    mine = Ask.objects.filter(mentee=mentee)
    unavailable = set(mine.filter(state=Ask.State.PENDING).values_list("mentor_id", flat=True))
    unavailable |= set(
        mine.filter(
            state__in=[Ask.State.DECLINED, Ask.State.EXPIRED], decided_at__gte=now - COOL_DOWN
        ).values_list("mentor_id", flat=True)
    )
    unavailable |= set(
        Mentorship.objects.filter(mentee=mentee, state__in=CONNECTED).values_list(
            "mentor_id", flat=True
        )
    )
    return Availability(unavailable=frozenset(unavailable))


def mentor_load_for(mentor_ids: Collection[int]) -> dict[int, float]:
    """How busy each of these mentors is: the share of their free places already claimed by
    waiting asks, so a mentor with a queue is suggested less often than an equally good one
    without. Only these mentors' asks are read (matching asks for the few that could make
    a mentee's list), never every waiting ask in the system."""
    waiting = (
        Ask.objects.filter(state=Ask.State.PENDING, mentor_id__in=list(mentor_ids))
        .values("mentor_id", "mentor__capacity", "mentor__places_taken")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {
        row["mentor_id"]: min(
            1.0, row["n"] / max(row["mentor__capacity"] - row["mentor__places_taken"], 1)
        )
        for row in waiting
    }
