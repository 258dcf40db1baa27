"""The career plan's writes: saving the plan (and its target reaching the profile), and the
few goals that follow."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import NotFound, RuleBroken
from tandem.core.tests.clock import NOW
from tandem.growth.careers.models import MAX_GOALS, CareerPlan, PlanGoal
from tandem.growth.careers.services import (
    career_plan_forget,
    career_plan_save,
    plan_goal_add,
    plan_goal_remove,
)
from tandem.growth.careers.tests.factories import CareerPlanFactory, goal_of
from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


class TestCareerPlanSave:
    def test_a_first_save_creates_the_plan_with_every_field(self, mentee):
        plan = career_plan_save(
            owner=mentee.user, target_industry="finance", target_function="finance",
            target_level=8, target_organization_kind="large_company",
            target_title="  Finance   director ", target_by=date(2028, 6, 30),
            brings_today="Audit work.", now=NOW,
        )  # fmt: skip
        plan.refresh_from_db()
        assert (plan.owner, plan.target_industry, plan.target_level) == (mentee.user, "finance", 8)
        assert plan.target_title == "Finance director"
        assert plan.target_by == date(2028, 6, 30)
        assert plan.brings_today == "Audit work."

    def test_saving_again_changes_the_same_plan(self, mentee):
        first = career_plan_save(owner=mentee.user, target_title="Analyst lead", now=NOW)
        second = career_plan_save(owner=mentee.user, target_title="Head of data", now=NOW)
        assert first.pk == second.pk
        assert CareerPlan.objects.get().target_title == "Head of data"

    def test_the_target_is_copied_onto_the_profile_and_its_stamp_moves(self, mentee):
        before = Profile.objects.get(pk=mentee.pk).updated_at
        career_plan_save(
            owner=mentee.user, target_industry="healthcare", target_function="operations",
            target_level=7, target_title="Head of operations", now=NOW,
        )  # fmt: skip
        profile = Profile.objects.get(pk=mentee.pk)
        assert (profile.target_industry, profile.target_function, profile.target_level) == (
            "healthcare", "operations", 7,
        )  # fmt: skip
        assert profile.updated_at > before

    def test_clearing_the_target_clears_it_on_the_profile_too(self, mentee):
        CareerPlanFactory(owner=mentee.user)
        career_plan_save(owner=mentee.user, target_title="Still deciding", now=NOW)
        profile = Profile.objects.get(pk=mentee.pk)
        assert (profile.target_industry, profile.target_function, profile.target_level) == (
            "", "", None,
        )  # fmt: skip

    def test_nothing_else_on_the_profile_changes(self, mentee):
        career_plan_save(owner=mentee.user, target_industry="finance", now=NOW)
        profile = Profile.objects.get(pk=mentee.pk)
        assert (profile.industry, profile.level, profile.headline) == (
            mentee.industry, mentee.level, mentee.headline,
        )  # fmt: skip

    def test_a_by_when_in_the_past_is_refused_on_that_field_and_nothing_is_saved(self, mentee):
        with pytest.raises(RuleBroken) as refused:
            career_plan_save(
                owner=mentee.user, target_industry="finance",
                target_by=NOW.date() - timedelta(days=1), now=NOW,
            )  # fmt: skip
        assert refused.value.field == "target_by"
        assert "passed" in refused.value.message
        assert not CareerPlan.objects.exists()
        assert Profile.objects.get(pk=mentee.pk).target_industry == ""

    def test_today_is_a_fine_by_when(self, mentee):
        plan = career_plan_save(owner=mentee.user, target_by=NOW.date(), now=NOW)
        assert plan.target_by == NOW.date()

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("target_industry", "piracy"),
            ("target_function", "juggling"),
            ("target_organization_kind", "castle"),
            ("target_level", 11),
            ("target_level", 0),
            ("target_title", "x" * 121),
            ("brings_today", "y" * 2001),
        ],
    )
    def test_bad_input_is_refused_on_its_field(self, mentee, field, value):
        with pytest.raises(RuleBroken) as refused:
            career_plan_save(owner=mentee.user, now=NOW, **{field: value})
        assert refused.value.field == field
        assert not CareerPlan.objects.exists()

    def test_someone_without_a_profile_yet_gets_one_holding_the_target(self):
        user = UserFactory()
        career_plan_save(owner=user, target_level=6, now=NOW)
        assert Profile.objects.get(user=user).target_level == 6


class TestPlanGoals:
    def test_a_goal_is_added_in_order_after_the_others(self, mentee):
        plan = CareerPlanFactory(owner=mentee.user, goals=("First",))
        plan_goal_add(owner=mentee.user, text="  Second   one ", now=NOW)
        assert [g.text for g in plan.goals.all()] == ["First", "Second one"]

    def test_a_goal_without_a_plan_makes_an_empty_plan(self, mentee):
        goal = plan_goal_add(owner=mentee.user, text="Find out what a director does", now=NOW)
        assert goal.plan.owner == mentee.user
        assert not goal.plan.has_target

    def test_a_fourth_goal_is_refused_with_a_way_forward(self, mentee):
        CareerPlanFactory(owner=mentee.user, goals=("One", "Two", "Three"))
        with pytest.raises(RuleBroken) as refused:
            plan_goal_add(owner=mentee.user, text="Four", now=NOW)
        assert "finish or drop one first" in refused.value.message.lower()
        assert PlanGoal.objects.count() == MAX_GOALS

    @pytest.mark.parametrize("text", ["", "   ", "\n\t"])
    def test_a_blank_goal_is_refused_on_its_field(self, mentee, text):
        with pytest.raises(RuleBroken) as refused:
            plan_goal_add(owner=mentee.user, text=text, now=NOW)
        assert refused.value.field == "text"
        assert not PlanGoal.objects.exists()

    def test_a_goal_over_200_characters_is_refused(self, mentee):
        with pytest.raises(RuleBroken) as refused:
            plan_goal_add(owner=mentee.user, text="g" * 201, now=NOW)
        assert refused.value.field == "text"

    def test_removing_a_goal_makes_room_for_another(self, mentee):
        plan = CareerPlanFactory(owner=mentee.user, goals=("One", "Two", "Three"))
        plan_goal_remove(owner=mentee.user, goal_id=goal_of(plan, 1).pk)
        plan_goal_add(owner=mentee.user, text="Four", now=NOW)
        assert [g.text for g in plan.goals.all()] == ["One", "Three", "Four"]

    def test_someone_elses_goal_is_not_found_and_stays(self, mentee):
        theirs = CareerPlanFactory()
        with pytest.raises(NotFound):
            plan_goal_remove(owner=mentee.user, goal_id=goal_of(theirs).pk)
        assert PlanGoal.objects.filter(plan=theirs).count() == 2

    def test_a_missing_goal_is_not_found(self, mentee):
        with pytest.raises(NotFound):
            plan_goal_remove(owner=mentee.user, goal_id=999_999)


class TestCareerPlanForget:
    def test_the_plan_and_its_goals_go_and_nobody_elses(self, mentee):
        CareerPlanFactory(owner=mentee.user)
        theirs = CareerPlanFactory()
        career_plan_forget(owner=mentee.user)
        assert list(CareerPlan.objects.all()) == [theirs]
        assert PlanGoal.objects.filter(plan__owner=mentee.user).count() == 0

    def test_forgetting_without_a_plan_changes_nothing(self, mentee):
        career_plan_forget(owner=mentee.user)
        assert not CareerPlan.objects.exists()


class TestGoalCap:
    @settings(
        max_examples=25, deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )  # fmt: skip
    @given(moves=st.lists(st.booleans(), max_size=12))
    def test_no_run_of_adds_and_removes_holds_more_than_three_goals(self, moves):
        owner = ProfileFactory().user
        for add in moves:
            held = list(PlanGoal.objects.filter(plan__owner=owner))
            if add:
                try:
                    plan_goal_add(owner=owner, text="A goal", now=NOW)
                except RuleBroken:
                    assert len(held) == MAX_GOALS
            elif held:
                plan_goal_remove(owner=owner, goal_id=held[0].pk)
            assert PlanGoal.objects.filter(plan__owner=owner).count() <= MAX_GOALS
