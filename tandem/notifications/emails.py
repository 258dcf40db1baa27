"""The emails notifications become: one per notification, or one daily digest of several.

Every email has a plain-text part and a simple HTML part, a link straight to the thing it is
about and a link to the preferences page. Titles and bodies can hold text people typed, so the
HTML templates keep autoescaping on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from tandem.accounts.models import User
from tandem.notifications.links import absolute_url
from tandem.notifications.models import Notification

TEMPLATES = "notifications/email"


def _subject(title: str) -> str:
    # A header cannot hold a line break; collapse any whitespace a title may carry.
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(title.split())


def _message(
    *, user: User, subject: str, template: str, context: dict[str, Any]
) -> EmailMultiAlternatives:
    context = {
        **context,
        "name": user.first_name or user.display_name,
        "preferences_url": absolute_url(reverse("notifications:settings")),
        "centre_url": absolute_url(reverse("notifications:list")),
    }
    message = EmailMultiAlternatives(
        subject=_subject(subject),
        body=render_to_string(f"{TEMPLATES}/{template}.txt", context),
        to=[user.email],
    )
    message.attach_alternative(
        render_to_string(f"{TEMPLATES}/{template}.html", context), "text/html"
    )
    return message


def notification_message(*, notification: Notification) -> EmailMultiAlternatives:
    """The email for one notification, addressed to its recipient."""
    return _message(
        user=notification.recipient,
        subject=notification.title,
        template="notification",
        context={"notification": notification, "link": absolute_url(notification.url)},
    )


def digest_message(*, user: User, notifications: Sequence[Notification]) -> EmailMultiAlternatives:
    """One email listing several notifications, oldest first, each with its own link."""
    count = len(notifications)
    items = [{"notification": n, "link": absolute_url(n.url)} for n in notifications]
    return _message(
        user=user,
        subject=f"Your daily digest: {count} update{'s' if count != 1 else ''}",
        template="digest",
        context={"items": items, "count": count},
    )
