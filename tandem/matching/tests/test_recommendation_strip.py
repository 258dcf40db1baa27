"""The directory's compact strip: the same recommendations, in their order, one line each."""

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse

from tandem.matching.index import mentor_index_clear
from tandem.matching.selectors import recommendations_for_mentee
from tandem.profiles.tests.factories import MentorProfileFactory, offer, speak
from tandem.skills.models import Skill

URL = reverse("matching:recommendation_strip")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def market(mentee):
    mentor_index_clear()
    mentee.skills_wanted.add(Skill.objects.get(slug="python"))
    speak(mentee, "en")
    for first_name, proficiency in [("Ines", 4), ("Omar", 3), ("Lena", 2)]:
        mentor = MentorProfileFactory(user__first_name=first_name, level=mentee.level + 3)
        offer(mentor, "python", proficiency=proficiency)
        speak(mentor, "en")
    yield mentee
    mentor_index_clear()


@pytest.mark.django_db
class TestRecommendationStrip:
    def test_shows_each_pick_in_ranked_order_with_its_score_and_first_reason(self, client, market):
        client.force_login(market.user)
        body = client.get(URL, **HTMX).content.decode()
        picks = recommendations_for_mentee(profile=market)
        assert picks
        positions = [body.index(p.profile.user.display_name) for p in picks]
        assert positions == sorted(positions)
        for pick in picks:
            assert f"{floatformat(pick.score, 0)}<small>/100</small>" in body
            assert pick.reasons[0][:1].upper() + pick.reasons[0][1:] in body
        assert "<article" not in body
        assert 'href="/mentors/recommended/"' in body

    def test_without_htmx_it_leads_to_the_full_page(self, mentee_client):
        response = mentee_client.get(URL)
        assert response.status_code == 302
        assert response["Location"] == reverse("matching:recommendations")

    def test_a_mentor_only_viewer_is_told_to_finish_a_mentee_profile(self, client, mentor):
        client.force_login(mentor.user)
        assert "Finish your mentee profile" in client.get(URL, **HTMX).content.decode()

    def test_anonymous_visitors_must_log_in(self, client):
        assert client.get(URL, **HTMX)["Location"].startswith(reverse("account_login"))
