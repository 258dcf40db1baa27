"""The career plan's reads: the page (its owner's alone), the goals that can seed an
agreement, and what the data download holds."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.core.tests.clock import NOW
from tandem.growth.careers.selectors import (
    career_plan_of,
    career_plan_page_for,
    export_for,
    plan_goal_texts,
)
from tandem.growth.careers.tests.factories import CareerPlanFactory
from tandem.mentorships.tests.factories import IntroFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

pytestmark = pytest.mark.django_db


class TestCareerPlanPage:
    def test_before_a_first_save_the_form_starts_from_the_profiles_target(self):
        mentee = ProfileFactory(target_industry="energy", target_level=6)
        page = career_plan_page_for(user=mentee.user, now=NOW)
        assert page.plan is None
        assert page.goals == []
        assert page.initial["target_industry"] == "energy"
        assert page.initial["target_level"] == 6
        assert page.can_add_goal

    def test_a_saved_plan_fills_the_form_and_lists_its_goals_in_order(self, mentee):
        CareerPlanFactory(owner=mentee.user, target_by=date(2028, 1, 31))
        page = career_plan_page_for(user=mentee.user, now=NOW)
        assert page.initial["target_by"] == date(2028, 1, 31)
        assert page.initial["target_title"] == "Finance director"
        assert [g.text for g in page.goals] == [
            "Lead the next budget round",
            "Present to the board once",
        ]

    def test_three_goals_leave_no_room_for_a_fourth(self, mentee):
        CareerPlanFactory(owner=mentee.user, goals=("a", "b", "c"))
        assert not career_plan_page_for(user=mentee.user, now=NOW).can_add_goal

    def test_someone_elses_plan_never_shows(self, mentee):
        CareerPlanFactory()
        page = career_plan_page_for(user=mentee.user, now=NOW)
        assert page.plan is None
        assert page.goals == []
        assert career_plan_of(user=mentee.user) is None

    def test_goals_can_seed_only_mentorships_where_the_person_is_the_mentee(self, mentee):
        CareerPlanFactory(owner=mentee.user)
        mine = IntroFactory(mentee=mentee)
        # As a mentor elsewhere, the plan is not theirs to put into someone else's agreement.
        me_as_mentor = MentorProfileFactory(user__email="both@example.com")
        IntroFactory(mentor=me_as_mentor)
        page = career_plan_page_for(user=mentee.user, now=NOW)
        assert [t.mentorship for t in page.seed_targets] == [mine]
        assert page.seed_targets[0].mentor_name == mine.mentor.user.display_name

    def test_without_goals_there_is_nothing_to_seed(self, mentee):
        CareerPlanFactory(owner=mentee.user, goals=())
        IntroFactory(mentee=mentee)
        assert career_plan_page_for(user=mentee.user, now=NOW).seed_targets == []

    def test_the_goal_texts_are_the_owners_in_order(self, mentee):
        CareerPlanFactory(owner=mentee.user, goals=("x", "y"))
        CareerPlanFactory(goals=("not mine",))
        assert plan_goal_texts(user=mentee.user) == ["x", "y"]


class TestExport:
    def test_the_download_holds_the_whole_plan_in_words(self, mentee):
        CareerPlanFactory(owner=mentee.user, target_by=date(2027, 12, 1))
        data = export_for(mentee.user)
        assert data["target_industry"] == "Banking & financial services"
        assert data["target_level"] == "8 · Director"
        assert data["target_organization_kind"] == "A large company"
        assert data["target_title"] == "Finance director"
        assert data["target_by"] == "2027-12-01"
        assert data["brings_today"].startswith("Eight years")
        assert data["goals"] == ["Lead the next budget round", "Present to the board once"]

    def test_no_plan_means_an_empty_part(self, mentee):
        CareerPlanFactory()
        assert export_for(mentee.user) == {}
