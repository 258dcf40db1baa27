"""Reads for meetings: one meeting for its people (private notes filtered here, once, for
every page), a mentorship's meetings and its action items."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from tandem.accounts.models import User
from tandem.meetings.models import ActionItem, AgendaItem, Meeting, MeetingFeedback, Note
from tandem.mentorships.ask_lifecycle import MENTEE, MENTOR, NotYours
from tandem.mentorships.models import Mentorship


def notes_visible_to(user: User) -> QuerySet[Note]:
    """Shared notes, and the viewer's own private ones: never anyone else's private note."""
    return Note.objects.filter(Q(is_private=False) | Q(author=user)).select_related("author")


def meeting_for_user(*, meeting_id: int, user: User) -> tuple[Meeting, str]:
    """The meeting with everything its page shows, and the viewer's side of the mentorship."""
    meeting = (
        Meeting.objects.select_related(
            "mentorship__mentee__user", "mentorship__mentor__user", "proposed_by"
        )
        .prefetch_related(
            "slots",
            Prefetch("agenda", queryset=AgendaItem.objects.select_related("author")),
            Prefetch("notes", queryset=notes_visible_to(user), to_attr="visible_notes"),
            Prefetch("action_items", queryset=ActionItem.objects.select_related("owner")),
            Prefetch("feedback", queryset=MeetingFeedback.objects.select_related("author")),
            "thank_you",
        )
        .filter(pk=meeting_id)
        .filter(Q(mentorship__mentee__user=user) | Q(mentorship__mentor__user=user))
        .first()
    )
    if meeting is None:
        raise NotYours("No such meeting.")
    return meeting, MENTOR if meeting.mentorship.mentor.user_id == user.pk else MENTEE


def mentorship_for_user(*, mentorship_id: int, user: User) -> tuple[Mentorship, str]:
    mentorship = (
        Mentorship.objects.select_related("mentee__user", "mentor__user", "ask")
        .filter(pk=mentorship_id)
        .filter(Q(mentee__user=user) | Q(mentor__user=user))
        .first()
    )
    if mentorship is None:
        raise NotYours("No such mentorship.")
    return mentorship, MENTOR if mentorship.mentor.user_id == user.pk else MENTEE


def meetings_of(mentorship: Mentorship) -> list[Meeting]:
    """Upcoming first (soonest first), then past ones (latest first)."""
    meetings = list(mentorship.meetings.prefetch_related("slots"))
    upcoming = [m for m in meetings if m.state in Meeting.UPCOMING]
    upcoming.sort(key=lambda m: (m.starts_at is None, m.starts_at, m.pk))
    return upcoming + [m for m in meetings if m.state not in Meeting.UPCOMING]


def actions_of(mentorship: Mentorship) -> QuerySet[ActionItem]:
    return mentorship.action_items.select_related("owner", "meeting").order_by(
        "closed_at", "due_on", "id"
    )


def open_actions_carried(meeting: Meeting) -> list[ActionItem]:
    """Open items from earlier meetings: they carry into this one's agenda (F7)."""
    return list(
        ActionItem.objects.filter(mentorship_id=meeting.mentorship_id, status="open")
        .exclude(meeting=meeting)
        .select_related("owner")
        .order_by("due_on", "id")
    )
