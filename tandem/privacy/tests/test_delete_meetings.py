"""Deleting an account whose mentorships have ended but still hold meetings (issue 13, item
15): a closed or completed mentorship refuses `meeting_cancel`, so deletion must not ask it,
or such an account could never be deleted (a 409 every time)."""

from __future__ import annotations

import email
from datetime import timedelta

import pytest
from django.core import mail

from tandem.accounts.models import User
from tandem.core.tests.clock import NOW
from tandem.meetings.models import Meeting
from tandem.meetings.tests.factories import ScheduledMeetingFactory, meeting_row
from tandem.mentorships.models import Mentorship
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.factories import ActiveMentorshipFactory
from tandem.privacy.services import account_delete
from tandem.profiles.tests.factories import ProfileFactory

DAY = timedelta(days=1)


def ended_with_a_begun_meeting(mentee, to_state):
    """A mentorship ended today whose meeting began yesterday and was never marked."""
    mentorship = ActiveMentorshipFactory(mentee=mentee, now=NOW - 10 * DAY, asked_at=NOW - 11 * DAY)
    begun = ScheduledMeetingFactory(mentorship=mentorship, now=NOW - 3 * DAY)
    mentorship_move(mentorship=mentorship, actor=mentorship.mentor.user, to_state=to_state, now=NOW)
    return mentorship, begun


def cancels_sent_to(address: str) -> int:
    """Calendar CANCELs in the emails sent to `address`."""
    return sum(
        b"METHOD:CANCEL" in part.get_payload(decode=True)
        for message in mail.outbox
        if message.to == [address]
        for part in email.message_from_bytes(message.message().as_bytes()).walk()
        if part.get_content_type() == "text/calendar"
    )


@pytest.mark.django_db
class TestEndedMentorshipsDoNotBlockDeletion:
    def test_a_begun_meeting_in_a_closed_and_a_completed_mentorship(self):
        mentee = ProfileFactory()
        closed, begun_closed = ended_with_a_begun_meeting(mentee, "closed")
        completed, begun_completed = ended_with_a_begun_meeting(mentee, "completed")
        assert Meeting.objects.get(pk=begun_closed.pk).state == Meeting.State.SCHEDULED

        account_delete(user=mentee.user, now=NOW + DAY)

        assert User.objects.get(pk=mentee.user_id).is_former_member
        # Both mentorships stay as they ended; the meetings that had begun are left alone
        # (the other side of the completed one can still mark it).
        closed.refresh_from_db()
        completed.refresh_from_db()
        assert (closed.state, completed.state) == ("closed", "completed")
        assert Meeting.objects.get(pk=begun_closed.pk).state == Meeting.State.SCHEDULED
        assert Meeting.objects.get(pk=begun_completed.pk).state == Meeting.State.SCHEDULED

    def test_a_meeting_still_ahead_in_a_mentorship_closed_long_ago_is_called_off(self):
        mentee = ProfileFactory()
        closed, _ = ended_with_a_begun_meeting(mentee, "closed")
        # Closed before endings called their meetings off: one still stands in the calendars.
        ahead = meeting_row(closed, Meeting.State.SCHEDULED, NOW + 5 * DAY)
        mail.outbox.clear()

        account_delete(user=mentee.user, now=NOW + DAY)

        ahead.refresh_from_db()
        assert ahead.state == Meeting.State.CANCELLED
        assert ahead.sequence == 1  # calendars replace the event with the cancelled one
        assert cancels_sent_to(closed.mentor.user.email) == 1
        actors = list(ahead.transitions.order_by("pk").values_list("actor_id", flat=True))
        assert actors[-1] == mentee.user_id

    def test_a_live_mentorships_meetings_are_still_cancelled_with_the_note(self):
        mentee = ProfileFactory()
        live = ActiveMentorshipFactory(mentee=mentee, now=NOW - 10 * DAY, asked_at=NOW - 11 * DAY)
        begun = ScheduledMeetingFactory(mentorship=live, now=NOW - 3 * DAY)
        ended_with_a_begun_meeting(mentee, "closed")

        account_delete(user=mentee.user, now=NOW)

        assert Meeting.objects.get(pk=begun.pk).state == Meeting.State.CANCELLED
        live.refresh_from_db()
        assert live.state == Mentorship.State.CLOSED
