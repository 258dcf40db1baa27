"""Background jobs: thin wrappers that read the clock and call the services."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django_tasks import task

from tandem.notifications.services import (
    PENDING_EMAIL_WINDOW,
    digests_send,
    notification_email_send,
    pending_emails_send,
)


@task()
def send_notification_email(notification_id: int) -> bool:
    """Email one notification (once, however often the job runs)."""
    return notification_email_send(notification_id=notification_id, now=timezone.now())


@task()
def send_digests() -> int:
    """Send today's daily digests; meant to run once a day (see the `send_digests` command)."""
    return digests_send(now=timezone.now())


@task()
def send_pending_emails(created_from: str | None = None) -> int:
    """Email every unsent immediate notification since `created_from` (ISO; default a day ago).

    `notify_many` enqueues one of these for a whole batch instead of a job per notification.
    """
    now = timezone.now()
    since = datetime.fromisoformat(created_from) if created_from else now - PENDING_EMAIL_WINDOW
    return pending_emails_send(created_from=since, now=now)
