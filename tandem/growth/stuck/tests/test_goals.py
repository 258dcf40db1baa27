"""Making a suggestion a goal: it lands in the person's career plan, whose own rules hold."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.core.errors import NotFound, RuleBroken
from tandem.growth.careers.models import PlanGoal
from tandem.growth.careers.services import GOALS_FULL, plan_goal_add
from tandem.growth.stuck.models import StuckStep
from tandem.growth.stuck.questionnaire import SUGGESTION_BY_KEY
from tandem.growth.stuck.services import stuck_suggestion_goal
from tandem.growth.stuck.tests.factories import StuckCheckFactory

pytestmark = pytest.mark.django_db
GOAL = SUGGESTION_BY_KEY["tools_hour"][1].goal


def _goal(check, now, suggestion="tools_hour", owner=None):
    return stuck_suggestion_goal(
        owner=owner or check.owner, check_id=check.pk, suggestion=suggestion, now=now
    )


class TestMakingAGoal:
    def test_adds_the_suggestion_to_the_owners_career_plan_and_remembers_it(self, user, now):
        check = StuckCheckFactory(owner=user, now=now)
        goal = _goal(check, now)
        assert goal.text == GOAL
        assert goal.plan.owner == user
        step = StuckStep.objects.get()
        assert (step.stuck_check, step.suggestion, step.kind) == (check, "tools_hour", "goal")

    def test_a_fourth_goal_is_refused_with_the_plans_message(self, user, now):
        for number in range(3):
            plan_goal_add(owner=user, text=f"Goal {number}", now=now)
        check = StuckCheckFactory(owner=user, now=now)
        with pytest.raises(RuleBroken) as caught:
            _goal(check, now)
        assert caught.value.message == GOALS_FULL
        assert PlanGoal.objects.count() == 3
        assert not StuckStep.objects.exists()

    def test_the_same_suggestion_twice_is_refused(self, user, now):
        check = StuckCheckFactory(owner=user, now=now)
        _goal(check, now)
        with pytest.raises(RuleBroken, match="already made this suggestion a goal"):
            _goal(check, now)
        assert PlanGoal.objects.count() == 1

    def test_a_suggestion_the_result_did_not_offer_is_refused(self, user, now):
        check = StuckCheckFactory(owner=user, now=now)
        with pytest.raises(RuleBroken, match="isn't part of this check"):
            _goal(check, now, suggestion="bored_extra")
        assert not PlanGoal.objects.exists()

    def test_someone_elses_check_is_not_found(self, user, now):
        theirs = StuckCheckFactory(now=now)
        with pytest.raises(NotFound):
            _goal(theirs, now, owner=user)
        assert not PlanGoal.objects.exists()


class TestMakingAGoalFromTheResultPage:
    def test_says_what_happened_and_marks_the_suggestion(self, mentee_client, mentee, now):
        check = StuckCheckFactory(owner=mentee.user, now=now)
        url = reverse("growth:growth_stuck:goal", kwargs={"check_id": check.pk})
        response = mentee_client.post(url, {"suggestion": "tools_hour"}, follow=True)
        body = response.content.decode()
        assert "Added to your career plan as a goal." in body
        assert "A goal in your career plan." in body
        assert body.count("Make it a goal") == 2  # the other two suggestions
        assert PlanGoal.objects.get().text == GOAL

    @staticmethod
    def _result_with_goals(client, mentee, now, goals):
        """A new check's result page, the career plan already holding `goals` goals."""
        for number in range(goals):
            plan_goal_add(owner=mentee.user, text=f"Goal {number}", now=now)
        check = StuckCheckFactory(owner=mentee.user, now=now)
        return check, client.get(check.get_absolute_url()).content.decode()

    def test_with_a_full_plan_no_goal_is_offered_and_the_plan_is_one_click_away(
        self, mentee_client, mentee, now
    ):
        check, body = self._result_with_goals(mentee_client, mentee, now, goals=3)
        assert "Make it a goal" not in body
        assert reverse("growth:growth_stuck:goal", kwargs={"check_id": check.pk}) not in body
        assert "Your career plan already has 3 goals" in body
        plan = reverse("growth:growth_careers:plan")
        assert f'<a href="{plan}#goals-title">Make room in your career plan</a>' in body

    def test_with_room_in_the_plan_each_suggestion_can_become_a_goal(
        self, mentee_client, mentee, now
    ):
        _, body = self._result_with_goals(mentee_client, mentee, now, goals=2)
        assert body.count("Make it a goal") == 3  # falling behind on tools: three suggestions
        assert "Make room in your career plan" not in body

    def test_a_fourth_goal_shows_the_plans_message_and_adds_nothing(
        self, mentee_client, mentee, now
    ):
        for number in range(3):
            plan_goal_add(owner=mentee.user, text=f"Goal {number}", now=now)
        check = StuckCheckFactory(owner=mentee.user, now=now)
        url = reverse("growth:growth_stuck:goal", kwargs={"check_id": check.pk})
        response = mentee_client.post(url, {"suggestion": "tools_hour"})
        assert response.status_code == 409
        assert "You have 3 goals already" in response.content.decode()
        assert PlanGoal.objects.count() == 3

    def test_someone_elses_check_is_a_404(self, mentee_client, now):
        theirs = StuckCheckFactory(now=now)
        url = reverse("growth:growth_stuck:goal", kwargs={"check_id": theirs.pk})
        assert mentee_client.post(url, {"suggestion": "tools_hour"}).status_code == 404
        assert not PlanGoal.objects.exists()
