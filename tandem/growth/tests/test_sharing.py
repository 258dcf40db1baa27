"""Sharing into a mentorship: a question lands on the agenda of the next meeting ahead of one
of the person's own live mentorships, and nowhere else."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tandem.core.errors import NotFound, RuleBroken
from tandem.growth.sharing import NO_MEETING_AHEAD, share_into_agenda, share_targets_for
from tandem.meetings.tests.factories import ScheduledMeetingFactory
from tandem.mentorships.tests.factories import ActiveMentorshipFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory


@pytest.fixture
def mentorship():
    return ActiveMentorshipFactory(
        mentee=ProfileFactory(), mentor=MentorProfileFactory(user__first_name="Sam")
    )


@pytest.mark.django_db
class TestShareIntoAgenda:
    def test_the_question_goes_on_the_next_meeting_ahead(self, mentorship):
        now = timezone.now()
        meeting = ScheduledMeetingFactory(mentorship=mentorship, now=now)
        item = share_into_agenda(
            owner=mentorship.mentee.user, mentorship_id=mentorship.pk,
            text="How do I get noticed beyond my team?", now=now,
        )  # fmt: skip
        assert item.meeting_id == meeting.pk
        assert item.author_id == mentorship.mentee.user_id
        assert list(meeting.agenda.values_list("text", flat=True)) == [
            "How do I get noticed beyond my team?"
        ]

    def test_the_mentor_may_share_too(self, mentorship):
        now = timezone.now()
        meeting = ScheduledMeetingFactory(mentorship=mentorship, now=now)
        item = share_into_agenda(
            owner=mentorship.mentor.user, mentorship_id=mentorship.pk, text="A question", now=now
        )
        assert item.meeting_id == meeting.pk

    def test_no_meeting_ahead_says_to_propose_one_and_adds_nothing(self, mentorship):
        with pytest.raises(RuleBroken, match="Propose a time first"):
            share_into_agenda(
                owner=mentorship.mentee.user, mentorship_id=mentorship.pk, text="A question",
                now=timezone.now(),
            )  # fmt: skip
        assert "Propose a time first" in NO_MEETING_AHEAD

    def test_someone_elses_mentorship_is_not_found_and_nothing_changes(self, mentorship):
        now = timezone.now()
        meeting = ScheduledMeetingFactory(mentorship=mentorship, now=now)
        stranger = ProfileFactory().user
        with pytest.raises(NotFound):
            share_into_agenda(
                owner=stranger, mentorship_id=mentorship.pk, text="Let me in", now=now
            )
        assert not meeting.agenda.exists()

    def test_the_targets_name_the_other_side_and_the_meeting(self, mentorship):
        now = timezone.now()
        meeting = ScheduledMeetingFactory(mentorship=mentorship, now=now)
        [target] = share_targets_for(mentorship.mentee.user, now=now)
        assert target.mentorship.pk == mentorship.pk
        assert target.other_name.startswith("Sam")
        assert target.meeting is not None
        assert target.meeting.pk == meeting.pk
        assert share_targets_for(ProfileFactory().user, now=now) == []
