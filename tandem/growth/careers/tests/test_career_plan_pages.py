"""The career plan's pages: the signed-in person's own plan, clear messages on bad input that
change nothing, someone else's goal or mentorship a plain 404, and the goals carried into an
agreement form in one click."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.growth.careers.models import CareerPlan, PlanGoal
from tandem.growth.careers.tests.factories import CareerPlanFactory, goal_of
from tandem.mentorships.prefill import SESSION_KEY
from tandem.mentorships.tests.factories import ActiveMentorshipFactory, IntroFactory
from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

PLAN = reverse("growth:growth_careers:plan")
GOAL_ADD = reverse("growth:growth_careers:goal_add")
FILLED = {
    "target_title": "Head of operations", "target_level": "7", "target_industry": "healthcare",
    "target_function": "operations", "target_organization_kind": "public_sector",
    "target_by": "2030-03-31", "brings_today": "Ten years on hospital wards.",
}  # fmt: skip


def _remove(goal):
    return reverse("growth:growth_careers:goal_remove", kwargs={"goal_id": goal.pk})


def _seed(mentorship):
    return reverse("growth:growth_careers:agreement_seed", kwargs={"mentorship_id": mentorship.pk})


class TestThePlanPage:
    def test_someone_signed_out_is_sent_to_sign_in(self, client):
        response = client.get(PLAN)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_a_first_visit_offers_to_start_a_plan_with_every_field_labelled(self, mentee_client):
        page = mentee_client.get(PLAN).content.decode()
        assert "Start my plan" in page
        for label in ("Job title", "Level", "Industry", "Function", "Kind of organization"):
            assert f">{label}</label>" in page
        assert "No goals yet." in page

    def test_saving_the_plan_keeps_it_and_puts_the_target_on_the_profile(
        self, mentee_client, mentee
    ):
        response = mentee_client.post(PLAN, FILLED)
        assert response.status_code == 302
        plan = CareerPlan.objects.get(owner=mentee.user)
        assert (plan.target_title, plan.target_level, str(plan.target_by)) == (
            "Head of operations", 7, "2030-03-31",
        )  # fmt: skip
        profile = Profile.objects.get(pk=mentee.pk)
        assert (profile.target_industry, profile.target_level) == ("healthcare", 7)
        page = mentee_client.get(PLAN).content.decode()
        assert "Head of operations" in page
        assert "Ten years on hospital wards." in page
        assert 'value="2030-03-31"' in page  # as a date input reads it, whatever the locale

    def test_a_date_already_past_is_marked_on_its_field_and_nothing_is_saved(self, mentee_client):
        past = (timezone.now() - timedelta(days=2)).date().isoformat()
        response = mentee_client.post(PLAN, {**FILLED, "target_by": past})
        assert response.status_code == 400
        assert response.context["plan_form"].errors["target_by"] == [
            "That date has passed already. Pick one ahead, even a rough one."
        ]
        assert "nothing was saved" in response.content.decode()
        assert not CareerPlan.objects.exists()

    @pytest.mark.parametrize(
        ("field", "value"),
        [("target_level", "12"), ("target_industry", "piracy"), ("target_by", "someday"),
         ("target_title", "x" * 121), ("brings_today", "y" * 2001)],
    )  # fmt: skip
    def test_bad_input_is_marked_on_its_field_and_changes_nothing(
        self, mentee_client, field, value
    ):
        response = mentee_client.post(PLAN, {**FILLED, field: value})
        assert response.status_code == 400
        assert field in response.context["plan_form"].errors
        assert not CareerPlan.objects.exists()

    def test_an_empty_form_saves_an_empty_plan(self, mentee_client, mentee):
        assert mentee_client.post(PLAN, {}).status_code == 302
        assert not CareerPlan.objects.get(owner=mentee.user).has_target

    def test_each_person_sees_only_their_own_plan(self, client, mentee):
        CareerPlanFactory(owner=mentee.user, target_title="Chief of staff", goals=("Quiet goal",))
        client.force_login(ProfileFactory().user)
        page = client.get(PLAN).content.decode()
        assert "Chief of staff" not in page
        assert "Quiet goal" not in page


class TestGoals:
    def test_a_goal_added_shows_in_the_list(self, mentee_client, mentee):
        response = mentee_client.post(GOAL_ADD, {"text": "Shadow a director for a week"})
        assert response.status_code == 302
        assert "Shadow a director for a week" in mentee_client.get(PLAN).content.decode()

    def test_a_fourth_goal_is_refused_on_the_field_and_nothing_changes(self, mentee_client, mentee):
        CareerPlanFactory(owner=mentee.user, goals=("a", "b", "c"))
        response = mentee_client.post(GOAL_ADD, {"text": "d"})
        assert response.status_code == 400
        assert "Finish or drop one first" in response.context["goal_form"].errors["text"][0]
        assert PlanGoal.objects.count() == 3

    def test_three_goals_show_that_there_is_no_room_for_more(self, mentee_client, mentee):
        CareerPlanFactory(owner=mentee.user, goals=("a", "b", "c"))
        page = mentee_client.get(PLAN).content.decode()
        assert "Finish or drop one to make room" in page
        assert 'id="goal-form"' not in page

    @pytest.mark.parametrize(
        ("text", "message"),
        [("", "Write the goal in a few words."), ("   ", "Write the goal in a few words."),
         ("z" * 201, "at most 200 characters")],
    )  # fmt: skip
    def test_a_blank_or_long_goal_is_refused_on_the_field(self, mentee_client, text, message):
        response = mentee_client.post(GOAL_ADD, {"text": text})
        assert response.status_code == 400
        assert message in response.context["goal_form"].errors["text"][0]
        assert not PlanGoal.objects.exists()

    def test_dropping_a_goal_removes_it(self, mentee_client, mentee):
        plan = CareerPlanFactory(owner=mentee.user)
        assert mentee_client.post(_remove(goal_of(plan))).status_code == 302
        assert [g.text for g in plan.goals.all()] == ["Present to the board once"]

    def test_someone_elses_goal_is_a_404_and_stays(self, mentee_client):
        theirs = CareerPlanFactory()
        assert mentee_client.post(_remove(goal_of(theirs))).status_code == 404
        assert PlanGoal.objects.filter(plan=theirs).count() == 2

    def test_removing_takes_a_post(self, mentee_client, mentee):
        plan = CareerPlanFactory(owner=mentee.user)
        assert mentee_client.get(_remove(goal_of(plan))).status_code == 405


class TestGoalsIntoAnAgreement:
    def test_the_goals_fill_in_the_agreement_form_once(self, mentee_client, mentee):
        CareerPlanFactory(owner=mentee.user, goals=("Lead a budget round", "Meet the board"))
        mentorship = IntroFactory(mentee=mentee, intro_held=True)
        assert "Use these goals in the agreement with" in mentee_client.get(PLAN).content.decode()
        response = mentee_client.post(_seed(mentorship))
        assert response.status_code == 302
        assert response["Location"].startswith(mentorship.get_absolute_url())
        form = mentee_client.get(mentorship.get_absolute_url()).context["agreement_form"]
        assert (form["goal_1"].value(), form["goal_2"].value(), form["goal_3"].value()) == (
            "Lead a budget round", "Meet the board", "",
        )  # fmt: skip
        again = mentee_client.get(mentorship.get_absolute_url()).context["agreement_form"]
        assert again["goal_1"].value() != "Lead a budget round"
        assert SESSION_KEY not in mentee_client.session

    def test_before_the_intro_is_held_the_plan_page_says_when_and_a_post_is_refused(
        self, mentee_client, mentee
    ):
        CareerPlanFactory(owner=mentee.user)
        mentorship = IntroFactory(mentee=mentee)
        page = mentee_client.get(PLAN).content.decode()
        assert "opens once your intro meeting is held" in page
        assert mentee_client.post(_seed(mentorship)).status_code == 409
        assert SESSION_KEY not in mentee_client.session

    def test_an_agreement_already_in_force_takes_no_goals_until_renewal(
        self, mentee_client, mentee
    ):
        CareerPlanFactory(owner=mentee.user)
        mentorship = ActiveMentorshipFactory(mentee=mentee)
        assert mentee_client.post(_seed(mentorship)).status_code == 409

    def test_without_goals_there_is_nothing_to_bring(self, mentee_client, mentee):
        CareerPlanFactory(owner=mentee.user, goals=())
        mentorship = IntroFactory(mentee=mentee, intro_held=True)
        assert mentee_client.post(_seed(mentorship)).status_code == 409

    def test_someone_elses_mentorship_is_a_404(self, mentee_client, mentee):
        CareerPlanFactory(owner=mentee.user)
        assert mentee_client.post(_seed(IntroFactory(intro_held=True))).status_code == 404
        assert SESSION_KEY not in mentee_client.session

    def test_as_the_mentor_the_plan_cannot_seed_the_mentees_agreement(self, client):
        mentorship = IntroFactory(intro_held=True)
        CareerPlanFactory(owner=mentorship.mentor.user)
        client.force_login(mentorship.mentor.user)
        assert client.post(_seed(mentorship)).status_code == 404
