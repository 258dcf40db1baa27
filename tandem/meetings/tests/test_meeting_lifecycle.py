"""The meeting's lifecycle (PRODUCT.md §4.3): every allowed and forbidden move per role, with
time injected."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tandem.core.errors import IllegalTransition
from tandem.core.tests.clock import NOW
from tandem.meetings import services
from tandem.meetings.lifecycle import MEETING, OTHER, PROPOSER
from tandem.meetings.models import Meeting, MeetingTransition
from tandem.meetings.tests.factories import ProposedMeetingFactory
from tandem.mentorships.tests.factories import IntroFactory

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
SLOTS = [NOW + 48 * HOUR, NOW + 72 * HOUR]  # the times the meeting factories offer
ASKED_AT, INTRO_AT = NOW - 5 * DAY, NOW - 4 * DAY  # the intro began days before the meetings


def in_state(state: str) -> Meeting:
    """A meeting proposed by the mentee, put in `state` directly (the table is under test)."""
    intro = IntroFactory(asked_at=ASKED_AT, now=INTRO_AT)
    meeting = ProposedMeetingFactory.create(mentorship=intro)
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
