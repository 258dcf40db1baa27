"""The directory's cards: a face beside the name, and only the facts there are."""

import re

import pytest
from django.urls import reverse

from tandem.profiles.tests.factories import MentorProfileFactory

STRAY_DOT = re.compile(r">\s*·|·\s*</|·\s*·")  # a dot with nothing on one side


@pytest.mark.django_db
class TestDirectoryCards:
    def test_a_mentor_without_a_job_title_or_organization_leaves_no_stray_dots(self, mentee_client):
        MentorProfileFactory(job_title="", organization=None, level=2)
        body = mentee_client.get(reverse("profiles:directory")).content.decode()
        assert '<p class="muted">2 · Junior</p>' in body
        assert not STRAY_DOT.search(body)

    def test_each_card_shows_the_mentors_initials_beside_their_name(self, mentee_client):
        MentorProfileFactory(user__first_name="Grace", user__last_name="Okafor")
        body = mentee_client.get(reverse("profiles:directory")).content.decode()
        assert 'aria-hidden="true">GO</span>' in body
        assert "Grace Okafor" in body
