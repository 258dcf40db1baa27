"""Reads for the calendar: whose feed a token opens, and which meetings a calendar shows.

A calendar only shows meetings with an agreed time. A meeting being rescheduled has none (its
old time is off, the new one not picked), so it leaves calendars until a new time is picked,
and comes back with the same UID and a higher SEQUENCE.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet

from tandem.accounts.models import User
from tandem.meetings.models import CalendarFeed, Meeting

CALENDAR_STATES = (
    Meeting.State.SCHEDULED,
    Meeting.State.HELD,
    Meeting.State.NO_SHOW,
    Meeting.State.CANCELLED,
)
# The feed's window: recent history stays visible, far-off meetings are rare but kept.
FEED_PAST = timedelta(days=90)
FEED_AHEAD = timedelta(days=400)


def _calendar_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        state__in=CALENDAR_STATES, starts_at__isnull=False
    ).select_related("mentorship__mentee__user", "mentorship__mentor__user")


def _sides(user: User) -> Q:
    return Q(mentorship__mentee__user=user) | Q(mentorship__mentor__user=user)


def feed_owner(*, token: str) -> User | None:
    """The person whose feed this token opens; None for a token that is unknown or revoked."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def meeting_with_people(*, meeting_id: int) -> Meeting | None:
    """A meeting with both sides loaded, whatever its state (the invite job's read)."""
    return (
        Meeting.objects.select_related("mentorship__mentee__user", "mentorship__mentor__user")
        .filter(pk=meeting_id)
        .first()
    )


def meeting_for_calendar(*, meeting_id: int, user: User) -> Meeting | None:
    """One of the person's own meetings with an agreed time; None for anyone else's."""
    return _calendar_meetings().filter(_sides(user), pk=meeting_id).first()


def meetings_for_feed(*, user: User, now: datetime) -> list[Meeting]:
    """The person's meetings (either side) in the feed's window, soonest first: one query."""
    return list(
        _calendar_meetings()
        .filter(
            _sides(user),
            starts_at__gte=now - FEED_PAST,
            starts_at__lte=now + FEED_AHEAD,
        )
        .order_by("starts_at", "id")
    )
