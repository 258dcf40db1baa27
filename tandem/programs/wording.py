"""What programs say to the people in them: the next thing each program expects of a person,
why a match fits the reader, and when the next coffee round comes.

"My programs", the home page and the program page read their next step from `next_step`, so
the same situation is described the same way everywhere.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.urls import reverse

from tandem.programs.models import Match, Participant, Program

CYCLE_DAYS: dict[str, int] = {Program.Cycle.WEEKLY: 7, Program.Cycle.TWO_WEEKS: 14}

KIND_BLURB: dict[str, str] = {
    Program.Kind.MENTORING: "One mentor and one mentee, introduced by the program.",
    Program.Kind.PEER: "People at a similar stage, introduced to learn from each other.",
    Program.Kind.COFFEE: "Every cycle, a short conversation with someone new.",
    Program.Kind.REVERSE: "The more junior person mentors: fresh eyes on skills and tools.",
}


def cycle_after(program: Program, day: date) -> date:
    """The day the cycle after the one starting on `day` starts."""
    days = CYCLE_DAYS.get(program.cycle)
    if days is not None:
        return day + timedelta(days=days)
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def next_round_on(program: Program, last_cycle_on: date | None, today: date) -> date | None:
    """When the next coffee round is due: a cycle after the last one, else the start date."""
    if last_cycle_on is not None:
        return cycle_after(program, last_cycle_on)
    if program.starts_on is not None and program.starts_on >= today:
        return program.starts_on
    return None


# A declined application, after "it isn't about you": where else to go, for the side asked for.
DECLINED_ELSEWHERE: dict[str, str] = {
    Participant.Role.MENTEE: "You can still find a mentor on Tandem yourself, in the mentor "
    "directory.",
    Participant.Role.MENTOR: "You can still mentor on Tandem: while your profile says you'd "
    "like to mentor, people looking for a mentor find you in the directory.",
    Participant.Role.BOTH: "You can still find a mentor in the mentor directory, and while your "
    "profile says you'd like to mentor, people looking for one find you there.",
    Participant.Role.PEER: "If a place opens, a manager of the program can still invite you.",
}


def application_declined(program: Program, place: Participant) -> str:
    """What a declined applicant is told, worded for the side they asked for: only a mentee
    is pointed to find a mentor; peers and coffee applicants to an invitation."""
    side = Participant.Role.PEER if program.is_pool else place.role
    elsewhere = DECLINED_ELSEWHERE.get(side, DECLINED_ELSEWHERE[Participant.Role.PEER])
    return (
        "A manager couldn't take your application this time. It isn't about you: programs "
        f"have limited places. {elsewhere}"
    )


def after_declined_match(program: Program, *, next_cycle: date | None = None) -> str:
    """What happens after a match is declined, as it really does: coffee cycles come round by
    themselves (`next_cycle`, when known, is the day the next one starts); in 1:1 and peer
    programs nothing pairs anyone again until the managers run a later round."""
    if program.kind == Program.Kind.COFFEE:
        when = f", from {next_cycle:%-d %B}," if next_cycle is not None else ""
        return f"The next cycle{when} introduces you to someone new, as long as you're opted in."
    if program.is_pool:
        return (
            "You stay in the program: its managers can introduce you to someone else in a "
            "later round."
        )
    return "You stay in the program: its managers can pair you with someone else in a later round."


def reasons_for(reasons: Sequence[Any], *, first: bool) -> list[str]:
    """The reasons a match fits, as stored, told to its reader; [] when none are in the
    reader's voice.

    A round stores each reason as one text per reader, `{"first": …, "second": …}` (in 1:1
    programs also `{"mentee": …, "mentor": …}`, the mentee being `first`), or as plain text
    told to the first side (the mentee: "knows Python at expert level, which you want to
    learn"), which is the wrong voice for the second side, who is then told nothing here.
    """
    mine, theirs = ("first", "mentee") if first else ("second", "mentor")
    told: list[str] = []
    for reason in reasons:
        if isinstance(reason, str):
            text = reason if first else ""
        elif isinstance(reason, Mapping):
            text = reason.get(mine) or reason.get(theirs) or ""
        else:
            continue
        text = " ".join(str(text).split())
        if text:
            told.append(text[0].upper() + text[1:])
    return told


@dataclass(frozen=True)
class NextStep:
    """What a program expects of a person next, in plain words, and where to do it."""

    text: str
    url: str
    waiting_on_me: bool  # True when only this person's move will do


def next_step(
    *,
    program: Program,
    place: Participant,
    match: Match | None,
    gave_feedback: bool,
    answers_missing: bool,
    next_round: date | None,
) -> NextStep:
    """The one next thing for `place` in `program`, given its latest published match."""
    url = program.get_absolute_url()
    if place.state == Participant.State.APPLIED:
        return NextStep("Waiting for a manager to approve your application.", url, False)
    if place.state == Participant.State.DECLINED:
        return NextStep("Your application wasn't approved this time.", url, False)
    if place.state == Participant.State.LEFT:
        return NextStep("You left this program.", url, False)
    if answers_missing:
        join = reverse("programs:join", kwargs={"slug": program.slug})
        return NextStep("Answer the intake questions.", join, True)
    if match is not None and match.state != Match.State.DECLINED:
        step = _match_step(program, place, match, gave_feedback)
        if step is not None:
            return step
    if program.kind == Program.Kind.COFFEE and not place.opted_in:
        return NextStep(
            "You've paused coffee rounds. Opt in to meet someone in the next round.", url, False
        )
    if next_round is not None:
        return NextStep(f"Nothing to do until the next round on {next_round:%-d %B}.", url, False)
    if program.is_pool:
        return NextStep("Nothing to do until the next round.", url, False)
    return NextStep("Nothing to do until the program introduces your match.", url, False)


def _match_step(
    program: Program, place: Participant, match: Match, gave_feedback: bool
) -> NextStep | None:
    first = match.first_id == place.pk
    other = (match.second if first else match.first).profile.user.display_name
    url = match.get_absolute_url()
    confirmed = match.first_confirmed_at if first else match.second_confirmed_at
    if match.state == Match.State.PROPOSED and confirmed is None:
        return NextStep(f"Confirm your match with {other}.", url, True)
    if program.is_pool:
        if gave_feedback:
            return None
        if program.kind == Program.Kind.COFFEE:
            text = f"Meet {other} for {program.coffee_minutes} minutes this cycle"
        else:
            text = f"Meet {other}"
        return NextStep(f"{text}, then tell us how it went.", url, True)
    if match.state == Match.State.PROPOSED:
        return NextStep(f"Waiting for {other} to confirm your match.", url, False)
    if match.mentorship is not None:
        return NextStep(
            f"Your mentorship with {other} has begun: agree a time for your intro.",
            match.mentorship.get_absolute_url(), False,
        )  # fmt: skip
    return None
