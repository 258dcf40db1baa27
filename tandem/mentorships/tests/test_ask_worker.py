"""The production wiring: with the database backend, an ask's jobs are rows that a real
`db_worker` runs when they fall due (and not before)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tandem.mentorships.models import Ask
from tandem.mentorships.tests.factories import AskFactory

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


# Transactional: the worker closes its database connection when it is done, which would end the
# surrounding test transaction on PostgreSQL. Serialized rollback, like the browser tests, keeps
# the data the migrations load.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_a_worker_runs_the_ask_jobs_only_when_due():
    now = timezone.now()
    fresh = AskFactory(now=now)  # its follow-up and expiry lie in the future
    old = AskFactory(now=now - timedelta(days=15))  # past its lapse: the follow-up is moot
    run_when = dict(
        DBTaskResult.objects.filter(args_kwargs__args=[fresh.pk]).values_list(
            "task_path", "run_after"
        )
    )
    assert run_when == {
        "tandem.mentorships.tasks.ask_follow_up": fresh.sent_at + timedelta(days=7),
        "tandem.mentorships.tasks.ask_expire_unanswered": fresh.sent_at + timedelta(days=14),
    }
    mail.outbox.clear()
    run_worker()
    fresh.refresh_from_db()
    old.refresh_from_db()
    assert (fresh.state, old.state) == (Ask.State.PENDING, Ask.State.EXPIRED)
    assert fresh.followed_up_at is None
    # Emails are jobs too: "you have a request" to both mentors, then the lapse of the old ask
    # to both of its sides, enqueued and run within the same batch.
    recipients = sorted(m.to[0] for m in mail.outbox)
    both = [old.mentor.user.email, old.mentee.user.email]
    assert recipients == sorted([fresh.mentor.user.email, old.mentor.user.email, *both])
