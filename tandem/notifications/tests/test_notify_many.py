"""Bulk notifications (`notify_many`): once per cause, and one email job for the whole batch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django_tasks.signals import task_enqueued

from tandem.accounts.tests.factories import UserFactory
from tandem.notifications import bulk, services
from tandem.notifications.kinds import Delivery, Kind
from tandem.notifications.models import TITLE_MAX_LENGTH, Notification, Preference
from tandem.notifications.services import (
    Notice,
    notify,
    notify_many,
    notify_many_by_kind,
    pending_emails_send,
)
from tandem.notifications.tasks import send_pending_emails

NOW = datetime(2026, 1, 5, 9, tzinfo=UTC)


def notice(user, *, kind=Kind.CADENCE_SLIPPING, cause="mentorship:1:cadence", **extra) -> Notice:
    fields = {
        "title": "Time to plan your next meeting",
        "body": "You agreed to meet every month.",
        "url": "/mentorships/1/",
        **extra,
    }
    return Notice(recipient_id=user.pk, kind=kind, cause=cause, **fields)


@pytest.fixture
def enqueued():
    """The paths of the tasks enqueued during the test."""
    paths: list[str] = []

    def record(sender, task_result, **kwargs):
        paths.append(task_result.task.module_path)

    task_enqueued.connect(record)
    yield paths
    task_enqueued.disconnect(record)


@pytest.mark.django_db
class TestNotifyMany:
    def test_creates_each_once_and_enqueues_one_email_job(self, enqueued):
        users = [UserFactory() for _ in range(3)]
        created = notify_many([notice(u) for u in users], now=NOW)
        assert created == 3
        assert Notification.objects.filter(created_at=NOW).count() == 3
        assert enqueued == ["tandem.notifications.tasks.send_pending_emails"]
        assert sorted(str(m.to[0]) for m in mail.outbox) == sorted(str(u.email) for u in users)
        assert not Notification.objects.filter(emailed_at__isnull=True).exists()

    def test_a_second_run_creates_and_sends_nothing(self, enqueued):
        user = UserFactory()
        items = [notice(user), notice(user, cause="mentorship:2:cadence")]
        assert notify_many(items, now=NOW) == 2
        assert notify_many(items, now=NOW + timedelta(minutes=10)) == 0
        assert Notification.objects.count() == 2
        assert len(mail.outbox) == 2
        assert enqueued == ["tandem.notifications.tasks.send_pending_emails"]  # nothing new

    def test_skips_causes_raised_by_notify_and_repeats_within_the_batch(self):
        user = UserFactory()
        notify(
            recipient=user, kind=Kind.CADENCE_SLIPPING, cause="mentorship:1:cadence",
            title="Earlier", body="", url="/", now=NOW,
        )  # fmt: skip
        items = [notice(user), notice(user, cause="new"), notice(user, cause="new")]
        assert notify_many_by_kind(items, now=NOW) == {Kind.CADENCE_SLIPPING: 1}
        assert Notification.objects.get(cause="mentorship:1:cadence").title == "Earlier"

    def test_the_same_cause_for_another_kind_or_person_is_new(self):
        one, two = UserFactory(), UserFactory()
        items = [notice(one), notice(two), notice(one, kind=Kind.TERM_REVIEW)]
        assert notify_many_by_kind(items, now=NOW) == {
            Kind.CADENCE_SLIPPING: 2,
            Kind.TERM_REVIEW: 1,
        }

    def test_works_in_batches(self, monkeypatch):
        monkeypatch.setattr(bulk, "NOTIFY_BATCH", 2)
        users = [UserFactory() for _ in range(5)]
        notify_many([notice(u, cause="c") for u in users[:3]], now=NOW)
        assert notify_many([notice(u, cause="c") for u in users], now=NOW) == 2
        assert Notification.objects.count() == 5

    def test_follows_each_persons_email_preference(self):
        now_, digest, off = UserFactory(), UserFactory(), UserFactory()
        Preference.objects.create(user=digest, kind=Kind.CADENCE_SLIPPING, delivery=Delivery.DIGEST)
        Preference.objects.create(user=off, kind=Kind.CADENCE_SLIPPING, delivery=Delivery.OFF)
        Preference.objects.create(user=now_, kind=Kind.TERM_REVIEW, delivery=Delivery.OFF)
        assert notify_many([notice(u) for u in (now_, digest, off)], now=NOW) == 3
        assert [m.to for m in mail.outbox] == [[now_.email]]
        assert Notification.objects.filter(emailed_at__isnull=True).count() == 2

    def test_checks_every_item_before_writing(self):
        user = UserFactory()
        with pytest.raises(ValueError, match="Unknown notification kind"):
            notify_many([notice(user), notice(user, kind="nope")], now=NOW)
        with pytest.raises(ValueError, match="path on this site"):
            notify_many([notice(user, url="https://evil.example/")], now=NOW)
        assert not Notification.objects.exists()

    def test_a_long_title_is_shortened(self):
        user = UserFactory()
        notify_many([notice(user, title="x" * 300)], now=NOW)
        title = Notification.objects.get().title
        assert len(title) == TITLE_MAX_LENGTH
        assert title.endswith("…")


@pytest.mark.django_db
class TestPendingEmails:
    def test_sends_what_is_unsent_since_the_bound_once(self):
        user = UserFactory()
        Notification.objects.bulk_create(  # rows only, no job: as if it was lost
            Notification(
                recipient=user,
                kind=Kind.TERM_REVIEW,
                cause=f"c{i}",
                title=f"T{i}",
                url="/",
                created_at=NOW - timedelta(hours=hours),
            )
            for i, hours in enumerate((1, 20, 30))
        )
        assert pending_emails_send(created_from=NOW - timedelta(days=1), now=NOW) == 2
        assert pending_emails_send(created_from=NOW - timedelta(days=1), now=NOW) == 0
        assert sorted(m.subject for m in mail.outbox) == ["[Tandem] T0", "[Tandem] T1"]
        assert Notification.objects.get(cause="c2").emailed_at is None  # old news: in-app only

    def test_one_failing_address_does_not_stop_the_others(self, monkeypatch):
        good, bad = UserFactory(), UserFactory()
        Notification.objects.bulk_create(
            Notification(recipient=u, kind=Kind.TERM_REVIEW, cause="c", title="T", url="/",
                         created_at=NOW)
            for u in (bad, good)
        )  # fmt: skip
        real = services.notification_message

        def message(*, notification):
            built = real(notification=notification)
            if notification.recipient_id == bad.pk:
                built.to = ["not an address\n"]
            return built

        monkeypatch.setattr(services, "notification_message", message)
        assert pending_emails_send(created_from=NOW - timedelta(days=1), now=NOW) == 1
        assert [m.to for m in mail.outbox] == [[good.email]]
        assert Notification.objects.get(recipient=bad).emailed_at is None

    def test_inactive_people_get_no_email(self):
        gone = UserFactory(is_active=False)
        notify_many([notice(gone)], now=NOW)
        assert mail.outbox == []

    def test_the_task_defaults_to_the_last_day(self):
        user = UserFactory()
        Notification.objects.create(
            recipient=user, kind=Kind.TERM_REVIEW, cause="c", title="T", url="/",
            created_at=datetime.now(UTC) - timedelta(hours=2),
        )  # fmt: skip
        assert send_pending_emails.call() == 1
        assert len(mail.outbox) == 1
