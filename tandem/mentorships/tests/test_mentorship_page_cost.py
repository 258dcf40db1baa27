"""What one mentorship's page costs (issue 14): its rows in a fixed number of queries, each
compiled once per process, the reviews only when the page shows them, and the viewer's own
profile never read twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from tandem.core.errors import NotFound
from tandem.core.tests.clock import NOW
from tandem.core.tests.compiling import read_again_compiling_nothing
from tandem.mentorships.selectors.mentorships import mentorship_for_user, mentorship_page_for
from tandem.mentorships.services.feedback import feedback_give
from tandem.mentorships.services.goals import goal_update
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.factories import ActiveMentorshipFactory
from tandem.profiles.tests.factories import ProfileFactory


@pytest.mark.django_db
class TestMentorshipPageCost:
    def test_a_live_mentorship_reads_its_rows_but_not_the_reviews(self, django_assert_num_queries):
        mentorship = ActiveMentorshipFactory()
        mentee = mentorship.mentee.user
        # The mentorship with both people, its agreement versions, its history, its goals
        # and each one's latest update.
        with django_assert_num_queries(5):
            page = mentorship_page_for(mentorship_id=mentorship.pk, user=mentee, now=NOW)
        assert not page.ended
        assert not page.term_review_open
        assert page.my_feedback is None
        assert page.term_mine is None
        assert page.other.user.email == mentorship.mentor.user.email
        assert page.other.timezone == mentorship.mentor.timezone

    def test_once_it_has_ended_the_reviews_are_read_too(self, django_assert_num_queries):
        mentorship = ActiveMentorshipFactory()
        mentee, mentor = mentorship.mentee.user, mentorship.mentor.user
        mentorship_move(mentorship=mentorship, actor=mentee, to_state="completed", now=NOW)
        feedback_give(mentorship=mentorship, actor=mentor, rating=5, now=NOW, helped="A lot")
        with django_assert_num_queries(6):
            page = mentorship_page_for(mentorship_id=mentorship.pk, user=mentee, now=NOW)
        assert page.ended
        assert page.my_feedback is None
        assert page.their_feedback is not None
        assert page.their_feedback.helped == "A lot"
        assert page.me.pk == mentorship.mentee.pk
        assert not page.me.is_mentor

    def test_a_finished_mentee_is_asked_to_mentor_without_another_read_of_their_profile(
        self, client, django_assert_max_num_queries
    ):
        mentorship = ActiveMentorshipFactory()
        mentee = mentorship.mentee.user
        mentorship_move(mentorship=mentorship, actor=mentee, to_state="completed", now=NOW)
        client.force_login(mentee)
        url = reverse("mentorships:detail", args=[mentorship.pk])
        client.get(url)
        with django_assert_max_num_queries(20) as seen:
            page = client.get(url).content.decode()
        assert "Pass it on" in page
        profile_reads = [
            q["sql"]
            for q in seen.captured_queries
            if q["sql"].startswith(
                'SELECT "profiles_profile"."id", "profiles_profile"."created_at"'
            )
        ]
        assert profile_reads == []  # the whole profile row, as `request.user.profile` read it

    def test_a_second_read_compiles_no_sql(self):
        mentorship = ActiveMentorshipFactory()
        mentee = mentorship.mentee.user
        page = read_again_compiling_nothing(
            lambda: mentorship_page_for(mentorship_id=mentorship.pk, user=mentee, now=NOW)
        )
        assert page.current is not None
        assert len(page.history) == len(mentorship.transitions.all())

    def test_each_goal_shows_its_newest_update_only(self):
        mentorship = ActiveMentorshipFactory()
        mentee, mentor = mentorship.mentee.user, mentorship.mentor.user
        first, second = mentorship.goals.order_by("id")
        goal_update(goal=first, actor=mentee, status="progressing", now=NOW, text="Picked one")
        later = NOW + timedelta(days=2)
        goal_update(goal=first, actor=mentor, status="progressing", now=later, text="Kick-off")
        page = mentorship_page_for(mentorship_id=mentorship.pk, user=mentee, now=later)
        shown = [(goal.pk, last.text if last else None) for goal, last in page.goal_rows]
        assert shown == [(first.pk, "Kick-off"), (second.pk, None)]
        assert page.goal_rows[0][1].author.display_name == mentor.display_name
        assert page.goals == [goal for goal, _ in page.goal_rows]

    def test_only_its_two_people_read_it(self):
        mentorship = ActiveMentorshipFactory()
        stranger = ProfileFactory().user
        with pytest.raises(NotFound):
            mentorship_page_for(mentorship_id=mentorship.pk, user=stranger, now=NOW)
        with pytest.raises(NotFound):
            mentorship_for_user(mentorship_id=mentorship.pk, user=stranger)
        found, sides = mentorship_for_user(mentorship_id=mentorship.pk, user=mentorship.mentor.user)
        assert (found.pk, sides.role, sides.other.pk) == (
            mentorship.pk,
            "mentor",
            mentorship.mentee.pk,
        )
        assert found.ask.pk == mentorship.ask.pk  # what the writes start from
