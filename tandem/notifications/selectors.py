"""Reads for notifications: a person's centre, their unread count and their preferences."""

from __future__ import annotations

from django.db.models import QuerySet

from tandem.accounts.models import User
from tandem.notifications.kinds import Delivery, Kind
from tandem.notifications.models import Notification, Preference


def notification_list_for(*, user: User) -> QuerySet[Notification]:
    """The user's notifications, newest first; the template needs nothing related."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def notification_for(*, user: User, notification_id: int) -> Notification | None:
    """The user's own notification, as it is; None for anyone else's."""
    return Notification.objects.filter(pk=notification_id, recipient=user).first()


def notification_unread_count(*, user: User) -> int:
    """How many of the user's notifications are not read yet (one COUNT query)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def delivery_for(*, user: User, kind: str) -> str:
    """How the user wants to be emailed about `kind`; immediately unless they chose otherwise."""
    chosen = (
        Preference.objects.filter(user=user, kind=kind).values_list("delivery", flat=True).first()
    )
    return chosen or Delivery.IMMEDIATE


def preferences_for(*, user: User) -> dict[str, str]:
    """Every kind mapped to the user's delivery choice, defaults filled in."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, Delivery.IMMEDIATE) for kind in Kind.values}
