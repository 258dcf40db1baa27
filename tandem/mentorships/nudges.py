"""The ask's background follow-through (PRODUCT.md P5, F9): the day-7 nudge, the day-14 expiry.

Each is a deferred job enqueued when the ask is sent, and the sweep finds any a worker missed.
A follow-up missed until the ask lapses is not sent late: the lapse notice says it all.
Both are safe to run twice: the ask is re-read under its row lock, its state and age decide,
and every notice is one per cause (a unique constraint on notifications).

The sweep does the same in set-based chunks (issue 14): after a week without a worker there
may be thousands due, and one transaction per ask took minutes. Each chunk is one transaction:
its rows locked and re-checked, one UPDATE, the notices in bulk (`notify_many`) with the one
email job that sends them, committed together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tandem.mentorships import notices
from tandem.mentorships.models import Ask
from tandem.mentorships.rules import EXPIRE_AFTER, FOLLOW_UP_AFTER
from tandem.mentorships.services.asks import ask_expire, asks_expire, asks_locked
from tandem.notifications.services import notify_many

# Asks per transaction: the ids fit SQLite's 999 parameters, and a chunk's row locks are
# held for a fraction of a second, so an accept waiting on one hardly notices.
SWEEP_CHUNK = 500


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


def _follow_up_due(now: datetime) -> Q:
    """Waiting, not reminded, and past day 7 but not yet day 14 (then the lapse says it all)."""
    return Q(
        state=Ask.State.PENDING,
        followed_up_at__isnull=True,
        sent_at__lte=now - FOLLOW_UP_AFTER,
        sent_at__gt=now - EXPIRE_AFTER,
    )


@transaction.atomic
def asks_follow_up(*, ids: list[int], now: datetime) -> int:
    """`ask_follow_up_if_due` for many asks at once; how many were reminded now."""
    asks = asks_locked(Ask.objects.filter(_follow_up_due(now), pk__in=ids))
    if not asks:
        return 0
    # QuerySet.update leaves auto_now alone: updated_at is set as save() would set it.
    Ask.objects.filter(pk__in=[ask.pk for ask in asks]).update(
        followed_up_at=now, updated_at=timezone.now()
    )
    notify_many((n for ask in asks for n in notices.ask_follow_up_notices(ask)), now=now)
    return len(asks)


def _due_ids(due: Q) -> list[int]:
    return list(Ask.objects.filter(due).order_by("sent_at", "id").values_list("id", flat=True))


def _in_chunks(ids: list[int]) -> list[list[int]]:
    return [ids[start : start + SWEEP_CHUNK] for start in range(0, len(ids), SWEEP_CHUNK)]


def asks_sweep(*, now: datetime) -> AskSweepReport:
    """The ask jobs a worker did not run (down, or a job lost): follow-ups, then lapses."""
    followed = sum(
        asks_follow_up(ids=chunk, now=now) for chunk in _in_chunks(_due_ids(_follow_up_due(now)))
    )
    lapsing = Q(state=Ask.State.PENDING, sent_at__lte=now - EXPIRE_AFTER)
    expired = sum(asks_expire(ids=chunk, now=now) for chunk in _in_chunks(_due_ids(lapsing)))
    return AskSweepReport(followed_up=followed, expired=expired)
