"""Which mentors are listed (and so may be recommended), and the full build of their index."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from tandem.matching.encode import MentorIndex, mentor_index_of
from tandem.profiles.choices import Visibility
from tandem.profiles.models import Profile


def listed_mentors() -> QuerySet[Profile]:
    """Mentors the directory lists: onboarded, not hidden, their account active.

    A suspended or deleted account (inactive) is never suggested; both services bump the
    profile's `updated_at` so a process holding the index notices (see `current.py`).
    """
    return Profile.objects.filter(
        is_mentor=True, onboarded_at__isnull=False, user__is_active=True
    ).exclude(visibility=Visibility.HIDDEN)


def mentor_index_build(*, now: datetime | None = None) -> MentorIndex:
    """Encode every listed mentor (a few queries, whatever the number of mentors): seconds at
    tens of thousands of mentors, so never inside a request once a process is warm."""
    profiles = list(listed_mentors().order_by("id"))
    return mentor_index_of(profiles, now=now or timezone.now())
