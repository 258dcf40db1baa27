"""Sharing a private piece of a growth tool into a mentorship: a question on the agenda of
the next meeting still ahead. The only way anything in the growth tools is seen by someone
else, so each tool calls this instead of writing to meetings itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Q

from tandem.accounts.models import User
from tandem.core.errors import NotFound, RuleBroken
from tandem.meetings.models import AgendaItem, Meeting
from tandem.meetings.services.follow_through import agenda_add
from tandem.mentorships.models import Mentorship
from tandem.mentorships.selectors.mentorships import mentorships_of

NO_MEETING_AHEAD = (
    "There is no meeting ahead in this mentorship yet. Propose a time first, then add the "
    "question to its agenda."
)


@dataclass(frozen=True)
class ShareTarget:
    """A mentorship the person can share into, and the meeting the question would go to."""

    mentorship: Mentorship
    other_name: str
    meeting: Meeting | None  # None: no meeting ahead yet (the page says to propose one)


def _next_meeting(mentorship: Mentorship, *, now: datetime) -> Meeting | None:
    """The soonest meeting still ahead: scheduled ones by time, then ones still being set."""
    ahead = mentorship.meetings.filter(state__in=Meeting.UPCOMING).filter(
        Q(starts_at__gte=now) | Q(starts_at__isnull=True)
    )
    # A meeting with no time yet comes after those with one, on SQLite as on PostgreSQL.
    return ahead.order_by(F("starts_at").asc(nulls_last=True), "id").first()


def share_targets_for(user: User, *, now: datetime) -> list[ShareTarget]:
    """The person's live mentorships, either side, each with its next meeting."""
    live = (
        Mentorship.objects.filter(mentorships_of(user), state__in=Mentorship.HOLDING_A_PLACE)
        .select_related("mentee__user", "mentor__user")
        .order_by("-id")
    )
    targets = []
    for mentorship in live:
        other = mentorship.mentor if mentorship.mentee.user_id == user.pk else mentorship.mentee
        targets.append(
            ShareTarget(mentorship, other.user.display_name, _next_meeting(mentorship, now=now))
        )
    return targets


def share_into_agenda(*, owner: User, mentorship_id: int, text: str, now: datetime) -> AgendaItem:
    """Put `text` on the agenda of the next meeting of one of the owner's live mentorships.

    Someone else's mentorship is a 404; a mentorship with no meeting ahead is refused with a
    message that says what to do; the agenda's own rules (length, how many) still hold.
    """
    mentorship = (
        Mentorship.objects.filter(mentorships_of(owner), state__in=Mentorship.HOLDING_A_PLACE)
        .filter(pk=mentorship_id)
        .first()
    )
    if mentorship is None:
        raise NotFound("No such mentorship.")
    meeting = _next_meeting(mentorship, now=now)
    if meeting is None:
        raise RuleBroken(NO_MEETING_AHEAD)
    return agenda_add(meeting=meeting, actor=owner, text=text, now=now)
