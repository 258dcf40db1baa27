"""Meeting reminders, a day and an hour before, and the prompt right after it ends to mark it
held or missed: when each is due, and sending it once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Max, Q

from tandem.meetings import notices
from tandem.meetings.models import MAX_MINUTES, Meeting
from tandem.meetings.recipients import Recipients
from tandem.meetings.rules import ENDED_PROMPT_WINDOW, MEETING_STATES, REMINDER_HOURS
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


# --- After the meeting ----------------------------------------------------------------------


def ended_prompt_due(*, ends_at: datetime, now: datetime) -> bool:
    """Is it time to ask how a meeting went? From its end, for a couple of days (after that a
    prompt about an old meeting is noise: the health's "counts as met" has its say)."""
    return ends_at <= now < ends_at + ENDED_PROMPT_WINDOW


def _ends_at(meeting: dict[str, Any]) -> datetime:
    ends_at: datetime = meeting["starts_at"] + timedelta(minutes=meeting["minutes"])
    return ends_at


def ended_notices(meeting: dict[str, Any], people: Recipients) -> list[Notice]:
    """The after-meeting prompt for a meeting row, to both sides."""
    return notices.ended_notices(
        meeting_id=meeting["id"], starts_at=meeting["starts_at"], minutes=meeting["minutes"],
        pair=pair(meeting), people=people,
    )  # fmt: skip


def meeting_ended_prompt_if_due(*, meeting_id: int, starts_at: datetime, now: datetime) -> bool:
    """Ask both sides, once, to mark a meeting that just ended; True if it went out now.

    Nothing if someone already marked it (or it moved or was cancelled: it is no longer
    scheduled at `starts_at`), its mentorship is paused or over, or the prompt isn't due.
    """
    meetings = [
        m
        for m in _scheduled_meetings(pk=meeting_id, starts_at=starts_at)
        if ended_prompt_due(ends_at=_ends_at(m), now=now)
    ]
    if not meetings:
        return False
    people = Recipients(people_of(meetings))
    return notify_many(ended_notices(meetings[0], people), now=now) > 0


def ended_prompts_due(now: datetime) -> list[dict[str, Any]]:
    """Every scheduled meeting whose after-meeting prompt is due now (for the sweep)."""
    earliest = now - ENDED_PROMPT_WINDOW - timedelta(minutes=MAX_MINUTES)
    return [
        meeting
        for meeting in _scheduled_meetings(starts_at__gt=earliest, starts_at__lte=now)
        if ended_prompt_due(ends_at=_ends_at(meeting), now=now)
    ]
