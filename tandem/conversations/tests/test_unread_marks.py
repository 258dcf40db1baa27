""" "N new" beside an ask or mentorship in the inbox and on the dashboard: the rows carry a
placeholder, and one request fills in those with unread messages, in one query."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from tandem.conversations.models import Message, Thread
from tandem.conversations.services import messages_hide, thread_read
from tandem.conversations.tests.factories import MessageFactory
from tandem.mentorships.services.asks import ask_accept
from tandem.mentorships.tests.factories import AskFactory, IntroFactory
from tandem.profiles.tests.factories import ProfileFactory

LATER = timedelta(minutes=5)
UNREAD = reverse("conversations:unread")


def as_(client, profile):
    client.force_login(profile.user)
    return client


def mark(slot, count):
    return (
        f'<span id="{slot}" class="unread-slot" hx-swap-oob="true">'
        f'<small class="new-label">{count} new'
    )


@pytest.mark.django_db
class TestTheMarks:
    def test_each_listed_ask_with_unread_messages_gets_its_count(self, client, now):
        ask = AskFactory(now=now)
        quiet = AskFactory(mentor=ask.mentor, now=now)
        MessageFactory(about=ask, author=ask.mentee.user, now=now)
        MessageFactory(about=quiet, author=quiet.mentor.user, now=now)  # the mentor's own
        response = as_(client, ask.mentor).get(UNREAD, {"ask": [ask.pk, quiet.pk]})
        body = response.content.decode()
        assert mark(f"unread-ask-{ask.pk}", 1) in body
        assert f"unread-ask-{quiet.pk}" not in body

    def test_an_accepted_asks_thread_marks_its_ask_and_its_mentorship(self, client, now):
        ask = AskFactory(now=now)
        mentorship = ask_accept(ask=ask, actor=ask.mentor.user, now=now)
        for minute in range(2):
            MessageFactory(about=mentorship, author=ask.mentee.user, now=now + minute * LATER)
        body = (
            as_(client, ask.mentor)
            .get(UNREAD, {"ask": [ask.pk], "mentorship": [mentorship.pk]})
            .content.decode()
        )
        assert mark(f"unread-ask-{ask.pk}", 2) in body
        assert mark(f"unread-mentorship-{mentorship.pk}", 2) in body

    def test_read_and_hidden_messages_are_not_counted(self, client, now, admin_user):
        ask = AskFactory(now=now)
        first = MessageFactory(about=ask, author=ask.mentee.user, now=now)
        thread_read(thread=Thread.objects.get(), reader=ask.mentor.user, up_to=first.pk, now=now)
        as_(client, ask.mentor)
        assert "new-label" not in client.get(UNREAD, {"ask": [ask.pk]}).content.decode()
        ask_accept(ask=ask, actor=ask.mentor.user, now=now)
        later = MessageFactory(about=ask, author=ask.mentee.user, now=now + LATER)
        assert (
            mark(f"unread-ask-{ask.pk}", 1)
            in client.get(UNREAD, {"ask": [ask.pk]}).content.decode()
        )
        messages_hide(messages=Message.objects.filter(pk=later.pk), staff=admin_user, now=now)
        assert "new-label" not in client.get(UNREAD, {"ask": [ask.pk]}).content.decode()

    def test_other_peoples_threads_are_never_marked(self, client, now):
        ask = AskFactory(now=now)
        MessageFactory(about=ask, author=ask.mentee.user, now=now)
        body = as_(client, ProfileFactory()).get(UNREAD, {"ask": [ask.pk]}).content.decode()
        assert body.strip() == ""

    def test_bad_ids_are_ignored(self, client, now):
        as_(client, ProfileFactory())
        response = client.get(UNREAD, {"ask": ["x", "-1", ""], "mentorship": ["1e3"]})
        assert response.status_code == 200
        assert response.content.decode().strip() == ""

    def test_one_query_for_the_marks_however_many_rows(
        self, client, now, django_assert_max_num_queries
    ):
        mentor = IntroFactory(now=now).mentor
        mentor.capacity = 10
        mentor.save()
        mentorships = [IntroFactory(mentor=mentor, now=now) for _ in range(4)]
        for m in mentorships:
            MessageFactory(about=m, author=m.mentee.user, now=now)
        as_(client, mentor)
        ids = {"mentorship": [m.pk for m in mentorships[:1]]}
        with django_assert_max_num_queries(10) as few:
            client.get(UNREAD, ids)
        ids = {"mentorship": [m.pk for m in mentorships], "ask": [m.ask_id for m in mentorships]}
        with django_assert_max_num_queries(len(few.captured_queries)):
            body = client.get(UNREAD, ids).content.decode()
        assert body.count("hx-swap-oob") == 8


@pytest.mark.django_db
class TestThePagesAskForThem:
    def test_inbox_rows_have_placeholders_and_the_page_loads_the_marks(self, client, now):
        ask = AskFactory(now=now)
        for side in (ask.mentor, ask.mentee):
            page = as_(client, side).get(reverse("mentorships:inbox")).content.decode()
            assert f'id="unread-ask-{ask.pk}"' in page
            assert f'<input type="hidden" name="ask" value="{ask.pk}">' in page
            assert f'hx-get="{UNREAD}" hx-include=".unread-slot"' in page

    def test_dashboard_rows_have_placeholders_and_the_page_loads_the_marks(self, client, now):
        mentorship = IntroFactory(now=now)
        page = as_(client, mentorship.mentee).get(reverse("mentorships:dashboard")).content.decode()
        assert f'id="unread-mentorship-{mentorship.pk}"' in page
        assert f'hx-get="{UNREAD}" hx-include=".unread-slot"' in page
