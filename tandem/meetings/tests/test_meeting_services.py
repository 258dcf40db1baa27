"""Meetings (PRODUCT.md §4.3, F6–F8): time rules, agenda, notes, action items, thank-you and
feedback; time is injected."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail

from tandem.core.errors import IllegalTransition, NotFound, RuleBroken
from tandem.core.tests.clock import NOW
from tandem.meetings import rules, services
from tandem.meetings.models import ActionItem, Meeting, Note
from tandem.meetings.selectors import meeting_for_user, notes_visible_to
from tandem.meetings.tests.factories import (
    HeldMeetingFactory,
    ProposedMeetingFactory,
    ScheduledMeetingFactory,
)
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.factories import IntroFactory
from tandem.profiles.tests.factories import ProfileFactory

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
SLOTS = [NOW + 48 * HOUR, NOW + 72 * HOUR]  # the times the meeting factories offer
ASKED_AT, INTRO_AT = NOW - 5 * DAY, NOW - 4 * DAY  # the intro began days before the meetings


@pytest.mark.django_db
class TestProposing:
    def test_times_must_be_ahead_and_one_to_three(self):
        m = IntroFactory(asked_at=ASKED_AT, now=INTRO_AT)
        for bad in ([], [NOW - HOUR], [NOW + i * HOUR for i in range(1, 5)]):
            with pytest.raises(RuleBroken):
                services.meeting_propose(mentorship=m, actor=m.mentee.user, slots=bad, now=NOW)
        assert not Meeting.objects.exists()

    def test_the_time_box_defaults_to_the_intro_length(self):
        meeting = ProposedMeetingFactory(mentorship=IntroFactory(asked_at=ASKED_AT, now=INTRO_AT))
        assert meeting.minutes == 20

    def test_not_for_a_paused_or_closed_mentorship_nor_a_stranger(self):
        m = IntroFactory(asked_at=ASKED_AT, now=INTRO_AT)
        mentorship_move(mentorship=m, actor=m.mentee.user, to_state="closed", now=NOW)
        with pytest.raises(IllegalTransition):
            services.meeting_propose(mentorship=m, actor=m.mentee.user, slots=SLOTS, now=NOW)
        with pytest.raises(NotFound):
            services.meeting_propose(
                mentorship=m, actor=ProfileFactory().user, slots=SLOTS, now=NOW
            )

    def test_at_most_three_on_the_way(self):
        m = IntroFactory(asked_at=ASKED_AT, now=INTRO_AT)
        for _ in range(3):
            services.meeting_propose(mentorship=m, actor=m.mentee.user, slots=SLOTS, now=NOW)
        with pytest.raises(RuleBroken):
            services.meeting_propose(mentorship=m, actor=m.mentee.user, slots=SLOTS, now=NOW)


@pytest.mark.django_db
class TestScheduling:
    def test_picking_sets_the_time_and_sends_invites(self):
        intro = IntroFactory(asked_at=ASKED_AT, now=INTRO_AT)
        meeting = ProposedMeetingFactory.create(mentorship=intro)
        mail.outbox.clear()
        slot = meeting.slots.last()
        meeting = services.meeting_schedule(
            meeting=meeting, actor=meeting.mentorship.mentor.user, slot_id=slot.pk, now=NOW
        )
        assert (meeting.state, meeting.starts_at, meeting.sequence) == ("scheduled", SLOTS[1], 0)
        invites = [m for m in mail.outbox if m.attachments]
        assert len(invites) == 2

    def test_a_slot_from_another_meeting_is_refused(self):
        meeting = ProposedMeetingFactory(mentorship=IntroFactory(asked_at=ASKED_AT, now=INTRO_AT))
        other = ProposedMeetingFactory(mentorship=IntroFactory(asked_at=ASKED_AT, now=INTRO_AT))
        with pytest.raises(RuleBroken):
            services.meeting_schedule(
                meeting=meeting, actor=meeting.mentorship.mentor.user,
                slot_id=other.slots.first().pk, now=NOW,
            )  # fmt: skip

    def test_rescheduling_bumps_the_sequence_when_a_new_time_is_picked(self):
        intro = IntroFactory(asked_at=ASKED_AT, now=INTRO_AT)
        meeting = ScheduledMeetingFactory.create(mentorship=intro)
        mentee = meeting.mentorship.mentee.user
        services.meeting_reschedule(
            meeting=meeting, actor=mentee, slots=[NOW + 100 * HOUR], note="Sick", now=NOW
        )
        meeting.refresh_from_db()
        new_slot = meeting.slots.get(round=2)
        meeting = services.meeting_schedule(
            meeting=meeting, actor=meeting.mentorship.mentor.user, slot_id=new_slot.pk, now=NOW
        )
        assert (meeting.starts_at, meeting.sequence) == (NOW + 100 * HOUR, 1)

    def test_held_only_once_it_has_started(self):
        meeting = ScheduledMeetingFactory(mentorship=IntroFactory(asked_at=ASKED_AT, now=INTRO_AT))
        with pytest.raises(RuleBroken):
            services.meeting_mark(
                meeting=meeting, actor=meeting.mentorship.mentee.user, to_state="held", now=NOW
            )


@pytest.mark.django_db
class TestAgendaAndNotes:
    def test_the_agenda_is_capped_and_only_the_author_removes_an_item(self):
        meeting = ProposedMeetingFactory(mentorship=IntroFactory(asked_at=ASKED_AT, now=INTRO_AT))
        mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
        items = [
            services.agenda_add(meeting=meeting, actor=mentee, text=f"Question {i}", now=NOW)
            for i in range(rules.MAX_AGENDA)
        ]
        with pytest.raises(RuleBroken):
            services.agenda_add(meeting=meeting, actor=mentee, text="One more", now=NOW)
        with pytest.raises(IllegalTransition):
            services.agenda_remove(item=items[0], actor=mentor)
        services.agenda_remove(item=items[0], actor=mentee)
        assert meeting.agenda.count() == rules.MAX_AGENDA - 1

    def test_private_notes_are_never_visible_to_the_other_side(self):
        meeting = ScheduledMeetingFactory(mentorship=IntroFactory(asked_at=ASKED_AT, now=INTRO_AT))
        mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
        services.note_add(meeting=meeting, actor=mentee, text="Shared", is_private=False, now=NOW)
        services.note_add(meeting=meeting, actor=mentee, text="Mine", is_private=True, now=NOW)
        assert {n.text for n in notes_visible_to(mentor)} == {"Shared"}
        assert {n.text for n in notes_visible_to(mentee)} == {"Shared", "Mine"}
        seen_by_mentor, _ = meeting_for_user(meeting_id=meeting.pk, user=mentor)
        assert [n.text for n in seen_by_mentor.visible_notes] == ["Shared"]
        assert Note.objects.count() == 2


@pytest.mark.django_db
class TestFollowThrough:
    def test_an_action_item_carries_its_outcome_to_the_mentor(self):
        meeting = HeldMeetingFactory(mentorship=IntroFactory(asked_at=ASKED_AT, now=INTRO_AT))
        mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
        item = services.action_item_add(
            meeting=meeting, actor=mentor, text="Ask for a stretch project", owner="mentee",
            due_on=date(2027, 3, 20), now=NOW,
        )  # fmt: skip
        assert item.owner == mentee
        with pytest.raises(IllegalTransition):
            services.action_item_update(item=item, actor=mentor, status="done", now=NOW)
        mail.outbox.clear()
        services.action_item_update(
            item=item, actor=mentee, status="tried", outcome="Manager said next quarter", now=NOW
        )
        item.refresh_from_db()
        assert (item.status, item.closed_at) == (ActionItem.Status.TRIED, NOW)
        assert [m.to for m in mail.outbox] == [[mentor.email]]
        assert "next quarter" in mail.outbox[0].body

    def test_a_past_due_date_is_refused(self):
        meeting = HeldMeetingFactory(mentorship=IntroFactory(asked_at=ASKED_AT, now=INTRO_AT))
        with pytest.raises(RuleBroken):
            services.action_item_add(
                meeting=meeting, actor=meeting.mentorship.mentee.user, text="x", owner="mentee",
                due_on=date(2020, 1, 1), now=NOW,
            )  # fmt: skip

    def test_thanks_is_the_mentees_once_after_the_meeting(self):
        meeting = ScheduledMeetingFactory(mentorship=IntroFactory(asked_at=ASKED_AT, now=INTRO_AT))
        mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
        with pytest.raises(IllegalTransition):
            services.thank_you_give(meeting=meeting, actor=mentee, text="Thanks!", now=NOW)
        meeting = HeldMeetingFactory(mentorship=IntroFactory(asked_at=ASKED_AT, now=INTRO_AT))
        mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
        with pytest.raises(IllegalTransition):
            services.thank_you_give(meeting=meeting, actor=mentor, text="Thanks!", now=NOW)
        services.thank_you_give(meeting=meeting, actor=mentee, text="The intro helped", now=NOW)
        with pytest.raises(RuleBroken):
            services.thank_you_give(meeting=meeting, actor=mentee, text="Again", now=NOW)

    def test_feedback_once_per_side_after_the_meeting(self):
        meeting = HeldMeetingFactory(mentorship=IntroFactory(asked_at=ASKED_AT, now=INTRO_AT))
        mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
        services.meeting_feedback_give(meeting=meeting, actor=mentee, rating=5, now=NOW)
        services.meeting_feedback_give(meeting=meeting, actor=mentor, rating=4, now=NOW)
        with pytest.raises(RuleBroken):
            services.meeting_feedback_give(meeting=meeting, actor=mentee, rating=3, now=NOW)
        other = HeldMeetingFactory(mentorship=IntroFactory(asked_at=ASKED_AT, now=INTRO_AT))
        with pytest.raises(RuleBroken):
            services.meeting_feedback_give(
                meeting=other, actor=other.mentorship.mentee.user, rating=9, now=NOW
            )
