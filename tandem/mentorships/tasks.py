"""Deferred jobs for asks (django-tasks): enqueued when an ask is sent, due at day 7 and 14.

A worker (`tandem db_worker`) runs them; `tandem sweep` catches anything they missed.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from tandem.mentorships.models import Ask
from tandem.mentorships.nudges import (
    EXPIRE_AFTER,
    FOLLOW_UP_AFTER,
    ask_expire_if_due,
    ask_follow_up_if_due,
)


@task()
def ask_follow_up(ask_id: int) -> bool:
    return ask_follow_up_if_due(ask_id=ask_id, now=timezone.now())


@task()
def ask_expire_unanswered(ask_id: int) -> bool:
    return ask_expire_if_due(ask_id=ask_id, now=timezone.now())


def ask_schedule_follow_ups(ask: Ask) -> None:
    """Enqueue the ask's day-7 and day-14 jobs.

    Enqueued inside the caller's transaction on purpose: the database backend stores the job
    in the same transaction, so a rolled-back ask leaves no job behind.
    """
    ask_follow_up.using(run_after=ask.sent_at + FOLLOW_UP_AFTER).enqueue(ask.pk)
    ask_expire_unanswered.using(run_after=ask.sent_at + EXPIRE_AFTER).enqueue(ask.pk)
