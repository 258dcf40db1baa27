"""Factories for notifications, written straight to the database (no email is sent)."""

from datetime import UTC, datetime

import factory

from tandem.accounts.tests.factories import UserFactory
from tandem.notifications.kinds import Kind
from tandem.notifications.models import Notification

NOW = datetime(2026, 1, 5, 9, tzinfo=UTC)


class NotificationFactory(factory.django.DjangoModelFactory[Notification]):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = Kind.ASK_RECEIVED
    cause = factory.Sequence(lambda n: f"ask:{n}:received")
    title = factory.Sequence(lambda n: f"Notification number {n}")
    body = "Someone would like a short intro conversation with you."
    url = factory.Sequence(lambda n: f"/asks/{n}/")
    created_at = NOW
