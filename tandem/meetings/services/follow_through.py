"""Writes for what follows a meeting: the agenda, notes, action items (P10), the thank-you
(P8) and feedback (P11)."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction

from tandem.accounts.models import User
from tandem.core.errors import IllegalTransition, RuleBroken
from tandem.meetings import notices
from tandem.meetings.models import (
    TEXT_SHORT,
    ActionItem,
    AgendaItem,
    Meeting,
    MeetingFeedback,
    Note,
    ThankYou,
)
from tandem.meetings.rules import ITEM_CLOSED, MAX_AGENDA, MAX_OPEN_ACTIONS
from tandem.meetings.services.moves import meeting_lock, mentorship_open_lock, mentorship_role
from tandem.mentorships.rules import CONNECTED, feedback_check
from tandem.mentorships.sides import MENTEE, MENTOR

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
    meeting = meeting_lock(meeting, actor)
    if meeting.state not in Meeting.UPCOMING:
        raise IllegalTransition("The agenda is for a meeting still ahead.")
    if meeting.agenda.count() >= MAX_AGENDA:
        raise RuleBroken(f"Keep the agenda to {MAX_AGENDA} questions or fewer.", field="text")
    return AgendaItem.objects.create(
        meeting=meeting, author=actor, text=_text(text, limit=TEXT_SHORT)
    )


@transaction.atomic
def agenda_remove(*, item: AgendaItem, actor: User) -> None:
    meeting = meeting_lock(item.meeting, actor)  # a stranger: 404 first
    if item.author_id != actor.pk:
        raise IllegalTransition("Only the person who added a question can remove it.")
    if meeting.state not in Meeting.UPCOMING:
        raise IllegalTransition("The agenda of a past meeting stays as it was.")
    item.delete()


@transaction.atomic
def note_add(*, meeting: Meeting, actor: User, text: str, is_private: bool, now: datetime) -> Note:
    """Shared notes for both; private ones only their author can ever see."""
    meeting = meeting_lock(meeting, actor)
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
    meeting = meeting_lock(meeting, actor)
    mentorship = meeting.mentorship
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
    mentorship = mentorship_open_lock(item.mentorship_id, actor)
    item = ActionItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
    item.mentorship = mentorship
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
# Gratitude for a held meeting outlives a mentorship that completed; once the pair parted
# (closed), nothing more reaches the other side.
GRATITUDE = CONNECTED


def _held(meeting: Meeting) -> None:
    if meeting.state != Meeting.State.HELD:
        raise IllegalTransition("That comes after the meeting has been held.")


@transaction.atomic
def thank_you_give(*, meeting: Meeting, actor: User, text: str, now: datetime) -> ThankYou:
    """The mentee's thank-you, with what was useful; the mentor sees it."""
    meeting = meeting_lock(meeting, actor, states=GRATITUDE)
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
    meeting = meeting_lock(meeting, actor, states=GRATITUDE)
    _held(meeting)
    texts = feedback_check(rating=rating, helped=helped, better=better, appreciated=appreciated)
    if MeetingFeedback.objects.filter(meeting=meeting, author=actor).exists():
        raise RuleBroken("You've already given feedback on this meeting. Thank you!")
    feedback = MeetingFeedback.objects.create(
        meeting=meeting, author=actor, rating=rating, **texts,
    )  # fmt: skip
    notices.meeting_feedback_received(feedback, now=now)
    return feedback
