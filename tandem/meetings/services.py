"""Writes for meetings and what follows them; the meeting table is in lifecycle.py, the
limits in rules.py.

Time is passed in (`now`). Each write checks who the actor is on the mentorship (anyone else
gets NotFound, a 404), then the rule, then changes rows inside one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.db import transaction

from tandem.accounts.models import User
from tandem.core.errors import IllegalTransition, RuleBroken
from tandem.meetings import notices, tasks
from tandem.meetings.calendar import tasks as calendar_tasks
from tandem.meetings.lifecycle import MEETING, OTHER, PROPOSER
from tandem.meetings.models import (
    MAX_MINUTES,
    MIN_MINUTES,
    TEXT_SHORT,
    ActionItem,
    AgendaItem,
    Meeting,
    MeetingFeedback,
    MeetingTransition,
    Note,
    Slot,
    ThankYou,
)
from tandem.meetings.rules import (
    ITEM_CLOSED,
    MAX_AGENDA,
    MAX_OPEN_ACTIONS,
    MAX_SLOTS,
    MAX_UPCOMING,
    MEETING_STATES,
    default_minutes,
)
from tandem.mentorships.models import Mentorship
from tandem.mentorships.rules import feedback_check
from tandem.mentorships.sides import MENTEE, MENTOR, sides_of


def mentorship_role(mentorship: Mentorship, actor: User) -> str:
    """The actor's side of the mentorship; NotFound for anyone else."""
    return sides_of(mentorship, actor, missing="No such meeting.").role


def _check(meeting: Meeting, actor: User, to_state: str) -> None:
    """The actor is on the mentorship and may make this move of the meeting's table."""
    mentorship_role(meeting.mentorship, actor)
    role = PROPOSER if meeting.proposed_by_id == actor.pk else OTHER
    MEETING.check(state=meeting.state, to_state=to_state, role=role)


def _locked(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("mentorship__mentee__user", "mentorship__mentor__user")
        .get(pk=meeting.pk)
    )


def _audit(
    meeting: Meeting, *, actor: User | None, from_state: str, reason: str, now: datetime
) -> MeetingTransition:
    return MeetingTransition.objects.create(
        meeting=meeting, actor=actor, from_state=from_state, to_state=meeting.state,
        reason=reason.strip(), at=now,
    )  # fmt: skip


def _check_slots(slots: Sequence[datetime], now: datetime) -> list[datetime]:
    chosen = sorted(set(slots))
    if not 1 <= len(chosen) <= MAX_SLOTS:
        raise RuleBroken("Offer one to three times.", field="slots")
    if any(slot <= now for slot in chosen):
        raise RuleBroken("Offer times in the future.", field="slots")
    return chosen


@transaction.atomic
def meeting_propose(
    *,
    mentorship: Mentorship,
    actor: User,
    slots: Sequence[datetime],
    now: datetime,
    minutes: int | None = None,
) -> Meeting:
    """Offer one to three times; the other side picks one."""
    mentorship = (
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("mentee__user", "mentor__user", "ask")
        .get(pk=mentorship.pk)
    )
    mentorship_role(mentorship, actor)
    if mentorship.state not in MEETING_STATES:
        raise IllegalTransition(
            f"This mentorship is {mentorship.get_state_display().lower()}; "
            "meetings are for a live one."
        )
    chosen = _check_slots(slots, now)
    minutes = minutes or default_minutes(mentorship)
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise RuleBroken("Meetings last 15 to 90 minutes.", field="minutes")
    upcoming = mentorship.meetings.filter(state__in=Meeting.UPCOMING).count()
    if upcoming >= MAX_UPCOMING:
        raise RuleBroken("You already have three meetings on the way; hold one first.")
    meeting = Meeting.objects.create(mentorship=mentorship, minutes=minutes, proposed_by=actor)
    Slot.objects.bulk_create(Slot(meeting=meeting, starts_at=s, round=1) for s in chosen)
    _audit(meeting, actor=actor, from_state="", reason="", now=now)
    notices.meeting_proposed(meeting, actor=actor, now=now)
    return meeting


@transaction.atomic
def meeting_schedule(*, meeting: Meeting, actor: User, slot_id: int, now: datetime) -> Meeting:
    """The other side picks one of the offered times: both get the calendar invite."""
    meeting = _locked(meeting)
    _check(meeting, actor, Meeting.State.SCHEDULED)
    current_round = max(meeting.slots.values_list("round", flat=True), default=1)
    slot = meeting.slots.filter(pk=slot_id, round=current_round).first()
    if slot is None:
        raise RuleBroken("Pick one of the times offered.", field="slot")
    if slot.starts_at <= now:
        raise RuleBroken("That time has passed; ask for new times.", field="slot")
    from_state = meeting.state
    if from_state == Meeting.State.RESCHEDULED:
        meeting.sequence += 1  # calendars replace the event with the same UID
    meeting.state, meeting.starts_at = Meeting.State.SCHEDULED, slot.starts_at
    meeting.save(update_fields=["state", "starts_at", "sequence", "updated_at"])
    _audit(meeting, actor=actor, from_state=from_state, reason="", now=now)
    notices.meeting_scheduled(meeting, actor=actor, now=now)
    calendar_tasks.meeting_invites.enqueue(meeting.pk, "REQUEST")
    tasks.meeting_reminders_schedule(meeting)
    return meeting


@transaction.atomic
def meeting_reschedule(
    *, meeting: Meeting, actor: User, slots: Sequence[datetime], now: datetime, note: str = ""
) -> Meeting:
    """New times for a scheduled meeting; the other side picks one, the UID stays."""
    meeting = _locked(meeting)
    _check(meeting, actor, Meeting.State.RESCHEDULED)
    chosen = _check_slots(slots, now)
    next_round = max(meeting.slots.values_list("round", flat=True), default=1) + 1
    Slot.objects.bulk_create(Slot(meeting=meeting, starts_at=s, round=next_round) for s in chosen)
    meeting.state, meeting.proposed_by = Meeting.State.RESCHEDULED, actor
    meeting.save(update_fields=["state", "proposed_by", "updated_at"])
    _audit(meeting, actor=actor, from_state=Meeting.State.SCHEDULED, reason=note, now=now)
    notices.meeting_changed(meeting, actor=actor, note=note, now=now)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor: User, now: datetime, note: str = "") -> Meeting:
    """Call it off, with a note; calendars that had it get a CANCEL."""
    meeting = _locked(meeting)
    _check(meeting, actor, Meeting.State.CANCELLED)
    from_state = meeting.state
    was_in_calendars = meeting.starts_at is not None
    meeting.state = Meeting.State.CANCELLED
    if was_in_calendars:
        meeting.sequence += 1
    meeting.save(update_fields=["state", "sequence", "updated_at"])
    _audit(meeting, actor=actor, from_state=from_state, reason=note, now=now)
    notices.meeting_changed(meeting, actor=actor, note=note, now=now)
    if was_in_calendars:
        calendar_tasks.meeting_invites.enqueue(meeting.pk, "CANCEL")
    return meeting


@transaction.atomic
def meeting_mark(*, meeting: Meeting, actor: User, to_state: str, now: datetime) -> Meeting:
    """Held or missed, once the meeting has started."""
    meeting = _locked(meeting)
    mentorship_role(meeting.mentorship, actor)
    if to_state not in (Meeting.State.HELD, Meeting.State.NO_SHOW):
        raise IllegalTransition("A meeting is marked held or missed.")
    _check(meeting, actor, to_state)
    if meeting.starts_at is None or now < meeting.starts_at:
        raise RuleBroken("You can mark it once the meeting has started.")
    meeting.state = to_state
    meeting.save(update_fields=["state", "updated_at"])
    _audit(meeting, actor=actor, from_state=Meeting.State.SCHEDULED, reason="", now=now)
    if to_state == Meeting.State.HELD:
        notices.meeting_held(meeting, now=now)
    return meeting


# --- Agenda and notes ---------------------------------------------------------------------


def _text(text: str, *, limit: int, field: str = "text") -> str:
    text = text.strip()
    if not text:
        raise RuleBroken("Write something first.", field=field)
    if len(text) > limit:
        raise RuleBroken(f"Keep it to {limit} characters.", field=field)
    return text


@transaction.atomic
def agenda_add(*, meeting: Meeting, actor: User, text: str, now: datetime) -> AgendaItem:
    """A question to cover; the list stays short so the time box is honoured (P7)."""
    meeting = _locked(meeting)
    mentorship_role(meeting.mentorship, actor)
    if meeting.state not in Meeting.UPCOMING:
        raise IllegalTransition("The agenda is for a meeting still ahead.")
    if meeting.agenda.count() >= MAX_AGENDA:
        raise RuleBroken(f"Keep the agenda to {MAX_AGENDA} questions or fewer.", field="text")
    return AgendaItem.objects.create(
        meeting=meeting, author=actor, text=_text(text, limit=TEXT_SHORT)
    )


def agenda_remove(*, item: AgendaItem, actor: User) -> None:
    if item.author_id != actor.pk:
        mentorship_role(item.meeting.mentorship, actor)  # a stranger: 404 first
        raise IllegalTransition("Only the person who added a question can remove it.")
    if item.meeting.state not in Meeting.UPCOMING:
        raise IllegalTransition("The agenda of a past meeting stays as it was.")
    item.delete()


def note_add(*, meeting: Meeting, actor: User, text: str, is_private: bool, now: datetime) -> Note:
    """Shared notes for both; private ones only their author can ever see."""
    mentorship_role(meeting.mentorship, actor)
    if meeting.state == Meeting.State.CANCELLED:
        raise IllegalTransition("This meeting was cancelled.")
    return Note.objects.create(
        meeting=meeting, author=actor, text=_text(text, limit=5000), is_private=is_private
    )


# --- Action items (P10) ---------------------------------------------------------------------


@transaction.atomic
def action_item_add(
    *, meeting: Meeting, actor: User, text: str, owner: str, now: datetime,
    due_on: date | None = None,
) -> ActionItem:  # fmt: skip
    """Something to try after a meeting, owned by one side (usually the mentee)."""
    meeting = _locked(meeting)
    mentorship = meeting.mentorship
    mentorship_role(mentorship, actor)
    if meeting.state not in (Meeting.State.SCHEDULED, Meeting.State.HELD):
        raise IllegalTransition("Action items come from a meeting that is on or has happened.")
    if owner not in (MENTEE, MENTOR):
        raise RuleBroken("Choose who will do it.", field="owner")
    if due_on is not None and due_on < now.date():
        raise RuleBroken("Choose a due date from today on.", field="due_on")
    if mentorship.action_items.filter(status=ActionItem.Status.OPEN).count() >= MAX_OPEN_ACTIONS:
        raise RuleBroken("There are 20 open items already; close some first.")
    owner_user = mentorship.mentee.user if owner == MENTEE else mentorship.mentor.user
    return ActionItem.objects.create(
        mentorship=mentorship, meeting=meeting, owner=owner_user,
        text=_text(text, limit=TEXT_SHORT), due_on=due_on,
    )  # fmt: skip


@transaction.atomic
def action_item_update(
    *, item: ActionItem, actor: User, status: str, now: datetime, outcome: str = ""
) -> ActionItem:
    """The owner reports what happened: done, tried (with how it went) or dropped."""
    item = (
        ActionItem.objects.select_for_update(of=("self",))
        .select_related("mentorship__mentee__user", "mentorship__mentor__user")
        .get(pk=item.pk)
    )
    mentorship_role(item.mentorship, actor)
    if item.owner_id != actor.pk:
        raise IllegalTransition("The person who owns this item reports on it.")
    if status not in ActionItem.Status.values:
        raise RuleBroken("Choose what happened.", field="status")
    if len(outcome) > 1000:
        raise RuleBroken("Keep the outcome to 1000 characters.", field="outcome")
    item.status, item.outcome = status, outcome.strip()
    item.closed_at = now if status in ITEM_CLOSED else None
    item.save(update_fields=["status", "outcome", "closed_at", "updated_at"])
    if status in ITEM_CLOSED:
        notices.action_item_reported(item, now=now)
    return item


# --- Thank-you and feedback (P8, P11) -------------------------------------------------------


def _held(meeting: Meeting) -> None:
    if meeting.state != Meeting.State.HELD:
        raise IllegalTransition("That comes after the meeting has been held.")


@transaction.atomic
def thank_you_give(*, meeting: Meeting, actor: User, text: str, now: datetime) -> ThankYou:
    """The mentee's thank-you, with what was useful; the mentor sees it."""
    meeting = _locked(meeting)
    if mentorship_role(meeting.mentorship, actor) != MENTEE:
        raise IllegalTransition("The thank-you note is the mentee's to write.")
    _held(meeting)
    if ThankYou.objects.filter(meeting=meeting).exists():
        raise RuleBroken("You've already thanked them for this one.")
    thanks = ThankYou.objects.create(meeting=meeting, author=actor, text=_text(text, limit=1000))
    notices.thank_you_received(thanks, now=now)
    return thanks


@transaction.atomic
def meeting_feedback_give(
    *, meeting: Meeting, actor: User, rating: int, now: datetime, helped: str = "",
    better: str = "", appreciated: str = "",
) -> MeetingFeedback:  # fmt: skip
    """Short feedback on one meeting, once per side, shown to the other side."""
    meeting = _locked(meeting)
    mentorship_role(meeting.mentorship, actor)
    _held(meeting)
    texts = feedback_check(rating=rating, helped=helped, better=better, appreciated=appreciated)
    if MeetingFeedback.objects.filter(meeting=meeting, author=actor).exists():
        raise RuleBroken("You've already given feedback on this meeting. Thank you!")
    feedback = MeetingFeedback.objects.create(
        meeting=meeting, author=actor, rating=rating, **texts,
    )  # fmt: skip
    notices.meeting_feedback_received(feedback, now=now)
    return feedback
