"""The plan → profile → matching link: saving a career plan puts its target on the profile,
and a mentor already where the mentee wants to be rises in their recommendations, with a
reason that says so."""

from __future__ import annotations

import pytest

from tandem.core.tests.clock import NOW
from tandem.growth.careers.services import career_plan_save
from tandem.matching.encode import LEVEL_ROLES
from tandem.matching.index import mentor_index_clear
from tandem.matching.selectors import recommendations_for_mentee
from tandem.profiles.choices import Level
from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory, offer, speak
from tandem.skills.models import Skill

pytestmark = pytest.mark.django_db
WORDS = {"headline": "Engineer", "job_title": "Engineer", "bio": "I build things and teach."}


@pytest.fixture(autouse=True)
def _fresh_index():
    mentor_index_clear()
    yield
    mentor_index_clear()


def _mentor(name, **kwargs):
    mentor = MentorProfileFactory(user__first_name=name, function="engineering", **WORDS, **kwargs)
    offer(mentor, "python", proficiency=4)
    speak(mentor, "en")
    return mentor


@pytest.fixture
def world():
    mentee = ProfileFactory(
        level=4, industry="technology", function="engineering", goals="Grow into leadership"
    )
    mentee.skills_wanted.add(Skill.objects.get(slug="python"))
    speak(mentee, "en")
    # Comparable mentors; the one in healthcare has a little more time, so leads at first.
    director = _mentor("Dana", industry="finance", level=Level.DIRECTOR, hours_per_month=2)
    manager = _mentor("Sam", industry="healthcare", level=Level.SENIOR_MANAGER, hours_per_month=4)
    return mentee, director, manager


def _order(mentee):
    picks = recommendations_for_mentee(profile=Profile.objects.get(pk=mentee.pk))
    return picks, [p.profile.pk for p in picks]


class TestPlanFeedsMatching:
    def test_the_mentor_at_the_target_level_and_industry_rises_above_the_other(self, world):
        mentee, director, manager = world
        _, before = _order(mentee)
        assert before.index(manager.pk) < before.index(director.pk)
        career_plan_save(
            owner=mentee.user, target_industry="finance", target_level=Level.DIRECTOR, now=NOW
        )
        picks, after = _order(mentee)
        assert after.index(director.pk) < after.index(manager.pk)
        reasons = next(p.reasons for p in picks if p.profile.pk == director.pk)
        # The plan set no function, so the mentee's own (engineering, as the mentor's) counts.
        assert (
            "works as a director in Banking & financial services and in Engineering, "
            "where you want to be"
        ) in reasons

    def test_the_other_mentor_is_not_said_to_be_at_the_target(self, world):
        mentee, _, manager = world
        career_plan_save(
            owner=mentee.user, target_industry="finance", target_level=Level.DIRECTOR, now=NOW
        )
        picks, _ = _order(mentee)
        reasons = next(p.reasons for p in picks if p.profile.pk == manager.pk)
        assert not any("director" in r or "Banking" in r for r in reasons)

    def test_every_level_has_words_for_the_reason(self):
        assert len(LEVEL_ROLES) == len(Level) + 1
        assert all(LEVEL_ROLES[level] for level in Level.values)
