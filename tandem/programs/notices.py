"""What enrollment and matches tell the people involved, in Tandem's words.

Every notice goes through `notify`, idempotent on (recipient, kind, cause), so a double click
tells each person once. Links are the program's or the match's own page.
"""

from __future__ import annotations

from datetime import date, datetime

from tandem.notifications.kinds import Kind
from tandem.notifications.services import notify
from tandem.programs.models import Match, Participant, Program
from tandem.programs.wording import after_declined_match, application_declined, cycle_after


def application_decided(program: Program, place: Participant, *, now: datetime) -> None:
    """To the applicant: yes, you're in; or a kind no."""
    approved = place.state == Participant.State.ACTIVE
    if approved:
        title = f"You're in: {program.name}"
        body = (
            "A manager approved your application. The program will introduce you to someone; "
            "we'll tell you when it does."
        )
    else:
        title = f"Your application to {program.name}"
        body = application_declined(program, place)
    notify(
        recipient=place.profile.user, kind=Kind.PROGRAM_NEWS,
        cause=f"participant:{place.pk}:{place.state}", title=title, body=body,
        url=program.get_absolute_url(), now=now,
    )  # fmt: skip


def _other(match: Match, place: Participant) -> Participant:
    return match.second if match.first_id == place.pk else match.first


def match_confirmed_by(match: Match, place: Participant, *, now: datetime) -> None:
    """To the other side: this person said yes (and, when both did, what happens next)."""
    other = _other(match, place)
    name = place.profile.user.display_name
    if match.state == Match.State.CONFIRMED and match.mentorship is not None:
        return  # the arranged intro tells both sides itself
    if match.state == Match.State.CONFIRMED:
        body = "You've both said yes. Their contact details are on the match page."
    else:
        body = "Confirm on the match page when you're ready."
    notify(
        recipient=other.profile.user, kind=Kind.PROGRAM_MATCH,
        cause=f"match:{match.pk}:confirmed:{place.pk}", title=f"{name} said yes to meeting you",
        body=body, url=match.get_absolute_url(), now=now, actor=place.profile.user,
    )  # fmt: skip


def next_cycle_of(match: Match, *, today: date) -> date | None:
    """Coffee: the day the cycle after this match's starts, unless it has already begun."""
    cycle_on = match.round.cycle_on
    if match.program.kind != Program.Kind.COFFEE or cycle_on is None:
        return None
    day = cycle_after(match.program, cycle_on)
    return day if day > today else None


def match_declined_by(match: Match, place: Participant, *, now: datetime) -> None:
    """To the other side: a kind no, and what happens next as it really does (coffee: the
    next cycle; 1:1 and peer: the managers can pair them in a later round)."""
    other = _other(match, place)
    after = after_declined_match(match.program, next_cycle=next_cycle_of(match, today=now.date()))
    notify(
        recipient=other.profile.user, kind=Kind.PROGRAM_MATCH, cause=f"match:{match.pk}:declined",
        title=f"Your match in {match.program.name} won't go ahead",
        body=f"{place.profile.user.display_name} can't take part this time. It isn't about you. "
        f"{after}",
        url=match.program.get_absolute_url(), now=now, actor=place.profile.user,
    )  # fmt: skip
