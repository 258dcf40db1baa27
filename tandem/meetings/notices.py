"""What each meeting event tells the other side, in Tandem's words (one notice per cause)."""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse

from tandem.accounts.models import User
from tandem.meetings.models import ActionItem, Meeting, MeetingFeedback, ThankYou
from tandem.mentorships.models import Mentorship
from tandem.notifications.kinds import Kind
from tandem.notifications.services import notify
from tandem.profiles.models import Profile


def meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:detail", kwargs={"meeting_id": meeting.pk})


def _sides(mentorship: Mentorship, actor_id: int | None) -> tuple[Profile, Profile]:
    """(the actor's profile, the other side's profile)."""
    if actor_id == mentorship.mentee.user_id:
        return mentorship.mentee, mentorship.mentor
    return mentorship.mentor, mentorship.mentee


def meeting_proposed(meeting: Meeting, *, actor: User, now: datetime) -> None:
    me, other = _sides(meeting.mentorship, actor.pk)
    notify(
        recipient=other.user, kind=Kind.MEETING_PROPOSED, cause=f"meeting:{meeting.pk}:proposed",
        title=f"{me.user.display_name} suggested times to meet",
        body=f"Pick the one that suits you for a {meeting.minutes}-minute conversation.",
        url=meeting_url(meeting), now=now,
    )  # fmt: skip


def meeting_scheduled(meeting: Meeting, *, actor: User, now: datetime) -> None:
    me, other = _sides(meeting.mentorship, actor.pk)
    notify(
        recipient=other.user, kind=Kind.MEETING_SCHEDULED,
        cause=f"meeting:{meeting.pk}:scheduled:{meeting.sequence}",
        title=f"{me.user.display_name} picked a time: you're meeting",
        body=(
            f"{meeting.minutes} minutes. The calendar invite is in your email; add your "
            "questions to the agenda beforehand."
        ),
        url=meeting_url(meeting), now=now,
    )  # fmt: skip


def meeting_changed(meeting: Meeting, *, actor: User, note: str, now: datetime) -> None:
    me, other = _sides(meeting.mentorship, actor.pk)
    cancelled = meeting.state == Meeting.State.CANCELLED
    said = f" Their note: “{note.strip()}”" if note.strip() else ""
    notify(
        recipient=other.user, kind=Kind.MEETING_CHANGED,
        cause=f"meeting:{meeting.pk}:{meeting.state}:{meeting.transitions.count()}",
        title=f"{me.user.display_name} {'cancelled' if cancelled else 'needs to move'} a meeting",
        body=(
            ("It's off; calendars get the cancellation." if cancelled
             else "They've offered new times: pick one that suits you.") + said
        ),
        url=meeting_url(meeting), now=now,
    )  # fmt: skip


def meeting_held(meeting: Meeting, *, now: datetime) -> None:
    """After a good conversation: a thank-you prompt for the mentee, feedback for both."""
    mentorship = meeting.mentorship
    mentor = mentorship.mentor.user.display_name
    notify(
        recipient=mentorship.mentee.user, kind=Kind.MEETING_FOLLOW_UP,
        cause=f"meeting:{meeting.pk}:held",
        title=f"Say thank you to {mentor}",
        body=(
            "A short note on what was useful means a lot to a mentor. Note down what you'll "
            "try, too, and share a minute of feedback."
        ),
        url=meeting_url(meeting), now=now,
    )  # fmt: skip
    notify(
        recipient=mentorship.mentor.user, kind=Kind.MEETING_FOLLOW_UP,
        cause=f"meeting:{meeting.pk}:held",
        title=f"How did your meeting with {mentorship.mentee.user.display_name} go?",
        body="A minute of feedback helps you both: where it helped, what could be better.",
        url=meeting_url(meeting), now=now,
    )  # fmt: skip


def thank_you_received(thanks: ThankYou, *, now: datetime) -> None:
    mentorship = thanks.meeting.mentorship
    notify(
        recipient=mentorship.mentor.user, kind=Kind.THANK_YOU_RECEIVED,
        cause=f"meeting:{thanks.meeting_id}:thanks",
        title=f"{mentorship.mentee.user.display_name} says thank you",
        body=thanks.text[:300],
        url=meeting_url(thanks.meeting), now=now,
    )  # fmt: skip


def meeting_feedback_received(feedback: MeetingFeedback, *, now: datetime) -> None:
    me, other = _sides(feedback.meeting.mentorship, feedback.author_id)
    notify(
        recipient=other.user, kind=Kind.FEEDBACK_RECEIVED, cause=f"meeting_feedback:{feedback.pk}",
        title=f"{me.user.display_name} shared feedback on your meeting",
        body="See where it helped and what they appreciated on the meeting page.",
        url=meeting_url(feedback.meeting), now=now,
    )  # fmt: skip


def action_item_reported(item: ActionItem, *, now: datetime) -> None:
    me, other = _sides(item.mentorship, item.owner_id)
    what = {"done": "did", "tried": "tried", "dropped": "dropped"}[item.status]
    outcome = f" What happened: “{item.outcome}”" if item.outcome else ""
    notify(
        recipient=other.user, kind=Kind.ACTION_ITEM, cause=f"action:{item.pk}:{item.status}",
        title=f"{me.user.display_name} {what}: {item.text[:120]}",
        body=f"An update on something from your meeting.{outcome}",
        url=reverse("meetings:actions", kwargs={"mentorship_id": item.mentorship_id}), now=now,
    )  # fmt: skip
