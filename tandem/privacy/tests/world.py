"""A mentorship with some history, built through the services, for the export and deletion
tests: an active pair, a held meeting with shared and private notes from both sides, feedback
and a thank-you, a meeting still ahead, and the notifications all that raised."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from tandem.core.tests.clock import NOW
from tandem.meetings.models import Meeting
from tandem.meetings.services import meeting_feedback_give, note_add, thank_you_give
from tandem.meetings.tests.factories import HeldMeetingFactory, ProposedMeetingFactory
from tandem.mentorships.models import Mentorship
from tandem.mentorships.tests.factories import ActiveMentorshipFactory
from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

MENTEE_PRIVATE = "Mentee's private thought: ask about the promotion"
MENTEE_SHARED = "Mentee's shared note: we talked about stakeholder maps"
MENTOR_PRIVATE = "Mentor's private thought: seems anxious about the review"
MENTOR_SHARED = "Mentor's shared note: try the two-column plan"
THANKS = "Thank you, the stakeholder map idea really helped"
FEEDBACK = "Clear, kind advice"


@dataclass
class World:
    mentee: Profile
    mentor: Profile
    mentorship: Mentorship
    held: Meeting
    ahead: Meeting


def world() -> World:
    mentee = ProfileFactory(user__first_name="Ada", user__last_name="Quill")
    mentor = MentorProfileFactory(user__first_name="Bo", user__last_name="Marsh")
    mentorship = ActiveMentorshipFactory(mentee=mentee, mentor=mentor)
    held = HeldMeetingFactory(mentorship=mentorship)
    later = held.starts_at + timedelta(hours=1)
    for author, text, private in (
        (mentee, MENTEE_PRIVATE, True), (mentee, MENTEE_SHARED, False),
        (mentor, MENTOR_PRIVATE, True), (mentor, MENTOR_SHARED, False),
    ):  # fmt: skip
        note_add(meeting=held, actor=author.user, text=text, is_private=private, now=later)
    thank_you_give(meeting=held, actor=mentee.user, text=THANKS, now=later)
    for author in (mentee, mentor):
        meeting_feedback_give(
            meeting=held, actor=author.user, rating=5, appreciated=FEEDBACK, now=later
        )
    ahead = ProposedMeetingFactory(mentorship=mentorship, now=later, by_mentee=False)
    return World(mentee=mentee, mentor=mentor, mentorship=mentorship, held=held, ahead=ahead)


__all__ = ["NOW", "World", "world"]
