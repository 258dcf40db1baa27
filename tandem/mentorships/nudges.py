"""The ask's background follow-through (PRODUCT.md P5, F9): the day-7 nudge, the day-14 expiry.

Each is a deferred job enqueued when the ask is sent, and the sweep finds any a worker missed.
A follow-up missed until the ask lapses is not sent late: the lapse notice says it all.
Both are safe to run twice: the ask is re-read under its row lock, its state and age decide,
and every notice is one per cause (a unique constraint on notifications).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from tandem.mentorships import notices
from tandem.mentorships.models import Ask
from tandem.mentorships.rules import EXPIRE_AFTER, FOLLOW_UP_AFTER
from tandem.mentorships.services.asks import ask_expire


@transaction.atomic
def ask_follow_up_if_due(*, ask_id: int, now: datetime) -> bool:
    """Send the day-7 nudges once, if the ask is still waiting; True if they went out now."""
    ask = (
        Ask.objects.select_for_update(of=("self",))
        .select_related("mentee__user", "mentor__user")
        .filter(pk=ask_id)
        .first()
    )
    if ask is None or ask.state != Ask.State.PENDING or ask.followed_up_at is not None:
        return False
    if not ask.sent_at + FOLLOW_UP_AFTER <= now < ask.sent_at + EXPIRE_AFTER:
        return False  # not due yet, or so late that the lapse notice says it all
    ask.followed_up_at = now
    ask.save(update_fields=["followed_up_at", "updated_at"])
    notices.ask_follow_up(ask, now=now)
    return True


def ask_expire_if_due(*, ask_id: int, now: datetime) -> bool:
    """Let a still-unanswered ask lapse at day 14; True if it lapsed now."""
    ask = Ask.objects.filter(pk=ask_id, state=Ask.State.PENDING).first()
    if ask is None or now < ask.sent_at + EXPIRE_AFTER:
        return False
    with transaction.atomic():
        locked = Ask.objects.select_for_update(of=("self",)).get(pk=ask_id)
        if locked.state != Ask.State.PENDING:
            return False  # answered a moment ago
        ask_expire(ask=locked, now=now)
    return True


@dataclass(frozen=True)
class AskSweepReport:
    followed_up: int
    expired: int

    def __str__(self) -> str:
        return f"{self.followed_up} follow-up(s), {self.expired} expired ask(s)"


def _due_ids(**filters: object) -> list[int]:
    return list(
        Ask.objects.filter(state=Ask.State.PENDING, **filters)
        .order_by("sent_at", "id")
        .values_list("id", flat=True)
    )


def asks_sweep(*, now: datetime) -> AskSweepReport:
    """The ask jobs a worker did not run (down, or a job lost): follow-ups, then lapses."""
    followed = sum(
        ask_follow_up_if_due(ask_id=pk, now=now)
        for pk in _due_ids(
            followed_up_at__isnull=True,
            sent_at__lte=now - FOLLOW_UP_AFTER,
            sent_at__gt=now - EXPIRE_AFTER,
        )
    )
    expired = sum(
        ask_expire_if_due(ask_id=pk, now=now) for pk in _due_ids(sent_at__lte=now - EXPIRE_AFTER)
    )
    return AskSweepReport(followed_up=followed, expired=expired)
