from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from tandem.accounts.tests.factories import UserFactory
from tandem.notifications import services
from tandem.notifications.kinds import Delivery, Kind
from tandem.notifications.models import DigestSent, Notification, Preference
from tandem.notifications.services import (
    PreferenceError,
    digests_send,
    notification_email_send,
    notifications_mark_read,
    notify,
    preferences_set,
)
from tandem.notifications.tasks import send_digests, send_notification_email

NOW = datetime(2026, 1, 5, 9, tzinfo=UTC)
PREFERENCES_LINK = "http://testserver/notifications/settings/"


def _notify(recipient, *, kind=Kind.ASK_RECEIVED, cause="ask:12:received", now=NOW, **extra):
    fields = {
        "title": "Ana asked you for an intro",
        "body": "Ana would like 20 minutes about moving into product.\n\nShe's free on Tuesdays.",
        "url": "/asks/12/",
        **extra,
    }
    return notify(recipient=recipient, kind=kind, cause=cause, now=now, **fields)


def _html(email) -> str:
    """The HTML alternative of an email."""
    content, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    return str(content)


def _prefer(user, kind, delivery):
    Preference.objects.create(user=user, kind=kind, delivery=delivery)


@pytest.mark.django_db
class TestNotify:
    def test_creates_one_notification_and_emails_it_straight_away(self):
        user = UserFactory(email="mentor@example.com", first_name="Mo")
        notification = _notify(user)
        assert notification is not None
        assert Notification.objects.get() == notification
        assert notification.created_at == NOW
        assert len(mail.outbox) == 1
        email = mail.outbox[0]
        assert email.to == ["mentor@example.com"]
        assert email.subject == "[Tandem] Ana asked you for an intro"
        assert "http://testserver/asks/12/" in email.body
        assert "She's free on Tuesdays." in email.body
        assert PREFERENCES_LINK in email.body
        html = _html(email)
        assert 'href="http://testserver/asks/12/"' in html
        assert f'href="{PREFERENCES_LINK}"' in html
        notification.refresh_from_db()
        assert notification.emailed_at is not None

    def test_the_same_cause_twice_creates_and_sends_nothing_more(self):
        user = UserFactory()
        assert _notify(user) is not None
        assert _notify(user, title="A retried title") is None
        assert Notification.objects.count() == 1
        assert len(mail.outbox) == 1

    def test_the_same_cause_for_another_kind_or_person_is_new(self):
        user = UserFactory()
        _notify(user)
        assert _notify(user, kind=Kind.ASK_FOLLOW_UP) is not None
        assert _notify(UserFactory()) is not None
        assert Notification.objects.count() == 3

    def test_text_people_typed_is_escaped_in_the_html_email(self):
        _notify(UserFactory(), body="<script>alert('hi')</script> & more")
        html = _html(mail.outbox[0])
        assert "<script>" not in html
        assert "&lt;script&gt;" in html
        assert "<script>alert('hi')</script> & more" in mail.outbox[0].body

    def test_a_line_break_in_a_title_does_not_reach_the_subject(self):
        _notify(UserFactory(), title="Two\nlines")
        assert mail.outbox[0].subject == "[Tandem] Two lines"

    def test_refuses_a_link_to_another_site(self):
        with pytest.raises(ValueError, match="path on this site"):
            _notify(UserFactory(), url="https://elsewhere.example/")
        with pytest.raises(ValueError, match="path on this site"):
            _notify(UserFactory(), url="//elsewhere.example/")
        assert not Notification.objects.exists()

    def test_refuses_an_unknown_kind(self):
        with pytest.raises(ValueError, match="Unknown notification kind"):
            _notify(UserFactory(), kind="ask_lost")

    def test_off_sends_no_email_but_keeps_the_notification(self):
        user = UserFactory()
        _prefer(user, Kind.ASK_RECEIVED, Delivery.OFF)
        assert _notify(user) is not None
        assert mail.outbox == []
        assert Notification.objects.filter(recipient=user, emailed_at=None).count() == 1

    def test_a_preference_for_another_kind_does_not_apply(self):
        user = UserFactory()
        _prefer(user, Kind.ASK_EXPIRED, Delivery.OFF)
        _notify(user)
        assert len(mail.outbox) == 1


@pytest.mark.django_db
class TestSendNotificationEmail:
    def test_the_job_does_not_send_twice(self):
        notification = _notify(UserFactory())
        result = send_notification_email.enqueue(notification_id=notification.pk)
        assert result.return_value is False
        assert len(mail.outbox) == 1

    def test_a_kind_switched_off_before_the_job_runs_is_not_sent(self):
        user = UserFactory()
        _prefer(user, Kind.ASK_RECEIVED, Delivery.DIGEST)
        notification = _notify(user)
        Preference.objects.filter(user=user).update(delivery=Delivery.OFF)
        assert notification_email_send(notification_id=notification.pk, now=NOW) is False
        assert mail.outbox == []

    def test_a_missing_notification_is_skipped(self):
        assert notification_email_send(notification_id=999_999, now=NOW) is False


@pytest.mark.django_db
class TestDigest:
    def test_sends_one_email_listing_every_waiting_notification_once_a_day(self):
        user = UserFactory(email="digest@example.com")
        _prefer(user, Kind.ASK_RECEIVED, Delivery.DIGEST)
        _prefer(user, Kind.ASK_EXPIRED, Delivery.DIGEST)
        _notify(user, title="Ana asked you for an intro", url="/asks/12/")
        _notify(
            user, kind=Kind.ASK_EXPIRED, cause="ask:13:expired", title="Ben's ask closed",
            url="/asks/13/", now=NOW + timedelta(hours=1),
        )  # fmt: skip
        assert mail.outbox == []

        assert digests_send(now=NOW + timedelta(hours=10)) == 1

        assert len(mail.outbox) == 1
        email = mail.outbox[0]
        assert email.to == ["digest@example.com"]
        assert email.subject == "[Tandem] Your daily digest: 2 updates"
        for text in (str(email.body), _html(email)):
            assert "Ana asked you for an intro" in text
            assert "http://testserver/asks/12/" in text
            assert "http://testserver/asks/13/" in text
            assert PREFERENCES_LINK in text
        assert email.body.index("Ana asked") < email.body.index("closed")
        assert not Notification.objects.filter(emailed_at=None).exists()
        assert DigestSent.objects.get().notification_count == 2

    def test_running_again_the_same_day_sends_nothing_even_with_new_notifications(self):
        user = UserFactory()
        _prefer(user, Kind.ASK_RECEIVED, Delivery.DIGEST)
        _notify(user, cause="ask:1:received")
        assert digests_send(now=NOW + timedelta(hours=1)) == 1
        _notify(user, cause="ask:2:received", now=NOW + timedelta(hours=2))
        assert digests_send(now=NOW + timedelta(hours=3)) == 0
        assert len(mail.outbox) == 1

        assert digests_send(now=NOW + timedelta(days=1)) == 1
        assert len(mail.outbox) == 2
        assert "/asks/12/" in mail.outbox[1].body

    def test_nothing_waiting_means_no_digest(self):
        user = UserFactory()
        _prefer(user, Kind.ASK_RECEIVED, Delivery.DIGEST)
        _notify(user)
        assert digests_send(now=NOW + timedelta(hours=1)) == 1
        assert digests_send(now=NOW + timedelta(days=1)) == 0
        assert len(mail.outbox) == 1

    def test_leaves_out_immediate_and_switched_off_kinds(self):
        user = UserFactory()
        _prefer(user, Kind.ASK_RECEIVED, Delivery.DIGEST)
        _prefer(user, Kind.ASK_EXPIRED, Delivery.OFF)
        _notify(user, title="In the digest")
        _notify(user, kind=Kind.ASK_EXPIRED, cause="ask:3:expired", title="Switched off")
        _notify(user, kind=Kind.ASK_ACCEPTED, cause="ask:4:accepted", title="Sent at once")
        assert len(mail.outbox) == 1
        digests_send(now=NOW + timedelta(hours=1))
        digest = mail.outbox[1].body
        assert "In the digest" in digest
        assert "Switched off" not in digest
        assert "Sent at once" not in digest

    def test_leaves_out_notifications_older_than_a_week(self):
        user = UserFactory()
        _prefer(user, Kind.ASK_RECEIVED, Delivery.DIGEST)
        _notify(user)
        assert digests_send(now=NOW + timedelta(days=8)) == 0

    def test_one_failing_address_does_not_stop_the_others(self, monkeypatch):
        first, second = UserFactory(), UserFactory()
        for user in (first, second):
            _prefer(user, Kind.ASK_RECEIVED, Delivery.DIGEST)
            _notify(user)
        real = services.digest_message

        def failing_for_first(*, user, notifications):
            if user == first:
                raise ConnectionRefusedError("SMTP said no")
            return real(user=user, notifications=notifications)

        monkeypatch.setattr(services, "digest_message", failing_for_first)
        assert digests_send(now=NOW + timedelta(hours=1)) == 1
        assert [email.to for email in mail.outbox] == [[second.email]]
        # The failed one is retried by the next run.
        assert Notification.objects.get(recipient=first).emailed_at is None
        assert not DigestSent.objects.filter(user=first).exists()

    def test_the_task_sends_todays_digests(self):
        user = UserFactory()
        _prefer(user, Kind.ASK_RECEIVED, Delivery.DIGEST)
        _notify(user, now=datetime.now(tz=UTC) - timedelta(minutes=5))
        assert send_digests.enqueue().return_value == 1


@pytest.mark.django_db
class TestMarkRead:
    def test_marks_only_the_users_unread_notifications(self):
        user, other = UserFactory(), UserFactory()
        earlier = NOW - timedelta(days=1)
        _notify(user, cause="a")
        _notify(user, cause="b")
        already = _notify(user, cause="c")
        Notification.objects.filter(pk=already.pk).update(read_at=earlier)
        _notify(other, cause="a")
        assert notifications_mark_read(user=user, now=NOW) == 2
        assert Notification.objects.get(pk=already.pk).read_at == earlier
        assert Notification.objects.get(recipient=other).read_at is None

    def test_marks_just_the_ids_given(self):
        user = UserFactory()
        first = _notify(user, cause="a")
        _notify(user, cause="b")
        assert notifications_mark_read(user=user, notification_ids=[first.pk], now=NOW) == 1
        assert Notification.objects.filter(read_at=None).count() == 1


@pytest.mark.django_db
class TestPreferencesSet:
    def test_saves_and_changes_choices(self):
        user = UserFactory()
        preferences_set(user=user, deliveries={Kind.ASK_RECEIVED: Delivery.DIGEST})
        preferences_set(
            user=user, deliveries={Kind.ASK_RECEIVED: Delivery.OFF, Kind.ASK_EXPIRED: "digest"}
        )
        assert dict(Preference.objects.values_list("kind", "delivery")) == {
            "ask_received": "off",
            "ask_expired": "digest",
        }

    def test_an_unknown_value_saves_nothing(self):
        user = UserFactory()
        with pytest.raises(PreferenceError):
            preferences_set(
                user=user, deliveries={Kind.ASK_RECEIVED: "off", Kind.ASK_EXPIRED: "weekly"}
            )
        assert not Preference.objects.exists()


@pytest.mark.django_db
def test_the_send_digests_command_says_how_many_it_sent():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("send_digests", stdout=out)
    assert out.getvalue().strip() == "Sent 0 digests."


@pytest.mark.django_db
class TestEmailsRetry:
    def _lost(self, user, **extra):
        """A notification whose immediate email never went out (its job was lost)."""
        notification = _notify(user, **extra)
        Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
        mail.outbox.clear()
        return notification

    def test_a_lost_email_is_sent_once_by_the_retry(self):
        user = UserFactory()
        self._lost(user)
        assert services.emails_retry(now=NOW + timedelta(minutes=20)) == 1
        assert services.emails_retry(now=NOW + timedelta(minutes=30)) == 0
        [email] = mail.outbox
        assert email.to == [user.email]

    def test_not_too_soon_not_too_late_and_never_against_a_preference(self):
        user = UserFactory()
        self._lost(user)
        assert services.emails_retry(now=NOW + timedelta(minutes=5)) == 0  # a worker may yet
        assert services.emails_retry(now=NOW + timedelta(days=2)) == 0  # stale news now
        digest_user = UserFactory()
        _prefer(digest_user, Kind.ASK_RECEIVED, Delivery.DIGEST)
        self._lost(digest_user, cause="ask:13:received")
        assert services.emails_retry(now=NOW + timedelta(minutes=20)) == 1  # only the first
        assert [m.to for m in mail.outbox] == [[user.email]]
