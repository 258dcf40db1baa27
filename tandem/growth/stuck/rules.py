"""Reads that both the services and the pages need: how many checks a day, and how many are
left, so a page and the service it leads to never disagree."""

from __future__ import annotations

from datetime import datetime, timedelta

from tandem.accounts.models import User
from tandem.growth.stuck.models import StuckCheck

MAX_CHECKS_PER_DAY = 3  # in any 24 hours: enough to redo one, not enough to fill a table
CHECKS_CAPPED = (
    f"You've taken the check {MAX_CHECKS_PER_DAY} times in the last day. Give it a little "
    "time: answers mean more after a few days of living with them."
)


def checks_left_today(owner: User, *, now: datetime) -> int:
    """How many more checks the owner may take before the 24-hour window frees one."""
    recent = StuckCheck.objects.filter(owner=owner, taken_at__gt=now - timedelta(days=1))
    return max(0, MAX_CHECKS_PER_DAY - recent.count())
