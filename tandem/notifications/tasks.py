"""Background jobs: thin wrappers that read the clock and call the services."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from tandem.notifications.services import digests_send, notification_email_send


@task()
def send_notification_email(notification_id: int) -> bool:
    """Email one notification (once, however often the job runs)."""
    return notification_email_send(notification_id=notification_id, now=timezone.now())


@task()
def send_digests() -> int:
    """Send today's daily digests; meant to run once a day (see the `send_digests` command)."""
    return digests_send(now=timezone.now())
