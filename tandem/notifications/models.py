"""Notifications shown in the in-app centre, the email preferences behind them, and digests sent.

A notification is created once per (recipient, kind, cause), so the code that raises it can
retry freely; whether and when it is emailed follows the recipient's preference for its kind.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tandem.notifications.kinds import Delivery, Kind

TITLE_MAX_LENGTH = 200
URL_MAX_LENGTH = 300


class Notification(models.Model):
    """One thing that happened that the recipient should know about."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    # What raised it, e.g. "ask:12:follow_up"; the same cause never notifies twice.
    cause = models.CharField(max_length=100)
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=URL_MAX_LENGTH)  # a site path such as "/asks/12/"
    # Set from the `now` the service is given, not the clock, so it is not BaseModel's auto_now_add.
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # The person whose doing it is (an ask's mentee, a message's author); none for Tandem's
    # own reminders. Blocks, mutes and flood control go by it.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications_caused",
    )
    # Shown in the centre but never emailed: one person's notices went past the day's cap.
    email_held = models.BooleanField(default=False)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "cause"], name="notifications_once_per_cause"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notifications_unread_idx"),
            models.Index(
                fields=["recipient", "-created_at", "-id"], name="notifications_newest_idx"
            ),
            models.Index(
                fields=["recipient", "actor", "-created_at"], name="notifications_by_actor_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.recipient_id}: {self.title}"

    @property
    def is_unread(self) -> bool:
        """Not opened yet (and not marked read with "Mark all as read")."""
        return self.read_at is None


class Preference(models.Model):
    """How one person wants to be emailed about one kind; no row means immediately."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)

    class Meta:
        ordering = ("user", "kind")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notifications_one_preference"),
            models.CheckConstraint(
                condition=models.Q(delivery__in=Delivery.values),
                name="notifications_delivery_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.kind}: {self.delivery}"


class DigestSent(models.Model):
    """A daily digest emailed to one person on one UTC day; at most one a day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_digests"
    )
    day = models.DateField()
    sent_at = models.DateTimeField()
    notification_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-day", "user")
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="notifications_one_digest_a_day"),
        ]
        verbose_name = "digest sent"
        verbose_name_plural = "digests sent"

    def __str__(self) -> str:
        return f"Digest for {self.user_id} on {self.day}"
