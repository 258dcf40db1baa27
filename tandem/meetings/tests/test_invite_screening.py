"""Invite emails are screened (issue 13, item 12): a side who blocked or muted the one who
moved the meeting gets no email from it, and a REQUEST overtaken by a later change (a cancel,
a move, a new place) is never sent after it."""

from __future__ import annotations

import pytest
from django.core import mail

from tandem.core.tests.clock import NOW
from tandem.meetings.calendar.ics import REQUEST
from tandem.meetings.calendar.invites import meeting_invites_send_by_id
from tandem.meetings.models import Meeting
from tandem.meetings.services import meeting_cancel, meeting_place_set, meeting_schedule
from tandem.meetings.tests.factories import ProposedMeetingFactory, ScheduledMeetingFactory
from tandem.moderation.blocks import block_set
from tandem.moderation.models import Block


def _invites(subject: str) -> list[list[str]]:
    return [m.to for m in mail.outbox if m.subject.startswith(f"[Tandem] {subject}: ")]


@pytest.mark.django_db
class TestBlockedActor:
    @pytest.mark.parametrize("kind", [Block.Kind.BLOCK, Block.Kind.MUTE])
    def test_picking_a_time_emails_no_invite_to_the_side_who_blocked_them(
        self, kind, django_capture_on_commit_callbacks
    ):
        meeting = ProposedMeetingFactory(by_mentee=False, now=NOW)  # the mentor offered times
        mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
        block_set(owner=mentor, other_id=mentee.pk, kind=kind, now=NOW)
        mail.outbox.clear()
        slot = meeting.slots.order_by("starts_at").first()
        with django_capture_on_commit_callbacks(execute=True):
            meeting_schedule(meeting=meeting, actor=mentee, slot_id=slot.pk, now=NOW)
        assert _invites("Invitation") == [[mentee.email]]

    def test_cancelling_emails_no_cancel_to_the_side_who_blocked_them(
        self, django_capture_on_commit_callbacks
    ):
        meeting = ScheduledMeetingFactory(now=NOW)
        mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
        block_set(owner=mentor, other_id=mentee.pk, kind=Block.Kind.BLOCK, now=NOW)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            meeting_cancel(meeting=meeting, actor=mentee, now=NOW)
        assert _invites("Cancelled") == [[mentee.email]]

    def test_the_blockers_own_move_still_reaches_both(self, django_capture_on_commit_callbacks):
        meeting = ScheduledMeetingFactory(now=NOW)
        mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
        block_set(owner=mentor, other_id=mentee.pk, kind=Block.Kind.BLOCK, now=NOW)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            meeting_cancel(meeting=meeting, actor=mentor, now=NOW)
        assert sorted(_invites("Cancelled")) == sorted([[mentee.email], [mentor.email]])


@pytest.mark.django_db
class TestStaleRequest:
    def test_a_request_queued_before_a_cancel_is_not_sent_after_it(self):
        meeting = ScheduledMeetingFactory(now=NOW)
        queued_at = meeting.sequence
        meeting_cancel(meeting=meeting, actor=meeting.mentorship.mentee.user, now=NOW)
        mail.outbox.clear()
        sent = meeting_invites_send_by_id(
            meeting_id=meeting.pk, method=REQUEST, now=NOW, sequence=queued_at
        )
        assert sent is False
        assert mail.outbox == []

    def test_a_request_overtaken_by_a_newer_change_is_not_sent(self):
        scheduled = ScheduledMeetingFactory(now=NOW)
        queued_at = scheduled.sequence
        meeting = meeting_place_set(
            meeting=scheduled, actor=scheduled.mentorship.mentor.user, location="The library",
            video_url="", now=NOW,
        )  # fmt: skip
        assert meeting.state == Meeting.State.SCHEDULED
        mail.outbox.clear()
        old = meeting_invites_send_by_id(
            meeting_id=meeting.pk, method=REQUEST, now=NOW, sequence=queued_at
        )
        assert (old, mail.outbox) == (False, [])
        # The newer change's own REQUEST goes out.
        assert meeting_invites_send_by_id(
            meeting_id=meeting.pk, method=REQUEST, now=NOW, sequence=meeting.sequence
        )
        assert len(mail.outbox) == 2
