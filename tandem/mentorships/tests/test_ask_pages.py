"""Ask pages: the form, the ask itself and the inbox; who may see and do what, and what a
refused step looks like."""

from __future__ import annotations

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tandem.core import ratelimit
from tandem.core.tests.clock import NOW
from tandem.mentorships.models import Ask, Mentorship
from tandem.mentorships.services.asks import ask_decline
from tandem.mentorships.tests.factories import AskFactory, IntroFactory
from tandem.mentorships.views import ASKS
from tandem.profiles.choices import Visibility
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

NOTE = "I'm a support lead moving into product; could I ask you about your first PM year?"


def ask_form(**overrides):
    data = {"focus_areas": ["career_change"], "note": NOTE, "intro_minutes": "20"}
    data.update(overrides)
    return data


def login(client, profile):
    client.force_login(profile.user)
    return client


@pytest.mark.django_db
class TestAskForm:
    def test_the_form_coaches_and_limits_the_note(self, client, mentee, mentor):
        page = login(client, mentee).get(reverse("mentorships:ask_new", args=[mentor.pk]))
        assert page.status_code == 200
        html = page.content.decode()
        assert "What makes a good ask" in html
        assert 'maxlength="600"' in html
        assert "Who you are" in html

    def test_sending_creates_a_pending_ask_and_tells_the_mentor(self, client, mentee, mentor):
        # A suggested time lies within the horizon (a year), so it is set from today.
        local = (timezone.now() + timedelta(days=30)).replace(hour=10, minute=30, tzinfo=None)
        response = login(client, mentee).post(
            reverse("mentorships:ask_new", args=[mentor.pk]),
            ask_form(time_1=local.strftime("%Y-%m-%dT%H:%M")),
        )
        ask = Ask.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("mentorships:ask", args=[ask.pk])
        assert ask.state == Ask.State.PENDING
        in_london = local.replace(second=0, microsecond=0, tzinfo=ZoneInfo(mentee.timezone))
        assert ask.proposed_times == [in_london.astimezone(UTC).isoformat()]
        [email] = mail.outbox
        assert email.to == [mentor.user.email]
        assert f"http://testserver/asks/{ask.pk}/" in email.body

    def test_a_too_long_note_is_refused_and_nothing_is_sent(self, client, mentee, mentor):
        response = login(client, mentee).post(
            reverse("mentorships:ask_new", args=[mentor.pk]), ask_form(note="x" * 601)
        )
        assert response.status_code == 400
        assert "600 characters or fewer" in response.content.decode()
        assert not Ask.objects.exists()

    def test_a_fourth_waiting_ask_is_refused_before_writing(self, client, mentee):
        for _ in range(3):
            AskFactory(mentee=mentee)
        url = reverse("mentorships:ask_new", args=[MentorProfileFactory().pk])
        page = login(client, mentee).get(url)
        assert "3 requests waiting" in page.content.decode()
        assert "Send my request" not in page.content.decode()
        response = client.post(url, ask_form())
        assert response.status_code == 409
        assert Ask.objects.count() == 3

    def test_past_times_are_refused(self, client, mentee, mentor):
        response = login(client, mentee).post(
            reverse("mentorships:ask_new", args=[mentor.pk]), ask_form(time_1="2001-01-01T10:00")
        )
        assert response.status_code == 400
        assert not Ask.objects.exists()

    def test_a_hidden_mentor_or_a_non_mentor_is_not_found(self, client, mentee):
        hidden = MentorProfileFactory(visibility=Visibility.HIDDEN)
        other_mentee = ProfileFactory()
        login(client, mentee)
        for profile in (hidden, other_mentee):
            response = client.post(reverse("mentorships:ask_new", args=[profile.pk]), ask_form())
            assert response.status_code == 404
        assert not Ask.objects.exists()

    def test_a_full_mentor_shows_others_instead_of_the_form(self, client, mentee):
        mentor = MentorProfileFactory(capacity=1)
        IntroFactory(mentor=mentor)
        page = login(client, mentee).get(reverse("mentorships:ask_new", args=[mentor.pk]))
        assert "taking new requests right now" in page.content.decode()
        response = client.post(reverse("mentorships:ask_new", args=[mentor.pk]), ask_form())
        assert not Ask.objects.filter(mentee=mentee).exists()
        assert response.status_code == 409

    def test_asking_again_while_one_waits_goes_to_the_waiting_one(self, client, mentee, mentor):
        ask = AskFactory(mentee=mentee, mentor=mentor)
        page = login(client, mentee).get(reverse("mentorships:ask_new", args=[mentor.pk]))
        assert page.status_code == 302
        assert page["Location"] == reverse("mentorships:ask", args=[ask.pk])

    def test_sending_asks_is_rate_limited(self, client, mentee, mentor):
        for _ in range(10):  # ten asks sent (and since withdrawn) within the hour
            assert ratelimit.consume(key=f"ask-create:user:{mentee.user.pk}", rate=ASKS[1])
        response = login(client, mentee).post(
            reverse("mentorships:ask_new", args=[mentor.pk]), ask_form()
        )
        assert response.status_code == 429
        assert not Ask.objects.exists()

    def test_refused_forms_use_none_of_the_ask_allowance(self, client, mentee, mentor):
        login(client, mentee)
        url = reverse("mentorships:ask_new", args=[mentor.pk])
        refused = [client.post(url, ask_form(note="")).status_code for _ in range(12)]
        assert refused == [400] * 12  # more than the ten an hour, none of them counted
        assert client.post(url, ask_form()).status_code == 302
        assert Ask.objects.filter(mentee=mentee).count() == 1

    def test_refusals_by_the_service_use_none_of_it_either(self, client, mentee):
        for _ in range(3):
            AskFactory(mentee=mentee)  # the waiting cap: each new ask is refused with 409
        login(client, mentee)
        url = reverse("mentorships:ask_new", args=[MentorProfileFactory().pk])
        assert [client.post(url, ask_form()).status_code for _ in range(11)] == [409] * 11
        assert ratelimit.allowed(key=f"ask-create:user:{mentee.user.pk}", rate=ASKS[1])

    def test_a_flood_of_refused_forms_still_meets_the_write_limit(self, client, mentee, mentor):
        login(client, mentee)
        url = reverse("mentorships:ask_new", args=[mentor.pk])
        statuses = [client.post(url, ask_form(note="")).status_code for _ in range(61)]
        assert statuses[:60] == [400] * 60
        assert statuses[60] == 429


@pytest.mark.django_db
class TestAskPage:
    def test_the_mentor_sees_the_mentee_and_the_reasons(self, client):
        ask = AskFactory()
        page = login(client, ask.mentor).get(reverse("mentorships:ask", args=[ask.pk]))
        html = page.content.decode()
        assert ask.mentee.user.display_name in html
        assert "Accept the intro" in html
        assert "Why you two fit" in html

    def test_a_stranger_gets_404_for_the_page_and_every_answer(self, client):
        ask = AskFactory()
        login(client, ProfileFactory())
        assert client.get(reverse("mentorships:ask", args=[ask.pk])).status_code == 404
        for answer in ("accept", "decline", "withdraw"):
            url = reverse("mentorships:ask_answer", args=[ask.pk, answer])
            assert client.post(url).status_code == 404
        ask.refresh_from_db()
        assert ask.state == Ask.State.PENDING

    def test_the_mentee_cannot_accept_their_own_ask(self, client):
        ask = AskFactory()
        response = login(client, ask.mentee).post(
            reverse("mentorships:ask_answer", args=[ask.pk, "accept"])
        )
        assert response.status_code == 409
        assert "Nothing was changed" in response.content.decode()
        assert not Mentorship.objects.exists()

    def test_accepting_twice_is_a_conflict(self, client):
        ask = AskFactory()
        login(client, ask.mentor)
        url = reverse("mentorships:ask_answer", args=[ask.pk, "accept"])
        assert client.post(url).status_code == 302
        assert client.post(url).status_code == 409
        assert Mentorship.objects.count() == 1

    def test_a_get_cannot_answer(self, client):
        ask = AskFactory()
        login(client, ask.mentor)
        assert (
            client.get(reverse("mentorships:ask_answer", args=[ask.pk, "accept"])).status_code
            == 405
        )

    def test_decline_with_a_referral_shows_the_referral_to_the_mentee(self, client):
        ask = AskFactory()
        other = MentorProfileFactory()
        ask_decline(ask=ask, actor=ask.mentor.user, now=NOW, reason="busy", refer_to=other)
        page = login(client, ask.mentee).get(reverse("mentorships:ask", args=[ask.pk]))
        html = page.content.decode()
        assert f"suggests {other.user.display_name}" in html
        assert reverse("mentorships:ask_new", args=[other.pk]) in html
        assert "busy" not in html  # the reason is private to the mentor

    def test_decline_through_the_page_with_a_bad_referral_changes_nothing(self, client):
        ask = AskFactory()
        response = login(client, ask.mentor).post(
            reverse("mentorships:ask_answer", args=[ask.pk, "decline"]), {"refer_to": "999999"}
        )
        assert response.status_code == 400
        ask.refresh_from_db()
        assert ask.state == Ask.State.PENDING

    def test_withdraw(self, client):
        ask = AskFactory()
        login(client, ask.mentee).post(reverse("mentorships:ask_answer", args=[ask.pk, "withdraw"]))
        ask.refresh_from_db()
        assert ask.state == Ask.State.WITHDRAWN

    def test_the_inbox_lists_waiting_asks_in_constant_queries(
        self, client, mentor, django_assert_max_num_queries
    ):
        for _ in range(2):
            AskFactory(mentor=mentor)
        login(client, mentor)
        client.get(reverse("mentorships:inbox"))  # builds the mentor index and learns the timezone
        with django_assert_max_num_queries(20) as few:
            client.get(reverse("mentorships:inbox"))
        for _ in range(6):
            AskFactory(mentor=mentor)
        with django_assert_max_num_queries(len(few.captured_queries)):
            page = client.get(reverse("mentorships:inbox"))
        assert page.content.decode().count('class="ask-row ask-waiting"') == 8


@pytest.mark.django_db
def test_the_inbox_shows_each_waiting_mentee_with_reasons(client, mentor):
    ask = AskFactory(mentor=mentor)
    page = login(client, mentor).get(reverse("mentorships:inbox")).content.decode()
    assert ask.mentee.user.display_name in page
    assert f'aria-label="Why {ask.mentee.user.display_name} fits"' in page
    assert "Read and answer" in page
