"""A manager's check-in on a pair (issue 12, "a link to nudge them"): a warm, blame-free note
from the program to both people, pointing them to their mentorship's page.

Once per pair per ISO week: the notification's cause names the mentorship and the week, so a
second check-in that week is refused and tells no one again (even two clicks racing each other:
`notify_many` raises each (recipient, kind, cause) once).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from tandem.core.errors import IllegalTransition, NotFound
from tandem.meetings.health.rules import HEALTH_STATES
from tandem.mentorships.models import Mentorship
from tandem.notifications.kinds import Kind
from tandem.notifications.models import Notification
from tandem.notifications.services import Notice, notify_many
from tandem.organizations.roles import is_manager
from tandem.programs.models import Match, Program

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

NO_SUCH_PAIR = "There is no such pair in this program."
NOT_LIVE = (
    "This pair isn't meeting as a mentorship right now (it hasn't started, or it has ended), "
    "so there is nothing to check in on."
)
ALREADY = "You already checked in with this pair this week."


def check_in_cause(mentorship_id: int, now: datetime) -> str:
    """What makes a check-in once per pair per ISO week."""
    year, week, _ = now.isocalendar()
    return f"check-in:{mentorship_id}:{year}-W{week}"


def pair_check_in(*, program: Program, match_id: int, actor: User, now: datetime) -> Mentorship:
    """Tell both people of a live mentorship the program is checking in; the mentorship.

    NotFound for a match of another program (or a person who doesn't run this one),
    IllegalTransition for a pair whose mentorship isn't active or paused, or one already
    checked in with this week.
    """
    if not is_manager(actor, program.organization):
        raise NotFound(NO_SUCH_PAIR)
    match = (
        Match.objects.filter(program=program, pk=match_id)
        .select_related("mentorship__mentee__user", "mentorship__mentor__user")
        .first()
    )
    if match is None:
        raise NotFound(NO_SUCH_PAIR)
    mentorship = match.mentorship
    if mentorship is None or mentorship.state not in HEALTH_STATES:
        raise IllegalTransition(NOT_LIVE)
    cause = check_in_cause(mentorship.pk, now)
    if Notification.objects.filter(kind=Kind.PROGRAM_CHECK_IN, cause=cause).exists():
        raise IllegalTransition(ALREADY)
    title = f"{program.name}: how is it going?"
    body = (
        f"{program.name}'s team is checking in: how is it going? If the rhythm slipped, booking "
        "the next meeting is the easiest way back; if something's in the way, reply to your "
        "program manager."
    )
    url = mentorship.get_absolute_url()
    notices = [
        Notice(recipient_id=side.user_id, kind=Kind.PROGRAM_CHECK_IN, cause=cause, title=title,
               body=body, url=url)
        for side in (mentorship.mentee, mentorship.mentor)
    ]  # fmt: skip
    if notify_many(notices, now=now) == 0:
        raise IllegalTransition(ALREADY)  # a check-in a moment ago got there first
    return mentorship
