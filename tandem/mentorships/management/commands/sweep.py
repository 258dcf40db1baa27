"""`tandem sweep`: do every nudge, expiry and digest that is due (run it from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from tandem.mentorships.nudges import sweep


class Command(BaseCommand):
    help = "Send due follow-ups and digests and expire unanswered asks; safe to run any time."

    def handle(self, *args: Any, **options: Any) -> None:
        report = sweep(now=timezone.now())
        self.stdout.write(f"Sweep done: {report}.")
