"""A mentor reading an ask, or their inbox, sees why the mentee fits *them*, in the mentor's
words; the mentee's recommendations keep the mentee's words."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.mentorships.tests.factories import AskFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory, offer
from tandem.skills.models import Skill

TO_THE_MENTOR = "Wants to learn Python, which you know at expert level"
TO_THE_MENTEE = "Knows Python at expert level, which you want to learn"


@pytest.fixture
def pair(db):
    mentee = ProfileFactory(level=3)
    mentee.skills_wanted.add(Skill.objects.get(slug="python"))
    mentor = MentorProfileFactory(level=6)
    offer(mentor, "python", proficiency=4)
    return mentee, mentor


def page(client, profile, url):
    client.force_login(profile.user)
    return client.get(url).content.decode()


@pytest.mark.django_db
class TestReasonsInTheReadersWords:
    def test_the_mentors_ask_page_says_why_the_mentee_fits_them(self, client, pair):
        mentee, mentor = pair
        ask = AskFactory(mentee=mentee, mentor=mentor)
        html = page(client, mentor, reverse("mentorships:ask", args=[ask.pk]))
        assert "Why you two fit" in html
        assert TO_THE_MENTOR in html
        assert "3 levels below you" in html
        assert TO_THE_MENTEE not in html
        assert "levels above you" not in html

    def test_the_inbox_rows_speak_to_the_mentor(self, client, pair):
        mentee, mentor = pair
        AskFactory(mentee=mentee, mentor=mentor)
        html = page(client, mentor, reverse("mentorships:inbox"))
        assert TO_THE_MENTOR in html
        assert TO_THE_MENTEE not in html

    def test_the_mentees_recommendations_keep_the_mentees_words(self, client, pair):
        mentee, _ = pair
        html = page(client, mentee, reverse("matching:recommendations"))
        assert TO_THE_MENTEE in html
        assert "3 levels above you" in html
        assert TO_THE_MENTOR not in html
