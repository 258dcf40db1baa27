"""The unread count in the navigation, on every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from tandem.notifications.selectors import notification_unread_count


def unread(request: HttpRequest) -> dict[str, Any]:
    """`unread_notifications`: counted (one query) only if a template reads it."""

    def count() -> int:
        if not request.user.is_authenticated:
            return 0
        return notification_unread_count(user=request.user)

    return {"unread_notifications": SimpleLazyObject(count)}
