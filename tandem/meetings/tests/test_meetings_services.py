"""Meetings (PRODUCT.md §4.3, F6–F8): every move per role, time rules, agenda, notes, action
items, thank-you and feedback; time is injected."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail

from tandem.core.errors import IllegalTransition, NotFound, RuleBroken
from tandem.meetings import rules, services
from tandem.meetings.lifecycle import MEETING, OTHER, PROPOSER
from tandem.meetings.models import ActionItem, Meeting, MeetingTransition, Note
from tandem.meetings.selectors import meeting_for_user, notes_visible_to
from tandem.mentorships.services.asks import ask_accept
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.test_asks import make_ask
from tandem.profiles.tests.factories import ProfileFactory

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
SLOTS = [NOW + 48 * HOUR, NOW + 72 * HOUR]


def mentorship():
    ask = make_ask(now=NOW - 5 * 24 * HOUR)
    return ask_accept(ask=ask, actor=ask.mentor.user, now=NOW - 4 * 24 * HOUR)


def proposed(by_mentee: bool = True) -> Meeting:
    m = mentorship()
    actor = m.mentee.user if by_mentee else m.mentor.user
    return services.meeting_propose(mentorship=m, actor=actor, slots=SLOTS, now=NOW)


def scheduled() -> Meeting:
    meeting = proposed()
    slot = meeting.slots.first()
    return services.meeting_schedule(
        meeting=meeting, actor=meeting.mentorship.mentor.user, slot_id=slot.pk, now=NOW
    )


def held() -> Meeting:
    meeting = scheduled()
    return services.meeting_mark(
        meeting=meeting, actor=meeting.mentorship.mentee.user, to_state="held",
        now=SLOTS[0] + 10 * 60 * timedelta(seconds=1),
    )  # fmt: skip


def in_state(state: str) -> Meeting:
    """A meeting proposed by the mentee, put in `state` directly (the table is under test)."""
    meeting = proposed()
    if state != Meeting.State.PROPOSED:
        Meeting.objects.filter(pk=meeting.pk).update(state=state, starts_at=SLOTS[0])
    meeting.refresh_from_db()
    return meeting


def attempt(meeting: Meeting, to_state: str, role: str):
    m = meeting.mentorship
    proposer_is_mentee = meeting.proposed_by_id == m.mentee.user_id
    actor = (m.mentee if (role == PROPOSER) == proposer_is_mentee else m.mentor).user
    later = SLOTS[0] + 5 * 60 * timedelta(seconds=1)
    if to_state == Meeting.State.SCHEDULED:
        slot = meeting.slots.order_by("-round").first()
        return services.meeting_schedule(meeting=meeting, actor=actor, slot_id=slot.pk, now=NOW)
    if to_state == Meeting.State.RESCHEDULED:
        new = [NOW + 96 * HOUR]
        return services.meeting_reschedule(meeting=meeting, actor=actor, slots=new, now=NOW)
    if to_state == Meeting.State.CANCELLED:
        return services.meeting_cancel(meeting=meeting, actor=actor, now=NOW)
    if to_state in (Meeting.State.HELD, Meeting.State.NO_SHOW):
        return services.meeting_mark(meeting=meeting, actor=actor, to_state=to_state, now=later)
    raise IllegalTransition("no service moves a meeting back to proposed")


CASES = [
    (source, target, role)
    for source in Meeting.State.values
    for target in Meeting.State.values
    for role in (PROPOSER, OTHER)
    if target != Meeting.State.PROPOSED
]


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target", "role"), CASES)
def test_every_move_is_allowed_exactly_when_the_table_says_so(source, target, role):
    meeting = in_state(source)
    before = MeetingTransition.objects.count()
    if role in MEETING.table.get((source, target), frozenset()):
        attempt(meeting, target, role)
        meeting.refresh_from_db()
        assert meeting.state == target
        last = meeting.transitions.last()
        assert (last.from_state, last.to_state) == (source, target)
    else:
        with pytest.raises(IllegalTransition):
            attempt(meeting, target, role)
        meeting.refresh_from_db()
        assert meeting.state == source
        assert MeetingTransition.objects.count() == before


@pytest.mark.django_db
class TestProposing:
    def test_times_must_be_ahead_and_one_to_three(self):
        m = mentorship()
        for bad in ([], [NOW - HOUR], [NOW + i * HOUR for i in range(1, 5)]):
            with pytest.raises(RuleBroken):
                services.meeting_propose(mentorship=m, actor=m.mentee.user, slots=bad, now=NOW)
        assert not Meeting.objects.exists()

    def test_the_time_box_defaults_to_the_intro_length(self):
        assert proposed().minutes == 20

    def test_not_for_a_paused_or_closed_mentorship_nor_a_stranger(self):
        m = mentorship()
        mentorship_move(mentorship=m, actor=m.mentee.user, to_state="closed", now=NOW)
        with pytest.raises(IllegalTransition):
            services.meeting_propose(mentorship=m, actor=m.mentee.user, slots=SLOTS, now=NOW)
        with pytest.raises(NotFound):
            services.meeting_propose(
                mentorship=m, actor=ProfileFactory().user, slots=SLOTS, now=NOW
            )

    def test_at_most_three_on_the_way(self):
        m = mentorship()
        for _ in range(3):
            services.meeting_propose(mentorship=m, actor=m.mentee.user, slots=SLOTS, now=NOW)
        with pytest.raises(RuleBroken):
            services.meeting_propose(mentorship=m, actor=m.mentee.user, slots=SLOTS, now=NOW)


@pytest.mark.django_db
class TestScheduling:
    def test_picking_sets_the_time_and_sends_invites(self):
        meeting = proposed()
        mail.outbox.clear()
        slot = meeting.slots.last()
        meeting = services.meeting_schedule(
            meeting=meeting, actor=meeting.mentorship.mentor.user, slot_id=slot.pk, now=NOW
        )
        assert (meeting.state, meeting.starts_at, meeting.sequence) == ("scheduled", SLOTS[1], 0)
        invites = [m for m in mail.outbox if m.attachments]
        assert len(invites) == 2

    def test_a_slot_from_another_meeting_is_refused(self):
        meeting, other = proposed(), proposed()
        with pytest.raises(RuleBroken):
            services.meeting_schedule(
                meeting=meeting, actor=meeting.mentorship.mentor.user,
                slot_id=other.slots.first().pk, now=NOW,
            )  # fmt: skip

    def test_rescheduling_bumps_the_sequence_when_a_new_time_is_picked(self):
        meeting = scheduled()
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
        meeting = scheduled()
        with pytest.raises(RuleBroken):
            services.meeting_mark(
                meeting=meeting, actor=meeting.mentorship.mentee.user, to_state="held", now=NOW
            )


@pytest.mark.django_db
class TestAgendaAndNotes:
    def test_the_agenda_is_capped_and_only_the_author_removes_an_item(self):
        meeting = proposed()
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
        meeting = scheduled()
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
        meeting = held()
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
        meeting = held()
        with pytest.raises(RuleBroken):
            services.action_item_add(
                meeting=meeting, actor=meeting.mentorship.mentee.user, text="x", owner="mentee",
                due_on=date(2020, 1, 1), now=NOW,
            )  # fmt: skip

    def test_thanks_is_the_mentees_once_after_the_meeting(self):
        meeting = scheduled()
        mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
        with pytest.raises(IllegalTransition):
            services.thank_you_give(meeting=meeting, actor=mentee, text="Thanks!", now=NOW)
        meeting = held()
        mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
        with pytest.raises(IllegalTransition):
            services.thank_you_give(meeting=meeting, actor=mentor, text="Thanks!", now=NOW)
        services.thank_you_give(meeting=meeting, actor=mentee, text="The intro helped", now=NOW)
        with pytest.raises(RuleBroken):
            services.thank_you_give(meeting=meeting, actor=mentee, text="Again", now=NOW)

    def test_feedback_once_per_side_after_the_meeting(self):
        meeting = held()
        mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
        services.meeting_feedback_give(meeting=meeting, actor=mentee, rating=5, now=NOW)
        services.meeting_feedback_give(meeting=meeting, actor=mentor, rating=4, now=NOW)
        with pytest.raises(RuleBroken):
            services.meeting_feedback_give(meeting=meeting, actor=mentee, rating=3, now=NOW)
        other = held()
        with pytest.raises(RuleBroken):
            services.meeting_feedback_give(
                meeting=other, actor=other.mentorship.mentee.user, rating=9, now=NOW
            )
