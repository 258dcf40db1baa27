"""After a short onboarding, the profile says what is still missing, most useful first."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.profiles.completeness import profile_completeness
from tandem.profiles.models import Language
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory, offer


@pytest.mark.django_db
class TestCompleteness:
    def test_a_fresh_mentee_is_told_what_to_add_first(self):
        mentee = ProfileFactory(headline="", goals="", city="", country="")
        completeness = profile_completeness(mentee)
        assert 0 < completeness.percent < 100
        assert completeness.missing[:3] == [
            "a headline", "the skills you want to learn", "where you want to be",
        ]  # fmt: skip
        assert completeness.next_words == (
            "a headline, the skills you want to learn and where you want to be"
        )

    def test_a_mentor_is_asked_for_what_mentees_read(self):
        mentor = MentorProfileFactory(headline="Engineering lead", bio="")
        missing = profile_completeness(mentor).missing
        assert missing[:2] == ["the skills you offer", "a few lines about what you know"]

    def test_a_full_profile_is_complete(self):
        mentor = MentorProfileFactory(
            headline="Engineering lead", bio="Ten years of teams.", city="Leeds",
            mentoring_types_offered=["developmental"], years_experience=10,
        )  # fmt: skip
        offer(mentor, "python")
        mentor.languages.add(*Language.objects.filter(code="en"))
        completeness = profile_completeness(mentor)
        assert (completeness.percent, completeness.complete) == (100, True)


@pytest.mark.django_db
class TestTheHint:
    def test_the_owner_sees_it_on_their_profile_and_home_others_never(self, client):
        mentee = ProfileFactory(headline="")
        client.force_login(mentee.user)
        page = client.get(mentee.get_absolute_url()).content.decode()
        assert "% complete." in page
        assert "Add a headline" in page
        assert "Add a headline" in client.get(reverse("home")).content.decode()
        client.force_login(MentorProfileFactory().user)
        assert "% complete." not in client.get(mentee.get_absolute_url()).content.decode()
