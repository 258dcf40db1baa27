"""Writes for the meeting itself: the moves of its table (lifecycle.py) and its limits
(rules.py): offering times, picking one, moving, cancelling, marking it held or missed.

Time is passed in (`now`). Each write checks who the actor is on the mentorship (anyone else
gets NotFound, a 404), then the rule, then changes rows inside one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.db.models import Q

from tandem.accounts.models import User
from tandem.core.errors import IllegalTransition, RuleBroken
from tandem.meetings import notices, tasks
from tandem.meetings.calendar import tasks as calendar_tasks
from tandem.meetings.lifecycle import MEETING, OTHER, PROPOSER
from tandem.meetings.models import MAX_MINUTES, MIN_MINUTES, Meeting, MeetingTransition, Slot
from tandem.meetings.rules import (
    MAX_SLOTS,
    MAX_UPCOMING,
    MEETING_STATES,
    default_minutes,
    place_check,
)
from tandem.mentorships.models import Mentorship
from tandem.mentorships.rules import CONNECTED, OPEN, open_check
from tandem.mentorships.services.mentorships import mentorship_intro_held
from tandem.mentorships.sides import sides_of


def mentorship_role(mentorship: Mentorship, actor: User) -> str:
    """The actor's side of the mentorship; NotFound for anyone else."""
    return sides_of(mentorship, actor, missing="No such meeting.").role


def check_move(meeting: Meeting, actor: User, to_state: str) -> None:
    """The actor is on the mentorship and may make this move of the meeting's table."""
    mentorship_role(meeting.mentorship, actor)
    role = PROPOSER if meeting.proposed_by_id == actor.pk else OTHER
    MEETING.check(state=meeting.state, to_state=to_state, role=role)


def mentorship_open_lock(
    mentorship_id: int, actor: User, *, states: Sequence[str] = OPEN
) -> Mentorship:
    """The mentorship re-read under its row lock, with both sides: NotFound unless the actor
    is on it, IllegalTransition unless it is still in `states` (by default, not ended).

    Its row is taken before any of its meetings' rows, the order ending it takes them in: a
    write racing the other side's close waits for it, then sees the mentorship ended."""
    mentorship = (
        Mentorship.objects.select_for_update(no_key=True, of=("self",))
        .select_related("mentee__user", "mentor__user")
        .get(pk=mentorship_id)
    )
    mentorship_role(mentorship, actor)
    open_check(mentorship, states=states)
    return mentorship


def meeting_lock(meeting: Meeting, actor: User, *, states: Sequence[str] = OPEN) -> Meeting:
    """The meeting re-read under its row lock, once its mentorship is checked and locked
    (`mentorship_open_lock`), with both sides of the mentorship."""
    mentorship = mentorship_open_lock(meeting.mentorship_id, actor, states=states)
    meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    meeting.mentorship = mentorship
    return meeting


def meeting_audit(
    meeting: Meeting, *, actor: User | None, from_state: str, reason: str, now: datetime
) -> MeetingTransition:
    """The audit row of a move the meeting just made (its state is the new one)."""
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
    location: str = "",
    video_url: str = "",
) -> Meeting:
    """Offer one to three times, and where (a place, a video link), for the other to pick."""
    mentorship = (
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("mentee__user", "mentor__user", "ask")
        .get(pk=mentorship.pk)
    )
    mentorship_role(mentorship, actor)
    open_check(mentorship, states=MEETING_STATES)
    chosen = _check_slots(slots, now)
    location, video_url = place_check(location=location, video_url=video_url)
    minutes = minutes or default_minutes(mentorship)
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise RuleBroken("Meetings last 15 to 90 minutes.", field="minutes")
    upcoming = mentorship.meetings.filter(state__in=Meeting.UPCOMING).count()
    if upcoming >= MAX_UPCOMING:
        raise RuleBroken("You already have three meetings on the way; hold one first.")
    meeting = Meeting.objects.create(
        mentorship=mentorship, minutes=minutes, proposed_by=actor, location=location,
        video_url=video_url,
    )  # fmt: skip
    Slot.objects.bulk_create(Slot(meeting=meeting, starts_at=s, round=1) for s in chosen)
    meeting_audit(meeting, actor=actor, from_state="", reason="", now=now)
    notices.meeting_proposed(meeting, actor=actor, now=now)
    return meeting


@transaction.atomic
def meeting_schedule(*, meeting: Meeting, actor: User, slot_id: int, now: datetime) -> Meeting:
    """The other side picks one of the offered times: both get the calendar invite."""
    meeting = meeting_lock(meeting, actor)
    check_move(meeting, actor, Meeting.State.SCHEDULED)
    current_round = max(meeting.slots.values_list("round", flat=True), default=1)
    slot = meeting.slots.filter(pk=slot_id, round=current_round).first()
    if slot is None:
        raise RuleBroken("Pick one of the times offered.", field="slot")
    if slot.starts_at <= now:
        raise RuleBroken("That time has passed; ask for new times.", field="slot")
    return meeting_book(meeting, actor=actor, starts_at=slot.starts_at, now=now)


def meeting_book(
    meeting: Meeting, *, actor: User, starts_at: datetime, now: datetime, tell: bool = True
) -> Meeting:
    """Put a locked meeting in both calendars at `starts_at`, once the caller has checked the
    move and the time: the audit row, the other side told (unless `tell` is False, when the
    caller's own notice says it), the invites and the reminders enqueued."""
    from_state = meeting.state
    if from_state == Meeting.State.RESCHEDULED:
        meeting.sequence += 1  # calendars replace the event with the same UID
    meeting.state, meeting.starts_at = Meeting.State.SCHEDULED, starts_at
    meeting.save(update_fields=["state", "starts_at", "sequence", "updated_at"])
    meeting_audit(meeting, actor=actor, from_state=from_state, reason="", now=now)
    if tell:
        notices.meeting_scheduled(meeting, actor=actor, now=now)
    calendar_tasks.meeting_invites.enqueue(meeting.pk, "REQUEST", actor.pk, meeting.sequence)
    tasks.meeting_nudges_schedule(meeting)
    return meeting


@transaction.atomic
def meeting_reschedule(
    *, meeting: Meeting, actor: User, slots: Sequence[datetime], now: datetime, note: str = "",
    location: str | None = None, video_url: str | None = None,
) -> Meeting:  # fmt: skip
    """New times for a scheduled meeting (and a new place, if given; None keeps it); the other
    side picks one, the UID stays."""
    meeting = meeting_lock(meeting, actor)
    check_move(meeting, actor, Meeting.State.RESCHEDULED)
    chosen = _check_slots(slots, now)
    meeting.location, meeting.video_url = place_check(
        location=meeting.location if location is None else location,
        video_url=meeting.video_url if video_url is None else video_url,
    )
    next_round = max(meeting.slots.values_list("round", flat=True), default=1) + 1
    Slot.objects.bulk_create(Slot(meeting=meeting, starts_at=s, round=next_round) for s in chosen)
    meeting.state, meeting.proposed_by = Meeting.State.RESCHEDULED, actor
    meeting.save(update_fields=["state", "proposed_by", "location", "video_url", "updated_at"])
    meeting_audit(meeting, actor=actor, from_state=Meeting.State.SCHEDULED, reason=note, now=now)
    notices.meeting_changed(meeting, actor=actor, note=note, now=now)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor: User, now: datetime, note: str = "") -> Meeting:
    """Call it off, with a note; calendars that had it get a CANCEL."""
    meeting = meeting_lock(meeting, actor)
    check_move(meeting, actor, Meeting.State.CANCELLED)
    from_state = meeting.state
    was_in_calendars = meeting.starts_at is not None
    meeting.state = Meeting.State.CANCELLED
    if was_in_calendars:
        meeting.sequence += 1
    meeting.save(update_fields=["state", "sequence", "updated_at"])
    meeting_audit(meeting, actor=actor, from_state=from_state, reason=note, now=now)
    notices.meeting_changed(meeting, actor=actor, note=note, now=now)
    if was_in_calendars:
        calendar_tasks.meeting_invites.enqueue(meeting.pk, "CANCEL", actor.pk, meeting.sequence)
    return meeting


@transaction.atomic
def meeting_place_set(
    *, meeting: Meeting, actor: User, location: str, video_url: str, now: datetime
) -> Meeting:
    """Either side says where a meeting still ahead happens: a place, a video link, or both.
    A scheduled meeting's calendars get the change (an updated invite, SEQUENCE bumped)."""
    meeting = meeting_lock(meeting, actor)
    if meeting.state not in Meeting.UPCOMING:
        raise IllegalTransition("Where you meet can change only while the meeting is ahead.")
    location, video_url = place_check(location=location, video_url=video_url)
    if (location, video_url) == (meeting.location, meeting.video_url):
        return meeting
    meeting.location, meeting.video_url = location, video_url
    in_calendars = meeting.state == Meeting.State.SCHEDULED
    if in_calendars:
        meeting.sequence += 1  # LOCATION changed: calendars take the newer version
    meeting.save(update_fields=["location", "video_url", "sequence", "updated_at"])
    notices.meeting_place_changed(meeting, actor=actor, now=now)
    if in_calendars:
        calendar_tasks.meeting_invites.enqueue(meeting.pk, "REQUEST", actor.pk, meeting.sequence)
    return meeting


@transaction.atomic
def meeting_mark(*, meeting: Meeting, actor: User, to_state: str, now: datetime) -> Meeting:
    """Held or missed, once the meeting has started (also after the pair completed, so the
    last meeting can still be recorded; not once they parted)."""
    meeting = meeting_lock(meeting, actor, states=CONNECTED)
    if to_state not in (Meeting.State.HELD, Meeting.State.NO_SHOW):
        raise IllegalTransition("A meeting is marked held or missed.")
    check_move(meeting, actor, to_state)
    if meeting.starts_at is None or now < meeting.starts_at:
        raise RuleBroken("You can mark it once the meeting has started.")
    meeting.state = to_state
    meeting.save(update_fields=["state", "updated_at"])
    meeting_audit(meeting, actor=actor, from_state=Meeting.State.SCHEDULED, reason="", now=now)
    if to_state == Meeting.State.HELD:
        mentorship_intro_held(mentorship=meeting.mentorship, now=now)
        notices.meeting_held(meeting, now=now)
    return meeting


def meetings_call_off(mentorship: Mentorship, *, actor: User, now: datetime) -> None:
    """When a mentorship ends (closed or completed), its meetings still ahead are cancelled
    in the ending move's transaction, in the name of whoever ended it; calendars that had one
    get a CANCEL (same UID, SEQUENCE bumped). A meeting already begun stays for the pair to
    mark. The mentorship's own notice tells the other side; the meetings add none.

    Registered with the mentorship services at start-up (MeetingsConfig.ready)."""
    S = Meeting.State
    ahead = Q(state__in=(S.PROPOSED, S.RESCHEDULED)) | Q(state=S.SCHEDULED, starts_at__gt=now)
    meetings = mentorship.meetings.select_for_update(of=("self",)).filter(ahead)
    for meeting in meetings.order_by("pk"):
        from_state, was_in_calendars = meeting.state, meeting.starts_at is not None
        meeting.state = Meeting.State.CANCELLED
        if was_in_calendars:
            meeting.sequence += 1
        meeting.save(update_fields=["state", "sequence", "updated_at"])
        meeting_audit(meeting, actor=actor, from_state=from_state, reason="", now=now)
        if was_in_calendars:
            calendar_tasks.meeting_invites.enqueue(meeting.pk, "CANCEL", actor.pk, meeting.sequence)
