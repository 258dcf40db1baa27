"""Writes for notifications: raising one, marking read, preferences, and sending the emails
(raising many at once is `bulk.notify_many`, re-exported here).

Other apps call `notify` explicitly from their own services (no signals). Time is always passed
in, so the day-7 reminders and the digest behave the same in tests as in production.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta

from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet

from tandem.accounts.models import User
from tandem.core.errors import DomainError

# Bulk notices live in `bulk`; re-exported here, so callers keep one import for raising notices.
from tandem.notifications.bulk import PENDING_EMAIL_WINDOW as PENDING_EMAIL_WINDOW
from tandem.notifications.bulk import Notice as Notice
from tandem.notifications.bulk import notify_many as notify_many
from tandem.notifications.bulk import notify_many_by_kind as notify_many_by_kind
from tandem.notifications.emails import digest_message, notification_message
from tandem.notifications.floods import Draft, Screened, screen
from tandem.notifications.kinds import Delivery, Kind
from tandem.notifications.links import is_site_path
from tandem.notifications.models import TITLE_MAX_LENGTH, DigestSent, Notification, Preference
from tandem.notifications.selectors import delivery_for

logger = logging.getLogger(__name__)

# A digest gathers what is recent; older unsent notifications (say, from while a kind was
# switched off) stay in the centre rather than arriving as stale news.
DIGEST_LOOKBACK = timedelta(days=7)
EMAIL_BATCH = 100  # emails a chunk of `pending_emails_send`: one lock, one SMTP session


class PreferenceError(DomainError):
    """A preference change naming an unknown kind or delivery (bad input, 400); nothing was
    saved."""


def notify(
    *, recipient: User, kind: str, cause: str, title: str, body: str, url: str, now: datetime,
    actor: User | None = None,
) -> Notification | None:  # fmt: skip
    """Tell `recipient` about something once per (kind, cause); None if it was already told.

    The email follows the recipient's preference for the kind: sent now, left for the daily
    digest, or not sent at all. The notification shows in the in-app centre either way.
    `actor` is the person whose doing it is: their notices go through `floods.screen`
    (blocks, mutes, coalescing, the daily cap), which may raise nothing (None).
    """
    if kind not in Kind.values:
        raise ValueError(f"Unknown notification kind {kind!r}.")
    if not is_site_path(url):
        raise ValueError(f"A notification links to a path on this site, not {url!r}.")
    if len(title) > TITLE_MAX_LENGTH:
        title = title[: TITLE_MAX_LENGTH - 1] + "…"
    screened = Screened(raise_it=True)
    if actor is not None:
        screened = screen(Draft(recipient, actor, kind, cause, title, body, url), now=now)
        if not screened.raise_it:
            return None
    try:
        # A savepoint, so a duplicate leaves the caller's transaction usable (PostgreSQL).
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, kind=kind, cause=cause, title=title, body=body, url=url,
                created_at=now, actor=actor, email_held=screened.email_held,
            )  # fmt: skip
    except IntegrityError:
        if Notification.objects.filter(recipient=recipient, kind=kind, cause=cause).exists():
            return None
        raise
    if not screened.email_held and delivery_for(user=recipient, kind=kind) == Delivery.IMMEDIATE:
        # Imported here because the task module imports this one. Enqueued directly, not
        # on_commit: the database task backend writes its row in this same transaction.
        from tandem.notifications.tasks import send_notification_email

        send_notification_email.enqueue(notification_id=notification.pk)
    return notification


def notifications_mark_read(
    *, user: User, notification_ids: Iterable[int] | None = None, now: datetime
) -> int:
    """Mark the user's unread notifications read (all, or just these ids); how many changed."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=now)


def notification_open(*, user: User, notification_id: int, now: datetime) -> Notification | None:
    """The user's own notification, marked read; None for anyone else's (nothing changes).
    For a POST only: a link scanner fetching a page must not read anything."""
    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is not None and notification.read_at is None:
        notifications_mark_read(user=user, notification_ids=[notification.pk], now=now)
        notification.read_at = now
    return notification


def preferences_set(*, user: User, deliveries: Mapping[str, str]) -> None:
    """Save how the user wants to hear about each kind; all or nothing."""
    for kind, delivery in deliveries.items():
        if kind not in Kind.values:
            raise PreferenceError(f"Unknown notification kind {kind!r}.")
        if delivery not in Delivery.values:
            raise PreferenceError(f"Unknown delivery {delivery!r}.")
    Preference.objects.bulk_create(
        [Preference(user=user, kind=kind, delivery=d) for kind, d in deliveries.items()],
        update_conflicts=True,
        unique_fields=["user", "kind"],
        update_fields=["delivery"],
    )


def notification_email_send(*, notification_id: int, now: datetime) -> bool:
    """Email one notification unless it was emailed already; True if this call sent it.

    The row stays locked while sending, so two workers given the same job cannot both send.
    The preference is read again: someone who switched the kind off since then gets no email.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.emailed_at is not None or notification.email_held:
            return False
        recipient = notification.recipient
        if not recipient.is_active:
            return False
        if delivery_for(user=recipient, kind=notification.kind) != Delivery.IMMEDIATE:
            return False  # left for the digest, or switched off
        notification_message(notification=notification).send()
        notification.emailed_at = now
        notification.save(update_fields=["emailed_at"])
    return True


def _immediate_unsent(*, created_from: datetime) -> QuerySet[Notification]:
    """Unsent notifications since `created_from` whose recipient wants their kind at once."""
    not_immediate = Preference.objects.filter(
        user=OuterRef("recipient"), kind=OuterRef("kind")
    ).exclude(delivery=Delivery.IMMEDIATE)
    return Notification.objects.filter(
        ~Exists(not_immediate),
        emailed_at__isnull=True,
        email_held=False,
        created_at__gte=created_from,
        recipient__is_active=True,
    )


def _pending_send_chunk(*, ids: list[int], created_from: datetime, now: datetime) -> int:
    with transaction.atomic():
        # Locked, and re-checked under the lock: a worker sending one of these right now
        # (`notification_email_send`) keeps it, and whatever went meanwhile is skipped.
        notifications = list(
            _immediate_unsent(created_from=created_from)
            .filter(pk__in=ids)
            .select_related("recipient")
            .select_for_update(of=("self",), skip_locked=True)
            .order_by("id")
        )
        if not notifications:
            return 0
        sent: list[int] = []
        with get_connection() as mail:  # one SMTP session for the chunk
            for notification in notifications:
                message = notification_message(notification=notification)
                message.connection = mail
                try:
                    message.send()
                except Exception:  # one bad address must not stop the rest
                    logger.exception("Emailing notification %s failed", notification.pk)
                    continue
                sent.append(notification.pk)
        Notification.objects.filter(pk__in=sent).update(emailed_at=now)
    return len(sent)


def pending_emails_send(*, created_from: datetime, now: datetime) -> int:
    """Email every unsent notification since `created_from` whose recipient wants it at once.

    The batched sender behind `notify_many`: chunks of rows locked together, one mail
    connection per chunk. Each row is marked as it is sent, so a second run sends nothing.
    Returns how many emails went.
    """
    ids = list(
        _immediate_unsent(created_from=created_from)
        .order_by("created_at", "id")
        .values_list("id", flat=True)
    )
    return sum(
        _pending_send_chunk(
            ids=ids[start : start + EMAIL_BATCH], created_from=created_from, now=now
        )
        for start in range(0, len(ids), EMAIL_BATCH)
    )


def _digest_pending(*, now: datetime) -> QuerySet[Notification]:
    """Unsent, recent notifications whose recipient wants their kind in the digest."""
    wants_digest = Preference.objects.filter(
        user=OuterRef("recipient"), kind=OuterRef("kind"), delivery=Delivery.DIGEST
    )
    return Notification.objects.filter(
        Exists(wants_digest),
        emailed_at__isnull=True,
        email_held=False,
        created_at__gt=now - DIGEST_LOOKBACK,
        created_at__lte=now,
        recipient__is_active=True,
    )


def _digest_send_one(*, user: User, day: date, now: datetime) -> bool:
    with transaction.atomic():
        notifications = list(
            _digest_pending(now=now)
            .filter(recipient=user)
            .select_for_update(of=("self",))
            .order_by("created_at", "id")
        )
        if not notifications:
            return False  # another run took them meanwhile
        try:
            with transaction.atomic():
                DigestSent.objects.create(
                    user=user, day=day, sent_at=now, notification_count=len(notifications)
                )
        except IntegrityError:
            return False  # today's digest went already
        digest_message(user=user, notifications=notifications).send()
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=now)
    return True


def digests_send(*, now: datetime) -> int:
    """Send each person who chose the digest one email of their unsent notifications.

    At most one digest per person per UTC day (a unique row per day), so running this twice
    sends once. Returns how many digests were sent.
    """
    day = now.astimezone(UTC).date()
    user_ids = list(
        _digest_pending(now=now)
        .exclude(recipient__notification_digests__day=day)
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by("recipient_id")
    )
    sent = 0
    for user in User.objects.filter(pk__in=user_ids).order_by("pk"):
        try:
            if _digest_send_one(user=user, day=day, now=now):
                sent += 1
        except Exception:
            # One bad address must not hold up everyone after it; the next run retries it.
            logger.exception("Could not send the notification digest to user %s", user.pk)
    return sent


# An immediate email still unsent after this long was lost (a worker down, the mail server
# refusing); the sweep sends it. Older than RETRY_WINDOW it is stale news and stays in-app.
RETRY_AFTER = timedelta(minutes=15)
RETRY_WINDOW = timedelta(days=1)


def emails_retry(*, now: datetime) -> int:
    """Send immediate emails that should have gone out and didn't; returns how many went.

    Safe beside running workers: `notification_email_send` locks each row and skips any that
    went meanwhile. One failing address is logged and does not stop the others.
    """
    due = (
        _immediate_unsent(created_from=now - RETRY_WINDOW)
        .filter(created_at__gt=now - RETRY_WINDOW, created_at__lte=now - RETRY_AFTER)
        .order_by("created_at", "id")
        .values_list("id", flat=True)
    )
    sent = 0
    for notification_id in list(due):
        try:
            sent += notification_email_send(notification_id=notification_id, now=now)
        except Exception:  # one bad address must not stop the rest
            logger.exception("Retrying the email of notification %s failed", notification_id)
    return sent
