"""Goals from the agreement with progress updates, and the mentor's own learning goals (P11)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.core.errors import IllegalTransition, NotFound, RuleBroken
from tandem.core.tests.clock import NOW
from tandem.mentorships.models import Goal
from tandem.mentorships.services.goals import goal_update, learning_goal_add
from tandem.mentorships.tests.factories import GOALS, ActiveMentorshipFactory
from tandem.profiles.tests.factories import ProfileFactory


@pytest.mark.django_db
class TestGoals:
    def test_accepting_the_agreement_makes_its_goals_trackable(self):
        mentorship = ActiveMentorshipFactory()
        assert list(mentorship.goals.values_list("text", "status", "agreement_version")) == [
            (GOALS[0], "open", 1), (GOALS[1], "open", 1),
        ]  # fmt: skip

    def test_either_side_records_progress_strangers_cannot(self):
        mentorship = ActiveMentorshipFactory()
        goal = mentorship.goals.first()
        goal_update(goal=goal, actor=mentorship.mentor.user, status="progressing", now=NOW,
                    text="First project picked")  # fmt: skip
        goal_update(goal=goal, actor=mentorship.mentee.user, status="achieved", now=NOW)
        goal.refresh_from_db()
        assert goal.status == Goal.Status.ACHIEVED
        assert goal.latest_update.author == mentorship.mentee.user
        with pytest.raises(NotFound):
            goal_update(goal=goal, actor=ProfileFactory().user, status="open", now=NOW)
        with pytest.raises(RuleBroken):
            goal_update(goal=goal, actor=mentorship.mentee.user, status="finished", now=NOW)

    def test_learning_goals_are_the_mentors_own(self):
        mentorship = ActiveMentorshipFactory()
        with pytest.raises(IllegalTransition):
            learning_goal_add(mentorship=mentorship, actor=mentorship.mentee.user, text="x")
        goal = learning_goal_add(
            mentorship=mentorship, actor=mentorship.mentor.user, text="Explain without jargon"
        )
        assert goal.is_learning_goal
        with pytest.raises(IllegalTransition):
            goal_update(goal=goal, actor=mentorship.mentee.user, status="achieved", now=NOW)
        for i in range(2):
            learning_goal_add(mentorship=mentorship, actor=mentorship.mentor.user, text=f"G{i}")
        with pytest.raises(RuleBroken):
            learning_goal_add(mentorship=mentorship, actor=mentorship.mentor.user, text="Four")

    def test_the_page_updates_progress_and_refuses_strangers(self, client):
        mentorship = ActiveMentorshipFactory()
        goal = mentorship.goals.first()
        client.force_login(ProfileFactory().user)
        url = reverse("mentorships:goal_update", args=[goal.pk])
        assert client.post(url, {"status": "achieved"}).status_code == 404
        client.force_login(mentorship.mentee.user)
        assert client.post(url, {"status": "progressing", "text": "Halfway"}).status_code == 302
        page = client.get(reverse("mentorships:detail", args=[mentorship.pk])).content.decode()
        assert "Latest: Halfway" in page
