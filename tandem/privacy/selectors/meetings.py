"""The export's sections about meetings and messages: the meetings of their mentorships, and
what the person wrote there: agenda items, notes (private ones too), action items, thank-yous,
feedback and messages. The other side's private notes are never read here."""

from __future__ import annotations

from django.db.models import Q

from tandem.accounts.models import User
from tandem.conversations.models import Message
from tandem.meetings.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    MeetingFeedback,
    Note,
    ThankYou,
)
from tandem.privacy.selectors.rows import Row, rows
from tandem.profiles.models import Profile


def meetings_section(profile: Profile | None) -> list[Row]:
    """The meetings of every mentorship they were in: when, how long, where, what became of it."""
    if profile is None:
        return []
    meetings = Meeting.objects.filter(
        Q(mentorship__mentee=profile) | Q(mentorship__mentor=profile)
    ).order_by("id")
    return rows(
        meetings.values(
            "id",
            "mentorship_id",
            "state",
            "starts_at",
            "minutes",
            "location",
            "video_url",
            "created_at",
        )
    )


def notes_section(user: User) -> list[Row]:
    """Every note they wrote, shared or private; only their own."""
    return rows(
        Note.objects.filter(author=user)
        .order_by("id")
        .values("meeting_id", "text", "is_private", "created_at", "updated_at")
    )


def agenda_section(user: User) -> list[Row]:
    """The questions they put on meetings' agendas."""
    return rows(AgendaItem.objects.filter(author=user).order_by("id").values("meeting_id", "text"))


def action_items_section(user: User) -> list[Row]:
    """The action items they own and what happened to them."""
    return rows(
        ActionItem.objects.filter(owner=user)
        .order_by("id")
        .values("mentorship_id", "meeting_id", "text", "due_on", "status", "outcome", "closed_at")
    )


def meeting_feedback_given(user: User) -> list[Row]:
    """Feedback they gave after meetings."""
    return rows(
        MeetingFeedback.objects.filter(author=user)
        .order_by("id")
        .values("meeting_id", "rating", "helped", "better", "appreciated", "created_at")
    )


def thank_yous_section(user: User) -> list[Row]:
    """Thank-you notes they wrote after meetings."""
    return rows(
        ThankYou.objects.filter(author=user)
        .order_by("id")
        .values("meeting_id", "text", "created_at")
    )


def messages_section(user: User) -> list[Row]:
    """The messages they wrote (the other side's messages are the other side's)."""
    return [
        {
            "ask_id": m.thread.ask_id,
            "mentorship_id": m.thread.mentorship_id,
            "text": m.text,
            "sent_at": m.sent_at,
        }
        for m in Message.objects.filter(author=user).select_related("thread").order_by("id")
    ]
