"""Deferred jobs for meetings (django-tasks): the reminders a day and an hour before, and the
prompt right after it ends to say how it went.

Enqueued by `meeting_nudges_schedule` when a meeting is scheduled; a worker
(`tandem db_worker`) runs them, and `tandem sweep` sends any they missed. As in every app,
services import this module at its top and a task imports the code it runs inside its body.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django_tasks import task

from tandem.meetings.models import Meeting
from tandem.meetings.rules import REMINDER_HOURS


@task()
def meeting_remind(meeting_id: int, hours_before: int, starts_at: str) -> bool:
    """Remind both sides of a meeting, if it is still scheduled at `starts_at` (ISO, UTC)."""
    from tandem.meetings.nudges.reminders import meeting_remind_if_due

    return meeting_remind_if_due(
        meeting_id=meeting_id,
        hours_before=hours_before,
        starts_at=datetime.fromisoformat(starts_at),
        now=timezone.now(),
    )


@task()
def meeting_ended(meeting_id: int, starts_at: str) -> bool:
    """Ask both sides how it went, if the meeting at `starts_at` (ISO, UTC) is over and still
    waits to be marked held or missed."""
    from tandem.meetings.nudges.reminders import meeting_ended_prompt_if_due

    return meeting_ended_prompt_if_due(
        meeting_id=meeting_id, starts_at=datetime.fromisoformat(starts_at), now=timezone.now()
    )


def meeting_nudges_schedule(meeting: Meeting) -> None:
    """Enqueue the meeting's reminders, a day and an hour before it starts, and the prompt to
    mark it when it ends.

    Call it whenever a meeting is scheduled or rescheduled, inside the same transaction. Each
    job carries the start time it was made for, so the jobs of a meeting since moved to
    another time do nothing; a job already past its time runs at once and finds nothing due.
    """
    if meeting.starts_at is None or meeting.ends_at is None:
        return
    starts_at = meeting.starts_at.astimezone(UTC).isoformat()
    for hours in REMINDER_HOURS:
        meeting_remind.using(run_after=meeting.starts_at - timedelta(hours=hours)).enqueue(
            meeting.pk, hours, starts_at
        )
    meeting_ended.using(run_after=meeting.ends_at).enqueue(meeting.pk, starts_at)
