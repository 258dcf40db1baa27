"""A suspended (or deleted: both are inactive) mentor is neither listed, askable nor suggested
(issue 13, item 12): the directory's one rule and the matching index both leave them out."""

from __future__ import annotations

from typing import cast

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import NotFound
from tandem.matching.index import mentor_index, mentor_index_clear
from tandem.matching.selectors import recommendations_for_mentee
from tandem.mentorships.rules import ask_new_check
from tandem.moderation.models import Report
from tandem.moderation.reports import reports_suspend
from tandem.moderation.tests.factories import ReportFactory
from tandem.profiles.directory.reads import DirectoryFilters, mentor_directory
from tandem.profiles.models import Profile
from tandem.profiles.selectors import profile_listed
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory, offer, speak
from tandem.skills.models import Skill


@pytest.fixture(autouse=True)
def _fresh_index():
    mentor_index_clear()
    yield
    mentor_index_clear()


def _suspend(user) -> None:
    """Staff suspend the person from a report, as the admin's action does."""
    report = cast(Report, ReportFactory(person=user))
    staff = UserFactory(is_staff=True)
    reports_suspend(reports=[report], staff=staff, now=timezone.now())


def _pair():
    mentee = ProfileFactory(level=3)
    mentee.skills_wanted.add(Skill.objects.get(slug="python"))
    speak(mentee, "en")
    mentor = MentorProfileFactory(user__first_name="Sven", user__last_name="Suspendle")
    offer(mentor, "python")
    speak(mentor, "en")
    return mentee, mentor


@pytest.mark.django_db
def test_a_suspended_mentor_leaves_the_directory_and_cannot_be_asked(client):
    mentee, mentor = _pair()
    assert profile_listed(profile_id=mentor.pk, viewer=mentee.user)
    _suspend(mentor.user)
    assert not profile_listed(profile_id=mentor.pk, viewer=mentee.user)
    assert mentor not in mentor_directory(viewer=mentee.user, filters=DirectoryFilters())
    with pytest.raises(NotFound):
        ask_new_check(mentee=mentee, mentor=mentor, now=timezone.now())
    client.force_login(mentee.user)
    assert "Suspendle" not in client.get(reverse("profiles:directory")).content.decode()
    assert client.get(mentor.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_suspended_mentor_is_no_longer_suggested_even_from_a_built_index():
    mentee, mentor = _pair()
    assert [p.profile for p in recommendations_for_mentee(profile=mentee)] == [mentor]
    _suspend(mentor.user)  # the index was built (and cached) with them in it
    assert recommendations_for_mentee(profile=mentee) == []


@pytest.mark.django_db
def test_a_suspension_moves_the_profile_stamp_so_every_index_drops_the_row():
    _, mentor = _pair()
    index = mentor_index()
    assert index.listed[index.rows[mentor.pk]]
    before = Profile.objects.get(pk=mentor.pk).updated_at
    _suspend(mentor.user)
    assert Profile.objects.get(pk=mentor.pk).updated_at > before
    index = mentor_index()
    assert not index.listed[index.rows[mentor.pk]]
