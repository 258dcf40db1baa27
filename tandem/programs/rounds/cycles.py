"""Coffee cycles that run by themselves: when a coffee program's cycle is due, the sweep runs
its round and publishes it, so every opted-in participant hears who they meet without a
manager having to click. A manager can still run a cycle early from the rounds page; a draft
they are reviewing is left alone (the sweep never publishes what a person is looking at).

A cycle is due when the program has started and not ended, nothing is queued, running or in
draft, and the last published cycle began a whole cycle ago (or there is none yet).
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Max, Q

from tandem.core.errors import DomainError
from tandem.programs.models import Participant, Program, Round
from tandem.programs.rounds.publish import round_discard, round_publish
from tandem.programs.rounds.run import round_run, round_start

logger = logging.getLogger(__name__)

MIN_PEOPLE = 2  # a cycle needs at least one pair
STEP_DAYS: dict[str, int] = {Program.Cycle.WEEKLY: 7, Program.Cycle.TWO_WEEKS: 14}


def next_cycle_on(last: date, cycle: str) -> date:
    """The day the cycle after one that began on `last` begins (a month: the same day of the
    next month, or its last day)."""
    if cycle in STEP_DAYS:
        return last + timedelta(days=STEP_DAYS[cycle])
    year, month = (last.year + 1, 1) if last.month == 12 else (last.year, last.month + 1)
    return date(year, month, min(last.day, calendar.monthrange(year, month)[1]))


def coffee_cycles_due(*, today: date) -> list[Program]:
    """Coffee programs whose next cycle should start by `today`."""
    programs = (
        Program.objects.filter(kind=Program.Kind.COFFEE)
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=today))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .exclude(rounds__state__in=(Round.State.QUEUED, Round.State.RUNNING, Round.State.DRAFT))
        .annotate(
            last=Max("rounds__cycle_on", filter=Q(rounds__state=Round.State.PUBLISHED)),
            # A cycle that failed today is not retried every few minutes: staff look first.
            failed_today=Count(
                "rounds", filter=Q(rounds__state=Round.State.FAILED, rounds__cycle_on=today)
            ),
        )
        .order_by("id")
    )
    return [
        p for p in programs
        if not p.failed_today and (p.last is None or next_cycle_on(p.last, p.cycle) <= today)
    ]  # fmt: skip


@dataclass(frozen=True)
class CyclesDone:
    """What one pass did: cycles published, programs skipped for too few people, failures."""

    published: int = 0
    too_few: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return (
            f"{self.published} coffee cycle(s) published, {self.too_few} skipped for too few "
            f"people, {self.failed} failed"
        )


def _cycle_run(program: Program, now: datetime) -> str:
    """Run and publish one program's cycle: "published", "too_few" or "failed"."""
    people = program.participants.filter(state=Participant.State.ACTIVE, opted_in=True).count()
    if people < MIN_PEOPLE:
        return "too_few"
    round_ = round_start(program=program, actor=None, now=now, enqueue=False)
    round_ = round_run(round_.pk, now=now)
    if round_.state != Round.State.DRAFT:
        return "failed"
    if not round_.pairs.exists():
        round_discard(program=program, round_=round_, actor=None, now=now)
        return "too_few"
    round_publish(program=program, round_=round_, actor=None, now=now)
    return "published"


def coffee_cycles_run(*, now: datetime) -> CyclesDone:
    """Start, run and publish every coffee cycle that is due; safe to run any time and twice
    (a second pass finds nothing due, and a start refused because another pass holds the
    program is skipped)."""
    counts = {"published": 0, "too_few": 0, "failed": 0}
    for program in coffee_cycles_due(today=now.date()):
        try:
            counts[_cycle_run(program, now)] += 1
        except DomainError as error:  # another pass got there first, or a pair went stale
            logger.warning("Coffee cycle of %s not published: %s", program.slug, error.message)
            counts["failed"] += 1
    return CyclesDone(**counts)
