"""Mentorship pages: contact details, the agreement, changes of state, the dashboard, ending
feedback and the history; who may see and do what."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.core.tests.clock import NOW
from tandem.mentorships.models import Agreement, Mentorship
from tandem.mentorships.services.asks import ask_accept
from tandem.mentorships.tests.factories import AskFactory, IntroFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory


def login(client, profile):
    client.force_login(profile.user)
    return client


@pytest.mark.django_db
class TestMentorshipPages:
    def test_contact_details_appear_only_after_acceptance(self, client):
        mentor = MentorProfileFactory(contact_detail="@mentor-on-signal")
        ask = AskFactory(mentor=mentor)
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
        mentorship = IntroFactory()
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
        mentorship = IntroFactory(intro_held=True)
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

    def test_the_proposal_form_comes_once_the_intro_is_held(self, client):
        waiting, held = IntroFactory(), IntroFactory(intro_held=True)
        for mentorship, form_shown in ((waiting, False), (held, True)):
            page = login(client, mentorship.mentee).get(mentorship.get_absolute_url())
            assert ("Propose this agreement" in page.content.decode()) is form_shown
            assert ("After your intro, you can propose" in page.content.decode()) is not form_shown
        page = login(client, waiting.mentor).get(waiting.get_absolute_url()).content.decode()
        assert f"After your intro, {waiting.mentee.user.display_name} can propose" in page
        refused = login(client, waiting.mentee).post(
            reverse("mentorships:agreement", args=[waiting.pk, "propose"]),
            {"goal_1": "One", "goal_2": "Two", "cadence": "1m", "meeting_minutes": "45",
             "term_months": "12"},
        )  # fmt: skip
        assert refused.status_code == 409
        assert not Agreement.objects.exists()

    def test_a_bad_agreement_shows_errors_and_changes_nothing(self, client):
        mentorship = IntroFactory(intro_held=True)
        response = login(client, mentorship.mentee).post(
            reverse("mentorships:agreement", args=[mentorship.pk, "propose"]),
            {"goal_1": "Only one goal", "cadence": "2w", "meeting_minutes": "90"},
        )
        assert response.status_code == 400
        mentorship.refresh_from_db()
        assert mentorship.state == Mentorship.State.INTRO
        assert not Agreement.objects.exists()

    def test_the_mentor_cannot_propose_the_agreement(self, client):
        mentorship = IntroFactory()
        response = login(client, mentorship.mentor).post(
            reverse("mentorships:agreement", args=[mentorship.pk, "propose"]),
            {"goal_1": "One", "goal_2": "Two", "cadence": "1m", "meeting_minutes": "45",
             "term_months": "12"},
        )  # fmt: skip
        assert response.status_code == 409
        assert not Agreement.objects.exists()

    def test_closing_from_intro_with_a_note(self, client):
        mentorship = IntroFactory()
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
        mentorship = IntroFactory()
        response = login(client, mentorship.mentor).post(
            reverse("mentorships:change", args=[mentorship.pk]), {"to_state": "exploded"}
        )
        assert response.status_code == 400

    def test_the_dashboard_shows_each_side_with_its_next_step(self, client):
        mentorship = IntroFactory()
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
        IntroFactory(mentor=mentor)
        login(client, mentor)
        with django_assert_max_num_queries(20) as few:
            client.get(reverse("mentorships:dashboard"))
        for _ in range(5):
            IntroFactory(mentor=mentor)
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
        mentorship = IntroFactory()
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
        mentorship = IntroFactory()
        login(client, mentorship.mentee)
        url = reverse("mentorships:feedback", args=[mentorship.pk])
        assert client.post(url, {"rating": "5"}).status_code == 409
        assert client.post(url, {"helped": "x"}).status_code == 400
        login(client, ProfileFactory())
        assert client.post(url, {"rating": "5"}).status_code == 404


@pytest.mark.django_db
def test_the_history_reads_as_sentences(client):
    mentorship = IntroFactory()
    login(client, mentorship.mentee).post(
        reverse("mentorships:change", args=[mentorship.pk]),
        {"to_state": "closed", "reason": "That was all I needed"},
    )
    page = client.get(reverse("mentorships:detail", args=[mentorship.pk])).content.decode()
    mentor, mentee = mentorship.mentor.user.display_name, mentorship.mentee.user.display_name
    assert f"{mentor} accepted the request: the intro begins" in page
    assert f"{mentee} closed the mentorship: <q>That was all I needed</q>" in page
