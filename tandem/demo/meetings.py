"""Demo meetings and follow-through: goals for every agreement, and for the demo logins' own
mentorship a held meeting (with its agenda, notes, an action item and a thank-you) and one
coming up, so the meeting pages have something to show. Written in bulk, no notifications."""

from __future__ import annotations

from datetime import datetime, timedelta

from tandem.meetings.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    MeetingTransition,
    Note,
    Slot,
    ThankYou,
)
from tandem.mentorships.models import Agreement, Goal, Mentorship

BATCH_SIZE = 1000


def goals_write(*, mentorship_ids: list[int]) -> int:
    """One goal row per goal of each accepted agreement, as the services make them."""
    agreements = Agreement.objects.filter(
        mentorship_id__in=mentorship_ids, state=Agreement.State.ACCEPTED
    ).select_related("mentorship__mentee")
    goals = [
        Goal(
            mentorship_id=a.mentorship_id,
            owner_id=a.mentorship.mentee.user_id,
            text=text[:200],
            agreement_version=a.version,
            status=Goal.Status.PROGRESSING if i == 0 else Goal.Status.OPEN,
        )
        for a in agreements
        for i, text in enumerate(a.goals)
    ]
    Goal.objects.bulk_create(goals, batch_size=BATCH_SIZE)
    return len(goals)


def named_meetings_write(*, mentorship: Mentorship, now: datetime) -> None:
    """The demo mentee and mentor: one meeting held two weeks ago, one in three days."""
    mentee, mentor = mentorship.mentee.user, mentorship.mentor.user
    past = (now - timedelta(days=14)).replace(hour=16, minute=0, second=0, microsecond=0)
    soon = (now + timedelta(days=3)).replace(hour=16, minute=0, second=0, microsecond=0)
    held = Meeting.objects.create(
        mentorship=mentorship, state=Meeting.State.HELD, minutes=45, starts_at=past,
        proposed_by=mentee,
    )  # fmt: skip
    coming = Meeting.objects.create(
        mentorship=mentorship, state=Meeting.State.SCHEDULED, minutes=45, starts_at=soon,
        proposed_by=mentee,
    )  # fmt: skip
    Slot.objects.bulk_create([
        Slot(meeting=held, starts_at=past), Slot(meeting=coming, starts_at=soon),
        Slot(meeting=coming, starts_at=soon + timedelta(days=1)),
    ])  # fmt: skip
    steps = [
        (held, mentee, "", "proposed", past - timedelta(days=5)),
        (held, mentor, "proposed", "scheduled", past - timedelta(days=4)),
        (held, mentee, "scheduled", "held", past + timedelta(minutes=50)),
        (coming, mentee, "", "proposed", now - timedelta(days=2)),
        (coming, mentor, "proposed", "scheduled", now - timedelta(days=1)),
    ]
    MeetingTransition.objects.bulk_create(
        MeetingTransition(meeting=m, actor=a, from_state=f, to_state=t, at=at)
        for m, a, f, t, at in steps
    )
    AgendaItem.objects.bulk_create([
        AgendaItem(meeting=held, author=mentee, text="How do I pick a first project to lead?"),
        AgendaItem(meeting=coming, author=mentee, text="How did the stakeholder update go?"),
        AgendaItem(meeting=coming, author=mentee, text="What should I read next?"),
    ])  # fmt: skip
    Note.objects.bulk_create([
        Note(meeting=held, author=mentee, text="Start with a project nobody owns yet."),
        Note(meeting=held, author=mentee, text="Felt nervous; it went fine.", is_private=True),
    ])  # fmt: skip
    ActionItem.objects.create(
        mentorship=mentorship, meeting=held, owner=mentee, due_on=(now + timedelta(days=7)).date(),
        text="Offer to run the next sprint retrospective",
    )  # fmt: skip
    ThankYou.objects.create(
        meeting=held, author=mentee,
        text="Thank you! The idea of an unowned project made it click for me.",
    )  # fmt: skip
