"""`tandem sweep`: every nudge, expiry and digest that is due (run it from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from tandem.meetings.nudges import meetings_sweep
from tandem.mentorships.nudges import sweep


class Command(BaseCommand):
    help = (
        "Send due ask follow-ups, meeting reminders, cadence, action-item, back-off and "
        "term-review nudges and the daily digests, and let unanswered asks lapse; safe to run "
        "any time and twice."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        # Mentorship nudges first, so people who chose the digest find them in today's.
        meetings = meetings_sweep(now=now)
        asks = sweep(now=now)
        self.stdout.write(f"Sweep done: {asks}; {meetings}.")
