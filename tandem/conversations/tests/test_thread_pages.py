"""The thread's pages: who may read and write (everyone else gets a 404 and nothing is
written), what a refused message looks like, the rate limit, the htmx partial the ask and
mentorship pages load, new messages marked and then read, and text shown safely."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from tandem.conversations.models import Message, ReadMark, Thread
from tandem.conversations.tests.factories import MessageFactory
from tandem.mentorships.models import Mentorship
from tandem.mentorships.services.asks import ask_accept, ask_decline
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.factories import AskFactory, IntroFactory
from tandem.profiles.tests.factories import ProfileFactory

LATER = timedelta(minutes=5)
HTMX = {"HTTP_HX_REQUEST": "true"}


def thread_url(about):
    if isinstance(about, Mentorship):
        return reverse("conversations:mentorship", args=[about.pk])
    return reverse("conversations:ask", args=[about.pk])


def as_(client, profile):
    client.force_login(profile.user)
    return client


@pytest.mark.django_db
class TestPrivacy:
    @pytest.mark.parametrize("on", ["ask", "mentorship"])
    def test_strangers_get_a_404_on_read_and_post_and_nothing_is_written(self, client, now, on):
        mentorship = IntroFactory(now=now)
        about = mentorship if on == "mentorship" else mentorship.ask
        MessageFactory(about=about, author=mentorship.mentor.user, text="Just for Noor", now=now)
        as_(client, ProfileFactory())
        read = client.get(thread_url(about))
        assert read.status_code == 404
        assert "Just for Noor" not in read.content.decode()
        assert client.post(thread_url(about), {"text": "Let me in"}).status_code == 404
        assert client.get(thread_url(about), **HTMX).status_code == 404
        assert Message.objects.count() == 1
        assert not ReadMark.objects.exists()

    def test_an_unknown_ask_or_mentorship_is_a_404(self, client):
        as_(client, ProfileFactory())
        assert client.get(reverse("conversations:ask", args=[999])).status_code == 404
        assert client.get(reverse("conversations:mentorship", args=[999])).status_code == 404

    def test_people_who_are_not_logged_in_are_sent_to_log_in(self, client, now):
        ask = AskFactory(now=now)
        response = client.post(thread_url(ask), {"text": "Hi"})
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
        assert not Thread.objects.exists()


@pytest.mark.django_db
class TestWriting:
    def test_a_message_is_sent_and_the_page_shows_it(self, client, now):
        ask = AskFactory(now=now)
        response = as_(client, ask.mentor).post(thread_url(ask), {"text": "Happy to talk!"})
        message = Message.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"{thread_url(ask)}#message-{message.pk}"
        page = client.get(thread_url(ask)).content.decode()
        assert "Happy to talk!" in page
        assert f'id="message-{message.pk}"' in page

    def test_the_mentees_second_message_before_acceptance_is_refused_clearly(self, client, now):
        ask = AskFactory(now=now)
        as_(client, ask.mentee)
        assert client.post(thread_url(ask), {"text": "A follow-up"}).status_code == 302
        page = client.get(thread_url(ask)).content.decode()
        assert "You&#x27;ve written to" in page
        assert 'name="text"' not in page  # said before they write, not after
        refused = client.post(thread_url(ask), {"text": "And another"})
        assert refused.status_code == 409
        assert "You can write again when they reply or accept your request" in (
            refused.content.decode()
        )
        assert Message.objects.count() == 1

    def test_the_mentor_can_reply_and_after_acceptance_both_write(self, client, now):
        ask = AskFactory(now=now)
        MessageFactory(about=ask, author=ask.mentee.user, now=now)
        assert as_(client, ask.mentor).post(thread_url(ask), {"text": "Sure"}).status_code == 302
        ask_accept(ask=ask, actor=ask.mentor.user, now=now)
        mentorship = Mentorship.objects.get()
        for side in (ask.mentee, ask.mentee, ask.mentor):
            posted = as_(client, side).post(thread_url(mentorship), {"text": "More"})
            assert posted.status_code == 302
        assert Message.objects.count() == 5

    def test_a_declined_asks_thread_is_read_only(self, client, now):
        ask = AskFactory(now=now)
        MessageFactory(about=ask, author=ask.mentor.user, text="Let me think", now=now)
        ask_decline(ask=ask, actor=ask.mentor.user, now=now)
        as_(client, ask.mentee)
        page = client.get(thread_url(ask)).content.decode()
        assert "Let me think" in page
        assert "The request was declined, so this conversation can be read" in page
        assert 'name="text"' not in page
        response = client.post(thread_url(ask), {"text": "Why not?"})
        assert response.status_code == 409
        assert Message.objects.count() == 1

    def test_a_closed_mentorships_thread_is_read_only(self, client, now):
        mentorship = IntroFactory(now=now)
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentor.user,
            to_state=Mentorship.State.CLOSED, now=now,
        )  # fmt: skip
        response = as_(client, mentorship.mentee).post(thread_url(mentorship), {"text": "Hi"})
        assert response.status_code == 409
        assert not Message.objects.exists()

    def test_a_too_long_message_comes_back_on_the_form_and_nothing_is_cut(self, client, now):
        ask = AskFactory(now=now)
        response = as_(client, ask.mentor).post(thread_url(ask), {"text": "y" * 1200})
        assert response.status_code == 400
        assert "this one has 1200. Nothing was cut" in response.content.decode()
        assert not Message.objects.exists()

    def test_posting_is_rate_limited(self, client, now, monkeypatch):
        monkeypatch.setattr("time.time", lambda: 1_800_000_000.0)
        mentorship = IntroFactory(now=now)
        as_(client, mentorship.mentee)
        statuses = [
            client.post(thread_url(mentorship), {"text": f"Note {i}"}).status_code
            for i in range(11)
        ]
        assert statuses == [302] * 10 + [429]
        assert Message.objects.count() == 10


@pytest.mark.django_db
class TestTheHtmxPartial:
    def test_the_ask_and_mentorship_pages_load_the_thread_with_a_plain_link_too(self, client, now):
        mentorship = IntroFactory(now=now)
        as_(client, mentorship.mentee)
        for page_url, url in (
            (mentorship.ask.get_absolute_url(), thread_url(mentorship.ask)),
            (mentorship.get_absolute_url(), thread_url(mentorship)),
        ):
            page = client.get(page_url).content.decode()
            assert f'hx-get="{url}" hx-trigger="load"' in page
            assert f'<a href="{url}">Read and write messages</a>' in page

    def test_htmx_gets_the_partial_and_a_post_answers_with_it(self, client, now):
        ask = AskFactory(now=now)
        as_(client, ask.mentor)
        partial = client.get(thread_url(ask), **HTMX).content.decode()
        assert partial.lstrip().startswith('<section id="conversation"')
        assert "<html" not in partial
        posted = client.post(thread_url(ask), {"text": "Tuesday works"}, **HTMX)
        assert posted.status_code == 200
        assert "Tuesday works" in posted.content.decode()

    def test_a_refusal_comes_back_in_the_partial_for_htmx(self, client, now):
        ask = AskFactory(now=now)
        MessageFactory(about=ask, author=ask.mentee.user, now=now)
        response = as_(client, ask.mentee).post(thread_url(ask), {"text": "Again"}, **HTMX)
        assert response.status_code == 200  # htmx swaps only a 2xx answer
        assert 'role="alert"' in response.content.decode()
        assert Message.objects.count() == 1

    def test_the_thread_costs_the_same_queries_however_long(
        self, client, now, django_assert_max_num_queries
    ):
        mentorship = IntroFactory(now=now)
        MessageFactory(about=mentorship, author=mentorship.mentor.user, now=now)
        as_(client, mentorship.mentee)
        with django_assert_max_num_queries(20) as few:
            client.get(thread_url(mentorship), **HTMX)
        for minute in range(1, 6):
            author = (mentorship.mentee, mentorship.mentor)[minute % 2].user
            MessageFactory(about=mentorship, author=author, now=now + minute * LATER)
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(thread_url(mentorship), **HTMX)


@pytest.mark.django_db
class TestUnreadOnTheThread:
    def test_new_messages_are_marked_then_read_by_opening_the_thread(self, client, now):
        ask = AskFactory(now=now)
        MessageFactory(about=ask, author=ask.mentee.user, now=now)
        as_(client, ask.mentor)
        first = client.get(thread_url(ask), **HTMX).content.decode()
        assert '<span class="new-label">1 new</span>' in first
        assert first.count(">New</span>") == 1
        again = client.get(thread_url(ask), **HTMX).content.decode()
        assert "1 new" not in again
        assert ">New</span>" not in again

    def test_ones_own_messages_are_never_new(self, client, now):
        ask = AskFactory(now=now)
        MessageFactory(about=ask, author=ask.mentor.user, now=now)
        page = as_(client, ask.mentor).get(thread_url(ask), **HTMX).content.decode()
        assert "new-label" not in page
        assert not ReadMark.objects.exists()


@pytest.mark.django_db
class TestText:
    def test_text_is_escaped_and_links_are_safe(self, client, now):
        ask = AskFactory(now=now)
        text = '<script>alert("hi")</script> See https://example.com/talk and javascript:alert(1)'
        MessageFactory(about=ask, author=ask.mentor.user, text=text, now=now)
        page = as_(client, ask.mentee).get(thread_url(ask), **HTMX).content.decode()
        assert "<script>" not in page
        assert "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;" in page
        assert '<a href="https://example.com/talk" rel="nofollow noopener">' in page
        assert 'href="javascript' not in page

    def test_line_breaks_are_kept_and_the_ask_opens_the_thread(self, client, now):
        ask = AskFactory(now=now)
        MessageFactory(about=ask, author=ask.mentor.user, text="Line one\nLine two", now=now)
        page = as_(client, ask.mentee).get(thread_url(ask), **HTMX).content.decode()
        assert "Line one<br>Line two" in page
        assert "Your request" in page
        assert ask.note.replace("'", "&#x27;") in page
