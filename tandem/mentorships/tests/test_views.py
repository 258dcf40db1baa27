"""Ask and mentorship pages: who may see and do what, and what a refused step looks like."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from tandem.mentorships.models import Agreement, Ask, Mentorship
from tandem.mentorships.services.asks import ask_accept, ask_decline
from tandem.mentorships.tests.test_asks import NOW, make_ask
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
        response = login(client, mentee).post(
            reverse("mentorships:ask_new", args=[mentor.pk]),
            ask_form(time_1="2030-03-04T10:30"),
        )
        ask = Ask.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("mentorships:ask", args=[ask.pk])
        assert ask.state == Ask.State.PENDING
        assert ask.proposed_times == ["2030-03-04T10:30:00+00:00"]  # London in March is UTC
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
            make_ask(mentee=mentee)
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
        accepted = make_ask(mentor=mentor)
        ask_accept(ask=accepted, actor=mentor.user, now=NOW)
        page = login(client, mentee).get(reverse("mentorships:ask_new", args=[mentor.pk]))
        assert "taking new requests right now" in page.content.decode()
        response = client.post(reverse("mentorships:ask_new", args=[mentor.pk]), ask_form())
        assert not Ask.objects.filter(mentee=mentee).exists()
        assert response.status_code == 409

    def test_asking_again_while_one_waits_goes_to_the_waiting_one(self, client, mentee, mentor):
        ask = make_ask(mentee=mentee, mentor=mentor)
        page = login(client, mentee).get(reverse("mentorships:ask_new", args=[mentor.pk]))
        assert page.status_code == 302
        assert page["Location"] == reverse("mentorships:ask", args=[ask.pk])

    def test_sending_asks_is_rate_limited(self, client, mentee, monkeypatch):
        monkeypatch.setattr("tandem.core.ratelimit.time.time", lambda: 1_800_000_000.0)
        login(client, mentee)
        url = reverse("mentorships:ask_new", args=[MentorProfileFactory().pk])
        statuses = [client.post(url, {"note": ""}).status_code for _ in range(11)]
        assert statuses[-1] == 429


@pytest.mark.django_db
class TestAskPage:
    def test_the_mentor_sees_the_mentee_and_the_reasons(self, client):
        ask = make_ask()
        page = login(client, ask.mentor).get(reverse("mentorships:ask", args=[ask.pk]))
        html = page.content.decode()
        assert ask.mentee.user.display_name in html
        assert "Accept the intro" in html
        assert "Why you two fit" in html

    def test_a_stranger_gets_404_for_the_page_and_every_answer(self, client):
        ask = make_ask()
        login(client, ProfileFactory())
        assert client.get(reverse("mentorships:ask", args=[ask.pk])).status_code == 404
        for answer in ("accept", "decline", "withdraw"):
            url = reverse("mentorships:ask_answer", args=[ask.pk, answer])
            assert client.post(url).status_code == 404
        ask.refresh_from_db()
        assert ask.state == Ask.State.PENDING

    def test_the_mentee_cannot_accept_their_own_ask(self, client):
        ask = make_ask()
        response = login(client, ask.mentee).post(
            reverse("mentorships:ask_answer", args=[ask.pk, "accept"])
        )
        assert response.status_code == 409
        assert "Nothing was changed" in response.content.decode()
        assert not Mentorship.objects.exists()

    def test_accepting_twice_is_a_conflict(self, client):
        ask = make_ask()
        login(client, ask.mentor)
        url = reverse("mentorships:ask_answer", args=[ask.pk, "accept"])
        assert client.post(url).status_code == 302
        assert client.post(url).status_code == 409
        assert Mentorship.objects.count() == 1

    def test_a_get_cannot_answer(self, client):
        ask = make_ask()
        login(client, ask.mentor)
        assert (
            client.get(reverse("mentorships:ask_answer", args=[ask.pk, "accept"])).status_code
            == 405
        )

    def test_decline_with_a_referral_shows_the_referral_to_the_mentee(self, client):
        ask = make_ask()
        other = MentorProfileFactory()
        ask_decline(ask=ask, actor=ask.mentor.user, now=NOW, reason="busy", refer_to=other)
        page = login(client, ask.mentee).get(reverse("mentorships:ask", args=[ask.pk]))
        html = page.content.decode()
        assert f"suggests {other.user.display_name}" in html
        assert reverse("mentorships:ask_new", args=[other.pk]) in html
        assert "busy" not in html  # the reason is private to the mentor

    def test_decline_through_the_page_with_a_bad_referral_changes_nothing(self, client):
        ask = make_ask()
        response = login(client, ask.mentor).post(
            reverse("mentorships:ask_answer", args=[ask.pk, "decline"]), {"refer_to": "999999"}
        )
        assert response.status_code == 400
        ask.refresh_from_db()
        assert ask.state == Ask.State.PENDING

    def test_withdraw(self, client):
        ask = make_ask()
        login(client, ask.mentee).post(reverse("mentorships:ask_answer", args=[ask.pk, "withdraw"]))
        ask.refresh_from_db()
        assert ask.state == Ask.State.WITHDRAWN

    def test_the_inbox_lists_waiting_asks_in_constant_queries(
        self, client, mentor, django_assert_max_num_queries
    ):
        for _ in range(2):
            make_ask(mentor=mentor)
        login(client, mentor)
        client.get(reverse("mentorships:inbox"))  # builds the mentor index and learns the timezone
        with django_assert_max_num_queries(20) as few:
            client.get(reverse("mentorships:inbox"))
        for _ in range(6):
            make_ask(mentor=mentor)
        with django_assert_max_num_queries(len(few.captured_queries)):
            page = client.get(reverse("mentorships:inbox"))
        assert page.content.decode().count('class="ask-row ask-waiting"') == 8


def accepted(mentor=None):
    ask = make_ask(mentor=mentor)
    return ask_accept(ask=ask, actor=ask.mentor.user, now=NOW)


@pytest.mark.django_db
class TestMentorshipPages:
    def test_contact_details_appear_only_after_acceptance(self, client):
        mentor = MentorProfileFactory(contact_detail="@mentor-on-signal")
        ask = make_ask(mentor=mentor)
        login(client, ask.mentee)
        assert "@mentor-on-signal" not in client.get(mentor.get_absolute_url()).content.decode()
        assert (
            "@mentor-on-signal"
            not in client.get(reverse("mentorships:ask", args=[ask.pk])).content.decode()
        )
        mentorship = ask_accept(ask=ask, actor=mentor.user, now=NOW)
        page = client.get(reverse("mentorships:detail", args=[mentorship.pk]))
        assert "@mentor-on-signal" in page.content.decode()
        assert mentor.user.email in page.content.decode()

    def test_a_stranger_gets_404_and_changes_nothing(self, client):
        mentorship = accepted()
        login(client, ProfileFactory())
        assert client.get(reverse("mentorships:detail", args=[mentorship.pk])).status_code == 404
        change = client.post(
            reverse("mentorships:change", args=[mentorship.pk]), {"to_state": "closed"}
        )
        propose = client.post(reverse("mentorships:agreement", args=[mentorship.pk, "propose"]))
        assert (change.status_code, propose.status_code) == (404, 404)
        mentorship.refresh_from_db()
        assert mentorship.state == Mentorship.State.INTRO

    def test_propose_then_accept_through_the_pages(self, client):
        mentorship = accepted()
        login(client, mentorship.mentee).post(
            reverse("mentorships:agreement", args=[mentorship.pk, "propose"]),
            {"goal_1": "Run a planning meeting", "goal_2": "Write a product brief",
             "cadence": "2w", "meeting_minutes": "30", "term_months": "6"},
        )  # fmt: skip
        mentorship.refresh_from_db()
        assert mentorship.state == Mentorship.State.PROPOSED
        login(client, mentorship.mentor).post(
            reverse("mentorships:agreement", args=[mentorship.pk, "accept"])
        )
        mentorship.refresh_from_db()
        assert mentorship.state == Mentorship.State.ACTIVE
        page = client.get(reverse("mentorships:detail", args=[mentorship.pk])).content.decode()
        assert "Write a product brief" in page
        assert "Every two weeks" in page

    def test_a_bad_agreement_shows_errors_and_changes_nothing(self, client):
        mentorship = accepted()
        response = login(client, mentorship.mentee).post(
            reverse("mentorships:agreement", args=[mentorship.pk, "propose"]),
            {"goal_1": "Only one goal", "cadence": "2w", "meeting_minutes": "90"},
        )
        assert response.status_code == 400
        mentorship.refresh_from_db()
        assert mentorship.state == Mentorship.State.INTRO
        assert not Agreement.objects.exists()

    def test_the_mentor_cannot_propose_the_agreement(self, client):
        mentorship = accepted()
        response = login(client, mentorship.mentor).post(
            reverse("mentorships:agreement", args=[mentorship.pk, "propose"]),
            {"goal_1": "One", "goal_2": "Two", "cadence": "1m", "meeting_minutes": "45",
             "term_months": "12"},
        )  # fmt: skip
        assert response.status_code == 409
        assert not Agreement.objects.exists()

    def test_closing_from_intro_with_a_note(self, client):
        mentorship = accepted()
        login(client, mentorship.mentor).post(
            reverse("mentorships:change", args=[mentorship.pk]),
            {"to_state": "closed", "reason": "That was all you needed, I think!"},
        )
        mentorship.refresh_from_db()
        assert mentorship.state == Mentorship.State.CLOSED
        assert mentorship.transitions.last().reason == "That was all you needed, I think!"
        mentorship.mentor.refresh_from_db()
        assert mentorship.mentor.places_taken == 0

    def test_an_unknown_state_is_a_bad_request(self, client):
        mentorship = accepted()
        response = login(client, mentorship.mentor).post(
            reverse("mentorships:change", args=[mentorship.pk]), {"to_state": "exploded"}
        )
        assert response.status_code == 400

    def test_the_dashboard_shows_each_side_with_its_next_step(self, client):
        mentorship = accepted()
        login(client, mentorship.mentee)
        page = client.get(reverse("mentorships:dashboard")).content.decode()
        assert "My mentors" in page
        assert mentorship.mentor.user.display_name in page
        assert "propose an agreement" in page
        login(client, mentorship.mentor)
        page = client.get(reverse("mentorships:dashboard")).content.decode()
        assert "My mentees" in page
        assert mentorship.mentee.user.display_name in page

    def test_dashboard_queries_do_not_grow_with_mentorships(
        self, client, django_assert_max_num_queries
    ):
        mentor = MentorProfileFactory(capacity=10)
        accepted(mentor=mentor)
        login(client, mentor)
        with django_assert_max_num_queries(20) as few:
            client.get(reverse("mentorships:dashboard"))
        for _ in range(5):
            accepted(mentor=mentor)
        with django_assert_max_num_queries(len(few.captured_queries)):
            page = client.get(reverse("mentorships:dashboard"))
        assert page.content.decode().count('class="mentorship-row"') == 6

    def test_anonymous_people_are_sent_to_log_in(self, client):
        for name in ("mentorships:inbox", "mentorships:dashboard"):
            response = client.get(reverse(name))
            assert response.status_code == 302
            assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
class TestEndingFeedbackPage:
    def test_after_closing_both_can_say_how_it_went_and_see_the_other(self, client):
        mentorship = accepted()
        login(client, mentorship.mentee).post(
            reverse("mentorships:change", args=[mentorship.pk]), {"to_state": "closed"}
        )
        page = client.get(reverse("mentorships:detail", args=[mentorship.pk])).content.decode()
        assert "Share my feedback" in page
        response = client.post(
            reverse("mentorships:feedback", args=[mentorship.pk]),
            {"rating": "4", "helped": "The intro to your team lead"},
        )
        assert response.status_code == 302
        page = (
            login(client, mentorship.mentor)
            .get(reverse("mentorships:detail", args=[mentorship.pk]))
            .content.decode()
        )
        assert "The intro to your team lead" in page
        assert "4 out of 5" in page

    def test_feedback_before_the_end_or_without_a_rating_is_refused(self, client):
        mentorship = accepted()
        login(client, mentorship.mentee)
        url = reverse("mentorships:feedback", args=[mentorship.pk])
        assert client.post(url, {"rating": "5"}).status_code == 409
        assert client.post(url, {"helped": "x"}).status_code == 400
        login(client, ProfileFactory())
        assert client.post(url, {"rating": "5"}).status_code == 404


@pytest.mark.django_db
def test_the_history_reads_as_sentences(client):
    mentorship = accepted()
    login(client, mentorship.mentee).post(
        reverse("mentorships:change", args=[mentorship.pk]),
        {"to_state": "closed", "reason": "That was all I needed"},
    )
    page = client.get(reverse("mentorships:detail", args=[mentorship.pk])).content.decode()
    mentor, mentee = mentorship.mentor.user.display_name, mentorship.mentee.user.display_name
    assert f"{mentor} accepted the request: the intro begins" in page
    assert f"{mentee} closed the mentorship: <q>That was all I needed</q>" in page


@pytest.mark.django_db
def test_the_inbox_shows_each_waiting_mentee_with_reasons(client, mentor):
    ask = make_ask(mentor=mentor)
    page = login(client, mentor).get(reverse("mentorships:inbox")).content.decode()
    assert ask.mentee.user.display_name in page
    assert f'aria-label="Why {ask.mentee.user.display_name} fits"' in page
    assert "Read and answer" in page
