"""Deferred jobs for meetings (django-tasks): the reminders a day and an hour before.

Enqueued by `nudges.meeting_reminders_schedule` when a meeting is scheduled; a worker
(`tandem db_worker`) runs them, and `tandem sweep` sends any they missed.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django_tasks import task

from tandem.meetings.nudges import meeting_remind_if_due


@task()
def meeting_remind(meeting_id: int, hours_before: int, starts_at: str) -> bool:
    """Remind both sides of a meeting, if it is still scheduled at `starts_at` (ISO, UTC)."""
    return meeting_remind_if_due(
        meeting_id=meeting_id,
        hours_before=hours_before,
        starts_at=datetime.fromisoformat(starts_at),
        now=timezone.now(),
    )
