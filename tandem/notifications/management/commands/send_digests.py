"""`tandem send_digests`: send today's daily digests; run it once a day (cron, a scheduler)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from tandem.notifications.services import digests_send


class Command(BaseCommand):
    help = "Email each person who chose the daily digest their unsent notifications (once a day)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = digests_send(now=timezone.now())
        self.stdout.write(f"Sent {sent} digest{'s' if sent != 1 else ''}.")
