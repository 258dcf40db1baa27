"""Graduating to mentor: the person says what they could teach; nothing wanted is copied."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.matching.index import mentor_index_clear
from tandem.matching.selectors import recommendations_for_mentee
from tandem.profiles.choices import Proficiency
from tandem.profiles.services import ProfileError, profile_become_mentor
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory, offer, speak
from tandem.skills.models import Skill


def skills(*slugs: str) -> list[Skill]:
    return [Skill.objects.get(slug=slug) for slug in slugs]


@pytest.mark.django_db
class TestBecomeMentor:
    def test_only_the_skills_picked_are_offered_never_the_wanted_ones(self):
        mentee = ProfileFactory(
            focus_areas_sought=["promotion", "leadership"],
            mentoring_types_sought=["developmental", "sponsorship"],
        )
        mentee.skills_wanted.add(*skills("python", "sql"))
        profile_become_mentor(
            profile=mentee, skills=skills("sql"), proficiency=Proficiency.ADVANCED, capacity=2
        )
        mentee.refresh_from_db()
        assert mentee.is_mentor
        assert mentee.is_mentee
        assert mentee.focus_areas_offered == ["promotion", "leadership"]
        assert mentee.mentoring_types_offered == ["developmental"]  # no sponsorship yet
        assert (mentee.capacity, mentee.is_paused) == (2, False)
        offered = {(o.skill.slug, o.proficiency) for o in mentee.skills_offered.all()}
        assert offered == {("sql", Proficiency.ADVANCED)}  # python was wanted, not offered

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"skills": []}, "skills"),
            ({"capacity": 5}, "capacity"),
            ({"proficiency": 9}, "proficiency"),
        ],
    )
    def test_a_skill_a_small_start_and_a_known_level_are_needed(self, change, field):
        mentee = ProfileFactory()
        data = {"skills": skills("sql"), "proficiency": Proficiency.WORKING, "capacity": 1}
        with pytest.raises(ProfileError) as refused:
            profile_become_mentor(profile=mentee, **(data | change))
        assert refused.value.field == field
        mentee.refresh_from_db()
        assert not mentee.is_mentor
        assert not mentee.skills_offered.exists()


@pytest.mark.django_db
class TestTheGraduationPage:
    def test_it_suggests_what_they_worked_on_with_nothing_ticked(self, client):
        mentee = ProfileFactory()
        mentee.skills_wanted.add(*skills("python"))
        client.force_login(mentee.user)
        page = client.get(reverse("mentorships:become_mentor")).content.decode()
        assert "Python" in page
        assert "checked" not in page.split("Which of these")[1].split("Another skill")[0]

    def test_picking_a_skill_and_typing_another_makes_a_mentor(self, client):
        mentee = ProfileFactory()
        mentee.skills_wanted.add(*skills("python"))
        client.force_login(mentee.user)
        response = client.post(
            reverse("mentorships:become_mentor"),
            {"skills": [Skill.objects.get(slug="python").pk], "other_skill": "SQL",
             "proficiency": "3", "capacity": "1"},
        )  # fmt: skip
        assert response.status_code == 302
        assert {o.skill.slug for o in mentee.skills_offered.all()} == {"python", "sql"}

    def test_nothing_picked_is_a_clear_error_and_changes_nothing(self, client):
        mentee = ProfileFactory()
        client.force_login(mentee.user)
        response = client.post(
            reverse("mentorships:become_mentor"), {"proficiency": "2", "capacity": "1"}
        )
        assert response.status_code == 400
        assert "Pick at least one skill" in response.content.decode()
        mentee.refresh_from_db()
        assert not mentee.is_mentor


@pytest.mark.django_db
def test_a_new_graduate_does_not_top_a_newcomers_list_above_a_senior_mentor():
    mentor_index_clear()
    newcomer = ProfileFactory(level=1, function="engineering", focus_areas_sought=["leadership"])
    newcomer.skills_wanted.add(*skills("python"))
    speak(newcomer, "en")
    senior = MentorProfileFactory(
        level=5, function="engineering", focus_areas_offered=["leadership"]
    )
    offer(senior, "python", proficiency=Proficiency.EXPERT)
    speak(senior, "en")
    graduate = ProfileFactory(level=2, function="engineering", focus_areas_sought=["leadership"])
    speak(graduate, "en")
    profile_become_mentor(
        profile=graduate, skills=skills("python"), proficiency=Proficiency.WORKING
    )
    ranked = [pick.profile.pk for pick in recommendations_for_mentee(profile=newcomer, k=5)]
    assert senior.pk in ranked
    assert graduate.pk not in ranked or ranked.index(senior.pk) < ranked.index(graduate.pk)
    mentor_index_clear()
