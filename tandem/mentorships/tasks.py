"""Deferred jobs for asks (django-tasks): enqueued when an ask is sent, due at day 7 and 14.

A worker (`tandem db_worker`) runs them; `tandem sweep` catches anything they missed.

The convention for every app's tasks: services import this module at its top and enqueue
from inside their transaction; a task is a thin wrapper that reads the clock and imports the
code it runs inside its body (that code calls services, which import this module).
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from tandem.mentorships.models import Ask
from tandem.mentorships.rules import EXPIRE_AFTER, FOLLOW_UP_AFTER


@task()
def ask_follow_up(ask_id: int) -> bool:
    from tandem.mentorships.nudges import ask_follow_up_if_due

    return ask_follow_up_if_due(ask_id=ask_id, now=timezone.now())


@task()
def ask_expire_unanswered(ask_id: int) -> bool:
    from tandem.mentorships.nudges import ask_expire_if_due

    return ask_expire_if_due(ask_id=ask_id, now=timezone.now())


def ask_schedule_follow_ups(ask: Ask) -> None:
    """Enqueue the ask's day-7 and day-14 jobs.

    Enqueued inside the caller's transaction on purpose: the database backend stores the job
    in the same transaction, so a rolled-back ask leaves no job behind.
    """
    ask_follow_up.using(run_after=ask.sent_at + FOLLOW_UP_AFTER).enqueue(ask.pk)
    ask_expire_unanswered.using(run_after=ask.sent_at + EXPIRE_AFTER).enqueue(ask.pk)
