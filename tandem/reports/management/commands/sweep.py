"""`tandem sweep`: every nudge, expiry, pulse and digest that is due (run it from cron).

The steps run in this order, each doing one job: the ask follow-ups and lapses, then the
meeting and mentorship nudges, then the coffee cycles that are due (run and published), then
the program pulses that are due (the one question behind a program's NPS), then the daily
digests (so people who chose the digest find today's nudges, introductions and pulses in it),
then immediate emails that never went out. It lives in the reports app, the top of the domain
layering, so it can call every step.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from tandem.meetings.nudges.sweep import meetings_sweep
from tandem.mentorships.nudges import asks_sweep
from tandem.notifications.services import digests_send, emails_retry
from tandem.programs.rounds.cycles import coffee_cycles_run
from tandem.reports.services.pulses import pulses_send


class Command(BaseCommand):
    help = (
        "Send due ask follow-ups, meeting reminders, cadence, action-item, back-off and "
        "term-review nudges, run and publish the coffee cycles that are due, ask the program "
        "pulses that are due (after the intro, at the end of the term), send the daily "
        "digests, and let unanswered asks lapse; safe to run any time and twice."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        asks = asks_sweep(now=now)
        meetings = meetings_sweep(now=now)
        coffee = coffee_cycles_run(now=now)
        pulses = pulses_send(now=now)
        digests = digests_send(now=now)
        retried = emails_retry(now=now)
        self.stdout.write(
            f"Sweep done: {asks}; {meetings}; {coffee}; {pulses}; {digests} digest(s), "
            f"{retried} email(s) retried."
        )
