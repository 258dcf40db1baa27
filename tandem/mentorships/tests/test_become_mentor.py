"""Graduating to mentor: one click copies what fits from the mentee's profile."""

from __future__ import annotations

import pytest

from tandem.profiles.services import profile_become_mentor
from tandem.profiles.tests.factories import ProfileFactory
from tandem.skills.models import Skill


@pytest.mark.django_db
class TestBecomeMentor:
    def test_one_click_copies_what_fits(self):
        mentee = ProfileFactory(
            focus_areas_sought=["promotion", "leadership"],
            mentoring_types_sought=["developmental", "sponsorship"],
        )
        skills = list(Skill.objects.all()[:2])
        mentee.skills_wanted.add(*skills)
        profile_become_mentor(profile=mentee)
        mentee.refresh_from_db()
        assert mentee.is_mentor
        assert mentee.is_mentee
        assert mentee.focus_areas_offered == ["promotion", "leadership"]
        assert mentee.mentoring_types_offered == ["developmental"]  # no sponsorship yet
        assert mentee.capacity == 1
        assert mentee.is_paused  # nobody can ask until they have checked it
        assert {o.skill for o in mentee.skills_offered.all()} == set(skills)
