"""Meeting reminders, a day and an hour before: when one is due, and sending it once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Max, Q

from tandem.meetings import notices
from tandem.meetings.models import Meeting
from tandem.meetings.recipients import Recipients
from tandem.meetings.rules import MEETING_STATES, REMINDER_HOURS
from tandem.notifications.services import Notice, notify_many


def reminder_due(
    *, starts_at: datetime, hours_before: int, now: datetime, scheduled_at: datetime | None
) -> bool:
    """Is the `hours_before` reminder of a meeting at `starts_at` due at `now`?

    Not before its time, not once the meeting has started, not the day-ahead one within the
    last hour (the hour-ahead one says it), and neither for a meeting scheduled after the
    reminder's time (someone who picked a slot three hours ahead needs no day-ahead reminder).
    """
    lead = timedelta(hours=hours_before)
    if not starts_at - lead <= now < starts_at:
        return False
    if hours_before > 1 and starts_at - now <= timedelta(hours=1):
        return False
    return scheduled_at is None or scheduled_at <= starts_at - lead


def _scheduled_meetings(**filters: Any) -> list[dict[str, Any]]:
    """Scheduled meetings of live mentorships, with both sides and when the time was picked."""
    return list(
        Meeting.objects.filter(
            state=Meeting.State.SCHEDULED, mentorship__state__in=MEETING_STATES, **filters
        )
        .values(
            "id",
            "starts_at",
            "minutes",
            "mentorship__mentee__user_id",
            "mentorship__mentor__user_id",
        )
        .annotate(
            scheduled_at=Max(
                "transitions__at", filter=Q(transitions__to_state=Meeting.State.SCHEDULED)
            )
        )
        .order_by()
    )


def pair(meeting: dict[str, Any]) -> tuple[int, int]:
    """(mentee, mentor) user ids of a meeting row."""
    return meeting["mentorship__mentee__user_id"], meeting["mentorship__mentor__user_id"]


def people_of(meetings: Iterable[dict[str, Any]]) -> set[int]:
    """Everyone on either side of these meeting rows."""
    return {user_id for meeting in meetings for user_id in pair(meeting)}


def reminder_notices(meeting: dict[str, Any], hours: int, people: Recipients) -> list[Notice]:
    """The reminder `hours` ahead of a meeting row, to both sides."""
    return notices.reminder_notices(
        meeting_id=meeting["id"], starts_at=meeting["starts_at"], minutes=meeting["minutes"],
        pair=pair(meeting), hours=hours, people=people,
    )  # fmt: skip


def meeting_remind_if_due(
    *, meeting_id: int, hours_before: int, starts_at: datetime, now: datetime
) -> bool:
    """Send one of a meeting's reminders to both sides, once; True if it went out now.

    Nothing if the meeting is no longer scheduled at `starts_at` (moved or cancelled), its
    mentorship is paused or over, or the reminder isn't due (see `reminder_due`).
    """
    meetings = [
        m
        for m in _scheduled_meetings(pk=meeting_id, starts_at=starts_at)
        if reminder_due(
            starts_at=m["starts_at"],
            hours_before=hours_before,
            now=now,
            scheduled_at=m["scheduled_at"],
        )
    ]
    if not meetings:
        return False
    people = Recipients(people_of(meetings))
    return notify_many(reminder_notices(meetings[0], hours_before, people), now=now) > 0


def reminders_due(now: datetime) -> list[tuple[dict[str, Any], int]]:
    """(meeting, hours) for every reminder due now: the hour-ahead one wins over the other."""
    due = []
    for meeting in _scheduled_meetings(
        starts_at__gt=now, starts_at__lte=now + timedelta(hours=max(REMINDER_HOURS))
    ):
        for hours in sorted(REMINDER_HOURS):
            if reminder_due(
                starts_at=meeting["starts_at"], hours_before=hours, now=now,
                scheduled_at=meeting["scheduled_at"],
            ):  # fmt: skip
                due.append((meeting, hours))
                break
    return due
