"""Before one person's doing becomes a notice to another: blocks, mutes and flood control.

`notify` asks `screen` first whenever it knows who caused the notice (its actor):

* The recipient blocked or muted the actor: nothing is raised.
* The same kind from the same actor is still unread from the last few minutes: that notice
  is brought up to date (and to the top) instead of a new one and a new email.
* An ask/withdraw loop: past a few ask emails a day from one person to another, further
  notices still show in the centre but are never emailed.

Notices Tandem raises itself (reminders, digests of sweeps) have no actor and pass as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction

from tandem.accounts.models import User
from tandem.moderation.blocks import silenced
from tandem.notifications.kinds import Kind
from tandem.notifications.models import Notification

COALESCE_WINDOW = timedelta(minutes=10)
# Ask emails from one person to another within a rolling day (sent or withdrawn alike).
DAILY_ASK_EMAILS = 3
ASK_KINDS = frozenset({Kind.ASK_RECEIVED, Kind.ASK_WITHDRAWN})


@dataclass(frozen=True)
class Screened:
    """What `notify` does next: raise nothing, or raise it (emailed or not)."""

    raise_it: bool
    email_held: bool = False


SKIP = Screened(raise_it=False)


@dataclass(frozen=True)
class Draft:
    """The notice `notify` was asked to raise."""

    recipient: User
    actor: User
    kind: str
    cause: str
    title: str
    body: str
    url: str


def screen(draft: Draft, *, now: datetime) -> Screened:
    """Whether and how to raise a notice one person caused (see the module's docstring)."""
    if silenced(recipient_id=draft.recipient.pk, actor_id=draft.actor.pk):
        return SKIP
    same = Notification.objects.filter(recipient=draft.recipient, kind=draft.kind)
    if same.filter(cause=draft.cause).exists():
        return SKIP  # told already: a retry changes nothing
    unread = same.filter(actor=draft.actor, read_at__isnull=True)
    lately = unread.filter(created_at__gt=now - COALESCE_WINDOW, created_at__lte=now)
    recent = lately.order_by("-created_at", "-id").first()
    if recent is not None:
        _bump(recent, draft, now=now)
        return SKIP
    return Screened(raise_it=True, email_held=_over_daily_cap(draft, now=now))


def _bump(notification: Notification, draft: Draft, *, now: datetime) -> None:
    """Bring an unread notice up to date with the newer one, with no new email. It takes the
    newer cause, so a retry of the newer notice still finds it."""
    notification.cause, notification.title = draft.cause, draft.title
    notification.body, notification.url, notification.created_at = draft.body, draft.url, now
    try:
        with transaction.atomic():  # a savepoint: a racing insert of this cause wins
            notification.save(update_fields=["cause", "title", "body", "url", "created_at"])
    except IntegrityError:
        pass


def _over_daily_cap(draft: Draft, *, now: datetime) -> bool:
    if draft.kind not in ASK_KINDS:
        return False
    emailed = Notification.objects.filter(
        recipient=draft.recipient, actor=draft.actor, kind__in=ASK_KINDS, email_held=False,
        created_at__gt=now - timedelta(days=1),
    ).count()  # fmt: skip
    return emailed >= DAILY_ASK_EMAILS
