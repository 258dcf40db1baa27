"""The rows on the requests and mentorships pages: a face, the name, and only the facts there
are (no stray " · " when a job title or an organization is missing)."""

import re

import pytest
from django.urls import reverse

from tandem.mentorships.tests.factories import AskFactory, IntroFactory
from tandem.profiles.tests.factories import ProfileFactory

STRAY_DOT = re.compile(r">\s*·|·\s*</|·\s*·")  # a dot with nothing on one side


@pytest.mark.django_db
class TestRequestRows:
    def test_a_mentee_without_a_job_title_or_organization_leaves_no_stray_dots(
        self, client, mentor
    ):
        AskFactory(mentee=ProfileFactory(job_title="", organization=None), mentor=mentor)
        client.force_login(mentor.user)
        body = client.get(reverse("mentorships:inbox")).content.decode()
        assert "20 min · sent" in body
        assert not STRAY_DOT.search(body)

    def test_the_organization_alone_stands_without_a_dot(self, client, mentor):
        mentee = ProfileFactory(job_title="", organization__name="Harbourvine Bank")
        AskFactory(mentee=mentee, mentor=mentor)
        client.force_login(mentor.user)
        body = client.get(reverse("mentorships:inbox")).content.decode()
        assert '<small class="muted">Harbourvine Bank</small>' in body

    def test_each_row_shows_the_other_persons_initials_beside_their_name(self, client, mentor):
        mentee = ProfileFactory(user__first_name="Amara", user__last_name="Osei")
        AskFactory(mentee=mentee, mentor=mentor)
        IntroFactory(mentee=ProfileFactory(user__first_name="Ben", user__last_name="Hale"),
                     mentor=mentor)  # fmt: skip
        client.force_login(mentor.user)
        inbox = client.get(reverse("mentorships:inbox")).content.decode()
        dashboard = client.get(reverse("mentorships:dashboard")).content.decode()
        assert re.search(r'aria-hidden="true">AO</span>', inbox)
        assert re.search(r'aria-hidden="true">BH</span>', dashboard)
        assert "Amara Osei" in inbox
        assert "Ben Hale" in dashboard


@pytest.mark.django_db
class TestTheAskPage:
    def test_the_mentor_sees_the_mentees_face_and_facts_without_stray_dots(self, client, mentor):
        mentee = ProfileFactory(
            job_title="", organization=None, level=2, user__first_name="Amara",
            user__last_name="Osei",
        )  # fmt: skip
        ask = AskFactory(mentee=mentee, mentor=mentor)
        client.force_login(mentor.user)
        body = client.get(ask.get_absolute_url()).content.decode()
        assert 'aria-hidden="true">AO</span>' in body
        assert '<p class="muted">2 · Junior</p>' in body
        assert not STRAY_DOT.search(body)
