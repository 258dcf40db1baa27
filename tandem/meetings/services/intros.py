"""Accepting an ask by picking one of the times the mentee suggested: the ask is accepted and
the intro booked as a scheduled meeting, in one step and one transaction.

The mentorships app sits below this one, so the ask's own service (`ask_accept`: who may
accept, the ask's table, the mentor's capacity under a row lock) does the accepting, and the
meeting is then written exactly as if the mentee had offered those times and the mentor had
picked one (`meeting_schedule`): the slots, both audit rows, SEQUENCE 0, the invites and the
reminders.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from tandem.accounts.models import User
from tandem.core.errors import DomainError, RuleBroken
from tandem.meetings.models import Meeting, Slot
from tandem.meetings.services.moves import check_move, meeting_audit, meeting_book
from tandem.mentorships.models import Ask
from tandem.mentorships.rules import suggested_times
from tandem.mentorships.services.asks import ask_accept
from tandem.mentorships.sides import sides_of


@transaction.atomic
def ask_accept_with_time(*, ask: Ask, actor: User, starts_at: datetime, now: datetime) -> Meeting:
    """The mentor says yes by picking one of the mentee's times: the intro is booked, both
    get the calendar invite, and the mentee hears it in one notice."""
    sides_of(ask, actor, missing="No such request.")  # a stranger learns nothing: 404 first
    # The time is checked before anything is written: a refusal changes nothing and tells
    # nobody anything.
    times = suggested_times(ask)
    if starts_at not in times:
        raise DomainError("Pick one of the times suggested in the request.", field="time")
    if starts_at <= now:
        raise RuleBroken(
            "That time has passed. Accept and offer other times instead.", field="time"
        )
    mentorship = ask_accept(ask=ask, actor=actor, now=now, intro_at=starts_at)
    mentee = mentorship.mentee.user
    # The mentee offered these times when they asked; the mentor is the side who picks.
    meeting = Meeting.objects.create(
        mentorship=mentorship, minutes=ask.intro_minutes, proposed_by=mentee
    )
    Slot.objects.bulk_create(Slot(meeting=meeting, starts_at=t, round=1) for t in times)
    meeting_audit(meeting, actor=mentee, from_state="", reason="", now=ask.sent_at)
    check_move(meeting, actor, Meeting.State.SCHEDULED)
    return meeting_book(meeting, actor=actor, starts_at=starts_at, now=now, tell=False)
