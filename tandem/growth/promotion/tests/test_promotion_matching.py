"""The plan's skills reach matching: once added to the profile, the mentee's encoded wanted
skills (what recommendations score mentors against) hold them."""

from __future__ import annotations

import pytest

from tandem.core.tests.clock import NOW
from tandem.growth.promotion.services import plan_skills_to_profile
from tandem.growth.promotion.tests.factories import SkillToGainFactory
from tandem.matching.encode import mentee_encode, mentor_index_of
from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import MentorProfileFactory, offer
from tandem.skills.models import Skill

pytestmark = pytest.mark.django_db


def _wanted_codes(mentee: Profile) -> set[int]:
    mentor = Profile.objects.get(pk=MentorProfileFactory().pk)
    offer(mentor, "public-speaking")
    index = mentor_index_of([mentor], now=NOW)
    people = mentee_encode(Profile.objects.get(pk=mentee.pk), index, now=NOW)
    return {int(code) for code in people.skills[0] if code >= 0}


class TestPlanSkillsReachRecommendations:
    def test_the_encoded_mentee_wants_the_plans_skill_only_after_the_one_click(self, mentee):
        SkillToGainFactory(owner=mentee.user, slug="public-speaking")
        skill = Skill.objects.get(slug="public-speaking")
        index_of_skill = mentor_index_of([], now=NOW).vocabulary.skill_index[skill.pk]
        assert index_of_skill not in _wanted_codes(mentee)
        plan_skills_to_profile(owner=mentee.user)
        assert index_of_skill in _wanted_codes(mentee)
