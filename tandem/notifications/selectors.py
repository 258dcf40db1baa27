"""Reads for notifications: a person's centre, their unread count and their preferences."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from tandem.accounts.models import User
from tandem.core.compiled import CompiledQuery
from tandem.notifications.kinds import Delivery, Kind
from tandem.notifications.models import Notification, Preference


def notification_list_for(*, user: User) -> QuerySet[Notification]:
    """The user's notifications, newest first; the template needs nothing related."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def notification_for(*, user: User, notification_id: int) -> Notification | None:
    """The user's own notification, as it is; None for anyone else's."""
    return Notification.objects.filter(pk=notification_id, recipient=user).first()


def _unread_count_query(user_id: int) -> QuerySet[Notification, tuple[int]]:
    # Grouped by the recipient, the one value filtered on: a row only if any are unread.
    return (
        Notification.objects.filter(recipient_id=user_id, read_at__isnull=True)
        .values("recipient_id")
        .annotate(unread=Count("pk"))
        .values_list("unread")
        .order_by()
    )


# In the navigation of every page: compiled once per process (tandem/core/compiled.py).
_UNREAD = CompiledQuery(_unread_count_query)


def notification_unread_count(*, user: User) -> int:
    """How many of the user's notifications are not read yet (one COUNT query)."""
    row = _UNREAD.first(user.pk)
    return int(row[0]) if row else 0


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
