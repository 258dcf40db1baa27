"""Writes for the private calendar feed: made on first use, replaced when revoked.

The token is the only key to the feed (calendar apps cannot log in), so revoking replaces it:
the old URL then opens nothing, exactly like a token that never existed.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from tandem.accounts.models import User
from tandem.meetings.models import CalendarFeed, new_feed_token


def feed_for(*, user: User) -> CalendarFeed:
    """The person's feed, made the first time they look for it."""
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def feed_revoke(*, user: User, now: datetime) -> CalendarFeed:
    """A new secret for the person's feed; the old URL stops working at once."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token, feed.created_at = new_feed_token(), now
        feed.save(update_fields=["token", "created_at"])
    return feed
