"""The notice of a new message: to the other side, per their email preference (now, daily
digest, off), linking to the thread, without the message's words, and coalesced until they
read the thread."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from tandem.conversations.models import Thread
from tandem.conversations.services import thread_read
from tandem.conversations.tests.factories import MessageFactory
from tandem.mentorships.services.asks import ask_accept
from tandem.mentorships.tests.factories import AskFactory, IntroFactory
from tandem.notifications.kinds import Delivery, Kind
from tandem.notifications.models import Notification
from tandem.notifications.services import digests_send, preferences_set

SECRET = "My number is 07700 900123, call me any time"
LATER = timedelta(minutes=5)


def message_notices(user):
    return Notification.objects.filter(recipient=user, kind=Kind.MESSAGE_RECEIVED)


def read_all(user, now):
    thread = Thread.objects.get()
    latest = thread.messages.order_by("-id").first()
    return thread_read(thread=thread, reader=user, up_to=latest.pk, now=now)


@pytest.mark.django_db
class TestTheNotice:
    def test_the_other_side_is_emailed_a_link_to_the_thread_without_the_words(self, now):
        ask = AskFactory(now=now)
        mail.outbox.clear()
        MessageFactory(about=ask, author=ask.mentor.user, text=SECRET, now=now)
        [notice] = message_notices(ask.mentee.user)
        assert notice.url == f"/asks/{ask.pk}/messages/"
        assert notice.title == f"{ask.mentor.user.display_name} sent you a message"
        assert SECRET not in notice.body
        [email] = mail.outbox
        assert email.to == [ask.mentee.user.email]
        assert f"http://testserver/asks/{ask.pk}/messages/" in email.body
        assert SECRET not in email.body
        assert not message_notices(ask.mentor.user).exists()

    def test_on_a_mentorship_the_notice_links_to_the_mentorships_thread(self, now):
        mentorship = IntroFactory(now=now)
        MessageFactory(about=mentorship, author=mentorship.mentee.user, now=now)
        [notice] = message_notices(mentorship.mentor.user)
        assert notice.url == f"/mentorships/{mentorship.pk}/messages/"
        assert "in your mentorship's conversation" in notice.body

    def test_an_ask_that_became_a_mentorship_links_to_the_mentorship(self, now):
        ask = AskFactory(now=now)
        mentorship = ask_accept(ask=ask, actor=ask.mentor.user, now=now)
        MessageFactory(about=ask, author=ask.mentee.user, now=now)
        assert message_notices(ask.mentor.user).get().url == (
            f"/mentorships/{mentorship.pk}/messages/"
        )


@pytest.mark.django_db
class TestPreferences:
    def test_digest_means_no_email_now_and_a_line_in_the_days_digest(self, now):
        ask = AskFactory(now=now)
        preferences_set(user=ask.mentee.user, deliveries={Kind.MESSAGE_RECEIVED: Delivery.DIGEST})
        mail.outbox.clear()
        MessageFactory(about=ask, author=ask.mentor.user, now=now)
        assert message_notices(ask.mentee.user).count() == 1
        assert mail.outbox == []
        assert digests_send(now=now + timedelta(hours=8)) == 1
        [digest] = mail.outbox
        assert digest.to == [ask.mentee.user.email]
        assert f"{ask.mentor.user.display_name} sent you a message" in digest.body

    def test_off_means_no_email_but_the_notice_is_in_the_centre(self, now):
        ask = AskFactory(now=now)
        preferences_set(user=ask.mentee.user, deliveries={Kind.MESSAGE_RECEIVED: Delivery.OFF})
        mail.outbox.clear()
        MessageFactory(about=ask, author=ask.mentor.user, now=now)
        assert message_notices(ask.mentee.user).count() == 1
        assert digests_send(now=now + timedelta(hours=8)) == 0
        assert mail.outbox == []


@pytest.mark.django_db
class TestFloodsCoalesce:
    def test_messages_while_the_thread_is_unread_make_one_notice_and_one_email(self, now):
        ask = AskFactory(now=now)
        mail.outbox.clear()
        for minute in range(3):
            MessageFactory(about=ask, author=ask.mentor.user, now=now + minute * LATER)
        assert message_notices(ask.mentee.user).count() == 1
        assert len(mail.outbox) == 1

    def test_once_the_thread_is_read_the_next_message_is_news_again(self, now):
        ask = AskFactory(now=now)
        MessageFactory(about=ask, author=ask.mentor.user, now=now)
        assert read_all(ask.mentee.user, now + LATER)
        mail.outbox.clear()
        MessageFactory(about=ask, author=ask.mentor.user, now=now + 2 * LATER)
        assert message_notices(ask.mentee.user).count() == 2
        assert len(mail.outbox) == 1

    def test_reading_the_thread_reads_its_notices(self, now):
        ask = AskFactory(now=now)
        MessageFactory(about=ask, author=ask.mentor.user, now=now)
        other = AskFactory(mentee=ask.mentee, now=now)
        MessageFactory(about=other, author=other.mentor.user, now=now)
        thread = Thread.objects.get(ask=ask)
        latest = thread.messages.get()
        thread_read(thread=thread, reader=ask.mentee.user, up_to=latest.pk, now=now + LATER)
        notices = message_notices(ask.mentee.user)
        assert notices.get(url=f"/asks/{ask.pk}/messages/").read_at == now + LATER
        assert notices.get(url=f"/asks/{other.pk}/messages/").read_at is None

    def test_reading_again_as_far_changes_nothing(self, now):
        ask = AskFactory(now=now)
        MessageFactory(about=ask, author=ask.mentor.user, now=now)
        assert read_all(ask.mentee.user, now)
        assert not read_all(ask.mentee.user, now + LATER)
