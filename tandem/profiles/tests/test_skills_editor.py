import html

import pytest
from django.urls import reverse

from tandem.profiles.models import SkillOffered
from tandem.profiles.services import MAX_SKILLS_PER_SIDE, ProfileError, profile_skill_wanted_add
from tandem.profiles.tests.factories import MentorProfileFactory, offer
from tandem.skills.models import Skill

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.django_db
class TestSkillsWanted:
    def test_a_typed_synonym_adds_the_skill_it_names(self, mentee_client, mentee):
        response = mentee_client.post(
            reverse("profiles:skill_add", args=["wanted"]), {"skill": "people management"}, **HTMX
        )
        assert response.status_code == 200
        assert list(mentee.skills_wanted.values_list("name", flat=True)) == ["Team leadership"]
        assert "Team leadership" in response.content.decode()

    def test_a_picked_suggestion_wins_over_the_half_typed_text(self, mentee_client, mentee):
        mentee_client.post(
            reverse("profiles:skill_add", args=["wanted"]),
            {"skill": "jav", "pick": "JavaScript"},
            **HTMX,
        )
        assert list(mentee.skills_wanted.values_list("name", flat=True)) == ["JavaScript"]

    def test_an_unknown_skill_is_explained_and_nothing_added(self, mentee_client, mentee):
        response = mentee_client.post(
            reverse("profiles:skill_add", args=["wanted"]), {"skill": "juggling fire"}, **HTMX
        )
        assert "We don't know the skill “juggling fire”" in html.unescape(response.content.decode())
        assert mentee.skills_wanted.count() == 0

    def test_without_htmx_the_page_redirects_back(self, mentee_client, mentee):
        response = mentee_client.post(
            reverse("profiles:skill_add", args=["wanted"]),
            {"skill": "JS", "next": "/onboarding/learn/"},
        )
        assert response.status_code == 302
        assert response["Location"] == "/onboarding/learn/"

    def test_an_outside_next_url_is_not_followed(self, mentee_client):
        response = mentee_client.post(
            reverse("profiles:skill_add", args=["wanted"]),
            {"skill": "JS", "next": "https://evil.example/"},
        )
        assert response["Location"] == reverse("home")

    def test_removing_takes_it_off_the_list(self, mentee_client, mentee):
        skill = Skill.objects.get(slug="javascript")
        mentee.skills_wanted.add(skill)
        mentee_client.post(reverse("profiles:skill_remove", args=["wanted", skill.pk]), **HTMX)
        assert mentee.skills_wanted.count() == 0

    def test_the_list_is_capped(self, mentee):
        for skill in Skill.objects.all()[:MAX_SKILLS_PER_SIDE]:
            profile_skill_wanted_add(profile=mentee, text=skill.name)
        extra = Skill.objects.all()[MAX_SKILLS_PER_SIDE]
        with pytest.raises(ProfileError, match="at most"):
            profile_skill_wanted_add(profile=mentee, text=extra.name)
        assert mentee.skills_wanted.count() == MAX_SKILLS_PER_SIDE

    def test_suggestions_list_matching_skills(self, mentee_client):
        response = mentee_client.get(
            reverse("profiles:skill_suggestions"), {"skill": "k8s", "side": "wanted"}, **HTMX
        )
        assert 'value="Kubernetes"' in response.content.decode()


@pytest.mark.django_db
class TestSkillsOffered:
    def test_adding_records_the_proficiency(self, client):
        mentor = MentorProfileFactory()
        client.force_login(mentor.user)
        client.post(
            reverse("profiles:skill_add", args=["offered"]),
            {"skill": "ML", "proficiency": "4"},
            **HTMX,
        )
        offered = SkillOffered.objects.get(profile=mentor)
        assert (offered.skill.name, offered.proficiency) == ("Machine learning", 4)

    def test_proficiency_can_be_changed(self, client):
        mentor = MentorProfileFactory()
        offered = offer(mentor, "python", proficiency=2)
        client.force_login(mentor.user)
        client.post(
            reverse("profiles:skill_proficiency", args=[offered.skill_id]),
            {"proficiency": "4"},
            **HTMX,
        )
        offered.refresh_from_db()
        assert offered.proficiency == 4

    def test_one_person_cannot_touch_another_persons_skills(self, client, mentee):
        mentor = MentorProfileFactory()
        offered = offer(mentor, "python", proficiency=2)
        client.force_login(mentee.user)
        client.post(reverse("profiles:skill_remove", args=["offered", offered.skill_id]), **HTMX)
        client.post(
            reverse("profiles:skill_proficiency", args=[offered.skill_id]),
            {"proficiency": "4"},
            **HTMX,
        )
        offered.refresh_from_db()
        assert offered.proficiency == 2

    def test_an_unknown_list_is_not_found(self, mentee_client):
        response = mentee_client.post(
            reverse("profiles:skill_add", args=["stolen"]), {"skill": "JS"}
        )
        assert response.status_code == 404
