"""Completing a mentorship asks which of the agreement's goals were reached (issue 10, item 10):
the answer is recorded on the goals in the same step, and only when completing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.core.errors import DomainError
from tandem.core.tests.clock import NOW
from tandem.mentorships.models import Goal, Mentorship
from tandem.mentorships.services.goals import goal_update, learning_goal_add
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.factories import ActiveMentorshipFactory


def statuses(mentorship: Mentorship) -> dict[str, str]:
    return dict(mentorship.goals.values_list("text", "status"))


@pytest.mark.django_db
class TestCompletingRecordsTheGoalsReached:
    def test_ticked_goals_are_achieved_and_the_rest_stay_open(self):
        mentorship = ActiveMentorshipFactory(goals=("Lead a project", "Give feedback", "Hire"))
        lead, feedback, hire = mentorship.goals.order_by("id")
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentee.user, to_state="completed", now=NOW,
            achieved_goals=[lead.pk, hire.pk],
        )  # fmt: skip
        assert statuses(mentorship) == {
            "Lead a project": "achieved", "Give feedback": "open", "Hire": "achieved",
        }  # fmt: skip
        update = lead.updates.get()
        assert (update.author, update.status, update.text) == (
            mentorship.mentee.user, "achieved", "Reached by the end.",
        )  # fmt: skip
        assert not feedback.updates.exists()

    def test_a_goal_marked_achieved_earlier_but_not_ticked_is_not_reached(self):
        mentorship = ActiveMentorshipFactory()
        first, second = mentorship.goals.order_by("id")
        goal_update(goal=first, actor=mentorship.mentee.user, status="achieved", now=NOW)
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentor.user, to_state="completed", now=NOW,
            achieved_goals=[second.pk],
        )  # fmt: skip
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.status, second.status) == (Goal.Status.PROGRESSING, Goal.Status.ACHIEVED)
        assert first.updates.last().text == "Not reached by the end."

    def test_the_mentors_learning_goals_are_not_part_of_the_question(self):
        mentorship = ActiveMentorshipFactory()
        mine = learning_goal_add(
            mentorship=mentorship, actor=mentorship.mentor.user, text="Explain without jargon"
        )
        with pytest.raises(DomainError) as caught:
            mentorship_move(
                mentorship=mentorship, actor=mentorship.mentor.user, to_state="completed",
                now=NOW, achieved_goals=[mine.pk],
            )  # fmt: skip
        assert (caught.value.status, caught.value.field) == (400, "achieved")
        mentorship.refresh_from_db()
        assert mentorship.state == Mentorship.State.ACTIVE  # nothing moved
        assert set(statuses(mentorship).values()) == {"open"}

    def test_other_moves_and_unasked_completions_leave_the_goals_alone(self):
        mentorship = ActiveMentorshipFactory()
        ids = list(mentorship.goals.values_list("id", flat=True))
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentee.user, to_state="paused", now=NOW,
            achieved_goals=ids,
        )  # fmt: skip
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentee.user, to_state="active", now=NOW
        )
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentee.user, to_state="completed", now=NOW
        )
        assert set(statuses(mentorship).values()) == {"open"}


@pytest.mark.django_db
class TestTheCompletionForm:
    def test_the_page_asks_about_each_agreement_goal_beside_mark_complete(self, client):
        mentorship = ActiveMentorshipFactory()
        learning_goal_add(mentorship=mentorship, actor=mentorship.mentor.user, text="Listen more")
        client.force_login(mentorship.mentee.user)
        page = client.get(mentorship.get_absolute_url()).content.decode()
        assert "which goals did you reach?" in page
        for goal in mentorship.goals.filter(is_learning_goal=False):
            assert f'name="achieved" value="{goal.pk}"' in page
        learning = mentorship.goals.get(is_learning_goal=True)
        assert f'name="achieved" value="{learning.pk}"' not in page

    def test_marking_complete_from_the_page_records_the_ticked_goals(self, client):
        mentorship = ActiveMentorshipFactory()
        first, second = mentorship.goals.order_by("id")
        client.force_login(mentorship.mentor.user)
        response = client.post(
            reverse("mentorships:change", args=[mentorship.pk]),
            {"to_state": "completed", "goals_asked": "1", "achieved": [str(second.pk)]},
        )
        assert response.status_code == 302
        mentorship.refresh_from_db()
        assert mentorship.state == Mentorship.State.COMPLETED
        assert statuses(mentorship) == {first.text: "open", second.text: "achieved"}

    def test_a_paused_or_ended_mentorship_is_not_asked(self, client):
        mentorship = ActiveMentorshipFactory()
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentor.user, to_state="paused", now=NOW
        )
        client.force_login(mentorship.mentee.user)
        page = client.get(mentorship.get_absolute_url()).content.decode()
        assert "which goals did you reach?" not in page
