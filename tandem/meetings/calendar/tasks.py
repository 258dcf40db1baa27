"""Invites go out as a job: enqueued inside the change's transaction (the database backend
stores it there), so a rolled-back change sends nothing, and a slow mail server never holds
a page or a row lock. As in every app, the task imports the code it runs inside its body."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task


@task()
def meeting_invites(
    meeting_id: int, method: str, actor_id: int | None = None, sequence: int | None = None
) -> bool:
    """`actor_id`: whose move it was (their blockers get no email); `sequence`: the meeting's
    at queueing, so a REQUEST overtaken by a later change is dropped. Both optional, so a job
    queued before they existed still runs."""
    from tandem.meetings.calendar.invites import meeting_invites_send_by_id

    return meeting_invites_send_by_id(
        meeting_id=meeting_id, method=method, now=timezone.now(), actor_id=actor_id,
        sequence=sequence,
    )  # fmt: skip
