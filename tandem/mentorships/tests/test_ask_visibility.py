"""Who may be asked follows the directory's one visibility decision: hidden profiles and
blocks (either way) make a mentor "not found", for staff as for anyone (issue 13, item 9)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.core.errors import NotFound
from tandem.core.tests.clock import NOW
from tandem.mentorships.models import Ask
from tandem.mentorships.services.asks import ask_create
from tandem.moderation.blocks import block_set
from tandem.moderation.models import Block
from tandem.profiles.choices import Visibility
from tandem.profiles.directory.reads import DirectoryFilters, mentor_directory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory


def _ask(mentee, mentor):
    return ask_create(
        mentee=mentee, mentor=mentor, focus_areas=["career_advice"], note="Hello there",
        intro_minutes=20, now=NOW,
    )  # fmt: skip


@pytest.mark.django_db
class TestHiddenMentor:
    def test_staff_cannot_ask_a_mentor_hidden_from_everyone(self, client):
        staff = ProfileFactory(user__is_staff=True)  # a staff member who wants a mentor
        hidden = MentorProfileFactory(visibility=Visibility.HIDDEN)
        with pytest.raises(NotFound):
            _ask(staff, hidden)
        client.force_login(staff.user)
        assert client.get(reverse("mentorships:ask_new", args=[hidden.pk])).status_code == 404
        assert not Ask.objects.exists()

    def test_staff_can_ask_a_listed_mentor(self):
        staff = ProfileFactory(user__is_staff=True)
        assert _ask(staff, MentorProfileFactory()).state == Ask.State.PENDING


@pytest.mark.django_db
class TestBlocks:
    @pytest.mark.parametrize("blocker", ["mentor", "mentee"])
    def test_a_block_either_way_stops_the_ask_as_if_there_were_no_mentor(self, client, blocker):
        mentee, mentor = ProfileFactory(), MentorProfileFactory()
        owner, other = (mentor, mentee) if blocker == "mentor" else (mentee, mentor)
        block_set(owner=owner.user, other_id=other.user_id, kind=Block.Kind.BLOCK)
        with pytest.raises(NotFound, match="No such mentor"):
            _ask(mentee, mentor)
        client.force_login(mentee.user)
        assert client.get(reverse("mentorships:ask_new", args=[mentor.pk])).status_code == 404
        listed = mentor_directory(viewer=mentee.user, filters=DirectoryFilters())
        assert mentor.pk not in {p.pk for p in listed}

    def test_a_mute_does_not_stop_an_ask(self):
        mentee, mentor = ProfileFactory(), MentorProfileFactory()
        block_set(owner=mentor.user, other_id=mentee.user_id, kind=Block.Kind.MUTE)
        assert _ask(mentee, mentor).state == Ask.State.PENDING
        listed = mentor_directory(viewer=mentee.user, filters=DirectoryFilters())
        assert mentor.pk in {p.pk for p in listed}

    def test_a_blocked_mentor_is_not_recommended(self):
        from tandem.matching.index import mentor_index_clear
        from tandem.matching.selectors import recommendations_for_mentee

        mentor_index_clear()
        mentee, mentor = ProfileFactory(), MentorProfileFactory()
        assert mentor in [p.profile for p in recommendations_for_mentee(profile=mentee)]
        block_set(owner=mentor.user, other_id=mentee.user_id, kind=Block.Kind.BLOCK)
        assert mentor not in [p.profile for p in recommendations_for_mentee(profile=mentee)]
