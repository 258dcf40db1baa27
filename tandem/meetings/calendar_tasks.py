"""Invites go out as a job: enqueued inside the change's transaction (the database backend
stores it there), so a rolled-back change sends nothing, and a slow mail server never holds
a page or a row lock."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from tandem.meetings.calendar import meeting_invites_send
from tandem.meetings.models import Meeting


@task()
def meeting_invites(meeting_id: int, method: str) -> bool:
    meeting = (
        Meeting.objects.select_related("mentorship__mentee__user", "mentorship__mentor__user")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        return False
    meeting_invites_send(meeting, method=method, now=timezone.now())
    return True
