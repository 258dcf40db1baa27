"""Two workers given the same email job, or two digest runs at once, send once (PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, connections

from tandem.accounts.tests.factories import UserFactory
from tandem.notifications import services
from tandem.notifications.kinds import Delivery, Kind
from tandem.notifications.models import Notification, Preference
from tandem.notifications.tests.factories import NOW, NotificationFactory

THREADS = 8

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks are PostgreSQL's; .ci/run runs this file on PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _race(monkeypatch, builder_name: str, run) -> list[object]:
    """Run `run` in THREADS threads at once, each pausing inside the send to widen the race."""
    start = threading.Barrier(THREADS)
    build = getattr(services, builder_name)

    def slow_build(**kwargs):
        message = build(**kwargs)
        threading.Event().wait(0.05)
        return message

    monkeypatch.setattr(services, builder_name, slow_build)
    results: list[object] = []
    lock = threading.Lock()

    def worker():
        try:
            start.wait()
            result = run()
        finally:
            connections.close_all()
        with lock:
            results.append(result)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_simultaneous_workers_send_one_notification_once(monkeypatch):
    notification = NotificationFactory()
    results = _race(
        monkeypatch,
        "notification_message",
        lambda: services.notification_email_send(notification_id=notification.pk, now=NOW),
    )
    assert sorted(results, key=str) == [False] * (THREADS - 1) + [True]
    assert len(mail.outbox) == 1


def test_simultaneous_digest_runs_send_one_digest(monkeypatch):
    user = UserFactory()
    Preference.objects.create(user=user, kind=Kind.ASK_RECEIVED, delivery=Delivery.DIGEST)
    NotificationFactory.create_batch(2, recipient=user)
    results = _race(
        monkeypatch,
        "digest_message",
        lambda: services.digests_send(now=NOW + timedelta(hours=1)),
    )
    assert sorted(results, key=str) == [0] * (THREADS - 1) + [1]
    assert len(mail.outbox) == 1
    assert not Notification.objects.filter(emailed_at=None).exists()
